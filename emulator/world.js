// @ts-check
'use strict';

/**
 * The emulator's ERP world behind the list endpoints (world-endpoints.js): shops, warehouses,
 * goods with their specs, stock per spec × warehouse, orders (trades) with their lines, sales
 * stockouts, refunds and purchase orders — one consistent picture, deterministic from the seed
 * and the anchor time (the world's "now" when it was made).
 *
 * It uses the stock pool's shops and SKUs (goods_no / spec_no / names) and the demo warehouses,
 * and adds what the stock-sync pool cannot hold: a platform shop (天猫), a third-party warehouse
 * and a gift goods item, each with a 19-digit id. Of the generated keys, about one in seven is
 * a 19-digit id as well.
 *
 * Records are kept with times as Unix seconds and ids as decimal strings; `wire()` turns one into
 * what the gateway writes. Tests change the world with `add()` / `update()` (and the aliases
 * addTrade, touchTrade, setStock…) at a moment of their choice.
 */

const { createRandom } = require('./prng');
const { WAREHOUSES, BRANDS, PRODUCT_LINES } = require('./demo-data');
const { JsonNumber } = require('./lossless-json');
const { WorldTable, compareIds } = require('./world-table');
const { IdSequence } = require('./world-ids');
const { formatBeijing, toUnixSeconds } = require('./world-time');
const { DEFAULT_READINGS } = require('./readings');

/** @typedef {import('./pool').StockPool} StockPool */
/** @typedef {import('./prng').Random} Random */
/** @typedef {import('./world-table').WorldRecord} WorldRecord */

/**
 * @typedef {object} WorldOptions
 * @property {number | string} [seed]     default 1
 * @property {number | Date | string} [anchor] the world's "now" when made: records span
 *                                        [anchor − days, anchor] (default: the emulator clock at start)
 * @property {number} [days]              history length (default 30)
 * @property {number} [ordersPerDay]      trades spread evenly at random (default 48)
 * @property {number} [busyHours]         flash sales: 20-minute bursts of 150–300 trades, so that
 *                                        some one-hour windows need several pages (default 3)
 * @property {number} [purchasesPerDay]   default 3
 * @property {import('./pool').StockPool} [pool] whose shops and SKUs the world uses (default: the emulator's)
 */

/**
 * A shop as shop.php lists it (area ids and names as cuifan53/wdt-sdk's model, docs/wdt-contract.md#shop).
 * @typedef {{ shop_id: string, shop_no: string, shop_name: string, platform_id: number, sub_platform_id: number, platform_name: string, is_disabled: number, province: number, city: number, district: number, province_name: string, city_name: string, district_name: string }} WorldShop
 */

/** The world's resources with a time field: name → key field. */
const RESOURCE_KEYS = Object.freeze({
	goods: 'goods_id',
	stock: 'rec_id',
	trade: 'trade_id',
	stockout: 'stockout_id',
	refund: 'refund_id',
	purchase: 'purchase_id',
});

/** @typedef {keyof typeof RESOURCE_KEYS} ResourceName */

/** Fields held as Unix seconds and written as Beijing time. */
const TIME_FIELDS = new Set([
	'modified',
	'created',
	'goods_modified',
	'goods_created',
	'spec_modified',
	'spec_created',
	'refund_time',
	'trade_time',
	'pay_time',
	'consign_time',
	'check_time',
]);

/** Fields held as decimal text with 4 places, as WDT writes money and weights. */
const DECIMAL_FIELDS = new Set([
	'price',
	'retail_price',
	'market_price',
	'weight',
	'order_price',
	'share_amount',
	'goods_amount',
	'post_amount',
	'paid',
	'sell_price',
	'refund_amount',
	'total_amount',
	'actual_refund_amount',
	'order_num',
	'refund_num',
	'original_price',
	'discount',
	'refund_order_amount',
]);

/** A platform shop: sells through the ERP but takes no part in stock sync (not in the pool). */
const PLATFORM_SHOP = Object.freeze({
	shop_no: 'tmall-01',
	shop_name: '暖阳天猫旗舰店',
	platform_id: 1,
	platform_name: '天猫',
});

const THIRD_PARTY_WAREHOUSE = Object.freeze({
	warehouse_no: 'WH-3PL01',
	name: '嘉定云仓(第三方)',
	warehouse_type: 1,
	province: '上海市',
	city: '上海市',
	district: '嘉定区',
	is_disabled: 0,
});

const GIFT_GOODS = Object.freeze({
	goods_no: 'GD-GIFT01',
	goods_name: '暖阳节日礼盒 限定款',
	specs: ['红色款', '金色款'],
});

const RECEIVERS = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄婷', '周杰', '吴霞'];
const PLACES = [
	['浙江省', '杭州市', '西湖区'],
	['广东省', '深圳市', '南山区'],
	['北京市', '北京市', '朝阳区'],
	['上海市', '上海市', '浦东新区'],
	['四川省', '成都市', '武侯区'],
	['江苏省', '南京市', '鼓楼区'],
	['湖北省', '武汉市', '洪山区'],
];
/** The area ids (GB/T 2260) of PLACES: orders carry receiver_province/city/district as these integers. */
const PLACE_CODES = [
	[330000, 330100, 330106],
	[440000, 440300, 440305],
	[110000, 110100, 110105],
	[310000, 310100, 310115],
	[510000, 510100, 510107],
	[320000, 320100, 320106],
	[420000, 420100, 420111],
];

