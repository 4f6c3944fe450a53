/**
 * How Refund · Push (sales_refund_push.php) reads its form, through the n8n engine against the
 * emulator: Shop Code per item (a blank one fails the node at that item before anything is sent),
 * Field Values → Order Lines given as JSON text (read losslessly; text that is no JSON refuses its
 * refund, the others go), and Order Lines with one line per item (refused whole, naming every item
 * of the refund), and the message of a refund without refund_no. The refunds themselves are
 * shop-refund-push.test.ts's.
 */
import type { IDataObject } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import type { Emulator } from '../helpers/wdt-node';
import { requestsTo, runWdt } from '../helpers/wdt-node';

const PUSH = { resource: 'refund', operation: 'push', shopNo: '={{ $json.shop_no }}' };
const CONTINUE = { extra: { onError: 'continueRegularOutput' as const } };

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ pool: { shops: ['shop-a', 'shop-b'], perShop: 5 }, seed: 11, shipAfterMs: Number.POSITIVE_INFINITY });
});
afterAll(async () => {
	await emu.stop();
});
beforeEach(() => emu.reset());

/** An order of the fake shop, pushed into the ERP with Order · Push and shipped. */
async function shippedOrder(): Promise<IDataObject> {
	const [order] = emu.fakeShop.generateOrders(1, { shops: ['shop-a'] }) as unknown as IDataObject[];
	const pushed = await runWdt(emu, { resource: 'order', operation: 'push', shopNo: '={{ $json.shop_no }}' }, { input: [order] });
	expect(pushed.json().map((o) => o.outcome)).toEqual(['new']);
	emu.erpOrders.shipDue(Number.POSITIVE_INFINITY);
	emu.reset();
	return order;
}

const refundOf = (order: IDataObject, options: IDataObject = {}) =>
	emu.fakeShop.issueRefund(order.tid as string, { kind: 'refundOnly', ...options }) as unknown as IDataObject;
const sentRefunds = () =>
	requestsTo(emu, 'sales_refund_push').flatMap((r) => JSON.parse(r.params?.api_refund_list as string) as IDataObject[]);

describe('Refund · Push: Shop Code', () => {
	it('one left blank fails the node at that item, before anything is sent', async () => {
		const order = await shippedOrder();
		const refund = refundOf(order);
		const run = await runWdt(emu, PUSH, { input: [refund, { ...refund, refund_no: 'RF-BLANK', shop_no: '  ' }] });
		expect(run.error?.message).toBe('Shop Code (shop_no) is empty');
		expect(run.error).toMatchObject({ context: { itemIndex: 1 } });
		expect(requestsTo(emu, 'sales_refund_push')).toHaveLength(0);
	});
});

