// @ts-check
'use strict';

/**
 * The ERP side of the self-built shop loop: orders pushed with trade_push.php (原始订单), the
 * platform goods pushed with api_goodsspec_push.php (平台货品), the stock they reserve and the
 * shipments that follow.
 *
 *   push (paid, every line matched) → stock reserved: available stock of each spec_no drops, so
 *     every stock-pool row of that spec_no changes (the shop's SKUs show up in
 *     api_goods_stock_change_query); a row the shop lacks is created (平台货品 from the order).
 *   `shipAfterMs` later (checked before every gateway request, or by shipDue(nowMs)) → the ERP
 *     ships: an ERP order (trade_query) and a sales stockout with a tracking number
 *     (stockout_order_query_trade) appear in the world, and a pending logistics-sync record.
 *   re-push of a tid → the stored order is replaced; reservations follow the new content
 *     (cancelled 80/90 or refunded lines release theirs) until the order has shipped.
 *
 * Matching (匹配): a line matches when the ERP knows its spec_no (a goods spec of the world, or a
 * stock-pool row's spec_no). An order with an unmatched line waits (like WDT's 原始单 with
 * 无匹配货品) until a re-push finds every line matched.
 * Stock is kept per spec_no in ten-thousandths (WDT's decimal(19,4) quantities); the stock pool's
 * sync_stock is the whole units of it, never below 0.
 */

const { createRandom } = require('./prng');
const { unitsText } = require('./params');
const { formatBeijing } = require('./world-time');
const { TRADE_STATUS, areaCodes } = require('./world');

/** @typedef {import('./pool').StockPool} StockPool */
/** @typedef {import('./world').World} World */
/** @typedef {import('./logistics').LogisticsPool} LogisticsPool */

/**
 * One order line as trade-push.js validated it: amounts and quantities in ten-thousandths.
 * @typedef {object} PushedLine
 * @property {string} oid
 * @property {number} num
 * @property {number} price
 * @property {number} status
 * @property {number} refund_status
 * @property {string} goods_id
 * @property {string} spec_id
 * @property {string} goods_no
 * @property {string} spec_no
 * @property {string} goods_name
 * @property {string} spec_name
 * @property {number} adjust_amount
 * @property {number} discount
 * @property {number} share_discount
 */

/**
 * One order as trade-push.js validated it.
 * @typedef {object} PushedOrder
 * @property {string} tid
 * @property {number} trade_status
 * @property {number | null} pay_status
 * @property {number} delivery_term
 * @property {string | null} trade_time  Beijing time text
 * @property {string} pay_time           Beijing time text ('0000-00-00 00:00:00' when unpaid)
 * @property {string} buyer_nick
 * @property {string} receiver_name
 * @property {string} receiver_province
 * @property {string} receiver_city
 * @property {string} receiver_district
 * @property {string} receiver_address
 * @property {string} receiver_mobile
 * @property {number} post_amount
 * @property {number} cod_amount
 * @property {number} ext_cod_fee
 * @property {number} other_amount
 * @property {number} paid
 * @property {PushedLine[]} order_list
 * @property {string} fingerprint  canonical text of the pushed content (same content = same text)
 */

/**
 * An order as the ERP holds it.
 * @typedef {object} RawTrade
 * @property {string} shop_no
 * @property {string} tid
 * @property {PushedOrder} order     the latest pushed content
 * @property {'waiting' | 'unmatched' | 'reserved' | 'shipped' | 'cancelled'} state
 *   waiting: not paid yet; unmatched: a line's spec_no unknown to the ERP
 * @property {Map<string, { spec_no: string, units: number }>} reserved  oid → what its line
 *   reserves (quantity in ten-thousandths); kept until shipped
 * @property {number} pushes         how often it was pushed (new + changed)
 * @property {number | null} dueAtMs when the ERP ships it (Date-like ms)
 * @property {string | null} trade_id the ERP order in the world (once reserved)
 * @property {string | null} logistics_no
 * @property {string | null} logistics_rec_id
 */

/** Carriers the emulator ships with: WDT's logistics_type numbers as public clients map them. */
const CARRIERS = Object.freeze([
	{ type: 8, name: '顺丰速运', prefix: 'SF', digits: 13 },
	{ type: 5, name: '中通快递', prefix: '7', digits: 13 },
	{ type: 4, name: '圆通速递', prefix: 'YT', digits: 13 },
	{ type: 9, name: '韵达快递', prefix: '4', digits: 14 },
]);

