/**
 * Order · Push (创建原始订单 trade_push.php), the pure part: input items → checked orders in
 * WDT's trade_list shape. An item is either one order with its lines in `order_list`, or one
 * line carrying its order's fields, grouped by `tid`. Every order is checked before anything is
 * sent: required fields, WDT's status codes, amounts as exact decimals, quantities, and (unless
 * turned off) that the lines add up to what the buyer paid.
 */
import { formatUnits, multiply } from './decimal';
import type { Decimal } from './decimal';
import { FieldProblem, checkWith, isRecord, readAmount, readCode, readDateTime, readText } from './fields';

/** The order-level fields of trade_list (everything else on a line item belongs to the line). */
export const ORDER_FIELDS = [
	'tid',
	'trade_status',
	'pay_status',
	'delivery_term',
	'trade_time',
	'pay_time',
	'buyer_nick',
	'buyer_message',
	'receiver_name',
	'receiver_province',
	'receiver_city',
	'receiver_district',
	'receiver_address',
	'receiver_mobile',
	'receiver_telno',
	'receiver_zip',
	'post_amount',
	'cod_amount',
	'ext_cod_fee',
	'other_amount',
	'paid',
] as const;

/**
 * The documented trade_status values (docs/wdt-contract.md#trade_push): 10 待支付, 20 待尾款,
 * 30 已支付(待发货), 40 部分发货, 50 已发货, 70 已完成, 80 已退款, 90 已关闭. 60 (已签收 on
 * some platforms) is not one of them: a signed-for order is pushed as 70.
 */
export const TRADE_STATUSES = [10, 20, 30, 40, 50, 70, 80, 90] as const;
/** 0 未付款, 1 部分付款, 2 已付款. */
export const PAY_STATUSES = [0, 1, 2] as const;
/**
 * The documented delivery_term values (docs/wdt-contract.md#trade_push): 1 款到发货 (paid before
 * shipping), 2 货到付款 (cash on delivery), 3 分期付款 (instalments).
 */
export const DELIVERY_TERMS = [1, 2, 3] as const;
/** pay_time of an unpaid order, as WDT writes it. */
export const ZERO_TIME = '0000-00-00 00:00:00';
/** 0 无退款, 1 取消退款, 2 申请退款, 3 等待退货, 4 等待收货, 5 退款成功. */
export const REFUND_STATUSES = [0, 1, 2, 3, 4, 5] as const;

// other_amount may be left out (0): the doc's own example omits it (docs/wdt-contract.md#trade_push).
const ORDER_AMOUNTS = ['post_amount', 'cod_amount', 'ext_cod_fee', 'other_amount'] as const;
const LINE_AMOUNTS = ['adjust_amount', 'discount', 'share_discount'] as const;
const ORDER_FIELD_SET = new Set<string>([...ORDER_FIELDS, 'order_list']);

export type InputMode = 'order' | 'line';

/** A checked order: its wire object (amounts as text) and the input items it came from. */
export interface PushOrder {
	tid: string;
	wire: Record<string, unknown>;
	itemIndexes: number[];
}

export interface OrderProblem {
	tid?: string;
	itemIndexes: number[];
	field: string;
	message: string;
}

export interface CollectedOrders {
	/** In the order of their first item. */
	orders: PushOrder[];
	problems: OrderProblem[];
}

/**
 * A paid order (款到发货, pay_status 2, not refunded or closed) must add up, as WDT checks it:
 * Σ line (price × num + adjust_amount − discount − share_discount) + post_amount + other_amount = paid.
 */
function checkTotals(order: Record<string, unknown>, lineTotals: bigint[], amounts: Record<string, Decimal>): void {
	if (order.delivery_term !== 1 || order.pay_status !== 2 || (order.trade_status as number) >= 80) return;
	const goods = lineTotals.reduce((sum, value) => sum + value, BigInt(0));
	const due = goods + amounts.post_amount.units + amounts.other_amount.units;
	if (due !== amounts.paid.units) {
		throw new FieldProblem(
			'paid',
			`the lines do not add up: goods ${formatUnits(goods)} + post_amount ${amounts.post_amount.text} + other_amount ${amounts.other_amount.text} = ${formatUnits(due)}, but paid is ${amounts.paid.text} (turn off "Check Totals" if your shop counts differently)`,
		);
	}
}