/**
 * The area ids of a province / city / district named as PLACES names them (0 when unknown, as an
 * address WDT's area list does not hold).
 * @param {string} province
 * @param {string} city
 * @param {string} district
 */
function areaCodes(province, city, district) {
	const i = PLACES.findIndex((p) => p[0] === province && p[1] === city && p[2] === district);
	if (i >= 0) return PLACE_CODES[i];
	const j = PLACES.findIndex((p) => p[0] === province);
	return [j >= 0 ? PLACE_CODES[j][0] : 0, 0, 0];
}
const REFUND_REASONS = ['七天无理由退换货', '尺码不合适', '商品破损', '发错货', '不想要了'];
const PROVIDERS = ['杭州织造有限公司', '广州美妆供应链', '五常米业合作社', '深圳数码配件厂'];
const LOGISTICS = ['顺丰速运', '中通快递', '圆通速递', '京东物流'];

/** Trade statuses (trade_status) the world uses, with the Chinese terms (docs/wdt-contract.md#trade_query). */
const TRADE_STATUS = Object.freeze({
	CANCELLED: 5, // 已取消
	WAITING_CHECK: 30, // 待客审
	CHECKED: 55, // 已审核
	SHIPPED: 95, // 已发货
	DONE: 110, // 已完成
});

const HOUR = 3600;
const DAY = 86400;

/** How World.records() / get() write a record: as a client sees it without recIdAsNumber. */
const CLIENT_VIEW = Object.freeze({ recIdAsNumber: false, numbersAsStrings: true });

/**
 * Refund processing statuses (process_status) the world uses (docs/wdt-contract.md#refund_query):
 * 10 is cancelled, a new refund waits for review (20).
 */
const REFUND_STATUS = Object.freeze({
	CANCELLED: 10, // 已取消
	WAITING_REVIEW: 20, // 待审核
	WAITING_GOODS: 60, // 待收货
	DONE: 90, // 已完成
});

/**
 * A shop's area: the nth of PLACES, as ids and names (shop.php rows carry both).
 * @param {number} n
 */
function shopArea(n) {
	const place = PLACES[n % PLACES.length];
	const codes = PLACE_CODES[n % PLACES.length];
	return {
		province: codes[0],
		city: codes[1],
		district: codes[2],
		province_name: place[0],
		city_name: place[1],
		district_name: place[2],
	};
}

/** @param {number} n */
const money = (n) => n.toFixed(4);

/**
 * @typedef {object} Sku
 * @property {string} goods_id
 * @property {string} goods_no
 * @property {string} goods_name
 * @property {string} spec_id
 * @property {string} spec_no
 * @property {string} spec_name
 * @property {number} price
 */

class World {
	/**
	 * @param {WorldOptions & { pool?: StockPool, clock?: () => number }} [options]
	 */
	constructor(options = {}) {
		this.seed = options.seed ?? 1;
		this.clock = options.clock ?? (() => Math.floor(Date.now() / 1000));
		this.anchor = toUnixSeconds(options.anchor ?? this.clock());
		this.days = options.days ?? 30;
		this.ordersPerDay = options.ordersPerDay ?? 48;
		this.busyHours = options.busyHours ?? 3;
		this.purchasesPerDay = options.purchasesPerDay ?? 3;
		this.pool = options.pool;
		/** @type {Record<ResourceName, WorldTable>} */
		this.tables = /** @type {any} */ (
			Object.fromEntries(
				Object.entries(RESOURCE_KEYS).map(([name, key]) => [name, new WorldTable(key)]),
			)
		);
		this.random = createRandom(`${this.seed}/world`);
		/** @param {string} name @param {number} first @param {bigint} bigFirst */
		const sequence = (name, first, bigFirst) =>
			new IdSequence({
				first,
				bigFirst,
				bigEvery: 7,
				random: createRandom(`${this.seed}/${name}`),
			});
		this.ids = {
			shop: sequence('shop', 9001, 1152921504606847001n),
			warehouse: sequence('warehouse', 101, 1152921504606848001n),
			goods: sequence('goods', 900001, 2305843009213694001n),
			spec: sequence('spec', 950001, 2305843009213695001n),
			stock: sequence('stock', 1000001, 2305843009213696001n),
			trade: sequence('trade', 3000001, 4611686018427388001n),
			line: sequence('line', 8000001, 4611686018427389001n),
			stockout: sequence('stockout', 5000001, 4611686018427390001n),
			refund: sequence('refund', 6000001, 4611686018427391001n),
			purchase: sequence('purchase', 7000001, 4611686018427392001n),
		};
		this.addRandom = createRandom(`${this.seed}/world-add`);
		/** @type {WorldShop[]} */
		this.extraShops = [
			{
				shop_id: this.ids.shop.big(),
				...PLATFORM_SHOP,
				sub_platform_id: 0,
				is_disabled: 0,
				...shopArea(0),
			},
		];
		/** warehouse_query rows carry warehouse_type, not type (docs/wdt-contract.md#warehouse_query) */
		/** @type {Array<Record<string, any>>} */
		this.warehouses = [
			...WAREHOUSES.map(({ type, ...w }) => ({
				...w,
				warehouse_id: String(w.warehouse_id),
				warehouse_type: type,
			})),
			{ warehouse_id: this.ids.warehouse.big(), ...THIRD_PARTY_WAREHOUSE },
		];
		/** the readings of the contract's assumed facts (set by startEmulator; emulator/readings.js) */
		/** @type {import('./readings').Readings} */
		this.readings = { ...DEFAULT_READINGS };
		/** @type {Sku[]} */
		this.skus = [];
		this.built = false;
		/** the pushed orders (set by startEmulator) @type {import('./erp-orders').ErpOrders | null} */
		this.erpOrders = null;
	}

