// @ts-check
'use strict';

/**
 * The stock pool behind api_goods_stock_change_query.php and api_goods_stock_change_ack.php.
 *
 * A row is one ERP platform-goods record; `rec_id` is its primary key and keeps existing after
 * an ack. A stock change sets `sync_stock`, bumps `stock_change_count` and marks the row pending.
 * A query returns the shop's pending rows, oldest pending first. An ack clears a row only when the
 * rec_id exists and the acked `stock_change_count` equals the row's current one; acks are
 * idempotent (acking a cleared row with its current count succeeds again).
 *
 * rec_ids are 19-digit decimal strings, never held in a JS number. Generated ones are chosen so
 * that none is exactly representable as a double: a client that round-trips a rec_id through a
 * number always acks an id that does not exist.
 */

const { createRandom } = require('./prng');
const { DEFAULT_SHOPS, PLATFORMS, demoGoods } = require('./demo-data');

/** @typedef {import('./prng').Random} Random */

/**
 * @typedef {object} Shop
 * @property {number} shop_id
 * @property {string} shop_no
 * @property {string} shop_name
 * @property {number} platform_id
 * @property {string} platform_name
 * @property {boolean} disabled  a disabled shop answers 2310 like an unknown one
 */

/**
 * @typedef {object} StockRow
 * @property {string} rec_id           19-digit decimal string (primary key)
 * @property {number} shop_id
 * @property {string} shop_no
 * @property {number} goods_id
 * @property {number} spec_id
 * @property {string} goods_no
 * @property {string} spec_no
 * @property {string} goods_name
 * @property {string} spec_name
 * @property {number} sync_stock
 * @property {number} stock_change_count
 * @property {boolean} pending          waiting to be acked
 * @property {string} modified         last stock change, 'YYYY-MM-DD HH:mm:ss' Beijing time
 * @property {number} acksApplied       acks that matched (repeats included)
 * @property {number} acksRefused       acks naming this row with another stock_change_count
 * @property {number} timesCleared      acks that moved it from pending to cleared
 * @property {number | null} lastAckedSyncStock  sync_stock of the last matching ack
 */

/**
 * @typedef {object} SeedOptions
 * @property {Array<string | Partial<Shop>>} [shops]  default ['shop-a', 'shop-b']
 * @property {number} [perShop]   rows per shop (default 200)
 * @property {number | string} [seed]  default 1
 * @property {number} [pendingRatio]  share of seeded rows that start pending (default 1)
 */

const FIRST_REC_ID = 2754327482516635662n;
const ACK_ERROR_NOT_FOUND = '记录不存在';
const ACK_ERROR_COUNT_CHANGED = '库存已变化(stock_change_count不一致),请重新查询';

