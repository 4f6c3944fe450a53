// @ts-check
'use strict';

/**
 * One resource of the world (trades, refunds…): records by key, listed in WDT's stable order
 * (time, key) ascending, selected by an inclusive time range with a binary search. The time is
 * `modified` unless an endpoint windows on another field (stockouts: `consign_time`).
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
		/** @type {Map<string, WorldRecord[]>} time field → records sorted by (field, key); cleared on change */
		this.sortedBy = new Map();
	}

	/** @param {WorldRecord} record */
	put(record) {
		const key = String(record[this.key]);
		this.byKey.set(key, record);
		this.sortedBy.clear();
		return record;
	}

	/** @param {string} key */
	get(key) {
		return this.byKey.get(String(key));
	}

	/** Call after changing a record's time in place. */
	changed() {
		this.sortedBy.clear();
	}

	/**
	 * All records in (field, key) order; records without that time are left out.
	 * @param {string} [field] default 'modified'
	 */
	ordered(field = 'modified') {
		let sorted = this.sortedBy.get(field);
		if (sorted === undefined) {
			const key = this.key;
			sorted = [...this.byKey.values()]
				.filter((row) => typeof row[field] === 'number')
				.sort((a, b) => a[field] - b[field] || compareIds(a[key], b[key]));
			this.sortedBy.set(field, sorted);
		}
		return sorted;
	}

	/**
	 * Records with start <= modified <= end (either bound may be omitted), in order.
	 * @param {number} [start]
	 * @param {number} [end]
	 */
	range(start, end) {
		return this.rangeBy('modified', start, end);
	}

	/**
	 * Records with start <= field <= end (either bound may be omitted), in (field, key) order.
	 * @param {string} field a time field held as Unix seconds
	 * @param {number} [start]
	 * @param {number} [end]
	 */
	rangeBy(field, start, end) {
		const rows = this.ordered(field);
		const from = start === undefined ? 0 : lowerBound(rows, field, start);
		const to = end === undefined ? rows.length : lowerBound(rows, field, end + 1);
		return rows.slice(from, to);
	}

	get size() {
		return this.byKey.size;
	}
}

/**
 * First index whose field >= sec.
 * @param {WorldRecord[]} rows sorted by field
 * @param {string} field
 * @param {number} sec
 */
function lowerBound(rows, field, sec) {
	let lo = 0;
	let hi = rows.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (rows[mid][field] < sec) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

module.exports = { WorldTable, compareIds };