	/** Build the seeded records on first use (most emulators never serve the world). */
	ensure() {
		if (this.built) return this;
		this.built = true;
		const random = this.random;
		this.seedGoods(random);
		this.seedStock(random);
		this.seedTrades(random);
		this.seedPurchases(random);
		return this;
	}

	/** The world's clock now (the emulator clock), Unix seconds. */
	now() {
		return Math.floor(this.clock());
	}

	// ---- reading ----------------------------------------------------------------------------

	/**
	 * Shops: the pool's (live) and the platform shop, as records with string ids.
	 * @returns {WorldShop[]}
	 */
	shops() {
		this.ensure();
		const poolShops = this.pool ? [...this.pool.shops.values()] : [];
		return [
			...poolShops.map((s, i) => ({
				shop_id: String(s.shop_id),
				shop_no: s.shop_no,
				shop_name: s.shop_name,
				platform_id: s.platform_id,
				sub_platform_id: 0,
				platform_name: s.platform_name,
				is_disabled: s.disabled ? 1 : 0,
				...shopArea(i + 1),
			})),
			...this.extraShops,
		];
	}

	/** @param {ResourceName} resource */
	table(resource) {
		this.ensure();
		const table = this.tables[resource];
		if (!table) throw new Error(`no resource ${resource} (one of ${Object.keys(RESOURCE_KEYS)})`);
		return table;
	}

	/**
	 * Records of a resource in WDT's order as its endpoint selects them without filters, optionally
	 * within a time range, as the gateway writes them with ids as strings (what a client sees
	 * without recIdAsNumber): stockouts by ship time (shipped and completed only), goods by the
	 * goodsWindow reading, the others by modified (docs/wdt-contract.md).
	 * @param {ResourceName} resource
	 * @param {{ start?: number | Date | string, end?: number | Date | string }} [range]
	 */
	records(resource, range = {}) {
		const rows = this.windowRows(
			resource,
			range.start === undefined ? undefined : toUnixSeconds(range.start),
			range.end === undefined ? undefined : toUnixSeconds(range.end),
		);
		return rows.map((row) => this.present(resource, row, CLIENT_VIEW));
	}

	/**
	 * The rows a range selects when no status is asked for (the endpoints' default semantics).
	 * @param {ResourceName} resource
	 * @param {number} [start]
	 * @param {number} [end]
	 */
	windowRows(resource, start, end) {
		const table = this.table(resource);
		if (resource === 'stockout') {
			// Without status: the ship time, shipped and completed only (docs/wdt-contract.md#stockout_order_query_trade).
			return table.rangeBy('consign_time', start, end).filter((row) => row.status >= 95);
		}
		if (resource === 'goods' && this.readings.goodsWindow === 'specs') {
			// A spec change moves only spec_modified: a goods is in a window when any of its times is.
			const within = (/** @type {number} */ t) =>
				(start === undefined || t >= start) && (end === undefined || t <= end);
			const latest = (/** @type {WorldRecord} */ row) =>
				Math.max(row.modified, ...row.spec_list.map((/** @type {WorldRecord} */ s) => s.modified));
			const key = table.key;
			return table
				.ordered()
				.filter(
					(row) =>
						within(row.modified) ||
						row.spec_list.some((/** @type {WorldRecord} */ s) => within(s.modified)),
				)
				.sort((a, b) => latest(a) - latest(b) || compareIds(a[key], b[key]));
		}
		return table.range(start, end);
	}

	/**
	 * One record as the gateway writes it (ids as strings), or undefined.
	 * @param {ResourceName} resource
	 * @param {string} key
	 */
	get(resource, key) {
		const row = this.table(resource).get(key);
		return row && this.present(resource, row, CLIENT_VIEW);
	}

	/**
	 * A record as its endpoint writes it under the readings: goods with goods_modified /
	 * spec_modified (no modified), stock rows without ids when keyless, warehouses without
	 * warehouse_id when so read.
	 * @param {ResourceName | 'warehouse' | 'shop'} resource
	 * @param {WorldRecord | Record<string, any>} row
	 * @param {{ recIdAsNumber: boolean, numbersAsStrings: boolean }} options
	 */
	present(resource, row, options) {
		/** @type {Record<string, any>} */
		let out = row;
		if (resource === 'goods') {
			const { modified, created, spec_list: specs, ...goods } = row;
			out = {
				...goods,
				goods_created: created,
				goods_modified: modified,
				spec_list: specs.map(
					(/** @type {Record<string, any>} */ { modified: specModified, created: specCreated, ...spec }) => ({
						...spec,
						spec_created: specCreated,
						spec_modified: specModified,
					}),
				),
			};
		} else if (resource === 'stock' && this.readings.keylessStockRows) {
			const { rec_id: _rec, spec_id: _spec, goods_id: _goods, warehouse_id: _wh, ...stock } = row;
			out = stock;
		} else if (resource === 'warehouse' && this.readings.warehouseRowsWithoutId) {
			const { warehouse_id: _wh, ...warehouse } = row;
			out = warehouse;
		}
		return wire(out, options);
	}

