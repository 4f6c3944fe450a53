/**
 * Refund · Push (sales_refund_push.php), the pure part: input items → checked refunds in WDT's
 * api_refund_list shape. An item is either one refund with its lines in `order_list`, or one line
 * carrying its refund's fields, grouped by `refund_no`. Every refund is checked before anything is
 * sent (docs/wdt-contract.md#sales_refund_push): the required fields, WDT's type and status codes,
 * the lengths WDT takes (longer text is refused, never cut), amounts and quantities as exact
 * decimals, lines that name an order line (`oid`) once each and, when the item says which lines
 * its order has, only those.
 */
import { FieldProblem, checkWith, isRecord, readAmount, readCode, readDateTime, readText } from './fields';

/** platform_id is the fixed value 127 (docs/wdt-contract.md#sales_refund_push). */
export const PLATFORM_ID = 127;

/**
 * `type` (docs/wdt-contract.md#sales_refund_push): 1 refund before shipping, 2 return and refund,
 * 4 refund without return (WDT's documented values); 3 is what public openapi2 clients send for a
 * return. Which reading the gateway follows is assumed, so the node passes the number on as given.
 */
export const REFUND_TYPES = [1, 2, 3, 4] as const;
/**
 * `status`: 1 cancelled, 2 refund requested, 3 waiting for the buyer to return the goods, 4 waiting
 * for the seller to receive them, 5 refunded, 7 return refused (buyer to change it), 8 exchange
 * goods sent to the buyer.
 */
export const REFUND_STATUSES = [1, 2, 3, 4, 5, 7, 8] as const;

/** The refund-level fields of api_refund_list (everything else on a line item belongs to the line). */
export const REFUND_FIELDS = [
	'shop_no',
	'tid',
	'refund_no',
	'type',
	'status',
	'refund_fee',
	'buyer_nick',
	'refund_time',
	'reason',
	'desc',
	'logistics_no',
	'logistics_name',
] as const;
const REFUND_FIELD_SET = new Set<string>([...REFUND_FIELDS, 'order_list', 'platform_id']);

/** WDT's lengths (characters) of the text fields; longer text is refused, not cut. */
const MAX_LENGTH: Record<string, number> = {
	refund_no: 40,
	tid: 40,
	buyer_nick: 100,
	reason: 255,
	desc: 255,
	logistics_no: 40,
	logistics_name: 40,
	oid: 40,
};

export type RefundInputMode = 'refund' | 'line';

/** One entry of api_refund_list, as sent. */
export interface RefundWire {
	platform_id: number;
	shop_no: string;
	tid: string;
	refund_no: string;
	type: number;
	status: number;
	refund_fee?: string;
	buyer_nick?: string;
	refund_time: string;
	reason?: string;
	desc?: string;
	logistics_no?: string;
	logistics_name?: string;
	order_list: Array<{ oid: string; num: string }>;
}

/** A checked refund and the input items it came from (indexes into the items given). */
export interface PushRefund {
	refundNo: string;
	wire: RefundWire;
	itemIndexes: number[];
}

export interface RefundProblem {
	refundNo?: string;
	tid?: string;
	itemIndexes: number[];
	field: string;
	message: string;
}

export interface CollectedRefunds {
	/** In the order of their first item. */
	refunds: PushRefund[];
	problems: RefundProblem[];
}

/** Text of at most WDT's length: longer text is refused (cutting it would change an id or a message). */
function readBounded(source: Record<string, unknown>, field: string, required: boolean): string | undefined {
	const text = readText(source, field, required);
	const max = MAX_LENGTH[field];
	if (text !== undefined && max !== undefined && Array.from(text).length > max) {
		throw new FieldProblem(field, `${field} has ${Array.from(text).length} characters; WDT takes at most ${max}`);
	}
	return text;
}

/** The order's line ids as the item gives them: a list, or comma-separated text; undefined when not given. */
export function readOrderOids(value: unknown): Set<string> | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
	const oids = new Set<string>();
	for (const entry of list) {
		const text = readText({ oid: typeof entry === 'string' ? entry.trim() : entry }, 'oid', true) as string;
		oids.add(text);
	}
	return oids;
}

