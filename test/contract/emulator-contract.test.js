// @ts-check
'use strict';

/**
 * The emulator checked against docs/wdt-contract.md, independently of the nodes: the facts below
 * are written from the contract (not taken from nodes/Wdt/protocol/catalogue.ts), and every list
 * endpoint's answers are checked under the default readings and under each other reading of the
 * assumed facts (emulator/readings.js), one switch at a time.
 */

const { startEmulator } = require('../../emulator');
const { DEFAULT_READINGS, CHOICES } = require('../../emulator/readings');
const { parseBeijing, formatBeijing } = require('../../emulator/world-time');
const { call } = require('../emulator/support');

const ANCHOR = '2026-11-28 12:00:00'; // Beijing time
const ANCHOR_SEC = /** @type {number} */ (parseBeijing(ANCHOR));
const DAY = 86400;
const BEIJING_TIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;

/** The last 30 days (the longest window of the 30-day endpoints), ending at the anchor. */
const MONTH = { start_time: formatBeijing(ANCHOR_SEC - 30 * DAY), end_time: ANCHOR };

/**
 * What the contract says of each list endpoint's answer (docs/wdt-contract.md, per section).
 * @typedef {object} ListFacts
 * @property {string} list                 the list field
 * @property {string[]} identity           the record's identity (unique, never empty)
 * @property {string[]} required           fields every record carries
 * @property {string[]} [absent]           fields the contract says records do not carry
 * @property {string} [time]               the field a range selects on
 * @property {string[]} [ints]             integer fields (strings or numbers, per numbersAsStrings)
 * @property {{ field: string, required: string[], absent?: string[] }} [lines]
 * @property {boolean} [noTotalCount]      the answer has no total_count
 * @property {number} [minStatus]          without status, only records of at least this status
 * @property {number[]} [statuses]         the documented values of `status`/`process_status`
 * @property {'month' | 'hour' | 'none'} range
 */