	// ---- changing (for tests) -------------------------------------------------------------------

	/**
	 * Change a record: merge `changes` and set its modified time to `at` (default: now).
	 * @param {ResourceName} resource
	 * @param {string} key
	 * @param {Record<string, any>} [changes] fields as held (times as Unix seconds, ids as text)
	 * @param {number | Date | string} [at] Unix seconds, a Date or Beijing time text
	 */
	update(resource, key, changes = {}, at = this.now()) {
		const table = this.table(resource);
		const row = table.get(key);
		if (!row) throw new Error(`${resource} ${key} does not exist`);
		Object.assign(row, changes, { modified: toUnixSeconds(at) });
		table.changed();
		return this.present(resource, row, CLIENT_VIEW);
	}

	/**
	 * Add a new record made like the seeded ones, `partial` merged over it, modified at `at`.
	 * A partial key must be new. Trades get their stockout when shipped (status 95/110).
	 * @param {ResourceName} resource
	 * @param {Record<string, any>} [partial]
	 * @param {number | Date | string} [at]
	 */
	add(resource, partial = {}, at = this.now()) {
		const table = this.table(resource);
		const sec = toUnixSeconds(at);
		const keyField = RESOURCE_KEYS[resource];
		if (partial[keyField] !== undefined && table.get(String(partial[keyField])))
			throw new Error(`${resource} ${partial[keyField]} already exists`);
		const random = this.addRandom;
		/** @type {WorldRecord} */
		let row;
		switch (resource) {
			case 'trade':
				row = this.makeTrade(random, sec, partial.trade_status ?? TRADE_STATUS.CHECKED);
				break;
			case 'stockout':
				row = this.makeStockout(this.addParentTrade(random, sec), sec, random);
				break;
			case 'refund':
				row = this.makeRefund(this.addParentTrade(random, sec - DAY), sec, sec, random);
				break;
			case 'purchase':
				row = this.makePurchase(random, sec, sec);
				break;
			case 'goods':
				row = this.makeGoods(random, sec, [
					{ name: `新品规格${table.size + 1}`, no: `GD-NEW${table.size + 1}-01` },
				]);
				break;
			case 'stock':
				row = this.makeStockRow(random, this.skus[0], this.warehouses[0], sec);
				break;
			default:
				throw new Error(`no resource ${resource}`);
		}
		// A stockout added now shipped now: its ship time is the moment it is added.
		const shipped = resource === 'stockout' ? { consign_time: sec } : {};
		Object.assign(row, shipped, partial, { modified: sec });
		table.put(row);
		if (resource === 'trade' && row.trade_status >= TRADE_STATUS.SHIPPED) {
			this.tables.stockout.put(this.makeStockout(row, sec, random, sec));
		}
		return this.present(resource, row, CLIENT_VIEW);
	}

	/**
	 * One spec of a goods record changed (price, barcode…): its spec_modified moves to `at`, and
	 * under the goodsWindow 'goods' reading its goods' goods_modified too.
	 * @param {string} specNo
	 * @param {number | Date | string} [at]
	 * @param {Record<string, any>} [changes]
	 */
	touchSpec(specNo, at = this.now(), changes = {}) {
		const table = this.table('goods');
		const sec = toUnixSeconds(at);
		for (const goods of table.byKey.values()) {
			const spec = goods.spec_list.find((/** @type {Record<string, any>} */ s) => s.spec_no === specNo);
			if (!spec) continue;
			Object.assign(spec, changes, { modified: sec });
			if (this.readings.goodsWindow === 'goods') goods.modified = sec;
			table.changed();
			return this.present('goods', goods, CLIENT_VIEW);
		}
		throw new Error(`no goods holds spec ${specNo}`);
	}

	// Shorthands for tests: touchX(key, at?, changes?) = update('x', key, changes, at);
	// addX(partial?, at?) = add('x', partial, at).
	/** @param {string} id @param {number | Date | string} [at] @param {Record<string, any>} [changes] */
	touchTrade(id, at, changes) {
		return this.update('trade', id, changes, at);
	}
	/** @param {Record<string, any>} [partial] @param {number | Date | string} [at] */
	addTrade(partial, at) {
		return this.add('trade', partial, at);
	}
	/** @param {string} id @param {number | Date | string} [at] @param {Record<string, any>} [changes] */
	touchStockout(id, at, changes) {
		return this.update('stockout', id, changes, at);
	}
	/** @param {Record<string, any>} [partial] @param {number | Date | string} [at] */
	addStockout(partial, at) {
		return this.add('stockout', partial, at);
	}
	/** @param {string} id @param {number | Date | string} [at] @param {Record<string, any>} [changes] */
	touchRefund(id, at, changes) {
		return this.update('refund', id, changes, at);
	}
	/** @param {Record<string, any>} [partial] @param {number | Date | string} [at] */
	addRefund(partial, at) {
		return this.add('refund', partial, at);
	}
	/** @param {string} id @param {number | Date | string} [at] @param {Record<string, any>} [changes] */
	touchPurchase(id, at, changes) {
		return this.update('purchase', id, changes, at);
	}
	/** @param {string} id @param {number | Date | string} [at] @param {Record<string, any>} [changes] */
	touchGoods(id, at, changes) {
		return this.update('goods', id, changes, at);
	}
	/** @param {string} recId @param {number | Date | string} [at] @param {Record<string, any>} [changes] */
	touchStock(recId, at, changes) {
		return this.update('stock', recId, changes, at);
	}