function checkLine(raw: unknown, index: number, seenOids: Set<string>): { wire: Record<string, unknown>; total: bigint } {
	const checked = checkWith(() => checkLineFields(raw, seenOids));
	if (checked.ok) return checked.value;
	throw new FieldProblem(`order_list[${index}].${checked.problem.field}`, `order_list[${index}]: ${checked.problem.message}`);
}

function checkLineFields(raw: unknown, seenOids: Set<string>): { wire: Record<string, unknown>; total: bigint } {
	if (!isRecord(raw)) throw new FieldProblem('*', 'the line is not an object');
	{
		const oid = readText(raw, 'oid', true) as string;
		if (seenOids.has(oid)) throw new FieldProblem('oid', `oid "${oid}" appears twice in the order`);
		seenOids.add(oid);
		readText(raw, 'goods_id', true);
		readText(raw, 'goods_name', true);
		if (readText(raw, 'spec_no', false) === undefined && readText(raw, 'goods_no', false) === undefined) {
			throw new FieldProblem('spec_no', 'spec_no or goods_no is required to match the line to the ERP goods');
		}
		const num = readAmount(raw, 'num', { required: true, min: 'positive' });
		const price = readAmount(raw, 'price', { required: true, min: 'zero' });
		// adjust_amount (调整金额) may be negative; discounts may not.
		const amounts = Object.fromEntries(
			LINE_AMOUNTS.map((field) => [field, readAmount(raw, field, field === 'adjust_amount' ? {} : { min: 'zero' })]),
		);
		const gross = multiply(price, num);
		if (gross === undefined) {
			throw new FieldProblem('price', `price ${price.text} × num ${num.text} has more than 4 decimal places`);
		}
		const wire: Record<string, unknown> = {
			...raw,
			oid,
			num: num.text,
			price: price.text,
			status: readCode(raw, 'status', TRADE_STATUSES),
			refund_status: readCode(raw, 'refund_status', REFUND_STATUSES, 0),
		};
		for (const field of ['goods_id', 'spec_id', 'goods_no', 'spec_no', 'goods_name', 'spec_name']) {
			const text = readText(raw, field, false);
			// Stryker disable next-line ConditionalExpression: a field set to undefined instead of deleted is the same line, as the order only leaves as JSON (trade_list), which drops undefined
			if (text === undefined) delete wire[field];
			else wire[field] = text;
		}
		for (const field of LINE_AMOUNTS) wire[field] = amounts[field].text;
		const total = gross + amounts.adjust_amount.units - amounts.discount.units - amounts.share_discount.units;
		return { wire, total };
	}
}

/** Checks one order and returns its wire object; throws FieldProblem. */
export function checkOrder(raw: Record<string, unknown>, options: { checkTotals: boolean }): PushOrder['wire'] {
	const tid = readText(raw, 'tid', true) as string;
	const wire: Record<string, unknown> = { ...raw, tid };
	wire.trade_status = readCode(raw, 'trade_status', TRADE_STATUSES);
	wire.pay_status = readCode(raw, 'pay_status', PAY_STATUSES);
	wire.delivery_term = readCode(raw, 'delivery_term', DELIVERY_TERMS);
	wire.trade_time = readDateTime(raw, 'trade_time', true);
	// WDT needs pay_time on every order; an unpaid one has no time yet: 0000-00-00 00:00:00.
	wire.pay_time = readDateTime(raw, 'pay_time', wire.pay_status === 2) ?? ZERO_TIME;
	for (const field of ['receiver_name', 'receiver_province', 'receiver_city', 'receiver_address']) {
		wire[field] = readText(raw, field, true);
	}
	// buyer_nick must be there (WDT groups orders by it) but may be empty.
	if (raw.buyer_nick === undefined || raw.buyer_nick === null) throw new FieldProblem('buyer_nick', 'buyer_nick is required (it may be empty text)');
	wire.buyer_nick = readText(raw, 'buyer_nick', false) ?? '';
	const mobile = readText(raw, 'receiver_mobile', false);
	const telno = readText(raw, 'receiver_telno', false);
	if (mobile === undefined && telno === undefined) {
		throw new FieldProblem('receiver_mobile', 'receiver_mobile (or receiver_telno) is required');
	}
	const amounts: Record<string, Decimal> = { paid: readAmount(raw, 'paid', { required: true, min: 'zero' }) };
	for (const field of ORDER_AMOUNTS) amounts[field] = readAmount(raw, field, { min: 'zero' });
	for (const [field, amount] of Object.entries(amounts)) wire[field] = amount.text;

	const list = raw.order_list;
	if (!Array.isArray(list) || list.length === 0) {
		throw new FieldProblem('order_list', 'order_list must hold at least one line (oid, num, price, spec_no …)');
	}
	const oids = new Set<string>();
	const lines = list.map((line, index) => checkLine(line, index, oids));
	wire.order_list = lines.map((line) => line.wire);
	if (options.checkTotals) checkTotals(wire, lines.map((line) => line.total), amounts);
	return wire;
}