describe('Refund · Push: Field Values → Order Lines as JSON text', () => {
	it('a 19-digit oid written as a bare number is sent with every digit', async () => {
		const order = await shippedOrder();
		const refund = refundOf(order);
		// An oid the ERP does not know: WDT refuses it, but what matters here is what was sent.
		const oid = '2754327482516635662';
		const run = await runWdt(
			emu,
			{ ...PUSH, refundFields: { order_list: `[{"oid": ${oid}, "num": 1}]` } },
			{ input: [{ ...refund, order_list: undefined }], ...CONTINUE },
		);
		expect(run.error).toBeUndefined();
		expect(sentRefunds().map((sent) => sent.order_list)).toEqual([[{ oid, num: '1' }]]);
	});

	it('text that is no JSON refuses its refund (field order_list, with the parser\'s reason); the other refunds go', async () => {
		const order = await shippedOrder();
		const good = refundOf(order);
		const bad: IDataObject = { ...refundOf(order), lines_text: '[{"oid": "X-1", "num": 1' };
		const line = (order.order_list as IDataObject[])[0];
		const goodLines = JSON.stringify([{ oid: line.oid, num: 1 }]);
		const run = await runWdt(
			emu,
			{ ...PUSH, refundFields: { order_list: `={{ $json.lines_text ?? '${goodLines}' }}` } },
			{ input: [good, bad], ...CONTINUE },
		);
		expect(run.json().map((o) => [o.refund_no, o.outcome])).toEqual([
			[good.refund_no, 'new'],
			[bad.refund_no, 'notSent'],
		]);
		expect(run.json()[1].error).toMatchObject({
			scope: 'validation',
			field: 'order_list',
			// The parser's own words follow (they differ between Node versions).
			message: expect.stringMatching(new RegExp(`^item 2 \\(index 1\\): refund ${bad.refund_no as string}: Order Lines is not a JSON list: \\S`)),
		});
		// A refund of one item does not list its items: the message's "item 2 (index 1)" names it.
		expect(String((run.json()[1].error as IDataObject).message)).not.toMatch(/\(item \d+ \(index \d+\)\)$/);
		expect(sentRefunds().map((sent) => sent.refund_no)).toEqual([good.refund_no]);

		// Without Continue On Fail the node fails on that item and sends nothing.
		emu.reset();
		const failed = await runWdt(emu, { ...PUSH, refundFields: { order_list: `={{ $json.lines_text ?? '${goodLines}' }}` } }, { input: [good, bad] });
		expect(failed.error?.message).toMatch(/^item 2 \(index 1\): refund .*Order Lines is not a JSON list/);
		expect(requestsTo(emu, 'sales_refund_push')).toHaveLength(0);
	});
});

describe('Refund · Push: a refund without refund_no', () => {
	it('is refused with the reason and its order (tid), its refund_no null, never "refund undefined"', async () => {
		const order = await shippedOrder();
		const good = refundOf(order);
		const run = await runWdt(emu, PUSH, { input: [good, { ...refundOf(order), refund_no: undefined }], ...CONTINUE });
		expect(run.json().map((o) => [o.refund_no, o.tid, o.outcome])).toEqual([
			[good.refund_no, order.tid, 'new'],
			[null, order.tid, 'notSent'],
		]);
		const { message } = run.json()[1].error as IDataObject;
		// The reason right after the item: no "refund …: " before it, since there is no refund_no to name.
		expect(message).toBe('item 2 (index 1): refund_no is required');
	});
});

describe('Refund · Push: one line per item', () => {
	it('Order Lines set in Field Values is refused for the whole refund, naming each of its items, with its shop, refund_no and tid', async () => {
		const order = await shippedOrder();
		// Refused before its lines are looked at: any two lines do.
		const items = ['LINE-1', 'LINE-2'].map((oid) => ({
			shop_no: 'shop-a',
			tid: order.tid,
			refund_no: 'RET-LINES',
			type: 4,
			status: 2,
			refund_time: '2026-11-28 10:00:00',
			oid,
			num: 1,
		}));
		const run = await runWdt(
			emu,
			{ ...PUSH, refundInputMode: 'line', refundFields: { order_list: '[]' } },
			{ input: items, ...CONTINUE },
		);
		expect(run.json().map((o) => [o.shop_no, o.refund_no, o.tid, o.outcome])).toEqual([
			['shop-a', 'RET-LINES', order.tid, 'notSent'],
			['shop-a', 'RET-LINES', order.tid, 'notSent'],
		]);
		const why = 'refund RET-LINES: Field Values → Order Lines is for One Refund With Its Lines; with one line per item, each item is its line (oid, num) (item 1 (index 0), item 2 (index 1))';
		expect(run.json().map((result) => result.error)).toEqual([
			expect.objectContaining({ field: 'order_list', message: `item 1 (index 0): ${why}` }),
			expect.objectContaining({ field: 'order_list', message: `item 2 (index 1): ${why}` }),
		]);
		expect(requestsTo(emu, 'sales_refund_push')).toHaveLength(0);
	});
});