function checkLine(raw: unknown, index: number, seen: Set<string>, tid: string, orderOids: Set<string> | undefined): { oid: string; num: string } {
	const checked = checkWith(() => {
		if (!isRecord(raw)) throw new FieldProblem('*', 'the line is not an object');
		const oid = readBounded(raw, 'oid', true) as string;
		if (seen.has(oid)) throw new FieldProblem('oid', `oid "${oid}" appears twice in the refund: give each order line once, with its whole quantity`);
		seen.add(oid);
		if (orderOids !== undefined && !orderOids.has(oid)) {
			throw new FieldProblem('oid', `oid "${oid}" is not a line of order ${tid} (its lines: ${[...orderOids].join(', ')})`);
		}
		const num = readAmount(raw, 'num', { required: true, min: 'positive' });
		return { oid, num: num.text };
	});
	if (checked.ok) return checked.value;
	throw new FieldProblem(`order_list[${index}].${checked.problem.field}`, `order_list[${index}]: ${checked.problem.message}`);
}

/**
 * Checks one refund and returns its api_refund_list entry; throws FieldProblem. `shopNo` is the
 * form's Shop Code; `orderOids` the order's line ids when the item gives them.
 */
export function checkRefund(raw: Record<string, unknown>, shopNo: string, orderOids?: Set<string>): RefundWire {
	if (raw.platform_id !== undefined && raw.platform_id !== null && raw.platform_id !== '' && String(raw.platform_id) !== String(PLATFORM_ID)) {
		throw new FieldProblem('platform_id', `platform_id must be ${PLATFORM_ID} (WDT's value for a self-built shop), not ${JSON.stringify(raw.platform_id)}`);
	}
	const refundNo = readBounded(raw, 'refund_no', true) as string;
	const tid = readBounded(raw, 'tid', true) as string;
	const wire: RefundWire = {
		platform_id: PLATFORM_ID,
		shop_no: shopNo,
		tid,
		refund_no: refundNo,
		type: readCode(raw, 'type', REFUND_TYPES),
		status: readCode(raw, 'status', REFUND_STATUSES),
	} as RefundWire;
	if (!(raw.refund_fee === undefined || raw.refund_fee === null || raw.refund_fee === '')) {
		wire.refund_fee = readAmount(raw, 'refund_fee', { min: 'zero' }).text;
	}
	const buyerNick = readBounded(raw, 'buyer_nick', false);
	if (buyerNick !== undefined) wire.buyer_nick = buyerNick;
	wire.refund_time = readDateTime(raw, 'refund_time', true) as string;
	for (const field of ['reason', 'desc', 'logistics_no', 'logistics_name'] as const) {
		const text = readBounded(raw, field, false);
		if (text !== undefined) wire[field] = text;
	}
	// WDT keeps a return's tracking number only together with its carrier's name.
	if ((wire.logistics_no === undefined) !== (wire.logistics_name === undefined)) {
		const missing = wire.logistics_no === undefined ? 'logistics_no' : 'logistics_name';
		throw new FieldProblem(missing, `${missing} is required with ${missing === 'logistics_no' ? 'logistics_name' : 'logistics_no'} (the return parcel's tracking number and carrier go together)`);
	}
	const list = raw.order_list;
	if (!Array.isArray(list) || list.length === 0) {
		throw new FieldProblem('order_list', 'order_list must hold at least one line: the order line (oid) and the quantity refunded or returned (num)');
	}
	const seen = new Set<string>();
	wire.order_list = list.map((line, index) => checkLine(line, index, seen, tid, orderOids));
	return wire;
}

/** A line item split into its refund's fields and the line's own. */
function splitLine(json: Record<string, unknown>): { refund: Record<string, unknown>; line: Record<string, unknown> } {
	const refund: Record<string, unknown> = {};
	const line: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(json)) {
		if (REFUND_FIELD_SET.has(key)) refund[key] = value;
		else line[key] = value;
	}
	delete refund.order_list;
	return { refund, line };
}

