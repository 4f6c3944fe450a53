// @ts-check
'use strict';

/**
 * The list endpoints the world serves (world.js), with the rules of docs/wdt-contract.md:
 *
 * - `page_no` from 0; `page_size` 1..100 (default 40; shop.php and goods_query 30), else 2001;
 *   `total_count` only on page 0 (not at all from shop.php, whose page lists no such field); a page
 *   shorter than page_size is the last. Under the `pageSizeCap: 40` reading trade_query and
 *   refund_query (and their his_*) serve at most 40 rows a page, silently.
 * - `start_time` / `end_time` as 'YYYY-MM-DD HH:MM:SS' in Beijing time select an inclusive range of
 *   the endpoint's time: `modified`, except stockouts without status or with status >= 95 (ship
 *   time `consign_time`, shipped and completed only) and goods (goods_modified, and under the
 *   goodsWindow 'specs' reading any spec_modified). Both or neither; malformed, end before start,
 *   or a span over the endpoint's maximum (60 minutes for trade_query, 30 days for the others,
 *   the his_* per the hisWindow reading) is refused with 2001 and WDT's 时间跨度 text.
 * - A range is required unless the call asks by number (trade_no, src_tid…): else 21000003.
 *   goods_query needs a range, spec_no or goods_no, and ignores the range when given either.
 * - Records sorted by (time, key) ascending, so paging is stable while nothing changes.
 * - Live endpoints and their his_* serve every age, or, under archiveAfterDays N, the live ones
 *   only records modified in the last N days and the his_* only older ones.
 */

const { answer } = require('./codes');
const { integerParam, numberWriter } = require('./params');
const { parseBeijing } = require('./world-time');

/** @typedef {import('./endpoints').EndpointContext} EndpointContext */
/** @typedef {import('./endpoints').EndpointHandler} EndpointHandler */
/** @typedef {import('./params').EndpointAnswer} EndpointAnswer */
/** @typedef {Record<string, any>} Row */

/**
 * @typedef {object} ListSpec
 * @property {string} field                  the answer's list field
 * @property {'shop' | 'warehouse'} [kind]   a list without a time field (shops, warehouses)
 * @property {import('./world').ResourceName} [resource] a world table with a time field
 * @property {(ctx: EndpointContext) => number} [maxWindowSec] the longest start_time..end_time span;
 *                                           absent: the endpoint takes no range
 * @property {'required' | 'optional'} [range] a range is required unless asked by number (default
 *                                           'required' for tables with a window)
 * @property {string[]} [byNumber]           filters that make a range unnecessary
 * @property {boolean} [byNumberIgnoresRange] those filters make the range ignored (goods_query)
 * @property {number} [defaultPageSize]      default 40
 * @property {boolean} [capped]              subject to the pageSizeCap reading
 * @property {boolean} [noTotalCount]        the answer has no total_count
 * @property {'live' | 'his'} [archive]      which side of the archive the endpoint serves
 * @property {(ctx: EndpointContext, params: Record<string, string>) => EndpointAnswer | null} [precheck]
 * @property {Record<string, (row: Row, value: string) => boolean>} filters
 */

const DAYS_30 = 30 * 86400;
const MINUTES_60 = 3600;
const DAY = 86400;
/** The page size a capped endpoint serves at most under the pageSizeCap 40 reading. */
const CAPPED_PAGE = 40;

const thirtyDays = () => DAYS_30;
const sixtyMinutes = () => MINUTES_60;
/** @param {EndpointContext} ctx */
const hisWindow = (ctx) => (ctx.world.readings.hisWindow === '60m' ? MINUTES_60 : DAYS_30);

/** How WDT names a span (its refusal quotes it). @param {number} sec */
const spanText = (sec) => (sec === MINUTES_60 ? '60分钟' : `${sec / DAY}天`);

/** @param {string} field */
const equals = (field) => (/** @type {Row} */ row, /** @type {string} */ value) =>
	String(row[field]) === value;
/** @param {string} list @param {string} field */
const anyLine = (list, field) => (/** @type {Row} */ row, /** @type {string} */ value) =>
	row[list].some((/** @type {Row} */ line) => line[field] === value);
const hasSrcTid = (/** @type {Row} */ row, /** @type {string} */ value) =>
	String(row.src_tids).split(',').includes(value);
/** trade_query: status 0 means every order (docs/wdt-contract.md#trade_query). */
const tradeStatus = (/** @type {Row} */ row, /** @type {string} */ value) =>
	value === '0' || String(row.trade_status) === value;