	/**
	 * A shipped trade (without its stockout) for a stockout or refund added by a test.
	 * @param {Random} random
	 * @param {number} sec
	 */
	addParentTrade(random, sec) {
		return this.tables.trade.put(this.makeTrade(random, sec, TRADE_STATUS.SHIPPED));
	}

	/**
	 * The stock of one spec in one warehouse changed: set stock_num (and avaliable_num), modified = at.
	 * @param {string} specNo
	 * @param {string} warehouseNo
	 * @param {number} stockNum
	 * @param {number | Date | string} [at]
	 */
	setStock(specNo, warehouseNo, stockNum, at = this.now()) {
		const row = this.table('stock')
			.ordered()
			.find((r) => r.spec_no === specNo && r.warehouse_no === warehouseNo);
		if (!row) throw new Error(`no stock row for ${specNo} in ${warehouseNo}`);
		return this.update(
			'stock',
			row.rec_id,
			{
				stock_num: stockNum,
				avaliable_num: Math.max(0, stockNum - row.order_num - row.sending_num),
			},
			at,
		);
	}

	/**
	 * Ship the orders pushed with trade_push that are due (erp-orders.js); tests call it with a
	 * millisecond time of their choice, the gateway before every request.
	 * @param {number} [nowMs] default: the ERP's millisecond clock
	 */
	shipDueOrders(nowMs) {
		return this.erpOrders ? this.erpOrders.shipDue(nowMs) : [];
	}

	// ---- seeding ----------------------------------------------------------------------------

	/** @param {Random} random */
	seedGoods(random) {
		/** @type {Map<string, Array<{ name: string, no: string, goods_id: number, spec_id: number, goods_name: string }>>} */
		const byGoods = new Map();
		for (const row of this.pool ? this.pool.all() : []) {
			const specs = byGoods.get(row.goods_no) ?? [];
			if (!specs.some((s) => s.no === row.spec_no)) {
				specs.push({
					name: row.spec_name,
					no: row.spec_no,
					goods_id: row.goods_id,
					spec_id: row.spec_id,
					goods_name: row.goods_name,
				});
			}
			byGoods.set(row.goods_no, specs);
		}
		const start = this.anchor - this.days * DAY;
		for (const [goodsNo, specs] of byGoods) {
			const modified =
				random.next() < 0.5 ? random.int(start, this.anchor) : start - random.int(DAY, 300 * DAY);
			this.tables.goods.put(
				this.makeGoods(random, modified, specs, {
					goods_id: String(specs[0].goods_id),
					goods_no: goodsNo,
					goods_name: specs[0].goods_name,
				}),
			);
		}
		const gift = this.makeGoods(
			random,
			random.int(start, this.anchor),
			GIFT_GOODS.specs.map((name, i) => ({
				name,
				no: `${GIFT_GOODS.goods_no}-0${i + 1}`,
				spec_id: this.ids.spec.big(),
			})),
			{
				goods_id: this.ids.goods.big(),
				goods_no: GIFT_GOODS.goods_no,
				goods_name: GIFT_GOODS.goods_name,
			},
		);
		this.tables.goods.put(gift);
	}

	/**
	 * A goods record with its spec_list; the specs join the world's SKUs.
	 * @param {Random} random
	 * @param {number} modified
	 * @param {Array<{ name: string, no: string, spec_id?: number | string }>} specs
	 * @param {{ goods_id?: string, goods_no?: string, goods_name?: string }} [known]
	 */
	makeGoods(random, modified, specs, known = {}) {
		const ids = this.ids;
		const goodsId = known.goods_id ?? ids.goods.next();
		const goodsName =
			known.goods_name ?? `${random.pick(BRANDS)}${random.pick(PRODUCT_LINES[0].products)}`;
		const goodsNo = known.goods_no ?? `GD${goodsId}`;
		const line = PRODUCT_LINES.find((l) => l.products.some((p) => goodsName.endsWith(p)));
		const basePrice = random.int(99, 39900) / 100;
		const created = Math.min(modified, this.anchor - this.days * DAY) - random.int(0, 90 * DAY);
		const specList = specs.map((spec, i) => {
			const price = Math.round(basePrice * (1 + i * 0.1) * 100) / 100;
			/** @type {Sku} */
			const sku = {
				goods_id: goodsId,
				goods_no: goodsNo,
				goods_name: goodsName,
				spec_id: spec.spec_id !== undefined ? String(spec.spec_id) : ids.spec.next(),
				spec_no: spec.no,
				spec_name: spec.name,
				price,
			};
			this.skus.push(sku);
			return {
				spec_id: sku.spec_id,
				spec_no: sku.spec_no,
				spec_name: sku.spec_name,
				barcode: `69${String(random.int(0, 99999999999)).padStart(11, '0')}`,
				retail_price: money(price),
				market_price: money(Math.round(price * 130) / 100),
				weight: money(random.int(50, 3000) / 1000),
				unit_name: '件',
				created,
				modified,
			};
		});
		return {
			goods_id: goodsId,
			goods_no: goodsNo,
			goods_name: goodsName,
			short_name: goodsName.slice(0, 8),
			brand_name: BRANDS.find((b) => goodsName.startsWith(b)) ?? '',
			class_name: line?.category ?? '礼盒',
			goods_type: 1,
			deleted: 0,
			created,
			modified,
			spec_list: specList,
		};
	}

