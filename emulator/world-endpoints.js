// @ts-check
'use strict';

/**
 * The list endpoints the world serves (world.js), with WDT's paging and window rules:
 *
 * - `page_no` from 0; `page_size` 1..100 (default 40, goods_query 30), else 2001;
 *   `total_count` only on page 0; a page shorter than page_size is the last.
 * - `start_time` / `end_time` as 'YYYY-MM-DD HH:MM:SS' in Beijing time select
 *   start_time <= modified <= end_time (inclusive on both ends). Both or neither; malformed, end
 *   before start, or a span over the endpoint's maximum (60 minutes for trade_query, 30 days for
 *   the others) is refused with 2001 and a Chinese message (时间跨度不能超过60分钟).
 * - Endpoints of records that change often (orders, stockouts, refunds, purchases) need a time
 *   range unless they are asked for by number (trade_no, src_tid…): else 21000003.
 * - Records sorted by (modified, key) ascending, so paging is stable while nothing changes.
 */

const { answer } = require('./codes');
const { integerParam } = require('./params');
const { wire } = require('./world');
const { parseBeijing } = require('./world-time');

/** @typedef {import('./endpoints').EndpointContext} EndpointContext */
/** @typedef {import('./endpoints').EndpointHandler} EndpointHandler */
/** @typedef {import('./params').EndpointAnswer} EndpointAnswer */
/** @typedef {Record<string, any>} Row */

/**
 * @typedef {object} ListSpec
 * @property {string} field                  the answer's list field
 * @property {(ctx: EndpointContext) => Row[]} [all]   a list without a time field (shops, warehouses)
 * @property {import('./world').ResourceName} [resource] a world table with a modified time
 * @property {number} [maxWindowSec]         the longest start_time..end_time span; absent: no time filter
 * @property {string} [windowText]           how the refusal names that span
 * @property {string[]} [byNumber]           filters that make a time range unnecessary
 * @property {number} [defaultPageSize]      default 40
 * @property {Record<string, (row: Row, value: string) => boolean>} filters
 */

const DAYS_30 = 30 * 86400;

/** @param {string} field */
const equals = (field) => (/** @type {Row} */ row, /** @type {string} */ value) =>
	String(row[field]) === value;
/** @param {string} list @param {string} field */
const anyLine = (list, field) => (/** @type {Row} */ row, /** @type {string} */ value) =>
	row[list].some((/** @type {Row} */ line) => line[field] === value);
const hasSrcTid = (/** @type {Row} */ row, /** @type {string} */ value) =>
	String(row.src_tids).split(',').includes(value);

/** @type {Record<string, ListSpec>} */
const LISTS = {
	'shop.php': {
		field: 'shoplist',
		all: (ctx) => ctx.world.shops(),
		filters: { shop_no: equals('shop_no'), platform: equals('platform_id') },
	},
	'warehouse_query.php': {
		field: 'warehouses',
		all: (ctx) => ctx.world.ensure().warehouses,
		filters: { warehouse_no: equals('warehouse_no'), type: equals('type') },
	},
	'goods_query.php': {
		field: 'goods_list',
		resource: 'goods',
		maxWindowSec: DAYS_30,
		windowText: '30天',
		byNumber: [],
		defaultPageSize: 30,
		filters: {
			goods_no: equals('goods_no'),
			spec_no: anyLine('spec_list', 'spec_no'),
			barcode: anyLine('spec_list', 'barcode'),
			class_name: equals('class_name'),
			brand_name: equals('brand_name'),
		},
	},
	'stock_query.php': {
		field: 'stocks',
		resource: 'stock',
		maxWindowSec: DAYS_30,
		windowText: '30天',
		byNumber: [],
		filters: { warehouse_no: equals('warehouse_no'), spec_no: equals('spec_no') },
	},
	'stock_query_detail.php': {
		field: 'stocks',
		resource: 'stock',
		filters: { warehouse_no: equals('warehouse_no'), spec_no: equals('spec_no') },
	},
	'trade_query.php': {
		field: 'trades',
		resource: 'trade',
		maxWindowSec: 3600,
		windowText: '60分钟',
		byNumber: ['trade_no', 'src_tid'],
		filters: {
			trade_no: equals('trade_no'),
			src_tid: hasSrcTid,
			status: equals('trade_status'),
			shop_no: equals('shop_no'),
			warehouse_no: equals('warehouse_no'),
		},
	},
	'his_trade_query.php': {
		field: 'trades',
		resource: 'trade',
		maxWindowSec: DAYS_30,
		windowText: '30天',
		byNumber: ['trade_no', 'src_tid'],
		filters: {
			trade_no: equals('trade_no'),
			src_tid: hasSrcTid,
			status: equals('trade_status'),
			shop_no: equals('shop_no'),
			warehouse_no: equals('warehouse_no'),
		},
	},
	'stockout_order_query_trade.php': {
		field: 'stockout_list',
		resource: 'stockout',
		maxWindowSec: DAYS_30,
		windowText: '30天',
		byNumber: ['stockout_no', 'src_tid'],
		filters: {
			stockout_no: equals('order_no'),
			src_tid: hasSrcTid,
			status: equals('status'),
			shop_no: equals('shop_no'),
			warehouse_no: equals('warehouse_no'),
		},
	},
	'refund_query.php': {
		field: 'refunds',
		resource: 'refund',
		maxWindowSec: DAYS_30,
		windowText: '30天',
		byNumber: ['refund_no', 'src_refund_no', 'tid'],
		filters: {
			refund_no: equals('refund_no'),
			src_refund_no: equals('src_refund_no'),
			tid: equals('tid'),
			process_status: equals('process_status'),
			shop_no: equals('shop_no'),
		},
	},
	'purchase_order_query.php': {
		field: 'purchase_list',
		resource: 'purchase',
		maxWindowSec: DAYS_30,
		windowText: '30天',
		byNumber: ['purchase_no'],
		filters: {
			purchase_no: equals('purchase_no'),
			status: equals('status'),
			warehouse_no: equals('warehouse_no'),
		},
	},
};