/** trade_query and his_trade_query share their filters. */
const TRADE_FILTERS = {
	trade_no: equals('trade_no'),
	src_tid: hasSrcTid,
	status: tradeStatus,
	shop_no: equals('shop_no'),
	warehouse_no: equals('warehouse_no'),
	logistics_no: equals('logistics_no'),
};
const STOCKOUT_FILTERS = {
	stockout_no: equals('order_no'),
	src_order_no: equals('src_order_no'),
	src_tid: hasSrcTid,
	status: equals('status'),
	shop_no: equals('shop_no'),
	warehouse_no: equals('warehouse_no'),
};
const REFUND_FILTERS = {
	refund_no: equals('refund_no'),
	src_refund_no: equals('src_no'),
	trade_no: equals('sales_tid'),
	tid: equals('tid'),
	process_status: equals('process_status'),
	shop_no: equals('shop_no'),
};

/** @type {Record<string, ListSpec>} */
const LISTS = {
	'shop.php': {
		field: 'shoplist',
		kind: 'shop',
		defaultPageSize: 30,
		noTotalCount: true,
		filters: {
			shop_no: equals('shop_no'),
			platform: equals('platform_id'),
			platform_id: equals('platform_id'),
		},
	},
	'warehouse_query.php': {
		field: 'warehouses',
		kind: 'warehouse',
		filters: {
			warehouse_no: equals('warehouse_no'),
			// the request names it type, the rows warehouse_type; 0 = every type
			type: (row, value) => value === '0' || String(row.warehouse_type) === value,
		},
	},
	'goods_query.php': {
		field: 'goods_list',
		resource: 'goods',
		maxWindowSec: thirtyDays,
		byNumber: ['spec_no', 'goods_no'],
		byNumberIgnoresRange: true,
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
		maxWindowSec: thirtyDays,
		range: 'optional',
		precheck: (ctx, params) =>
			ctx.world.readings.stockQueryWithoutRange === 'refused' &&
			!params.start_time &&
			!params.end_time &&
			!params.spec_no
				? answer('MISSING_PARAMETER', 'start_time/end_time(或 spec_no)')
				: null,
		filters: { warehouse_no: equals('warehouse_no'), spec_no: equals('spec_no') },
	},
	'stock_query_detail.php': {
		field: 'stocks',
		resource: 'stock',
		maxWindowSec: thirtyDays,
		range: 'optional',
		filters: { warehouse_no: equals('warehouse_no'), spec_no: equals('spec_no') },
	},
	'trade_query.php': {
		field: 'trades',
		resource: 'trade',
		maxWindowSec: sixtyMinutes,
		byNumber: ['trade_no', 'src_tid'],
		capped: true,
		archive: 'live',
		filters: TRADE_FILTERS,
	},
	'his_trade_query.php': {
		field: 'trades',
		resource: 'trade',
		maxWindowSec: hisWindow,
		byNumber: ['trade_no', 'src_tid'],
		capped: true,
		archive: 'his',
		filters: TRADE_FILTERS,
	},
	'stockout_order_query_trade.php': {
		field: 'stockout_list',
		resource: 'stockout',
		maxWindowSec: thirtyDays,
		byNumber: ['stockout_no', 'src_order_no', 'src_tid'],
		archive: 'live',
		filters: STOCKOUT_FILTERS,
	},
	'his_stockout_order_query_trade.php': {
		field: 'stockout_list',
		resource: 'stockout',
		maxWindowSec: hisWindow,
		byNumber: ['stockout_no', 'src_order_no', 'src_tid'],
		archive: 'his',
		filters: STOCKOUT_FILTERS,
	},
	'refund_query.php': {
		field: 'refunds',
		resource: 'refund',
		maxWindowSec: thirtyDays,
		byNumber: ['refund_no', 'src_refund_no', 'trade_no', 'tid'],
		capped: true,
		archive: 'live',
		filters: REFUND_FILTERS,
	},
	'his_refund_query.php': {
		field: 'refunds',
		resource: 'refund',
		maxWindowSec: hisWindow,
		byNumber: ['refund_no', 'src_refund_no', 'trade_no', 'tid'],
		capped: true,
		archive: 'his',
		filters: REFUND_FILTERS,
	},
	'purchase_order_query.php': {
		field: 'purchase_list',
		resource: 'purchase',
		maxWindowSec: thirtyDays,
		byNumber: ['purchase_no'],
		filters: {
			purchase_no: equals('purchase_no'),
			outer_no: equals('outer_no'),
			status: equals('status'),
			warehouse_no: equals('warehouse_no'),
		},
	},
};