	/** @param {Random} random */
	seedStock(random) {
		const start = this.anchor - this.days * DAY;
		/** warehouse_no → share of SKUs kept there */
		const share = { 'WH-HZ01': 1, 'WH-GZ01': 0.6, 'WH-CD01': 0.3, 'WH-RT01': 0.1, 'WH-3PL01': 0.2 };
		for (const sku of this.skus) {
			for (const warehouse of this.warehouses) {
				const gift = sku.goods_no === GIFT_GOODS.goods_no;
				const keep = gift
					? warehouse.warehouse_no === 'WH-3PL01' || warehouse.warehouse_no === 'WH-HZ01'
					: random.next() <
						(share[/** @type {keyof typeof share} */ (warehouse.warehouse_no)] ?? 0);
				if (!keep) continue;
				this.tables.stock.put(
					this.makeStockRow(random, sku, warehouse, random.int(start, this.anchor)),
				);
			}
		}
	}

	/**
	 * @param {Random} random
	 * @param {Sku} sku
	 * @param {Record<string, any>} warehouse
	 * @param {number} modified
	 */
	makeStockRow(random, sku, warehouse, modified) {
		const stockNum = random.int(0, 800);
		const orderNum = random.int(0, Math.min(20, stockNum));
		const sendingNum = random.int(0, Math.min(10, stockNum - orderNum));
		return {
			rec_id: this.ids.stock.next(),
			spec_id: sku.spec_id,
			goods_id: sku.goods_id,
			spec_no: sku.spec_no,
			goods_no: sku.goods_no,
			goods_name: sku.goods_name,
			spec_name: sku.spec_name,
			warehouse_id: warehouse.warehouse_id,
			warehouse_no: warehouse.warehouse_no,
			warehouse_name: warehouse.name,
			stock_num: stockNum,
			order_num: orderNum,
			sending_num: sendingNum,
			lock_num: 0,
			purchase_num: random.int(0, 3) === 0 ? random.int(10, 200) : 0,
			avaliable_num: stockNum - orderNum - sendingNum,
			created: modified - random.int(DAY, 200 * DAY),
			modified,
		};
	}

	/** @param {Random} random */
	seedTrades(random) {
		const start = this.anchor - this.days * DAY;
		const span = this.days * DAY;
		/** @type {number[]} */
		const times = [];
		for (let i = 0; i < this.days * this.ordersPerDay; i++) times.push(start + random.int(0, span));
		for (let b = 0; b < this.busyHours; b++) {
			const burst = start + random.int(1, Math.max(1, this.days * 24 - 2)) * HOUR;
			const count = random.int(150, 300);
			for (let i = 0; i < count; i++) times.push(burst + random.int(0, 20 * 60));
		}
		times.sort((a, b) => a - b);
		const shops = this.shops();
		for (const t of times) {
			const age = this.anchor - t;
			const roll = random.next();
			const status =
				age < 2 * HOUR
					? roll < 0.5
						? TRADE_STATUS.WAITING_CHECK
						: TRADE_STATUS.CHECKED
					: roll < 0.1
						? TRADE_STATUS.CANCELLED
						: roll < 0.3
							? TRADE_STATUS.DONE
							: TRADE_STATUS.SHIPPED;
			const trade = this.makeTrade(random, t, status, shops);
			this.tables.trade.put(trade);
			if (status >= TRADE_STATUS.SHIPPED) {
				this.tables.stockout.put(this.makeStockout(trade, t, random));
				if (random.next() < 0.06) {
					const created = t + random.int(HOUR, 72 * HOUR);
					if (created < this.anchor) {
						const modified = Math.min(this.anchor, created + random.int(0, DAY));
						this.tables.refund.put(this.makeRefund(trade, created, modified, random));
					}
				}
			}
		}
	}