function sameRefund(raws: Array<Record<string, unknown>>): Record<string, unknown> {
	const first = JSON.stringify(raws[0]);
	if (raws.some((raw) => JSON.stringify(raw) !== first)) {
		throw new FieldProblem('refund_no', `${raws.length} items have refund_no "${String(raws[0].refund_no)}" with different contents: which one is right cannot be known, so none is sent`);
	}
	return raws[0];
}

function joinLines(raws: Array<Record<string, unknown>>): Record<string, unknown> {
	const parts = raws.map(splitLine);
	// A later line may repeat the refund's fields or leave them out; a field given twice must agree.
	const refund: Record<string, unknown> = {};
	for (const part of parts) {
		for (const [field, value] of Object.entries(part.refund)) {
			if (!(field in refund)) refund[field] = value;
			else if (JSON.stringify(refund[field]) !== JSON.stringify(value)) {
				throw new FieldProblem(field, `the lines of refund_no "${String(refund.refund_no)}" disagree on the refund field ${field}: none is sent`);
			}
		}
	}
	return { ...refund, order_list: parts.map((part) => part.line) };
}

/** The key items are grouped by; items without a usable refund_no stand alone (and fail the check). */
function refundNoOf(json: Record<string, unknown>): string | undefined {
	const checked = checkWith(() => readText(json, 'refund_no', true));
	return checked.ok ? checked.value : undefined;
}

/**
 * Items of one shop → refunds. Items with the same refund_no are one refund: in line mode their
 * lines are joined (the refund's fields must agree); in refund mode identical repeats are merged
 * and differing ones are refused together (which one is right cannot be known).
 */
export function collectRefunds(
	items: Array<Record<string, unknown>>,
	mode: RefundInputMode,
	shopNo: string,
	{
		orderOidsOf = () => undefined,
		problemOf = () => undefined,
	}: {
		/** The order's line ids an item gives (Order Line IDs to Check). */
		orderOidsOf?: (index: number) => Set<string> | undefined;
		/** A problem found while reading an item's form values: its whole refund is refused (no refund is sent short of a line). */
		problemOf?: (index: number) => FieldProblem | undefined;
	} = {},
): CollectedRefunds {
	interface Group {
		refundNo?: string;
		itemIndexes: number[];
		raws: Array<Record<string, unknown>>;
	}
	const groups: Group[] = [];
	const byNo = new Map<string, Group>();
	items.forEach((json, itemIndex) => {
		const refundNo = refundNoOf(json);
		const known = refundNo === undefined ? undefined : byNo.get(refundNo);
		if (known) {
			known.itemIndexes.push(itemIndex);
			known.raws.push(json);
			return;
		}
		const group: Group = { refundNo, itemIndexes: [itemIndex], raws: [json] };
		groups.push(group);
		if (refundNo !== undefined) byNo.set(refundNo, group);
	});

	const refunds: PushRefund[] = [];
	const problems: RefundProblem[] = [];
	for (const group of groups) {
		const checked = checkWith(() => {
			for (const index of group.itemIndexes) {
				const problem = problemOf(index);
				if (problem) throw problem;
			}
			const raw = mode === 'line' ? joinLines(group.raws) : sameRefund(group.raws);
			return checkRefund(raw, shopNo, orderOidsOf(group.itemIndexes[0]));
		});
		if (checked.ok) refunds.push({ refundNo: group.refundNo as string, wire: checked.value, itemIndexes: group.itemIndexes });
		else {
			const tid = checkWith(() => readText(group.raws[0], 'tid', false));
			problems.push({
				refundNo: group.refundNo,
				tid: tid.ok ? tid.value : undefined,
				itemIndexes: group.itemIndexes,
				field: checked.problem.field,
				message: checked.problem.message,
			});
		}
	}
	return { refunds, problems };
}

/** One entry of api_refund_list as JSON: fields in WDT's documented order, ids and amounts as text. */
export function refundJson(wire: RefundWire): string {
	return JSON.stringify(wire);
}