/**
 * The inclusive range asked for, null when none, or a refusal.
 * @param {Record<string, string>} params
 * @param {ListSpec} spec
 * @param {EndpointContext} ctx
 * @returns {{ start: number, end: number } | null | EndpointAnswer}
 */
function timeRange(params, spec, ctx) {
	const startText = params.start_time;
	const endText = params.end_time;
	const byNumber = (spec.byNumber ?? []).some((name) => params[name]);
	if (!startText && !endText) {
		if (spec.range !== 'optional' && !byNumber) {
			return answer(
				'MISSING_PARAMETER',
				`start_time/end_time${spec.byNumber?.length ? `(或 ${spec.byNumber.join('/')})` : ''}`,
			);
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
	const max = /** @type {(ctx: EndpointContext) => number} */ (spec.maxWindowSec)(ctx);
	if (end - start > max) return answer('BAD_PARAMETER', `时间跨度不能超过${spanText(max)}`);
	// goods_query: spec_no / goods_no make the range ignored (docs/wdt-contract.md#goods_query)
	if (byNumber && spec.byNumberIgnoresRange) return null;
	return { start, end };
}

/**
 * The rows of a world table a call selects before its filters: the range on the endpoint's time
 * (stockouts: ship time unless status < 95), then the archive side.
 * @param {ListSpec} spec
 * @param {EndpointContext} ctx
 * @param {{ start: number, end: number } | null} range
 * @param {Record<string, string>} params
 * @returns {Row[]}
 */
function tableRows(spec, ctx, range, params) {
	const resource = /** @type {import('./world').ResourceName} */ (spec.resource);
	const world = ctx.world;
	/** @type {Row[]} */
	let rows;
	if (resource === 'stockout' && params.status && Number(params.status) < 95) {
		// status < 95: the range is the last modification (docs/wdt-contract.md#stockout_order_query_trade)
		rows = world.table('stockout').range(range?.start, range?.end);
	} else if (resource === 'stockout' && params.status) {
		rows = world.table('stockout').rangeBy('consign_time', range?.start, range?.end);
	} else if (resource === 'stockout' && range === null) {
		// asked by number: every status
		rows = world.table('stockout').ordered();
	} else {
		rows = world.windowRows(resource, range?.start, range?.end);
	}
	const days = world.readings.archiveAfterDays;
	if (days !== null && spec.archive !== undefined) {
		const border = world.now() - days * DAY;
		rows = rows.filter((row) => (spec.archive === 'his' ? row.modified < border : row.modified >= border));
	}
	return rows;
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
		const refused = spec.precheck?.(ctx, params);
		if (refused) return refused;
		/** @type {Row[]} */
		let rows;
		if (spec.resource !== undefined) {
			const range = spec.maxWindowSec === undefined ? null : timeRange(params, spec, ctx);
			if (range !== null && 'code' in range) return range;
			rows = tableRows(spec, ctx, range, params);
		} else {
			rows = spec.kind === 'shop' ? ctx.world.shops() : ctx.world.ensure().warehouses;
		}
		for (const [name, test] of Object.entries(spec.filters)) {
			const value = params[name];
			if (value !== undefined && value !== '') rows = rows.filter((row) => test(row, value));
		}
		// pageSizeCap 40: a request of more gets 40 rows, with nothing saying so.
		const served =
			spec.capped && ctx.world.readings.pageSizeCap === CAPPED_PAGE
				? Math.min(pageSize, CAPPED_PAGE)
				: pageSize;
		const page = rows.slice(pageNo * served, (pageNo + 1) * served);
		/** @type {EndpointAnswer} */
		const result = { code: 0, message: 'ok' };
		if (pageNo === 0 && !spec.noTotalCount) result.total_count = numberWriter(ctx)(rows.length);
		const resource = spec.resource ?? spec.kind ?? 'shop';
		result[spec.field] = page.map((row) => ctx.world.present(resource, row, ctx));
		return result;
	};
}

/** @type {Readonly<Record<string, EndpointHandler>>} */
const WORLD_ENDPOINTS = Object.freeze(
	Object.fromEntries(Object.entries(LISTS).map(([name, spec]) => [name, listHandler(spec)])),
);

module.exports = { WORLD_ENDPOINTS, LISTS };