/** @type {Record<string, ListFacts>} */
const CONTRACT = {
	// #shop
	'shop.php': {
		list: 'shoplist',
		identity: ['shop_id'],
		required: ['shop_id', 'shop_no', 'shop_name', 'platform_id', 'province', 'city', 'district'],
		ints: ['province', 'city', 'district'],
		noTotalCount: true,
		range: 'none',
	},
	// #warehouse_query
	'warehouse_query.php': {
		list: 'warehouses',
		identity: ['warehouse_no'],
		required: ['warehouse_no', 'name', 'warehouse_type'],
		absent: ['type'],
		ints: ['warehouse_type'],
		range: 'none',
	},
	// #goods_query
	'goods_query.php': {
		list: 'goods_list',
		identity: ['goods_id'],
		required: ['goods_id', 'goods_no', 'goods_name', 'goods_modified', 'goods_created', 'spec_list'],
		absent: ['modified', 'created'],
		time: 'goods_modified',
		lines: {
			field: 'spec_list',
			required: ['spec_id', 'spec_no', 'spec_modified', 'spec_created'],
			absent: ['modified', 'created'],
		},
		range: 'month',
	},
	// #stock_query
	'stock_query.php': {
		list: 'stocks',
		identity: ['spec_no', 'warehouse_no'],
		required: ['spec_no', 'warehouse_no', 'stock_num', 'modified'],
		time: 'modified',
		range: 'month',
	},
	// #stock_query_detail
	'stock_query_detail.php': {
		list: 'stocks',
		identity: ['spec_no', 'warehouse_no'],
		required: ['spec_no', 'warehouse_no', 'stock_num', 'modified'],
		range: 'none',
	},
	// #trade_query
	'trade_query.php': {
		list: 'trades',
		identity: ['trade_id'],
		required: ['trade_id', 'trade_no', 'trade_status', 'src_tids', 'shop_no', 'goods_list', 'modified'],
		ints: ['trade_status', 'receiver_province', 'receiver_city', 'receiver_district'],
		time: 'modified',
		lines: { field: 'goods_list', required: ['spec_no', 'num'] },
		range: 'hour',
	},
	// #his_trade_query
	'his_trade_query.php': {
		list: 'trades',
		identity: ['trade_id'],
		required: ['trade_id', 'trade_no', 'trade_status', 'src_tids', 'goods_list', 'modified'],
		ints: ['trade_status', 'receiver_province', 'receiver_city', 'receiver_district'],
		time: 'modified',
		range: 'month',
	},
	// #stockout_order_query_trade
	'stockout_order_query_trade.php': {
		list: 'stockout_list',
		identity: ['stockout_id'],
		required: ['stockout_id', 'order_no', 'status', 'consign_time', 'details_list', 'modified'],
		time: 'consign_time',
		minStatus: 95,
		statuses: [5, 55, 95, 105, 110, 113],
		range: 'month',
	},
	// #his_stockout_order_query_trade
	'his_stockout_order_query_trade.php': {
		list: 'stockout_list',
		identity: ['stockout_id'],
		required: ['stockout_id', 'order_no', 'status', 'consign_time', 'details_list'],
		time: 'consign_time',
		minStatus: 95,
		range: 'month',
	},
	// #refund_query
	'refund_query.php': {
		list: 'refunds',
		identity: ['refund_id'],
		required: [
			'refund_id',
			'refund_no',
			'src_no',
			'tid',
			'sales_tid',
			'process_status',
			'type',
			'refund_order_list',
			'refund_out_goods_list',
			'modified',
		],
		absent: ['goods_list'],
		ints: ['process_status', 'type'],
		time: 'modified',
		lines: {
			field: 'refund_order_list',
			required: ['oid', 'tid', 'src_no', 'sales_tid', 'process_status', 'refund_num', 'spec_no'],
		},
		statuses: [5, 10, 20, 30, 40, 50, 60, 63, 64, 65, 69, 70, 71, 80, 90],
		range: 'month',
	},
	// #his_refund_query
	'his_refund_query.php': {
		list: 'refunds',
		identity: ['refund_id'],
		required: ['refund_id', 'refund_no', 'src_no', 'sales_tid', 'process_status', 'refund_order_list'],
		absent: ['goods_list'],
		time: 'modified',
		range: 'month',
	},
	// #purchase_order_query
	'purchase_order_query.php': {
		list: 'purchase_list',
		identity: ['purchase_id'],
		required: ['purchase_no', 'status', 'details_list', 'modified'],
		time: 'modified',
		range: 'month',
	},
};

/** A flash-sale hour: trade_query needs a one-hour window (#trade_query). */
function busyHour(/** @type {import('../../emulator').Emulator} */ emu) {
	/** @type {Record<string, number>} */
	const perHour = {};
	for (const trade of emu.world.records('trade')) {
		const hour = String(trade.modified).slice(0, 13);
		perHour[hour] = (perHour[hour] ?? 0) + 1;
	}
	const [hour] = Object.entries(perHour).sort((a, b) => b[1] - a[1])[0];
	return { start_time: `${hour}:00:00`, end_time: `${hour}:59:59` };
}

/**
 * An emulator with its clock pinned at the anchor.
 * @param {Record<string, unknown>} [options]
 */
function pinned(options = {}) {
	return startEmulator({ world: { anchor: ANCHOR }, now: () => ANCHOR_SEC, ...options });
}

/**
 * A signed call at the emulator's own clock.
 * @param {import('../../emulator').Emulator} emu
 * @param {string} endpoint
 * @param {Record<string, string>} params
 */
async function ask(emu, endpoint, params) {
	const res = await call(emu, endpoint, params, { timestamp: emu.clock() });
	return res.json;
}

/**
 * Every page of a list call and page 0's answer.
 * @param {import('../../emulator').Emulator} emu
 * @param {string} endpoint
 * @param {ListFacts} facts
 * @param {Record<string, string>} params
 * @param {number} [pageSize] default 100
 */
