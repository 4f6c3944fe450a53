/**
 * How the memory of the pending-queue triggers (rec_id → [version, emitted at]) is kept in the
 * workflow's static data: the WDT Trigger's Stock Changes to Sync and Shipments to Sync events and
 * the hidden WDT Stock Change Trigger. The version is what says a record changed (emitWindow.ts).
 * n8n loads static data with every execution and, in queue mode, ships it with every job, so it
 * is kept small:
 *
 *   remembered: { v: 2, groups: [[emittedAtMs, packed], …], other?: { [rec_id]: [version, emittedAtMs] } }
 *
 * One group per emit time (a poll emits all its records at once). `packed` lists the group's
 * records sorted by rec_id, comma-separated, each `<rec_id minus the previous one, base 36>:<version,
 * base 36>` — rec_ids and versions as exact big integers, never through a JS number. A rec_id or a
 * version that is not a canonical decimal (leading zero, empty, not digits) goes verbatim into
 * `other`, so any value reads back exactly as it was written.
 *
 * About 13 bytes per record for random 19-digit rec_ids, a few for consecutive ones. Two older
 * formats are still read, so an active workflow keeps its window across the upgrade, and are
 * replaced at the next write:
 * - the stock trigger's first format, `emitted: { [rec_id]: [count, emittedAtMs] }`;
 * - the WDT Trigger's Shipments memory, `shipments: { emitted: { [rec_id]: emittedAtMs } }`, which
 *   kept no version: its entries read as ANY_VERSION (the next version seen is taken as the one
 *   emitted).
 */
import type { IDataObject } from 'n8n-workflow';

/** rec_id → [version as text, emitted at (ms since epoch)] */
export type Memory = Map<string, [string, number]>;

/** The version of an entry from a format that kept none: it matches any version. */
export const ANY_VERSION = '*';

const FORMAT_VERSION = 2;
const CANONICAL = /^(0|[1-9][0-9]{0,39})$/;
const SAFE_BASE36_DIGITS = 10; // 36^10 < 2^53: parseInt is exact up to this length

function fromBase36(text: string): bigint {
	// Stryker disable next-line EqualityOperator,ConditionalExpression: the loop below is exact at any length; parseInt is only its faster path up to 10 digits
	if (text.length <= SAFE_BASE36_DIGITS) return BigInt(parseInt(text, 36));
	let value = BigInt(0);
	const radix = BigInt(36);
	for (const char of text) value = value * radix + BigInt(parseInt(char, 36));
	return value;
}

function isEntry(value: unknown): value is [unknown, number] {
	return Array.isArray(value) && value.length === 2 && typeof value[1] === 'number';
}

/** The first format, `emitted: { [rec_id]: [count, emittedAtMs] }`. */
function readFirstFormat(raw: unknown, into: Memory): void {
	if (
		!raw ||
		// Stryker disable next-line ConditionalExpression: a string's entries are its characters and a number has none: never a [count, time] pair
		typeof raw !== 'object' ||
		Array.isArray(raw)
	)
		return;
	for (const [recId, entry] of Object.entries(raw as Record<string, unknown>)) {
		if (isEntry(entry)) into.set(recId, [String(entry[0]), entry[1]]);
	}
}

function readPacked(at: number, packed: string, into: Memory): void {
	let recId = BigInt(0);
	for (const part of packed.split(',')) {
		if (!/^[0-9a-z]+:[0-9a-z]+$/.test(part)) return; // damaged: keep what was read
		const colon = part.indexOf(':');
		recId += fromBase36(part.slice(0, colon));
		into.set(recId.toString(), [fromBase36(part.slice(colon + 1)).toString(), at]);
	}
}

/** The WDT Trigger's Shipments memory before it shared this one: rec_id → emitted at, no version. */
function readShipmentsFormat(raw: unknown, into: Memory): void {
	const emitted = raw && typeof raw === 'object' ? (raw as IDataObject).emitted : undefined;
	if (!emitted || typeof emitted !== 'object' || Array.isArray(emitted)) return;
	for (const [recId, at] of Object.entries(emitted as Record<string, unknown>)) {
		if (typeof at === 'number') into.set(recId, [ANY_VERSION, at]);
	}
}

/** Reads the memory from the node's static data, whichever format it was saved in. */
export function readMemory(state: IDataObject): Memory {
	const memory: Memory = new Map();
	readShipmentsFormat(state.shipments, memory);
	readFirstFormat(state.emitted, memory);
	const remembered = state.remembered as IDataObject | undefined;
	if (
		!remembered ||
		// Stryker disable next-line ConditionalExpression: a string, number or boolean has no v, so the version check refuses it all the same
		typeof remembered !== 'object' ||
		remembered.v !== FORMAT_VERSION
	)
		return memory;
	if (Array.isArray(remembered.groups)) {
		for (const group of remembered.groups as unknown[]) {
			if (Array.isArray(group) && typeof group[0] === 'number' && typeof group[1] === 'string') {
				readPacked(group[0], group[1], memory);
			}
		}
	}
	readFirstFormat(remembered.other, memory);
	return memory;
}

/**
 * Orders distinct canonical decimals by value: by length, then as text (no big integers needed).
 * The rec_ids of one group are keys of one Map, so they are never equal.
 */
function byValue(a: string, b: string): number {
	if (a.length !== b.length) return a.length - b.length;
	// Stryker disable next-line EqualityOperator: a and b are never equal (distinct Map keys), so `<=` orders as `<` does
	return a < b ? -1 : 1;
}

/** The packed form of `memory`, as stored under `remembered`. */
export function packMemory(memory: Memory): IDataObject {
	const byTime = new Map<number, Array<[string, string]>>();
	const other: Record<string, [string, number]> = {};
	let hasOther = false;
	for (const [recId, [version, at]] of memory) {
		if (CANONICAL.test(recId) && CANONICAL.test(version)) {
			const group = byTime.get(at) ?? [];
			group.push([recId, version]);
			byTime.set(at, group);
		} else {
			other[recId] = [version, at];
			hasOther = true;
		}
	}
	const groups: Array<[number, string]> = [];
	for (const [at, entries] of [...byTime].sort((a, b) => a[0] - b[0])) {
		entries.sort((a, b) => byValue(a[0], b[0]));
		let previous = BigInt(0);
		const parts: string[] = [];
		for (const [text, version] of entries) {
			const recId = BigInt(text);
			parts.push(`${(recId - previous).toString(36)}:${BigInt(version).toString(36)}`);
			previous = recId;
		}
		groups.push([at, parts.join(',')]);
	}
	const packed: IDataObject = { v: FORMAT_VERSION, groups };
	if (hasOther) packed.other = other as unknown as IDataObject;
	return packed;
}

/**
 * Stores `memory` in the node's static data in the packed form. Assigning a new object lets n8n
 * see the change and save it; the older formats' keys, if any, are dropped.
 */
export function writeMemory(state: IDataObject, memory: Memory): void {
	state.remembered = packMemory(memory);
	delete state.emitted;
	delete state.shipments;
}