/**
 * The inclusive modified range asked for, null when none, or a refusal.
 * @param {Record<string, string>} params
 * @param {ListSpec} spec
 * @returns {{ start: number, end: number } | null | EndpointAnswer}
 */
function timeRange(params, spec) {
	const startText = params.start_time;
	const endText = params.end_time;
	if (!startText && !endText) {
		const byNumber = spec.byNumber ?? [];
		const required = spec.resource !== undefined && spec.maxWindowSec !== undefined;
		if (required && byNumber.length > 0 && !byNumber.some((name) => params[name])) {
			return answer('MISSING_PARAMETER', `start_time/end_time(或 ${byNumber.join('/')})`);
		}
		return null;
	}
	if (!startText) return answer('MISSING_PARAMETER', 'start_time');
	if (!endText) return answer('MISSING_PARAMETER', 'end_time');
	const start = parseBeijing(startText);
	if (start === null) {
		return answer(
			'BAD_PARAMETER',
			`start_time 格式错误,应为YYYY-MM-DD HH:MM:SS,收到 "${startText.slice(0, 40)}"`,
		);
	}
	const end = parseBeijing(endText);
	if (end === null) {
		return answer(
			'BAD_PARAMETER',
			`end_time 格式错误,应为YYYY-MM-DD HH:MM:SS,收到 "${endText.slice(0, 40)}"`,
		);
	}
	if (end < start) return answer('BAD_PARAMETER', '结束时间不能早于开始时间');
	if (spec.maxWindowSec !== undefined && end - start > spec.maxWindowSec) {
		return answer('BAD_PARAMETER', `时间跨度不能超过${spec.windowText}`);
	}
	return { start, end };
}

/**
 * @param {ListSpec} spec
 * @returns {EndpointHandler}
 */
function listHandler(spec) {
	return (params, ctx) => {
		const pageSize = integerParam(params, 'page_size', {
			min: 1,
			max: 100,
			fallback: spec.defaultPageSize ?? 40,
		});
		if (typeof pageSize !== 'number') return pageSize;
		const pageNo = integerParam(params, 'page_no', { min: 0, max: Infinity, fallback: 0 });
		if (typeof pageNo !== 'number') return pageNo;
		/** @type {Row[]} */
		let rows;
		if (spec.resource !== undefined) {
			const range = spec.maxWindowSec === undefined ? null : timeRange(params, spec);
			if (range !== null && 'code' in range) return range;
			rows = ctx.world.table(spec.resource).range(range?.start, range?.end);
		} else {
			rows = /** @type {(ctx: EndpointContext) => Row[]} */ (spec.all)(ctx);
		}
		for (const [name, test] of Object.entries(spec.filters)) {
			const value = params[name];
			if (value !== undefined && value !== '') rows = rows.filter((row) => test(row, value));
		}
		const page = rows.slice(pageNo * pageSize, (pageNo + 1) * pageSize);
		/** @type {EndpointAnswer} */
		const result = { code: 0, message: 'ok' };
		if (pageNo === 0) result.total_count = rows.length;
		result[spec.field] = page.map((row) => wire(row, ctx));
		return result;
	};
}

/** @type {Readonly<Record<string, EndpointHandler>>} */
const WORLD_ENDPOINTS = Object.freeze(
	Object.fromEntries(Object.entries(LISTS).map(([name, spec]) => [name, listHandler(spec)])),
);

module.exports = { WORLD_ENDPOINTS, LISTS };
