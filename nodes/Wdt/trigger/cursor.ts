/**
 * The WDT Trigger's memory, kept in the workflow's static data, and what a poll emits.
 *
 * - `cursor`: where the next poll's range starts, before the overlap (epoch ms, gateway time).
 *   The next poll reads from `cursor − overlap`, so a record WDT shows late (written with a
 *   `modified` a little in the past) or exactly on the border is still read.
 * - `seen`: identity → the newest version emitted (`modified`; goods: the newest of goods_modified
 *   and its specs' spec_modified), for the records a later read can bring back. A record is
 *   emitted when its identity is new or its version is newer: de-duplication by (identity,
 *   version), so a record comes out once per change, never twice for the same one.
 *   The identity is the endpoint's key (or composite key), else the record's whole content.
 * - `floor`: no read starts before it, and `seen` holds every change emitted at or after it: the
 *   entries pruned are exactly those no later read can bring back (whatever the overlap is then).
 * - `offsetMs`: the gateway's clock minus n8n's, as last measured (the poll's range ends at the
 *   gateway's time); `heldPolls`: polls in a row stopped by a window that could not be read.
 * - `scope`: the endpoint and filters the memory belongs to; another scope starts a new `seen`.
 * Knows nothing of HTTP; the node and the tests drive it.
 */
import type { IDataObject } from 'n8n-workflow';

import { parseBeijing } from '../protocol/beijingTime';
import type { RecordKeySpec, RecordVersionSpec } from '../protocol/listAnswer';
import { recordIdentity, recordVersion } from '../protocol/listAnswer';

/** At most this many remembered identities (the oldest go first, and the floor rises past them). */
export const MAX_SEEN = 50000;

/** WDT's times have whole seconds. */
const SECOND = 1000;

/** identity → [modified as WDT wrote it, the time it stands for (epoch ms) for pruning] */
type Seen = Record<string, [string, number]>;

export interface TriggerMemory {
	cursor?: number;
	scope?: string;
	seen: Seen;
	/** No read starts before this; `seen` holds every change emitted at or after it (epoch ms). */
	floor?: number;
	/** The gateway's clock minus n8n's, in ms, as last measured (a lower bound). */
	offsetMs?: number;
	/** Polls in a row that stopped at `cursor` because a window could not be read completely. */
	heldPolls?: number;
}

export interface RecordIdentity {
	/** The record's key field(s) (trade_id, spec_no + warehouse_no…). */
	key: RecordKeySpec;
	/** What says it changed: its time field (modified), or a RecordVersionSpec (goods: goods_modified and its specs' spec_modified). */
	version: string | RecordVersionSpec;
}

const finite = (value: unknown): number | undefined =>
	typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** The memory in static data; anything malformed reads as empty, a scope change drops `seen`. */
export function readMemory(state: IDataObject, scope: string): TriggerMemory {
	const memory: TriggerMemory = { cursor: finite(state.cursor), scope, seen: {} };
	const floor = finite(state.floor);
	if (floor !== undefined) memory.floor = floor;
	const offsetMs = finite(state.offsetMs);
	if (offsetMs !== undefined) memory.offsetMs = offsetMs;
	if (state.scope !== scope) return memory;
	const heldPolls = finite(state.heldPolls);
	if (heldPolls !== undefined && heldPolls > 0) memory.heldPolls = Math.floor(heldPolls);
	const raw = state.seen;
	if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
		for (const [key, entry] of Object.entries(raw as Record<string, unknown>)) {
			if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number') {
				memory.seen[key] = [entry[0], entry[1]];
			}
		}
	}
	return memory;
}

/**
 * The records not emitted yet (a new identity, or a newer modified), in the given order; `seen`
 * is updated in place with them. `now` stands for records whose modified is unreadable.
 */
export function selectNew(
	records: IDataObject[],
	memory: TriggerMemory,
	identity: RecordIdentity,
	now: number,
): IDataObject[] {
	const fresh: IDataObject[] = [];
	for (const record of records) {
		const key = recordIdentity(record, identity.key);
		const modified = recordVersion(record, identity.version);
		const before = memory.seen[key];
		if (before !== undefined && modified <= before[0]) continue;
		memory.seen[key] = [modified, parseBeijing(modified) ?? now];
		fresh.push(record);
	}
	return fresh;
}

/**
 * Store the memory with its new cursor. The floor rises to `cursor − overlap` (never falls), and
 * only the entries at or after it are kept, at most MAX_SEEN: when more are left, the oldest go
 * and the floor rises past them, so a later read can never bring back a change it forgot.
 */
export function writeMemory(state: IDataObject, memory: TriggerMemory, cursor: number, overlapMs: number): void {
	let floor = Math.max(memory.floor ?? Number.NEGATIVE_INFINITY, cursor - overlapMs);
	let entries = Object.entries(memory.seen).filter(([, [, at]]) => at >= floor);
	if (entries.length > MAX_SEEN) {
		entries.sort((a, b) => a[1][1] - b[1][1]);
		floor = Math.max(floor, entries[entries.length - MAX_SEEN - 1][1][1] + SECOND);
		entries = entries.filter(([, [, at]]) => at >= floor);
	}
	state.cursor = cursor;
	state.floor = floor;
	state.scope = memory.scope;
	state.seen = Object.fromEntries(entries);
	if (memory.offsetMs === undefined) delete state.offsetMs;
	else state.offsetMs = memory.offsetMs;
	if (memory.heldPolls) state.heldPolls = memory.heldPolls;
	else delete state.heldPolls;
}