	/**
	 * @param {Random} random
	 * @param {number} modified
	 * @param {number} status
	 * @param {Array<Record<string, any>>} [shops] the shops to pick from (default: all)
	 */
	makeTrade(random, modified, status, shops = this.shops()) {
		const ids = this.ids;
		const shop = random.pick(shops);
		const platform = shop.shop_no === PLATFORM_SHOP.shop_no;
		const roll = random.next();
		const warehouse =
			this.warehouses[
				platform && roll < 0.3 ? 4 : roll < 0.6 ? 0 : roll < 0.85 ? 1 : roll < 0.95 ? 2 : 4
			];
		const tradeId = ids.trade.next();
		const tradeTime = modified - random.int(0, 48 * HOUR);
		const lineCount = random.int(1, 4);
		/** @type {Sku[]} */
		const chosen = [];
		for (let i = 0; i < lineCount && this.skus.length > 0; i++) {
			const sku = random.pick(this.skus);
			if (!chosen.includes(sku)) chosen.push(sku);
		}
		const srcTid = `${platform ? 'TB' : 'SO'}${String(random.int(0, 999999999)).padStart(9, '0')}${String(random.int(0, 9999999)).padStart(7, '0')}`;
		const goodsList = chosen.map((sku, i) => {
			const num = random.int(1, 3);
			return {
				rec_id: ids.line.next(),
				trade_id: tradeId,
				src_oid: `${srcTid}-${i + 1}`,
				src_tid: srcTid,
				spec_id: sku.spec_id,
				goods_id: sku.goods_id,
				spec_no: sku.spec_no,
				goods_no: sku.goods_no,
				goods_name: sku.goods_name,
				spec_name: sku.spec_name,
				num,
				price: money(sku.price),
				order_price: money(sku.price),
				share_amount: money(sku.price * num),
			};
		});
		const goodsAmount = chosen.reduce((sum, sku, i) => sum + sku.price * goodsList[i].num, 0);
		const postAmount = goodsAmount >= 99 ? 0 : 8;
		const place = random.pick(PLACES);
		const [provinceCode, cityCode, districtCode] = areaCodes(place[0], place[1], place[2]);
		const shipped = status >= TRADE_STATUS.SHIPPED;
		return {
			trade_id: tradeId,
			trade_no: `JY${formatBeijing(tradeTime).slice(0, 10).replace(/-/g, '')}${tradeId.slice(-6).padStart(6, '0')}`,
			platform_id: shop.platform_id,
			shop_id: shop.shop_id,
			shop_no: shop.shop_no,
			shop_name: shop.shop_name,
			warehouse_id: warehouse.warehouse_id,
			warehouse_no: warehouse.warehouse_no,
			src_tids: srcTid,
			trade_status: status,
			trade_type: 1,
			trade_time: tradeTime,
			pay_time: tradeTime + random.int(10, 600),
			receiver_name: random.pick(RECEIVERS),
			receiver_mobile: `1${random.int(30, 89)}****${String(random.int(0, 9999)).padStart(4, '0')}`,
			// area ids, not names (docs/wdt-contract.md#trade_query); the names in receiver_area
			receiver_province: provinceCode,
			receiver_city: cityCode,
			receiver_district: districtCode,
			receiver_area: place.join(' '),
			logistics_name: shipped ? random.pick(LOGISTICS) : '',
			logistics_no: shipped ? `SF${String(random.int(0, 999999999)).padStart(12, '0')}` : '',
			goods_count: goodsList.reduce((sum, line) => sum + line.num, 0),
			goods_type_count: goodsList.length,
			goods_amount: money(goodsAmount),
			post_amount: money(postAmount),
			paid: money(goodsAmount + postAmount),
			created: tradeTime,
			modified,
			goods_list: goodsList,
		};
	}

	/**
	 * The sales stockout of a shipped trade.
	 * @param {WorldRecord} trade
	 * @param {number} modified
	 * @param {Random} random
	 * @param {number} [consignTime] the ship time (default: up to 30 minutes before modified)
	 */
	makeStockout(trade, modified, random, consignTime) {
		const ids = this.ids;
		const stockoutId = ids.stockout.next();
		return {
			stockout_id: stockoutId,
			order_no: `CK${trade.trade_no.slice(2)}`,
			src_order_no: trade.trade_no,
			src_order_id: trade.trade_id,
			src_tids: trade.src_tids,
			shop_id: trade.shop_id,
			shop_no: trade.shop_no,
			warehouse_id: trade.warehouse_id,
			warehouse_no: trade.warehouse_no,
			status: trade.trade_status === TRADE_STATUS.DONE ? 110 : 95,
			logistics_name: trade.logistics_name,
			logistics_no: trade.logistics_no,
			goods_count: trade.goods_count,
			total_amount: trade.goods_amount,
			receiver_name: trade.receiver_name,
			consign_time: consignTime ?? modified - random.int(0, 1800),
			created: Math.min(modified, trade.pay_time + random.int(600, 6 * HOUR)),
			modified,
			details_list: trade.goods_list.map((/** @type {Record<string, any>} */ line) => ({
				rec_id: ids.line.next(),
				stockout_id: stockoutId,
				spec_id: line.spec_id,
				goods_id: line.goods_id,
				spec_no: line.spec_no,
				goods_no: line.goods_no,
				goods_name: line.goods_name,
				spec_name: line.spec_name,
				goods_count: line.num,
				sell_price: line.price,
			})),
		};
	}