/** The warehouse the ERP reserves in and ships from. */
const SHIP_WAREHOUSE = 'WH-HZ01';

/**
 * @param {RawTrade['order']} order
 * @returns {boolean} the order asks the ERP to ship it: 30 已付款待发货 (cash on delivery
 *   included), or paid (pay_status 2) and not yet shipped, finished, refunded or closed
 */
function wantsShipping(order) {
	return order.trade_status === 30 || (order.pay_status === 2 && order.trade_status < 40);
}

/** @param {PushedLine} line */
function lineActive(line) {
	return line.status !== 80 && line.status !== 90 && line.refund_status !== 5;
}

class ErpOrders {
	/**
	 * @param {{ seed?: number | string, pool: StockPool, world: World, logistics: LogisticsPool,
	 *   shipAfterMs?: number, nowMs?: () => number }} options
	 */
	constructor(options) {
		this.pool = options.pool;
		this.world = options.world;
		this.logistics = options.logistics;
		/** ms between the reservation and the shipment; Infinity: only shipDue(nowMs) in tests */
		this.shipAfterMs = options.shipAfterMs ?? 0;
		/** the millisecond clock for shipping (replace it in tests) */
		this.nowMs = options.nowMs ?? (() => Date.now());
		this.random = createRandom(`${options.seed ?? 1}/erp-orders`);
		/** `${shop_no}\0${tid}` → order @type {Map<string, RawTrade>} */
		this.trades = new Map();
		/** oid → `${shop_no}\0${tid}` of the order that holds it (WDT: oids unique per sid) */
		this.oids = new Map();
		/** spec_no → available stock in ten-thousandths (set on first use) @type {Map<string, number>} */
		this.available = new Map();
		/** `${shop_no}\0${goods_id}\0${spec_id}` → platform goods pushed by api_goodsspec_push
		 * @type {Map<string, { shop_no: string, goods_id: string, spec_id: string, spec_no: string, status: number, rec_id: string | null }>} */
		this.platformGoods = new Map();
		this.counts = { new: 0, changed: 0, refused: 0, shipped: 0 };
		/** spec_no → the world's stock row in the shipping warehouse (built on first use)
		 * @type {Map<string, import('./world-table').WorldRecord> | null} */
		this.warehouseRows = null;
		/** `${shop_no}\0${refund_no}` → refund pushed with sales_refund_push (refund-push.js)
		 * @type {Map<string, import('./refund-push').ErpRefund>} */
		this.refunds = new Map();
		this.refundCounts = { new: 0, changed: 0, refused: 0 };
		/** `${warehouse_no}\0${spec_no}` → units (ten-thousandths) that came back with returns
		 * @type {Map<string, number>} */
		this.returned = new Map();
	}

	// ---- orders ---------------------------------------------------------------------------------

	/**
	 * Why this re-push cannot be taken (WDT: num and price cannot change once pushed; an oid
	 * belongs to one order), or null.
	 * @param {string} shopNo
	 * @param {PushedOrder} order
	 * @returns {string | null}
	 */
	refusal(shopNo, order) {
		const key = `${shopNo}\u0000${order.tid}`;
		for (const line of order.order_list) {
			const owner = this.oids.get(line.oid);
			if (owner !== undefined && owner !== key) {
				return `子订单编号 oid ${line.oid} 已属于其他订单`;
			}
		}
		const existing = this.trades.get(key);
		if (!existing) return null;
		for (const line of order.order_list) {
			const before = existing.order.order_list.find((l) => l.oid === line.oid);
			if (!before) continue;
			if (before.num !== line.num || before.price !== line.price) {
				return `子订单 ${line.oid} 的数量(num)和单价(price)推送后不能更改`;
			}
		}
		return null;
	}

	/**
	 * Take one validated order (call refusal() first). Returns whether it was new.
	 * @param {string} shopNo
	 * @param {PushedOrder} order
	 * @returns {'new' | 'changed'}
	 */
	push(shopNo, order) {
		const key = `${shopNo}\u0000${order.tid}`;
		let trade = this.trades.get(key);
		const isNew = trade === undefined;
		if (!trade) {
			trade = {
				shop_no: shopNo,
				tid: order.tid,
				order,
				state: 'waiting',
				reserved: new Map(),
				pushes: 0,
				dueAtMs: null,
				trade_id: null,
				logistics_no: null,
				logistics_rec_id: null,
			};
			this.trades.set(key, trade);
		}
		trade.order = order;
		trade.pushes++;
		for (const line of order.order_list) this.oids.set(line.oid, key);
		if (isNew) this.counts.new++;
		else this.counts.changed++;
		if (trade.state !== 'shipped') this.settle(trade);
		return isNew ? 'new' : 'changed';
	}

