// @ts-check
'use strict';

/**
 * One resource of the world (trades, refunds…): records by key, listed in WDT's stable order
 * (modified, key) ascending, selected by an inclusive modified range with a binary search.
 * Keys are decimal strings (19-digit ids never pass through a JS number).
 */

/**
 * @typedef {Record<string, any> & { modified: number }} WorldRecord
 *   times (modified, created…) as Unix seconds; ids as decimal strings
 */

/**
 * Numeric order of two non-negative decimal strings without leading zeros.
 * @param {string} a
 * @param {string} b
 */
function compareIds(a, b) {
	if (a.length !== b.length) return a.length - b.length;
	return a < b ? -1 : a > b ? 1 : 0;
}

class WorldTable {
	/** @param {string} key the key field, e.g. 'trade_id' */
	constructor(key) {
		this.key = key;
		/** @type {Map<string, WorldRecord>} */
		this.byKey = new Map();
		/** @type {WorldRecord[] | null} sorted by (modified, key); null when it must be rebuilt */
		this.sorted = null;
	}

	/** @param {WorldRecord} record */
	put(record) {
		const key = String(record[this.key]);
		this.byKey.set(key, record);
		this.sorted = null;
		return record;
	}

	/** @param {string} key */
	get(key) {
		return this.byKey.get(String(key));
	}

	/** Call after changing a record's modified time in place. */
	changed() {
		this.sorted = null;
	}

	/** All records in (modified, key) order. */
	ordered() {
		if (this.sorted === null) {
			const key = this.key;
			this.sorted = [...this.byKey.values()].sort(
				(a, b) => a.modified - b.modified || compareIds(a[key], b[key]),
			);
		}
		return this.sorted;
	}

	/**
	 * Records with start <= modified <= end (either bound may be omitted), in order.
	 * @param {number} [start]
	 * @param {number} [end]
	 */
	range(start, end) {
		const rows = this.ordered();
		const from = start === undefined ? 0 : lowerBound(rows, start);
		const to = end === undefined ? rows.length : lowerBound(rows, end + 1);
		return rows.slice(from, to);
	}

	get size() {
		return this.byKey.size;
	}
}

/**
 * First index whose modified >= sec.
 * @param {WorldRecord[]} rows
 * @param {number} sec
 */
function lowerBound(rows, sec) {
	let lo = 0;
	let hi = rows.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (rows[mid].modified < sec) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

module.exports = { WorldTable, compareIds };