async function readAll(emu, endpoint, facts, params, pageSize = 100) {
	/** @type {any[]} */
	const records = [];
	/** @type {any} */
	let first;
	for (let pageNo = 0; pageNo < 100; pageNo++) {
		const page = await ask(emu, endpoint, { ...params, page_size: String(pageSize), page_no: String(pageNo) });
		expect([endpoint, page.code]).toEqual([endpoint, 0]);
		if (pageNo === 0) first = page;
		records.push(...page[facts.list]);
		if (page[facts.list].length < pageSize) break;
	}
	return { first, records };
}

/**
 * The contract's problems with one endpoint's answers under the emulator's readings (none: []).
 * @param {import('../../emulator').Emulator} emu
 * @param {string} endpoint
 * @param {import('../../emulator/readings').Readings & { numbersAsStrings: boolean }} readings
 */
async function problemsOf(emu, endpoint, readings) {
	const facts = CONTRACT[endpoint];
	const his = endpoint.startsWith('his_');
	/** @type {Record<string, string>} */
	const params =
		facts.range === 'none'
			? {}
			: facts.range === 'hour' || (his && readings.hisWindow === '60m')
				? busyHour(emu)
				: MONTH;
	// Under the pageSizeCap 40 reading a client asking 100 would stop at the first page of 40:
	// the shape is read with pages of 40 (the pageSizeCap test shows the silent cap itself).
	const { first, records } = await readAll(emu, endpoint, facts, params, readings.pageSizeCap === 40 ? 40 : 100);
	/** @type {string[]} */
	const problems = [];
	const say = (/** @type {string} */ text) => problems.push(`${endpoint}: ${text}`);
	if (typeof first.message !== 'string') say('message is not a string');
	if (facts.noTotalCount) {
		if ('total_count' in first) say('has total_count');
	} else {
		const total = first.total_count;
		const expected = readings.numbersAsStrings ? String(records.length) : records.length;
		if (total !== expected) say(`total_count ${JSON.stringify(total)} for ${records.length} records`);
	}
	const keyless = endpoint.startsWith('stock_query') && readings.keylessStockRows;
	const noWarehouseId = endpoint === 'warehouse_query.php' && readings.warehouseRowsWithoutId;
	const range =
		'start_time' in params
			? { start: String(params.start_time), end: String(params.end_time) }
			: undefined;
	/** @type {Set<string>} */
	const identities = new Set();
	for (const record of records) {
		const name = facts.identity.map((field) => record[field]).join('+');
		for (const field of facts.required) if (!(field in record)) say(`${name} has no ${field}`);
		for (const field of facts.absent ?? []) if (field in record) say(`${name} has ${field}`);
		const identity = facts.identity.map((field) => String(record[field] ?? ''));
		if (identity.some((part) => part === '')) say(`a record without ${facts.identity.join(' + ')}`);
		const joined = identity.join('\u0000');
		if (identities.has(joined)) say(`${name} twice`);
		identities.add(joined);
		for (const [field, value] of Object.entries(record)) {
			if (field.endsWith('_id') && !/^\d+$/.test(String(value))) say(`${name}.${field} ${value} is not an id`);
		}
		for (const field of facts.ints ?? []) {
			const value = record[field];
			const ok = readings.numbersAsStrings
				? typeof value === 'string' && /^-?\d+$/.test(value)
				: Number.isInteger(value);
			if (!ok) say(`${name}.${field} ${JSON.stringify(value)}`);
		}
		if (facts.time) {
			const time = record[facts.time];
			if (!BEIJING_TIME.test(String(time))) say(`${name}.${facts.time} ${time}`);
			else if (range && (time < range.start || time > range.end)) say(`${name}.${facts.time} ${time} outside the range`);
		}
		if (facts.minStatus !== undefined && Number(record.status) < facts.minStatus) say(`${name} status ${record.status}`);
		const status = record.process_status ?? record.status;
		if (facts.statuses && !facts.statuses.includes(Number(status))) say(`${name} status ${status}`);
		if (facts.lines) {
			for (const line of record[facts.lines.field]) {
				for (const field of facts.lines.required) if (!(field in line)) say(`${name} line has no ${field}`);
				for (const field of facts.lines.absent ?? []) if (field in line) say(`${name} line has ${field}`);
			}
		}
		if (endpoint.startsWith('stock_query') && ('rec_id' in record) === keyless) {
			say(`${name} ${keyless ? 'has' : 'has no'} rec_id`);
		}
		if (endpoint === 'warehouse_query.php' && ('warehouse_id' in record) === noWarehouseId) {
			say(`${name} ${noWarehouseId ? 'has' : 'has no'} warehouse_id`);
		}
	}
	// Something to check: the live endpoints hold records of the range (archiving can empty them).
	if (!his && readings.archiveAfterDays === null && records.length === 0) say('no records');
	return problems;
}