	/**
	 * Bring the reservations of an unshipped order in line with its content.
	 * @param {RawTrade} trade
	 */
	settle(trade) {
		const order = trade.order;
		const ship = wantsShipping(order);
		const matched = order.order_list.every((line) => !lineActive(line) || this.knows(line.spec_no));
		/** @type {Map<string, PushedLine>} */
		const wanted = new Map();
		if (ship && matched) {
			for (const line of order.order_list) if (lineActive(line)) wanted.set(line.oid, line);
		}
		/** spec_no → change of the reserved quantity @type {Map<string, number>} */
		const changed = new Map();
		/** @param {string} specNo @param {number} units */
		const reserve = (specNo, units) => {
			this.available.set(specNo, this.availableOf(specNo) - units);
			changed.set(specNo, (changed.get(specNo) ?? 0) + units);
		};
		for (const [oid, held] of trade.reserved) {
			const line = wanted.get(oid);
			if (line && line.spec_no === held.spec_no && line.num === held.units) continue;
			reserve(held.spec_no, -held.units);
			trade.reserved.delete(oid);
		}
		for (const [oid, line] of wanted) {
			if (trade.reserved.has(oid)) continue;
			reserve(line.spec_no, line.num);
			trade.reserved.set(oid, { spec_no: line.spec_no, units: line.num });
			this.ensurePlatformRow(trade.shop_no, line);
		}
		for (const [specNo, units] of changed) this.publishStock(specNo, units);

		if (trade.reserved.size > 0) {
			if (trade.state !== 'reserved') {
				trade.state = 'reserved';
				trade.dueAtMs = this.nowMs() + this.shipAfterMs;
			}
			this.upsertWorldTrade(trade, TRADE_STATUS.CHECKED);
		} else {
			trade.state = !matched ? 'unmatched' : order.trade_status >= 80 ? 'cancelled' : 'waiting';
			trade.dueAtMs = null;
			if (trade.trade_id !== null) this.upsertWorldTrade(trade, TRADE_STATUS.CANCELLED);
		}
	}

	/**
	 * Ship every reserved order that is due. Runs before every gateway request.
	 * @param {number} [nowMs] default: the ERP's ms clock
	 * @returns {RawTrade[]} the orders shipped now
	 */
	shipDue(nowMs = this.nowMs()) {
		/** @type {RawTrade[]} */
		const shipped = [];
		for (const trade of this.trades.values()) {
			if (trade.state === 'reserved' && trade.dueAtMs !== null && trade.dueAtMs <= nowMs) {
				this.ship(trade);
				shipped.push(trade);
			}
		}
		return shipped;
	}

	/** @param {RawTrade} trade */
	ship(trade) {
		const now = this.world.now();
		const carrier = this.random.pick(CARRIERS);
		let digits = '';
		while (digits.length < carrier.digits) digits += String(this.random.int(0, 9));
		const logisticsNo = `${carrier.prefix}${digits}`.slice(
			0,
			carrier.prefix.length + carrier.digits,
		);
		trade.state = 'shipped';
		for (const held of trade.reserved.values()) this.takeFromWarehouse(held.spec_no, held.units);
		trade.logistics_no = logisticsNo;
		const worldTrade = this.upsertWorldTrade(trade, TRADE_STATUS.SHIPPED, {
			logistics_name: carrier.name,
			logistics_no: logisticsNo,
		});
		// shipped now: the stockout's ship time (consign_time) is now
		this.world.tables.stockout.put(this.world.makeStockout(worldTrade, now, this.random, now));
		const shop = this.pool.shops.get(trade.shop_no);
		const record = this.logistics.add({
			shop_id: String(shop?.shop_id ?? 0),
			shop_no: trade.shop_no,
			platform_id: shop?.platform_id ?? 127,
			tid: trade.tid,
			oids: [...trade.reserved.keys()].join(','),
			trade_id: /** @type {string} */ (trade.trade_id),
			delivery_term: trade.order.delivery_term,
			logistics_no: logisticsNo,
			logistics_type: carrier.type,
			logistics_name: carrier.name,
			logistics_code_erp: String(carrier.type),
			logistics_name_erp: carrier.name,
			consign_time: now,
			created: now,
			modified: now,
		});
		trade.logistics_rec_id = record.rec_id;
		this.counts.shipped++;
	}