/** @param {Date} date */
function beijingTime(date) {
	return new Date(date.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * A rec_id in canonical form (leading zeros dropped, as a bigint column compares),
 * or null when the text is not a non-negative decimal integer.
 * @param {string} text
 */
function canonicalRecId(text) {
	if (!/^[0-9]+$/.test(text)) return null;
	const stripped = text.replace(/^0+(?=[0-9])/, '');
	return stripped;
}

class StockPool {
	/** @param {{ seed?: number | string }} [options] */
	constructor(options = {}) {
		/** @type {Map<string, Shop>} */
		this.shops = new Map();
		/** @type {Map<string, StockRow>} */
		this.rows = new Map();
		/** pending rows per shop, in the order they became pending
		 * @type {Map<string, Map<string, StockRow>>} */
		this.pendingByShop = new Map();
		this.random = createRandom(options.seed ?? 1);
		this.nextRecId = FIRST_REC_ID;
		this.nextGoodsId = 10001;
		this.nextSpecId = 50001;
		this.nextShopId = 1;
	}

	/**
	 * Add (or replace the details of) a shop.
	 * @param {Partial<Shop> & { shop_no: string }} partial
	 * @returns {Shop}
	 */
	addShop(partial) {
		const existing = this.shops.get(partial.shop_no);
		/** @type {Partial<Shop>} */
		const known = DEFAULT_SHOPS[/** @type {keyof typeof DEFAULT_SHOPS} */ (partial.shop_no)] ?? {};
		/** @type {Shop} */
		const shop = {
			shop_id: existing?.shop_id ?? this.nextShopId++,
			shop_name: `演示店铺 ${partial.shop_no}`,
			...PLATFORMS.SELF,
			...known,
			disabled: false,
			...existing,
			...partial,
		};
		this.shops.set(shop.shop_no, shop);
		if (!this.pendingByShop.has(shop.shop_no)) this.pendingByShop.set(shop.shop_no, new Map());
		return shop;
	}

	/**
	 * The shop with this number, if it exists and is not disabled.
	 * @param {string} shopNo
	 */
	activeShop(shopNo) {
		const shop = this.shops.get(shopNo);
		return shop && !shop.disabled ? shop : undefined;
	}

	/** A fresh 19-digit rec_id, never exactly representable as a double. */
	generateRecId() {
		for (;;) {
			const candidate = this.nextRecId;
			this.nextRecId += BigInt(this.random.int(1, 997));
			const text = candidate.toString();
			if (BigInt(Number(text)) === candidate) continue;
			if (this.rows.has(text)) continue;
			return text;
		}
	}

	/**
	 * Add one row. Missing fields are filled in (a demo goods name, stock 10, count 1, pending).
	 * @param {Partial<StockRow>} [partial]
	 * @returns {StockRow} a snapshot of the new row
	 */
	addRecord(partial = {}) {
		const shopNo = partial.shop_no ?? this.shops.keys().next().value ?? 'shop-a';
		const shop = this.shops.get(shopNo) ?? this.addShop({ shop_no: shopNo });
		let recId;
		if (partial.rec_id !== undefined) {
			recId = canonicalRecId(String(partial.rec_id));
			if (recId === null) throw new Error(`rec_id must be a decimal string, got ${partial.rec_id}`);
			if (this.rows.has(recId)) throw new Error(`rec_id ${recId} already exists`);
		} else {
			recId = this.generateRecId();
		}
		const goodsId = partial.goods_id ?? this.nextGoodsId++;
		const specId = partial.spec_id ?? this.nextSpecId++;
		const goodsNo = partial.goods_no ?? `G${goodsId}`;
		/** @type {StockRow} */
		const row = {
			rec_id: recId,
			shop_id: shop.shop_id,
			shop_no: shop.shop_no,
			goods_id: goodsId,
			spec_id: specId,
			goods_no: goodsNo,
			spec_no: partial.spec_no ?? `${goodsNo}-${specId}`,
			goods_name: partial.goods_name ?? demoGoods(this.random).goodsName,
			spec_name: partial.spec_name ?? '默认规格',
			sync_stock: partial.sync_stock ?? 10,
			stock_change_count: partial.stock_change_count ?? 1,
			pending: partial.pending ?? true,
			modified: partial.modified ?? beijingTime(new Date()),
			acksApplied: 0,
			acksRefused: 0,
			timesCleared: 0,
			lastAckedSyncStock: null,
		};
		this.rows.set(recId, row);
		if (row.pending) this.pendingMap(row.shop_no).set(recId, row);
		return { ...row };
	}

	/**
	 * Add demo rows with realistic Chinese names, deterministic for a given seed.
	 * @param {SeedOptions} [options]
	 * @returns {this}
	 */
	seed(options = {}) {
		const shops = options.shops ?? ['shop-a', 'shop-b'];
		const perShop = options.perShop ?? 200;
		const pendingRatio = options.pendingRatio ?? 1;
		const random = createRandom(options.seed ?? 1);
		this.random = createRandom(`${options.seed ?? 1}/rec_id`);
		for (const entry of shops) {
			const shop = this.addShop(
				typeof entry === 'string' ? { shop_no: entry } : /** @type {Shop} */ (entry),
			);
			let added = 0;
			while (added < perShop) {
				const goods = demoGoods(random);
				const goodsId = this.nextGoodsId++;
				const goodsNo = `GD${String(goodsId).padStart(6, '0')}`;
				for (let i = 0; i < goods.specNames.length && added < perShop; i++) {
					const specId = this.nextSpecId++;
					this.addRecord({
						shop_no: shop.shop_no,
						goods_id: goodsId,
						spec_id: specId,
						goods_no: goodsNo,
						spec_no: `${goodsNo}-${String(i + 1).padStart(2, '0')}`,
						goods_name: goods.goodsName,
						spec_name: goods.specNames[i],
						sync_stock: random.int(0, 500),
						stock_change_count: random.int(1, 40),
						pending: random.next() < pendingRatio,
					});
					added++;
				}
			}
		}
		return this;
	}

	/** @param {string} shopNo */
	pendingMap(shopNo) {
		let map = this.pendingByShop.get(shopNo);
		if (!map) {
			map = new Map();
			this.pendingByShop.set(shopNo, map);
		}
		return map;
	}

	/**
	 * The live pending rows of a shop, oldest pending first, at most `limit` (used by the endpoint).
	 * @param {string} shopNo
	 * @param {number} limit
	 * @returns {StockRow[]}
	 */
	query(shopNo, limit) {
		/** @type {StockRow[]} */
		const out = [];
		const map = this.pendingByShop.get(shopNo);
		if (!map) return out;
		for (const row of map.values()) {
			if (out.length >= limit) break;
			out.push(row);
		}
		return out;
	}

	/**
	 * Snapshots of the pending rows (of one shop, or of all shops), oldest pending first.
	 * @param {string} [shopNo]
	 * @returns {StockRow[]}
	 */
	pending(shopNo) {
		const maps =
			shopNo === undefined
				? [...this.pendingByShop.values()]
				: [this.pendingByShop.get(shopNo) ?? new Map()];
		return maps.flatMap((map) => [...map.values()].map((row) => ({ ...row })));
	}

	/** @param {string} [shopNo] */
	pendingCount(shopNo) {
		if (shopNo !== undefined) return this.pendingByShop.get(shopNo)?.size ?? 0;
		let total = 0;
		for (const map of this.pendingByShop.values()) total += map.size;
		return total;
	}

	/**
	 * A snapshot of one row.
	 * @param {string} recId
	 * @returns {StockRow | undefined}
	 */
	get(recId) {
		const key = canonicalRecId(String(recId));
		const row = key === null ? undefined : this.rows.get(key);
		return row ? { ...row } : undefined;
	}

	/** Snapshots of all rows, in insertion order. */
	all() {
		return [...this.rows.values()].map((row) => ({ ...row }));
	}

	/** Number of rows (pending or not). */
	size() {
		return this.rows.size;
	}

	/**
	 * The ERP's stock changed: set sync_stock, bump stock_change_count, mark pending.
	 * A row that is already pending keeps its place in the query order.
	 * @param {string} recId
	 * @param {number} newStock
	 * @returns {StockRow} snapshot after the change
	 */
	changeStock(recId, newStock) {
		const row = this.rows.get(canonicalRecId(String(recId)) ?? '');
		if (!row) throw new Error(`no row with rec_id ${recId}`);
		if (!Number.isInteger(newStock)) throw new Error(`stock must be an integer, got ${newStock}`);
		row.sync_stock = newStock;
		row.stock_change_count += 1;
		row.modified = beijingTime(new Date());
		if (!row.pending) {
			row.pending = true;
			this.pendingMap(row.shop_no).set(row.rec_id, row);
		}
		return { ...row };
	}

	/**
	 * Change the stock of `count` random rows (demo churn), deterministic for the pool's seed.
	 * @param {number} count
	 * @param {string} [shopNo] only rows of this shop
	 * @returns {StockRow[]} snapshots after the change
	 */
	changeRandom(count, shopNo) {
		const candidates =
			shopNo === undefined
				? [...this.rows.values()]
				: [...this.rows.values()].filter((r) => r.shop_no === shopNo);
		/** @type {StockRow[]} */
		const changed = [];
		for (let i = 0; i < count && candidates.length > 0; i++) {
			const row = this.random.pick(candidates);
			const delta = this.random.int(-5, 8);
			changed.push(this.changeStock(row.rec_id, Math.max(0, row.sync_stock + delta)));
		}
		return changed;
	}

	/**
	 * Apply one ack entry. The caller has validated the shapes already.
	 * @param {string} recId decimal text
	 * @param {number} syncStock
	 * @param {number} stockChangeCount
	 * @returns {string | null} null when applied, else the error text for `errors[]`
	 */
	ack(recId, syncStock, stockChangeCount) {
		const key =
			recId.charCodeAt(0) === 0x30 /* 0 */ || !/^[0-9]+$/.test(recId)
				? canonicalRecId(recId)
				: recId;
		const row = key === null ? undefined : this.rows.get(key);
		if (!row) return ACK_ERROR_NOT_FOUND;
		if (row.stock_change_count !== stockChangeCount) {
			row.acksRefused++;
			return ACK_ERROR_COUNT_CHANGED;
		}
		row.acksApplied++;
		row.lastAckedSyncStock = syncStock;
		if (row.pending) {
			row.pending = false;
			row.timesCleared++;
			this.pendingByShop.get(row.shop_no)?.delete(row.rec_id);
		}
		return null;
	}

	/**
	 * Remove one row (a platform goods row deleted with api_goodsspec_push status 0).
	 * @param {string} recId
	 * @returns {boolean} whether it existed
	 */
	remove(recId) {
		const row = this.rows.get(canonicalRecId(String(recId)) ?? '');
		if (!row) return false;
		this.rows.delete(row.rec_id);
		this.pendingByShop.get(row.shop_no)?.delete(row.rec_id);
		return true;
	}

	/** Remove every row (shops stay). */
	clear() {
		this.rows.clear();
		for (const map of this.pendingByShop.values()) map.clear();
	}
}

/**
 * A new pool seeded with demo rows.
 * @param {SeedOptions} [options]
 */
function seedPool(options = {}) {
	return new StockPool({ seed: options.seed }).seed(options);
}

module.exports = {
	StockPool,
	seedPool,
	canonicalRecId,
	beijingTime,
	ACK_ERROR_NOT_FOUND,
	ACK_ERROR_COUNT_CHANGED,
};