/** Every switch's other values, one at a time (the defaults first). */
const READINGS = [
	['defaults', {}],
	...Object.entries(CHOICES).flatMap(([name, values]) =>
		values
			.filter((value) => value !== /** @type {Record<string, unknown>} */ (DEFAULT_READINGS)[name])
			.map((value) => [`${name}: ${JSON.stringify(value)}`, { [name]: value }]),
	),
	['archiveAfterDays: 10', { archiveAfterDays: 10 }],
	['numbersAsStrings: false', { numbersAsStrings: false }],
];

describe.each(READINGS)('list answers follow the contract under %s', (_label, options) => {
	/** @type {import('../../emulator').Emulator} */
	let emu;
	beforeAll(async () => {
		emu = await pinned(/** @type {Record<string, unknown>} */ (options));
	});
	afterAll(async () => {
		await emu.stop();
	});

	test.each(Object.keys(CONTRACT))('%s', async (endpoint) => {
		const readings = { ...DEFAULT_READINGS, numbersAsStrings: true, .../** @type {any} */ (options) };
		expect(await problemsOf(emu, endpoint, readings)).toEqual([]);
	});
});

describe('confirmed facts, one by one', () => {
	/** @type {import('../../emulator').Emulator} */
	let emu;
	beforeAll(async () => {
		emu = await pinned();
	});
	afterAll(async () => {
		await emu.stop();
	});

	test('#trade_query: status 0 is every order, as the status left out', async () => {
		const hour = busyHour(emu);
		const all = await ask(emu, 'trade_query.php', { ...hour, page_size: '100' });
		const zero = await ask(emu, 'trade_query.php', { ...hour, page_size: '100', status: '0' });
		expect(all.trades.length).toBeGreaterThan(0);
		expect(zero).toEqual(all);
	});

	test('#trade_query: a window over 60 minutes is refused with the 时间跨度 text', async () => {
		const res = await ask(emu, 'trade_query.php', { start_time: '2026-11-28 10:00:00', end_time: '2026-11-28 11:00:01' });
		expect(res.code).not.toBe(0);
		expect(res.message).toMatch(/时间跨度.*超过/);
	});

	test('#goods_query: no range needs spec_no or goods_no; spec_no makes any range ignored', async () => {
		const none = await ask(emu, 'goods_query.php', {});
		expect(none.code).toBe(21000003);
		const [goods] = emu.world.records('goods');
		const specNo = goods.spec_list[0].spec_no;
		const bySpec = await ask(emu, 'goods_query.php', { spec_no: specNo });
		expect(bySpec.goods_list.map((/** @type {any} */ g) => g.goods_id)).toEqual([goods.goods_id]);
		const farRange = { start_time: '2020-01-01 00:00:00', end_time: '2020-01-02 00:00:00' };
		expect((await ask(emu, 'goods_query.php', { ...farRange, spec_no: specNo })).goods_list).toEqual(bySpec.goods_list);
		expect((await ask(emu, 'goods_query.php', farRange)).goods_list).toEqual([]);
	});

	test('#stockout_order_query_trade: an edit of a shipped stockout moves modified, not the ship time: only a status below 95 sees it by the edit time', async () => {
		const [stockout] = emu.world.records('stockout', { start: '2026-11-20 00:00:00', end: '2026-11-21 00:00:00' });
		const edited = emu.world.touchStockout(stockout.stockout_id, '2026-11-28 11:00:00', { status: 55 });
		const around = { start_time: '2026-11-28 10:59:00', end_time: '2026-11-28 11:01:00' };
		const ids = async (/** @type {Record<string, string>} */ params) =>
			(await ask(emu, 'stockout_order_query_trade.php', { ...params, page_size: '100' })).stockout_list.map(
				(/** @type {any} */ s) => s.stockout_id,
			);
		expect(await ids(around)).not.toContain(edited.stockout_id);
		expect(await ids({ ...around, status: '55' })).toEqual([edited.stockout_id]);
		const shipDay = { start_time: stockout.consign_time, end_time: stockout.consign_time };
		expect(await ids({ ...shipDay, status: '55' })).toEqual([]);
		// back to shipped: the ship time finds it again, the edit time without status does not
		emu.world.touchStockout(stockout.stockout_id, '2026-11-28 11:00:00', { status: 95 });
		expect(await ids(shipDay)).toContain(stockout.stockout_id);
		expect(await ids(around)).not.toContain(stockout.stockout_id);
	});

	test('#refund_query: a new refund waits for review (20); 10 is cancelled; lines in refund_order_list', async () => {
		const refund = emu.world.addRefund({}, '2026-11-28 11:30:00');
		expect(refund.process_status).toBe('20');
		const cancelled = emu.world.touchRefund(refund.refund_id, '2026-11-28 11:40:00', { process_status: 10 });
		const listed = await ask(emu, 'refund_query.php', {
			start_time: '2026-11-28 11:40:00',
			end_time: '2026-11-28 11:40:00',
			process_status: '10',
		});
		expect(listed.refunds).toEqual([cancelled]);
		expect(cancelled.refund_order_list.length).toBeGreaterThan(0);
		for (const line of cancelled.refund_order_list) {
			expect(line).toMatchObject({ src_no: cancelled.src_no, sales_tid: cancelled.sales_tid, tid: cancelled.tid });
		}
		const byTradeNo = await ask(emu, 'refund_query.php', { trade_no: cancelled.sales_tid });
		expect(byTradeNo.refunds.map((/** @type {any} */ r) => r.refund_id)).toContain(cancelled.refund_id);
	});

	test('#shop: page size 30 by default', async () => {
		const many = await pinned({ pool: { shops: Array.from({ length: 34 }, (_, i) => `s${i}`), perShop: 1 } });
		try {
			const page = await ask(many, 'shop.php', {});
			expect(page.shoplist).toHaveLength(30);
			expect((await ask(many, 'shop.php', { page_no: '1' })).shoplist).toHaveLength(5); // 34 + the platform shop
		} finally {
			await many.stop();
		}
	});
});