	// ---- stock ----------------------------------------------------------------------------------

	/**
	 * Whether the ERP knows this spec_no (a world goods spec or a stock-pool row).
	 * @param {string} specNo
	 */
	knows(specNo) {
		if (specNo === '') return false;
		if (this.available.has(specNo)) return true;
		this.world.ensure();
		return (
			this.world.skus.some((sku) => sku.spec_no === specNo) || this.poolRows(specNo).length > 0
		);
	}

	/**
	 * Available stock of a known spec in ten-thousandths: first use takes a stock-pool row's
	 * sync_stock, else the world's available stock summed over warehouses.
	 * @param {string} specNo
	 */
	availableOf(specNo) {
		const known = this.available.get(specNo);
		if (known !== undefined) return known;
		const row = this.poolRows(specNo)[0];
		let units = 0;
		if (row !== undefined) units = row.sync_stock * 10000;
		else {
			for (const r of this.world.table('stock').byKey.values()) {
				if (r.spec_no === specNo) units += Number(r.avaliable_num) * 10000;
			}
		}
		this.available.set(specNo, units);
		return units;
	}

	/** @param {string} specNo the live stock-pool rows of a spec_no (not copies) */
	poolRows(specNo) {
		return [...this.pool.rows.values()].filter((row) => row.spec_no === specNo);
	}

	/**
	 * Whole units of the available stock of a spec, as the shops are told (never below 0).
	 * @param {string} specNo
	 */
	syncStockOf(specNo) {
		return Math.max(0, Math.floor(this.availableOf(specNo) / 10000));
	}

	/**
	 * The reserved quantity of a spec changed: every platform-goods row of it becomes pending
	 * with the new available stock, and the world's stock row (stock_query) shows the reservation.
	 * @param {string} specNo
	 * @param {number} units change of the reserved quantity, ten-thousandths
	 */
	publishStock(specNo, units) {
		const stock = this.syncStockOf(specNo);
		for (const row of this.poolRows(specNo)) this.pool.changeStock(row.rec_id, stock);
		const stockRow = this.warehouseRow(specNo);
		if (stockRow && units !== 0) {
			this.changeStockRow(stockRow, {
				order_num: Number(stockRow.order_num) + units / 10000,
				avaliable_num: Number(stockRow.avaliable_num) - units / 10000,
			});
		}
	}

	/** @param {string} specNo the world's stock row of the spec in the shipping warehouse */
	warehouseRow(specNo) {
		if (this.warehouseRows === null) {
			// rows change in place (world.update), so the index stays valid; world.add makes no
			// second row of a spec in a warehouse
			this.warehouseRows = new Map();
			for (const row of this.world.table('stock').byKey.values()) {
				if (row.warehouse_no === SHIP_WAREHOUSE) this.warehouseRows.set(row.spec_no, row);
			}
		}
		return this.warehouseRows.get(specNo);
	}

	/**
	 * Change a world stock row in place, modified now (world.update without the wire copy).
	 * @param {import('./world-table').WorldRecord} row
	 * @param {Record<string, number>} changes
	 */
	changeStockRow(row, changes) {
		Object.assign(row, changes, { modified: this.world.now() });
		this.world.table('stock').changed();
	}

	/**
	 * Shipping takes the goods out of the warehouse: stock_num drops, the reservation ends.
	 * Available stock (and so the stock pool) does not change.
	 * @param {string} specNo
	 * @param {number} units
	 */
	takeFromWarehouse(specNo, units) {
		const row = this.warehouseRow(specNo);
		if (!row) return;
		this.changeStockRow(row, {
			stock_num: Number(row.stock_num) - units / 10000,
			order_num: Number(row.order_num) - units / 10000,
		});
	}

