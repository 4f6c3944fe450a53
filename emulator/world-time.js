// @ts-check
'use strict';

/**
 * Beijing time (UTC+8, no daylight saving), the only time WDT speaks: 'YYYY-MM-DD HH:MM:SS'.
 * The world keeps times as Unix seconds and writes them as Beijing-time text.
 */

const BEIJING_OFFSET_SEC = 8 * 3600;
const PATTERN = /^([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})$/;

/**
 * Unix seconds → 'YYYY-MM-DD HH:MM:SS' in Beijing time.
 * @param {number} sec
 */
function formatBeijing(sec) {
	return new Date((sec + BEIJING_OFFSET_SEC) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * 'YYYY-MM-DD HH:MM:SS' in Beijing time → Unix seconds; null when malformed or not a real date
 * (2026-02-30, 24:00:00…).
 * @param {string} text
 */
function parseBeijing(text) {
	const match = PATTERN.exec(text);
	if (!match) return null;
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
	const ms = Date.UTC(year, month - 1, day, hour, minute, second);
	const sec = ms / 1000 - BEIJING_OFFSET_SEC;
	return formatBeijing(sec) === text ? sec : null;
}

/**
 * A moment given as Unix seconds, a Date, or Beijing-time text → Unix seconds (whole).
 * @param {number | Date | string} at
 */
function toUnixSeconds(at) {
	if (typeof at === 'number') {
		if (!Number.isFinite(at)) throw new Error(`not a time: ${at}`);
		return Math.floor(at);
	}
	if (at instanceof Date) return Math.floor(at.getTime() / 1000);
	const sec = parseBeijing(at);
	if (sec === null) throw new Error(`not a Beijing time 'YYYY-MM-DD HH:MM:SS': ${at}`);
	return sec;
}

module.exports = { formatBeijing, parseBeijing, toUnixSeconds, BEIJING_OFFSET_SEC };