	/**
	 * A refund of a shipped trade, in refund_query's shape (docs/wdt-contract.md#refund_query): the
	 * returned lines in refund_order_list (with the platform refund number src_no and the ERP order
	 * number sales_tid), exchanges' goods in refund_out_goods_list (none here).
	 * @param {WorldRecord} trade
	 * @param {number} created
	 * @param {number} modified
	 * @param {Random} random
	 */
	makeRefund(trade, created, modified, random) {
		const ids = this.ids;
		const refundId = ids.refund.next();
		const lines = random.next() < 0.5 ? trade.goods_list.slice(0, 1) : trade.goods_list;
		const returned = random.next() < 0.6;
		const roll = random.next();
		const processStatus =
			this.anchor - modified < DAY
				? REFUND_STATUS.WAITING_REVIEW
				: roll < 0.1
					? REFUND_STATUS.CANCELLED
					: roll < 0.3
						? REFUND_STATUS.WAITING_GOODS
						: REFUND_STATUS.DONE;
		const srcNo = `R${trade.src_tids}`;
		const refundOrderList = lines.map((/** @type {Record<string, any>} */ line) => ({
			order_id: ids.line.next(),
			refund_id: refundId,
			oid: line.src_oid,
			tid: trade.src_tids,
			src_no: srcNo,
			sales_tid: trade.trade_no,
			process_status: processStatus,
			order_num: money(line.num),
			refund_num: money(line.num),
			price: line.price,
			original_price: line.price,
			discount: money(0),
			paid: line.share_amount,
			refund_order_amount: line.share_amount,
			total_amount: line.share_amount,
			spec_id: line.spec_id,
			spec_no: line.spec_no,
			goods_no: line.goods_no,
			goods_name: line.goods_name,
			spec_name: line.spec_name,
			remark: '',
		}));
		const amount = money(
			refundOrderList.reduce(
				(/** @type {number} */ sum, /** @type {Record<string, any>} */ l) =>
					sum + Number(l.total_amount),
				0,
			),
		);
		return {
			refund_id: refundId,
			refund_no: `TK${refundId.slice(-8).padStart(8, '0')}`,
			src_no: srcNo,
			platform_id: trade.platform_id,
			type: returned ? 2 : 1,
			process_status: processStatus,
			status: processStatus === REFUND_STATUS.DONE ? 5 : 2,
			tid: trade.src_tids,
			sales_tid: trade.trade_no,
			sales_trade_id: trade.trade_id,
			shop_id: trade.shop_id,
			shop_no: trade.shop_no,
			warehouse_no: returned ? 'WH-RT01' : '',
			refund_reason: random.pick(REFUND_REASONS),
			refund_amount: amount,
			actual_refund_amount: processStatus === REFUND_STATUS.DONE ? amount : money(0),
			refund_time: created,
			created,
			modified,
			refund_order_list: refundOrderList,
			refund_out_goods_list: [],
		};
	}

	/** @param {Random} random */
	seedPurchases(random) {
		const start = this.anchor - this.days * DAY;
		const count = this.days * this.purchasesPerDay;
		for (let i = 0; i < count; i++) {
			const created = start + random.int(0, this.days * DAY);
			const modified = Math.min(this.anchor, created + random.int(0, 72 * HOUR));
			this.tables.purchase.put(this.makePurchase(random, created, modified));
		}
	}

	/**
	 * @param {Random} random
	 * @param {number} created
	 * @param {number} modified
	 */
	makePurchase(random, created, modified) {
		const ids = this.ids;
		const purchaseId = ids.purchase.next();
		const age = this.anchor - modified;
		const status = age < DAY ? 20 : age < 3 * DAY ? 40 : random.next() < 0.2 ? 70 : 90;
		const warehouse = this.warehouses[random.int(0, 1)];
		/** @type {Sku[]} */
		const chosen = [];
		for (let i = random.int(2, 6); i > 0 && this.skus.length > 0; i--) {
			const sku = random.pick(this.skus);
			if (!chosen.includes(sku)) chosen.push(sku);
		}
		const details = chosen.map((sku) => {
			const num = random.int(20, 300);
			const price = Math.round(sku.price * 40) / 100;
			return {
				rec_id: ids.line.next(),
				purchase_id: purchaseId,
				spec_id: sku.spec_id,
				spec_no: sku.spec_no,
				goods_no: sku.goods_no,
				goods_name: sku.goods_name,
				spec_name: sku.spec_name,
				num,
				arrive_num: status === 90 ? num : status === 70 ? Math.floor(num / 2) : 0,
				price: money(price),
			};
		});
		return {
			purchase_id: purchaseId,
			purchase_no: `CG${formatBeijing(created).slice(0, 10).replace(/-/g, '')}${purchaseId.slice(-4).padStart(4, '0')}`,
			provider_name: random.pick(PROVIDERS),
			warehouse_id: warehouse.warehouse_id,
			warehouse_no: warehouse.warehouse_no,
			status,
			goods_count: details.reduce((sum, d) => sum + d.num, 0),
			goods_amount: money(details.reduce((sum, d) => sum + d.num * Number(d.price), 0)),
			created,
			modified,
			details_list: details,
		};
	}
}

/**
 * A record as the gateway writes it: times as Beijing text; keys and every *_id as bare JSON
 * numbers (recIdAsNumber) or strings; decimals as text or bare numbers; counts per numbersAsStrings.
 * @param {unknown} value
 * @param {{ recIdAsNumber: boolean, numbersAsStrings: boolean }} options
 * @param {string} [field]
 * @returns {any}
 */
function wire(value, options, field = '') {
	if (Array.isArray(value)) return value.map((item) => wire(item, options));
	if (value !== null && typeof value === 'object') {
		/** @type {Record<string, unknown>} */
		const out = {};
		for (const [key, member] of Object.entries(value)) out[key] = wire(member, options, key);
		return out;
	}
	if (field.endsWith('_id') && (typeof value === 'string' || typeof value === 'number')) {
		return options.recIdAsNumber ? new JsonNumber(String(value)) : String(value);
	}
	if (TIME_FIELDS.has(field) && typeof value === 'number') return formatBeijing(value);
	if (DECIMAL_FIELDS.has(field) && typeof value === 'string') {
		return options.numbersAsStrings ? value : new JsonNumber(value);
	}
	if (typeof value === 'number') return options.numbersAsStrings ? String(value) : value;
	return value;
}

module.exports = {
	World,
	RECEIVERS,
	PLACES,
	PLACE_CODES,
	areaCodes,
	REFUND_STATUS,
	RESOURCE_KEYS,
	TRADE_STATUS,
	PLATFORM_SHOP,
	THIRD_PARTY_WAREHOUSE,
	GIFT_GOODS,
	wire,
};