	/**
	 * A return's goods arrive in a warehouse (退货入库). Into the shipping warehouse they are
	 * available again: the spec's available stock rises and every stock-pool row of it becomes
	 * pending with the new number (the stock loop tells the shops). Into another warehouse (the
	 * return warehouse) they are stock there only: the shops' number does not change. Which
	 * warehouse is the readings' returnStock (docs/wdt-contract.md#sales_refund_push).
	 * @param {string} specNo
	 * @param {number} units ten-thousandths
	 * @param {string} warehouseNo
	 */
	receiveReturn(specNo, units, warehouseNo) {
		const key = `${warehouseNo}\u0000${specNo}`;
		this.returned.set(key, (this.returned.get(key) ?? 0) + units);
		if (warehouseNo === SHIP_WAREHOUSE) {
			this.available.set(specNo, this.availableOf(specNo) + units);
			const stock = this.syncStockOf(specNo);
			for (const row of this.poolRows(specNo)) this.pool.changeStock(row.rec_id, stock);
		}
		const row =
			warehouseNo === SHIP_WAREHOUSE
				? this.warehouseRow(specNo)
				: [...this.world.table('stock').byKey.values()].find(
						(r) => r.warehouse_no === warehouseNo && r.spec_no === specNo,
					);
		if (row) {
			this.changeStockRow(row, {
				stock_num: Number(row.stock_num) + units / 10000,
				avaliable_num: Number(row.avaliable_num) + units / 10000,
			});
		}
	}

	/**
	 * A stock-pool row for the shop's SKU when it has none (WDT makes 平台货品 from orders).
	 * @param {string} shopNo
	 * @param {PushedLine} line
	 */
	ensurePlatformRow(shopNo, line) {
		const exists = this.poolRows(line.spec_no).some((row) => row.shop_no === shopNo);
		if (exists) return;
		this.pool.addRecord({
			shop_no: shopNo,
			goods_id: /** @type {any} */ (line.goods_id),
			spec_id: /** @type {any} */ (line.spec_id || line.spec_no),
			goods_no: line.goods_no || line.spec_no,
			spec_no: line.spec_no,
			goods_name: line.goods_name,
			spec_name: line.spec_name,
			sync_stock: this.syncStockOf(line.spec_no),
			stock_change_count: 1,
			pending: true,
		});
	}

	// ---- platform goods (api_goodsspec_push) ---------------------------------------------------

	/**
	 * Create or update one platform goods row. A matched one (the ERP knows its spec_no) gets a
	 * stock-pool row, pending with the spec's available stock; status 0 (deleted) takes it out of
	 * stock sync.
	 * @param {string} shopNo
	 * @param {{ goods_id: string, spec_id: string, goods_no: string, spec_no: string, goods_name: string, spec_name: string, status: number }} goods
	 * @returns {'new' | 'changed'}
	 */
	pushGoods(shopNo, goods) {
		const key = `${shopNo}\u0000${goods.goods_id}\u0000${goods.spec_id}`;
		const existing = this.platformGoods.get(key);
		if (existing && existing.rec_id !== null) {
			const row = this.pool.rows.get(existing.rec_id);
			if (row && (row.spec_no !== goods.spec_no || goods.status === 0)) {
				this.pool.remove(existing.rec_id);
				existing.rec_id = null;
			} else if (row) {
				Object.assign(row, {
					goods_no: goods.goods_no || row.goods_no,
					goods_name: goods.goods_name || row.goods_name,
					spec_name: goods.spec_name || row.spec_name,
				});
			}
		}
		/** @type {string | null} */
		let recId = existing?.rec_id ?? null;
		if (recId === null && goods.status !== 0 && this.knows(goods.spec_no)) {
			recId = this.pool.addRecord({
				shop_no: shopNo,
				goods_id: /** @type {any} */ (goods.goods_id),
				spec_id: /** @type {any} */ (goods.spec_id),
				goods_no: goods.goods_no || goods.spec_no,
				spec_no: goods.spec_no,
				goods_name: goods.goods_name || goods.spec_no,
				spec_name: goods.spec_name,
				sync_stock: this.syncStockOf(goods.spec_no),
				stock_change_count: 1,
				pending: true,
			}).rec_id;
		}
		this.platformGoods.set(key, {
			shop_no: shopNo,
			goods_id: goods.goods_id,
			spec_id: goods.spec_id,
			spec_no: goods.spec_no,
			status: goods.status,
			rec_id: recId,
		});
		return existing ? 'changed' : 'new';
	}

	// ---- the world's records --------------------------------------------------------------------