describe('assumed facts: each reading', () => {
	test('hisWindow: 30 days, or 60 minutes — a longer window refused with the 时间跨度 text', async () => {
		for (const [hisWindow, ok, refused] of /** @type {const} */ ([
			['30d', MONTH, { start_time: formatBeijing(ANCHOR_SEC - 31 * DAY), end_time: ANCHOR }],
			['60m', { start_time: '2026-11-28 10:00:00', end_time: '2026-11-28 11:00:00' }, MONTH],
		])) {
			const emu = await pinned({ hisWindow });
			try {
				for (const endpoint of ['his_trade_query.php', 'his_stockout_order_query_trade.php', 'his_refund_query.php']) {
					expect([hisWindow, endpoint, (await ask(emu, endpoint, ok)).code]).toEqual([hisWindow, endpoint, 0]);
					const no = await ask(emu, endpoint, refused);
					expect([hisWindow, endpoint, no.code]).toEqual([hisWindow, endpoint, 2001]);
					expect(no.message).toMatch(/时间跨度.*超过/);
				}
			} finally {
				await emu.stop();
			}
		}
	});

	test('archiveAfterDays: the live endpoint and its his_* split the records at the border, together all of them', async () => {
		const archived = await pinned({ archiveAfterDays: 10 });
		const whole = await pinned();
		try {
			const border = formatBeijing(ANCHOR_SEC - 10 * DAY);
			for (const [live, his, list, key] of [
				['stockout_order_query_trade.php', 'his_stockout_order_query_trade.php', 'stockout_list', 'stockout_id'],
				['refund_query.php', 'his_refund_query.php', 'refunds', 'refund_id'],
			]) {
				const facts = CONTRACT[live];
				const recent = (await readAll(archived, live, facts, MONTH)).records;
				const old = (await readAll(archived, his, facts, MONTH)).records;
				const all = (await readAll(whole, live, facts, MONTH)).records;
				expect(recent.length).toBeGreaterThan(0);
				expect(old.length).toBeGreaterThan(0);
				expect(recent.every((/** @type {any} */ r) => r.modified >= border)).toBe(true);
				expect(old.every((/** @type {any} */ r) => r.modified < border)).toBe(true);
				const ids = (/** @type {any[]} */ rs) => rs.map((r) => r[key]).sort();
				expect(ids([...recent, ...old])).toEqual(ids(all));
				// without archiving the his_* serve every age too
				expect(ids((await readAll(whole, his, facts, MONTH)).records)).toEqual(ids(all));
				expect(list in (await ask(whole, his, MONTH))).toBe(true);
			}
		} finally {
			await archived.stop();
			await whole.stop();
		}
	});

	test('goodsWindow: a spec change moves goods_modified ("goods"), or only spec_modified ("specs"), and the window still finds it', async () => {
		for (const goodsWindow of /** @type {const} */ (['goods', 'specs'])) {
			const emu = await pinned({ goodsWindow });
			try {
				const [goods] = emu.world.records('goods');
				const at = '2026-11-28 11:55:00';
				const changed = emu.world.touchSpec(goods.spec_list[0].spec_no, at, { barcode: '6900000000001' });
				expect(changed.spec_list[0].spec_modified).toBe(at);
				expect(changed.goods_modified === at).toBe(goodsWindow === 'goods');
				const found = await ask(emu, 'goods_query.php', { start_time: at, end_time: at });
				expect(found.goods_list.map((/** @type {any} */ g) => g.goods_id)).toContain(goods.goods_id);
			} finally {
				await emu.stop();
			}
		}
	});

	test('pageSizeCap: 100 (101 refused), or 40 rows a page served silently to a request of 100', async () => {
		for (const pageSizeCap of /** @type {const} */ ([100, 40])) {
			const emu = await pinned({ pageSizeCap });
			try {
				const hour = busyHour(emu);
				const page = await ask(emu, 'trade_query.php', { ...hour, page_size: '100' });
				expect(Number(page.total_count)).toBeGreaterThan(100);
				expect(page.trades).toHaveLength(pageSizeCap);
				expect((await ask(emu, 'trade_query.php', { ...hour, page_size: '101' })).code).toBe(2001);
			} finally {
				await emu.stop();
			}
		}
	});

	test('stockQueryWithoutRange: every row, or refused (21000003) without range and spec_no', async () => {
		for (const [reading, code] of /** @type {const} */ ([['all', 0], ['refused', 21000003]])) {
			const emu = await pinned({ stockQueryWithoutRange: reading });
			try {
				expect((await ask(emu, 'stock_query.php', {})).code).toBe(code);
				const [row] = emu.world.records('stock');
				expect((await ask(emu, 'stock_query.php', { spec_no: String(row.spec_no) })).code).toBe(0);
			} finally {
				await emu.stop();
			}
		}
	});
});
