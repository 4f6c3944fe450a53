/**
 * Order · Push (trade_push.php) through the n8n engine against the emulator: batches, one result
 * per input item, the checks before sending, WDT's refusals, unknown outcomes, and that pushing again
 * is safe (WDT updates by tid: no second order).
 */
import type { IDataObject } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { paidOrder } from '../helpers/shop-orders';

/**
 * An order the node takes but WDT refuses: its lines carry the oids of another order of the same
 * call (WDT: a sub-order number belongs to one order).
 */
const oidsOf = (tid: string, other: string) => paidOrder(tid, { order_list: paidOrder(other).order_list });
import type { Emulator } from '../helpers/wdt-node';
import { FAST, requestsTo, runWdt } from '../helpers/wdt-node';

const PUSH = { resource: 'order', operation: 'push', shopNo: 'shop-a' };

describe('Order · Push through the n8n engine', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ pool: { shops: ['shop-a', 'shop-b'], perShop: 20 }, seed: 5, shipAfterMs: Number.POSITIVE_INFINITY });
	});
	afterAll(async () => {
		await emu.stop();
	});
	beforeEach(() => emu.reset());

	/** The fake shop's new orders of shop-a, as items. */
	const shopOrders = (count: number): IDataObject[] =>
		emu.fakeShop.generateOrders(count, { shops: ['shop-a'] }) as unknown as IDataObject[];

	it('pushes 120 orders in calls of 50, 50, 20: each order "new", paired with its item; a re-push is "changed" and creates nothing', async () => {
		const orders = shopOrders(120);
		const run = await runWdt(emu, PUSH, { input: orders });
		expect(run.error).toBeUndefined();
		const out = run.json();
		expect(out).toHaveLength(120);
		expect(out.every((o) => o.outcome === 'new')).toBe(true);
		expect(run.items().map((i) => i.pairedItem)).toEqual(orders.map((_, item) => ({ item })));
		expect(out[7]).toMatchObject({ tid: orders[7].tid, shop_no: 'shop-a', lines: (orders[7].order_list as unknown[]).length });
		const calls = requestsTo(emu, 'trade_push');
		expect(calls.map((r) => JSON.parse(r.params?.trade_list as string).length)).toEqual([50, 50, 20]);
		expect(calls.every((r) => r.params?.shop_no === 'shop-a' && r.params?.switch === '0')).toBe(true);
		const stored = emu.erpOrders.all().length;

		emu.reset();
		const again = await runWdt(emu, { ...PUSH, pushOptions: { batchSize: 40 } }, { input: orders });
		expect(again.json().map((o) => o.outcome)).toEqual(orders.map(() => 'changed'));
		expect(requestsTo(emu, 'trade_push')).toHaveLength(3);
		expect(emu.erpOrders.all()).toHaveLength(stored);
	});

	it('Shop Code per item: each shop\'s orders go in calls of their own, results in input order', async () => {
		const orders = emu.fakeShop.generateOrders(6, { shops: ['shop-a', 'shop-b'] }) as unknown as IDataObject[];
		const run = await runWdt(emu, { ...PUSH, shopNo: '={{ $json.shop_no }}', pushOptions: { batchSize: 2 } }, { input: orders });
		expect(run.error).toBeUndefined();
		expect(run.json().map((o) => [o.shop_no, o.tid, o.outcome])).toEqual(orders.map((o) => [o.shop_no, o.tid, 'new']));
		const calls = requestsTo(emu, 'trade_push').map((r) => [r.params?.shop_no, JSON.parse(r.params?.trade_list as string).length]);
		expect(calls).toEqual([
			['shop-a', 2],
			['shop-a', 1],
			['shop-b', 2],
			['shop-b', 1],
		]);
		expect(orders.every((o) => emu.erpOrders.get(o.shop_no as string, o.tid as string))).toBe(true);
	});

	it('sends amounts as exact decimal text and a 19-digit tid unchanged', async () => {
		const tid = '2754327482516635662';
		const run = await runWdt(emu, PUSH, { input: [paidOrder(tid, { paid: 53 })] });
		expect(run.json()).toEqual([{ ...paidOrder(tid, { paid: 53 }), shop_no: 'shop-a', tid, lines: 2, outcome: 'new', attempts: 1 }]);
		const body = requestsTo(emu, 'trade_push')[0].params?.trade_list as string;
		expect(body).toContain(`"tid":"${tid}"`);
		expect(body).toContain('"price":"19.90"');
		expect(body).toContain('"paid":"53"');
		expect(emu.erpOrders.get('shop-a', tid)).toBeTruthy();
	});

	it('one item per line, grouped by tid: one result per line item, each with its order\'s outcome and paired with its own item', async () => {
		const order = paidOrder('L1');
		const fields = { ...order };
		delete fields.order_list;
		const lines = (order.order_list as IDataObject[]).map((line) => ({ ...fields, ...line }));
		const other = paidOrder('L2');
		const items = [lines[0], { ...(other.order_list as IDataObject[])[0], ...fields, tid: 'L2', paid: '47.50', post_amount: '8' }, lines[1]];
		const run = await runWdt(emu, { ...PUSH, inputMode: 'line' }, { input: items });
		expect(run.error).toBeUndefined();
		expect(run.items().map((i) => [i.json.tid, i.json.oid, i.json.outcome, i.json.lines, i.pairedItem])).toEqual([
			['L1', 'L1-1', 'new', 2, { item: 0 }],
			['L2', 'L2-1', 'new', 1, { item: 1 }],
			['L1', 'L1-2', 'new', 2, { item: 2 }],
		]);
		expect(requestsTo(emu, 'trade_push')).toHaveLength(1);
	});

	it('checks every order before sending: one bad order stops the node and nothing is sent', async () => {
		const run = await runWdt(emu, PUSH, { input: [paidOrder('A'), paidOrder('B', { paid: '1.00' }), paidOrder('C')] });
		expect(run.error?.message).toMatch(/^item 2 \(index 1\): order B: the lines do not add up/);
		expect(run.error?.description).toMatch(/Nothing was sent/);
		expect(requestsTo(emu, 'trade_push')).toHaveLength(0);
	});

	it('Continue On Fail: the bad order is "notSent" with the reason, the others go', async () => {
		const run = await runWdt(
			emu,
			PUSH,
			{ input: [paidOrder('A'), paidOrder('B', { receiver_mobile: '' }), paidOrder('C')], extra: { onError: 'continueRegularOutput' } },
		);
		expect(run.json().map((o) => [o.tid, o.outcome])).toEqual([
			['A', 'new'],
			['B', 'notSent'],
			['C', 'new'],
		]);
		expect(run.json()[1].error).toMatchObject({ scope: 'validation', field: 'receiver_mobile', message: expect.stringMatching(/^item 2 \(index 1\): .*receiver_mobile/) });
		expect(JSON.parse(requestsTo(emu, 'trade_push')[0].params?.trade_list as string).map((o: IDataObject) => o.tid)).toEqual(['A', 'C']);
	});

	it('Continue (using error output): a bad order goes to the error output as error, message and details; the others to the main output', async () => {
		const run = await runWdt(
			emu,
			PUSH,
			{ input: [paidOrder('E0'), paidOrder('E1', { receiver_mobile: '' })], extra: { onError: 'continueErrorOutput' } },
		);
		expect(run.error).toBeUndefined();
		expect(run.output('WDT', 0).map((i) => [i.json.tid, i.json.outcome])).toEqual([['E0', 'new']]);
		const errors = run.output('WDT', 1);
		expect(errors.map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		const message = 'item 2 (index 1): order E1: receiver_mobile (or receiver_telno) is required';
		expect(errors[0].json).toMatchObject({
			error: { scope: 'validation', outcome: 'notSent', field: 'receiver_mobile', message },
			message,
			details: { shop_no: 'shop-a', tid: 'E1', outcome: 'notSent', attempts: 0 },
		});
	});

	it('an order WDT refuses is "refused" with WDT\'s reason, the others of the call are taken', async () => {
		await runWdt(emu, PUSH, { input: [paidOrder('R1')] });
		emu.reset();
		// WDT: num and price of a pushed line cannot change.
		const changed = paidOrder('R1', { paid: '54.00' });
		const lines = changed.order_list as IDataObject[];
		changed.order_list = [{ ...lines[0], price: '20.40' }, lines[1]];
		const run = await runWdt(emu, PUSH, { input: [paidOrder('R0'), changed], extra: { onError: 'continueRegularOutput' } });
		const [ok, refused] = run.json();
		expect(ok).toMatchObject({ tid: 'R0', outcome: 'new' });
		expect(refused).toMatchObject({ tid: 'R1', outcome: 'refused', error: { scope: 'record' } });
		expect(String((refused.error as IDataObject).message)).toMatch(/不能更改/);
	});

	it('without Continue On Fail a refusal fails the node, saying how many went through', async () => {
		const run = await runWdt(emu, PUSH, { input: [paidOrder('S0'), oidsOf('S1', 'S0')] });
		expect(run.error?.message).toMatch(/^1 of 2 order\(s\) not written; first: item 2 \(index 1\), tid S1: /);
		expect(run.error?.description).toMatch(/^Of 2 orders: 1 written \(1 new\), 1 refused by WDT\. .*safe/);
	});

	it('the node\'s error carries WDT\'s reason for the refused order in its message; the description says what went through and what to do', async () => {
		const input = [paidOrder('S0'), oidsOf('S1', 'S0')];
		const continued = await runWdt(emu, PUSH, { input, extra: { onError: 'continueRegularOutput' } });
		const reason = String((continued.json()[1].error as IDataObject).message);
		expect(reason).not.toBe('');
		emu.reset();
		const run = await runWdt(emu, PUSH, { input });
		expect(run.error?.message).toBe(`1 of 2 order(s) not written; first: item 2 (index 1), tid S1: ${reason}`);
		expect(run.error?.description).toBe(
			'Of 2 orders: 1 written (1 changed), 1 refused by WDT. WDT refused this order while taking the others: its message says why. Fix the order and push it again. ' +
				'Pushing an order again is safe (WDT updates it by shop and tid): fix the cause and run again. Turn on "On Error → Continue" to get one result per item instead.',
		);
	});

	it('Refuse All on One Bad Order (switch 1): WDT takes nothing, every order of the call is "refused"', async () => {
		const run = await runWdt(
			emu,
			{ ...PUSH, strict: true },
			{ input: [paidOrder('W0'), oidsOf('W1', 'W0')], extra: { onError: 'continueRegularOutput' } },
		);
		expect(run.json().map((o) => o.outcome)).toEqual(['refused', 'refused']);
		expect(requestsTo(emu, 'trade_push')[0].params?.switch).toBe('1');
		expect(emu.erpOrders.get('shop-a', 'W0')).toBeUndefined();
	});

	it('an answer lost after WDT took the call is "unknown" (later calls still go with Continue On Fail); running again is safe', async () => {
		const orders = [paidOrder('U0'), paidOrder('U1'), paidOrder('U2')];
		emu.faults.add({ endpoint: 'trade_push', kind: 'reset', after: true, count: 1 });
		const run = await runWdt(
			emu,
			{ ...PUSH, pushOptions: { batchSize: 2, maxRetries: 0, ...FAST } },
			{ input: orders, extra: { onError: 'continueRegularOutput' } },
		);
		expect(run.json().map((o) => o.outcome)).toEqual(['unknown', 'unknown', 'new']);
		expect(run.json()[0].error).toMatchObject({ scope: 'request', outcome: 'unknown', message: expect.stringMatching(/^Outcome unknown: /) });
		// WDT did take the first call: the re-run finds all three and creates no second order.
		emu.reset();
		const again = await runWdt(emu, { ...PUSH, pushOptions: { batchSize: 2 } }, { input: orders });
		expect(again.json().map((o) => o.outcome)).toEqual(['changed', 'changed', 'changed']);
		expect(['U0', 'U1', 'U2'].map((tid) => emu.erpOrders.get('shop-a', tid)?.pushes)).toEqual([2, 2, 2]);
		expect(emu.erpOrders.all().filter((t: { tid: string }) => t.tid.startsWith('U'))).toHaveLength(3);
	});

	it('without Continue On Fail the calls after a failed one are not sent', async () => {
		emu.faults.add({ endpoint: 'trade_push', kind: 'http', status: 500, count: 1 });
		const run = await runWdt(
			emu,
			{ ...PUSH, pushOptions: { batchSize: 2, maxRetries: 0, ...FAST } },
			{ input: [paidOrder('N0'), paidOrder('N1'), paidOrder('N2')] },
		);
		expect(run.error?.message).toMatch(/^3 of 3 order\(s\) not written; first: item 1 \(index 0\), tid N0: Outcome unknown: HTTP 500/);
		expect(requestsTo(emu, 'trade_push')).toHaveLength(1);
		expect(emu.erpOrders.get('shop-a', 'N2')).toBeUndefined();
	});

	it('a call without an answer fails the node naming the first order, its outcome and why; the response holds no message (n8n would replace it)', async () => {
		const input = [paidOrder('N0'), paidOrder('N1')];
		const options = { ...PUSH, pushOptions: { batchSize: 2, maxRetries: 0, ...FAST } };
		emu.faults.add({ endpoint: 'trade_push', kind: 'http', status: 500, count: 1 });
		const continued = await runWdt(emu, options, { input, extra: { onError: 'continueRegularOutput' } });
		const error = continued.json()[0].error as IDataObject;
		expect(error).toMatchObject({ scope: 'request', outcome: 'unknown', code: 'HTTP 500', message: expect.stringMatching(/^Outcome unknown: HTTP 500/) });
		emu.reset();
		emu.faults.add({ endpoint: 'trade_push', kind: 'http', status: 500, count: 1 });
		const run = await runWdt(emu, options, { input });
		expect(run.error?.message).toBe(`2 of 2 order(s) not written; first: item 1 (index 0), tid N0: ${String(error.message)}`);
		expect(run.error).toMatchObject({ errorResponse: { outcome: 'unknown', code: 'HTTP 500' } });
		expect(Object.keys((run.error as unknown as { errorResponse: object }).errorResponse)).toEqual(['outcome', 'code']);
		expect(run.error?.description).toBe(
			`Of 2 orders: 0 written, 2 outcome unknown — run again to settle. ${String(error.hint)} ` +
				'Pushing an order again is safe (WDT updates it by shop and tid): fix the cause and run again. Turn on "On Error → Continue" to get one result per item instead.',
		);
	});

	it('a WDT error for the whole call (unknown shop) fails the node with WDT\'s message and hint', async () => {
		const run = await runWdt(emu, { ...PUSH, shopNo: 'no-such-shop' }, { input: [paidOrder('X')] });
		expect(run.error?.message).toMatch(/^1 of 1 order\(s\) not written; first: item 1 \(index 0\), tid X: WDT error \d+: .*no-such-shop/);
		expect(requestsTo(emu, 'trade_push')).toHaveLength(1);
	});

	it('WDT refusing the whole call: with Continue On Fail each order is "refused" for the request, with WDT\'s code', async () => {
		const run = await runWdt(emu, { ...PUSH, shopNo: 'no-such-shop' }, { input: [paidOrder('X')], extra: { onError: 'continueRegularOutput' } });
		const error = run.json()[0].error as IDataObject;
		expect(run.json()[0].outcome).toBe('refused');
		expect(error).toMatchObject({ scope: 'request', outcome: 'refused', message: expect.stringContaining('no-such-shop'), code: expect.any(Number) });
		// Without it the node fails with WDT's code as the error's code.
		const failed = await runWdt(emu, { ...PUSH, shopNo: 'no-such-shop' }, { input: [paidOrder('X')] });
		expect(failed.error).toMatchObject({ errorResponse: { outcome: 'refused', code: error.code } });
	});

	it('an order without a tid is "notSent", named by its field alone (no "order …:" before it) and tid null; the others go', async () => {
		const noTid = paidOrder('A');
		delete noTid.tid;
		const run = await runWdt(emu, PUSH, { input: [noTid, paidOrder('B')], extra: { onError: 'continueRegularOutput' } });
		expect(run.json()).toEqual([
			{ ...noTid, shop_no: 'shop-a', tid: null, outcome: 'notSent', attempts: 0, error: { scope: 'validation', outcome: 'notSent', field: 'tid', message: 'item 1 (index 0): tid is required' } },
			expect.objectContaining({ tid: 'B', outcome: 'new' }),
		]);
	});

	it('Shop Code: spaces around it are trimmed; one left blank fails the node at that item before anything is sent', async () => {
		const perItem = { ...PUSH, shopNo: '={{ $json.shop }}' };
		const trimmed = await runWdt(emu, perItem, { input: [{ ...paidOrder('TRIMMED'), shop: ' shop-a ' }] });
		expect(trimmed.json().map((o) => [o.tid, o.shop_no, o.outcome])).toEqual([['TRIMMED', 'shop-a', 'new']]);
		expect(requestsTo(emu, 'trade_push').map((r) => r.params?.shop_no)).toEqual(['shop-a']);

		emu.reset();
		const blank = await runWdt(emu, perItem, { input: [{ ...paidOrder('B'), shop: 'shop-a' }, { ...paidOrder('C'), shop: '  ' }] });
		expect(blank.error?.message).toBe('Shop Code (shop_no) is empty');
		expect(blank.error).toMatchObject({ context: { itemIndex: 1 } });
		expect(requestsTo(emu, 'trade_push')).toHaveLength(0);
	});

	it('Shop Code as a pick list: From List, or By Code with an expression per item; an expression giving nothing (null, a missing field) is a blank Shop Code', async () => {
		const picked = await runWdt(emu, { ...PUSH, shopNo: { __rl: true, mode: 'list', value: 'shop-a', cachedResultName: 'Shop A (shop-a)' } }, { input: [paidOrder('PICKED')] });
		expect(picked.json().map((o) => [o.tid, o.shop_no, o.outcome])).toEqual([['PICKED', 'shop-a', 'new']]);
		expect(requestsTo(emu, 'trade_push').map((r) => r.params?.shop_no)).toEqual(['shop-a']);

		emu.reset();
		const byCode = { ...PUSH, shopNo: { __rl: true, mode: 'code', value: '={{ $json.shop }}' } };
		const run = await runWdt(emu, byCode, { input: [{ ...paidOrder('D'), shop: ' shop-a ' }, { ...paidOrder('E') }] });
		expect(run.error?.message).toBe('Shop Code (shop_no) is empty');
		expect(run.error).toMatchObject({ context: { itemIndex: 1 } });
		const nothing = await runWdt(emu, { ...PUSH, shopNo: { __rl: true, mode: 'code', value: '={{ null }}' } }, { input: [paidOrder('F')] });
		expect(nothing.error?.message).toBe('Shop Code (shop_no) is empty');
		expect(requestsTo(emu, 'trade_push')).toHaveLength(0);
	});

	it('Check Totals off (核对金额): an order whose lines do not add up is sent, and WDT judges it; on by default it is refused before sending', async () => {
		const unbalanced = [paidOrder('B', { paid: '1.00' })];
		const checked = await runWdt(emu, PUSH, { input: unbalanced });
		expect(checked.error?.message).toMatch(/^item 1 \(index 0\): order B: the lines do not add up/);
		expect(requestsTo(emu, 'trade_push')).toHaveLength(0);

		const run = await runWdt(emu, { ...PUSH, pushOptions: { checkTotals: false } }, { input: unbalanced, extra: { onError: 'continueRegularOutput' } });
		const sent = requestsTo(emu, 'trade_push').map((r) => JSON.parse(r.params?.trade_list as string));
		expect(sent.map((list) => list.map((o: IDataObject) => [o.tid, o.paid]))).toEqual([[['B', '1.00']]]);
		// Sent, so the verdict is WDT's own (the emulator checks the amounts as WDT does).
		expect(run.json()[0]).toMatchObject({ tid: 'B', outcome: 'refused', error: { scope: 'record', message: expect.stringMatching(/paid/) } });
	});
});