	/**
	 * Create or update the ERP order (系统订单) of a pushed order in the world.
	 * @param {RawTrade} trade
	 * @param {number} status world trade_status
	 * @param {Record<string, string>} [extra]
	 */
	upsertWorldTrade(trade, status, extra = {}) {
		const world = this.world;
		world.ensure();
		const now = world.now();
		const order = trade.order;
		const table = world.table('trade');
		if (trade.trade_id !== null) {
			world.update('trade', trade.trade_id, { trade_status: status, ...extra }, now);
			return /** @type {import('./world-table').WorldRecord} */ (table.get(trade.trade_id));
		}
		const shop = world.shops().find((s) => s.shop_no === trade.shop_no);
		const warehouse = world.warehouses.find((w) => w.warehouse_no === SHIP_WAREHOUSE);
		const tradeId = world.ids.trade.next();
		const lines = order.order_list.filter((line) => trade.reserved.has(line.oid));
		const goodsList = lines.map((line) => {
			const sku = world.skus.find((s) => s.spec_no === line.spec_no);
			const lineTotal = Math.round((line.price * line.num) / 10000);
			return {
				rec_id: world.ids.line.next(),
				trade_id: tradeId,
				src_oid: line.oid,
				src_tid: trade.tid,
				spec_id: sku?.spec_id ?? line.spec_id,
				goods_id: sku?.goods_id ?? line.goods_id,
				spec_no: line.spec_no,
				goods_no: sku?.goods_no ?? line.goods_no,
				goods_name: sku?.goods_name ?? line.goods_name,
				spec_name: sku?.spec_name ?? line.spec_name,
				num: line.num / 10000,
				price: unitsText(line.price),
				order_price: unitsText(line.price),
				share_amount: unitsText(
					lineTotal + line.adjust_amount - line.discount - line.share_discount,
				),
			};
		});
		const goodsAmount = lines.reduce((sum, l) => sum + Math.round((l.price * l.num) / 10000), 0);
		/** @type {import('./world-table').WorldRecord} */
		const record = {
			trade_id: tradeId,
			trade_no: `JY${formatBeijing(now).slice(0, 10).replace(/-/g, '')}${tradeId.slice(-6).padStart(6, '0')}`,
			platform_id: shop?.platform_id ?? 127,
			shop_id: String(shop?.shop_id ?? 0),
			shop_no: trade.shop_no,
			shop_name: shop?.shop_name ?? trade.shop_no,
			warehouse_id: String(warehouse?.warehouse_id ?? 1),
			warehouse_no: SHIP_WAREHOUSE,
			src_tids: trade.tid,
			trade_status: status,
			trade_type: 1,
			trade_time: now,
			pay_time: now,
			receiver_name: order.receiver_name,
			receiver_mobile: order.receiver_mobile,
			// trade_query writes area ids, not the names pushed (docs/wdt-contract.md#trade_query)
			...areaFields(order),
			logistics_name: '',
			logistics_no: '',
			goods_count: lines.reduce((sum, l) => sum + l.num / 10000, 0),
			goods_type_count: lines.length,
			goods_amount: unitsText(goodsAmount),
			post_amount: unitsText(order.post_amount),
			paid: unitsText(order.paid),
			created: now,
			modified: now,
			goods_list: goodsList,
			...extra,
		};
		table.put(record);
		trade.trade_id = tradeId;
		return record;
	}

	// ---- inspection -----------------------------------------------------------------------------

	/**
	 * @param {string} shopNo
	 * @param {string} tid
	 */
	get(shopNo, tid) {
		return this.trades.get(`${shopNo}\u0000${tid}`);
	}

	/** All orders the ERP holds, in push order. */
	all() {
		return [...this.trades.values()];
	}

	/** Orders per state. */
	stateCounts() {
		/** @type {Record<RawTrade['state'], number>} */
		const counts = { waiting: 0, unmatched: 0, reserved: 0, shipped: 0, cancelled: 0 };
		for (const trade of this.trades.values()) counts[trade.state]++;
		return counts;
	}
}

/**
 * The receiver's area of a pushed order as trade_query writes it: ids, and the names in
 * receiver_area.
 * @param {{ receiver_province: string, receiver_city: string, receiver_district: string }} order
 */
function areaFields(order) {
	const [province, city, district] = areaCodes(
		order.receiver_province,
		order.receiver_city,
		order.receiver_district,
	);
	return {
		receiver_province: province,
		receiver_city: city,
		receiver_district: district,
		receiver_area: [order.receiver_province, order.receiver_city, order.receiver_district]
			.filter((part) => part !== '')
			.join(' '),
	};
}

/** The return warehouse (退货仓) of the demo world. */
const RETURN_WAREHOUSE = 'WH-RT01';

module.exports = { ErpOrders, CARRIERS, SHIP_WAREHOUSE, RETURN_WAREHOUSE, wantsShipping };
