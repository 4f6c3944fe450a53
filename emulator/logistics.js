// @ts-check
'use strict';

/**
 * The logistics-sync pool (物流同步) behind logistics_sync_query.php / logistics_sync_ack.php:
 * one record per shipped package, created when the ERP ships a pushed order (erp-orders.js).
 *
 * - A record is pending (sync_status 0, 等待同步) until acked with status 0.
 * - Ack status 0: synced (sync_status 3); acking it again with 0 is fine (idempotent).
 * - Ack status 1: the shop refused; the message is kept (error_msg) and the record is shown as
 *   failed (sync_status 2) — no longer pending, so the next query does not return it (WDT shows
 *   it in the ERP for a person; not confirmed for openapi2). A later ack 0 still marks it synced.
 * - Ack status 1 on a synced record is refused (errors[]): a shipment the shop took cannot
 *   become refused afterwards (an emulator choice; it catches clients that mix items up).
 * rec_ids are 19-digit decimal strings that no double holds exactly.
 */

const { IdSequence } = require('./world-ids');
const { createRandom } = require('./prng');
const { canonicalRecId } = require('./pool');

const LOGISTICS_ERROR_NOT_FOUND = '物流同步记录不存在';
const LOGISTICS_ERROR_ALREADY_SYNCED = '物流同步记录已同步成功,不能回写为失败';

/** sync_status values WDT documents for logistics_sync_query. */
const SYNC_STATUS = Object.freeze({ WAITING: 0, FAILED: 2, SYNCED: 3 });

/**
 * @typedef {object} LogisticsRecord
 * @property {string} rec_id           19-digit decimal string
 * @property {string} shop_id
 * @property {string} shop_no
 * @property {number} platform_id
 * @property {string} tid              the shop's order number (原始单号)
 * @property {string} oids             the shipped lines' oids, comma-separated
 * @property {string} trade_id         the ERP order (系统订单) id
 * @property {number} delivery_term
 * @property {string} logistics_no     tracking number (物流单号)
 * @property {number} logistics_type   carrier type number (物流方式)
 * @property {string} logistics_name
 * @property {string} logistics_code_erp
 * @property {string} logistics_name_erp
 * @property {number} consign_time     Unix seconds
 * @property {number} is_part_sync     0: the whole order in one package
 * @property {number} sync_status      0 waiting, 2 failed, 3 synced
 * @property {string} error_msg        the shop's message from an ack with status 1
 * @property {number} try_times
 * @property {number} created          Unix seconds
 * @property {number} modified         Unix seconds
 * @property {number} acksApplied      acks that matched (repeats included)
 * @property {number} acksRefused
 * @property {string | null} lastAckMessage
 */

class LogisticsPool {
	/** @param {{ seed?: number | string }} [options] */
	constructor(options = {}) {
		this.ids = new IdSequence({
			first: 1,
			bigFirst: 2778958909363191820n,
			bigEvery: 1,
			random: createRandom(`${options.seed ?? 1}/logistics-rec-id`),
		});
		/** @type {Map<string, LogisticsRecord>} */
		this.records = new Map();
		/** pending records per shop, oldest first @type {Map<string, Map<string, LogisticsRecord>>} */
		this.pendingByShop = new Map();
	}

	/**
	 * A new pending record (called when the ERP ships).
	 * @param {Omit<LogisticsRecord, 'rec_id' | 'sync_status' | 'error_msg' | 'try_times' | 'acksApplied' | 'acksRefused' | 'lastAckMessage' | 'is_part_sync'>} fields
	 */
	add(fields) {
		/** @type {LogisticsRecord} */
		const record = {
			rec_id: this.ids.big(),
			...fields,
			is_part_sync: 0,
			sync_status: SYNC_STATUS.WAITING,
			error_msg: '',
			try_times: 1,
			acksApplied: 0,
			acksRefused: 0,
			lastAckMessage: null,
		};
		this.records.set(record.rec_id, record);
		this.pendingMap(record.shop_no).set(record.rec_id, record);
		return { ...record };
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
	 * The live pending records of a shop, oldest first, at most `limit` (used by the endpoint).
	 * @param {string} shopNo
	 * @param {number} limit
	 */
	query(shopNo, limit) {
		/** @type {LogisticsRecord[]} */
		const out = [];
		for (const record of this.pendingByShop.get(shopNo)?.values() ?? []) {
			if (out.length >= limit) break;
			out.push(record);
		}
		return out;
	}

	/** @param {string} [shopNo] */
	pendingCount(shopNo) {
		if (shopNo !== undefined) return this.pendingByShop.get(shopNo)?.size ?? 0;
		let total = 0;
		for (const map of this.pendingByShop.values()) total += map.size;
		return total;
	}

	/**
	 * Snapshots of the pending records (of one shop or all), oldest first.
	 * @param {string} [shopNo]
	 */
	pending(shopNo) {
		const maps =
			shopNo === undefined
				? [...this.pendingByShop.values()]
				: [this.pendingByShop.get(shopNo) ?? new Map()];
		return maps.flatMap((map) => [...map.values()].map((record) => ({ ...record })));
	}

	/** Records refused by the shop (ack status 1) and not synced since. */
	failed() {
		return this.all().filter((record) => record.sync_status === SYNC_STATUS.FAILED);
	}

	/** @param {string} recId */
	get(recId) {
		const record = this.records.get(canonical(recId));
		return record ? { ...record } : undefined;
	}

	/** Snapshots of all records, in creation order. */
	all() {
		return [...this.records.values()].map((record) => ({ ...record }));
	}

	/**
	 * Apply one ack entry (already validated).
	 * @param {string} recId decimal text
	 * @param {0 | 1} status
	 * @param {string} message
	 * @param {number} now Unix seconds
	 * @returns {string | null} null when applied, else the error text for errors[]
	 */
	ack(recId, status, message, now) {
		const record = this.records.get(canonical(recId));
		if (!record) return LOGISTICS_ERROR_NOT_FOUND;
		if (status === 1 && record.sync_status === SYNC_STATUS.SYNCED) {
			record.acksRefused++;
			return LOGISTICS_ERROR_ALREADY_SYNCED;
		}
		record.acksApplied++;
		record.lastAckMessage = message;
		record.modified = now;
		if (status === 0) {
			record.sync_status = SYNC_STATUS.SYNCED;
			record.error_msg = '';
		} else {
			record.sync_status = SYNC_STATUS.FAILED;
			record.error_msg = message;
		}
		this.pendingByShop.get(record.shop_no)?.delete(record.rec_id);
		return null;
	}
}

/**
 * A rec_id as the table holds it (leading zeros dropped, as a bigint column compares).
 * @param {string} text
 */
function canonical(text) {
	return canonicalRecId(text) ?? text;
}

module.exports = {
	LogisticsPool,
	SYNC_STATUS,
	LOGISTICS_ERROR_NOT_FOUND,
	LOGISTICS_ERROR_ALREADY_SYNCED,
};