/** A line item split into its order's fields and the line's own. */
function splitLine(json: Record<string, unknown>): { order: Record<string, unknown>; line: Record<string, unknown> } {
	const order: Record<string, unknown> = {};
	const line: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(json)) {
		if (ORDER_FIELD_SET.has(key)) order[key] = value;
		else line[key] = value;
	}
	delete order.order_list;
	return { order, line };
}

/** The key items are grouped by; items without a usable tid stand alone (and fail the check). */
function tidOf(json: Record<string, unknown>): string | undefined {
	// Stryker disable next-line BooleanLiteral: not required, a blank tid reads as undefined, the same as the problem a required one gives here
	const checked = checkWith(() => readText(json, 'tid', true));
	return checked.ok ? checked.value : undefined;
}

/**
 * Items → orders. Items of one tid are one order: in line mode their lines are joined (the
 * order fields must agree); in order mode identical repeats are merged and differing ones are
 * refused together (which one is right cannot be known).
 */
export function collectOrders(
	items: Array<Record<string, unknown>>,
	mode: InputMode,
	options: { checkTotals: boolean },
): CollectedOrders {
	interface Group {
		tid?: string;
		itemIndexes: number[];
		raws: Array<Record<string, unknown>>;
	}
	const groups: Group[] = [];
	const byTid = new Map<string, Group>();
	items.forEach((json, itemIndex) => {
		const tid = tidOf(json);
		const known = tid === undefined ? undefined : byTid.get(tid);
		if (known) {
			known.itemIndexes.push(itemIndex);
			known.raws.push(json);
			return;
		}
		const group: Group = { tid, itemIndexes: [itemIndex], raws: [json] };
		groups.push(group);
		if (tid !== undefined) byTid.set(tid, group);
	});

	const orders: PushOrder[] = [];
	const problems: OrderProblem[] = [];
	for (const group of groups) {
		const checked = checkWith(() => checkOrder(mode === 'line' ? joinLines(group.raws) : sameOrder(group.raws), options));
		if (checked.ok) orders.push({ tid: group.tid as string, wire: checked.value, itemIndexes: group.itemIndexes });
		else {
			const { field, message } = checked.problem;
			problems.push({ tid: group.tid, itemIndexes: group.itemIndexes, field, message });
		}
	}
	return { orders, problems };
}

function sameOrder(raws: Array<Record<string, unknown>>): Record<string, unknown> {
	const first = JSON.stringify(raws[0]);
	if (raws.some((raw) => JSON.stringify(raw) !== first)) {
		throw new FieldProblem('tid', `${raws.length} items have tid "${String(raws[0].tid)}" with different contents: which one is right cannot be known, so none is sent`);
	}
	if (!isRecord(raws[0])) throw new FieldProblem('*', 'the item is not an object');
	return raws[0];
}

function joinLines(raws: Array<Record<string, unknown>>): Record<string, unknown> {
	const parts = raws.map(splitLine);
	// A later line may repeat the order fields or leave them out; a field given twice must agree.
	const order: Record<string, unknown> = {};
	for (const part of parts) {
		for (const [field, value] of Object.entries(part.order)) {
			if (!(field in order)) order[field] = value;
			else if (JSON.stringify(order[field]) !== JSON.stringify(value)) {
				throw new FieldProblem(field, `the lines of tid "${String(order.tid)}" disagree on the order field ${field}: none is sent`);
			}
		}
	}
	return { ...order, order_list: parts.map((part) => part.line) };
}
