/**
 * Refund · Push (sales_refund_push.php) through the n8n engine against the emulator: refunds of
 * orders the ERP holds become its refunds (refund_query shows them, linked to the order), a
 * return's goods come back to stock, at most 10 refunds a call, one result per input item, every
 * item checked before anything is sent, WDT's refusal of an order it does not hold, and the
 * readings of the assumed facts (refund types, where returned goods go).
 */
import type { IDataObject } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import type { Emulator } from '../helpers/wdt-node';
import { requestsTo, runWdt } from '../helpers/wdt-node';

const PUSH = { resource: 'refund', operation: 'push', shopNo: '={{ $json.shop_no }}' };
const CONTINUE = { extra: { onError: 'continueRegularOutput' as const } };

/** Orders of the fake shop pushed into the ERP with Order · Push and shipped by the ERP. */
async function shippedOrders(emu: Emulator, count: number, shops = ['shop-a']): Promise<IDataObject[]> {
	const orders = emu.fakeShop.generateOrders(count, { shops }) as unknown as IDataObject[];
	const pushed = await runWdt(emu, { resource: 'order', operation: 'push', shopNo: '={{ $json.shop_no }}' }, { input: orders });
	expect(pushed.json().every((o) => o.outcome === 'new')).toBe(true);
	emu.erpOrders.shipDue(Number.POSITIVE_INFINITY);
	return orders;
}

const refundOf = (emu: Emulator, order: IDataObject, options: IDataObject = {}) =>
	emu.fakeShop.issueRefund(order.tid as string, options) as unknown as IDataObject;

/** The world's refund (refund_query's record) of a shop refund. */
const erpRefund = (emu: Emulator, shopNo: string, refundNo: string) => {
	const held = emu.erpOrders.refunds.get(`${shopNo}\u0000${refundNo}`);
	return held && emu.world.table('refund').get(held.refund_id);
};

const specOf = (order: IDataObject, line = 0) => ((order.order_list as IDataObject[])[line].spec_no as string);
const poolRow = (emu: Emulator, shopNo: string, specNo: string) => [...emu.pool.rows.values()].find((row) => row.shop_no === shopNo && row.spec_no === specNo);

describe('Refund · Push through the n8n engine', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startEmulator({ pool: { shops: ['shop-a', 'shop-b'], perShop: 20 }, seed: 7, shipAfterMs: Number.POSITIVE_INFINITY });
	});
	afterAll(async () => {
		await emu.stop();
	});
	beforeEach(() => emu.reset());

	it('a return and a refund without return of shipped orders: each "new", paired with its item, in refund_query linked to the order; the return puts its goods back on sale', async () => {
		const [a, b] = await shippedOrders(emu, 2);
		const spec = specOf(a);
		const before = poolRow(emu, 'shop-a', spec);
		const stockBefore = before?.sync_stock ?? 0;
		const countBefore = before?.stock_change_count ?? 0;
		const ret = refundOf(emu, a, { kind: 'return' });
		const only = refundOf(emu, b, { kind: 'refundOnly' });
		emu.reset();

		const run = await runWdt(emu, PUSH, { input: [ret, only] });
		expect(run.error).toBeUndefined();
		expect(run.items().map((i) => [i.json.refund_no, i.json.tid, i.json.outcome, i.json.lines, i.pairedItem])).toEqual([
			[ret.refund_no, a.tid, 'new', (a.order_list as unknown[]).length, { item: 0 }],
			[only.refund_no, b.tid, 'new', (b.order_list as unknown[]).length, { item: 1 }],
		]);
		// one call, WDT's fields only, amounts and ids as text
		const calls = requestsTo(emu, 'sales_refund_push');
		expect(calls).toHaveLength(1);
		const sent = JSON.parse(calls[0].params?.api_refund_list as string) as IDataObject[];
		expect(sent[0]).toEqual({
			platform_id: 127,
			shop_no: 'shop-a',
			tid: a.tid,
			refund_no: ret.refund_no,
			type: 2,
			status: 4,
			refund_fee: ret.refund_fee,
			buyer_nick: ret.buyer_nick,
			refund_time: ret.refund_time,
			reason: ret.reason,
			logistics_no: ret.logistics_no,
			logistics_name: ret.logistics_name,
			order_list: (ret.order_list as IDataObject[]).map((line) => ({ oid: line.oid, num: String(line.num) })),
		});

		// refund_query (Refund · Get Many) shows the return, linked to the order, received (90)
		const listed = await runWdt(emu, { resource: 'refund', operation: 'getMany', returnAll: true, filters: { src_refund_no: ret.refund_no } });
		expect(listed.error).toBeUndefined();
		expect(listed.json()).toHaveLength(1);
		expect(listed.json()[0]).toMatchObject({ src_no: ret.refund_no, tid: a.tid, shop_no: 'shop-a', type: '2', process_status: '90', warehouse_no: 'WH-HZ01' });
		const lines = listed.json()[0].refund_order_list as IDataObject[];
		expect(lines.map((line) => line.oid)).toEqual((a.order_list as IDataObject[]).map((line) => line.oid));
		expect(erpRefund(emu, 'shop-a', only.refund_no as string)).toMatchObject({ type: 4, process_status: 20, tid: b.tid });

		// the returned goods are available again: the shop's SKU has a stock change pending with more stock
		const returned = (a.order_list as IDataObject[])[0].num as number;
		const after = poolRow(emu, 'shop-a', spec);
		expect(after).toMatchObject({ pending: true, sync_stock: stockBefore + returned });
		expect(after?.stock_change_count).toBeGreaterThan(countBefore);

		// pushing again: "changed", the goods are not received twice
		emu.reset();
		const again = await runWdt(emu, PUSH, { input: [ret, only] });
		expect(again.json().map((o) => o.outcome)).toEqual(['changed', 'changed']);
		expect(poolRow(emu, 'shop-a', spec)?.sync_stock).toBe(stockBefore + returned);
		expect(emu.erpOrders.refunds.size).toBe(2);
	});

	it('under the reading returnStock "returnWarehouse" a received return stays in the return warehouse: nothing changes for the shop', async () => {
		const other = await startEmulator({ pool: { shops: ['shop-a'], perShop: 10 }, seed: 7, shipAfterMs: Number.POSITIVE_INFINITY, returnStock: 'returnWarehouse' });
		try {
			const [order] = await shippedOrders(other, 1);
			const spec = specOf(order);
			const before = { ...poolRow(other, 'shop-a', spec) };
			const ret = refundOf(other, order, { kind: 'return' });
			const run = await runWdt(other, PUSH, { input: [ret] });
			expect(run.json()[0].outcome).toBe('new');
			expect(erpRefund(other, 'shop-a', ret.refund_no as string)).toMatchObject({ type: 2, process_status: 90, warehouse_no: 'WH-RT01' });
			expect(poolRow(other, 'shop-a', spec)).toMatchObject({ sync_stock: before.sync_stock, stock_change_count: before.stock_change_count });
			expect(other.erpOrders.returned.get(`WH-RT01\u0000${spec}`)).toBe(((order.order_list as IDataObject[])[0].num as number) * 10000);
		} finally {
			await other.stop();
		}
	});

	it('12 refunds go in calls of 10 and 2; a return not yet sent back (status 2) moves no stock', async () => {
		const orders = await shippedOrders(emu, 12);
		const refunds = orders.map((order) => refundOf(emu, order, { kind: 'return', status: 2 }));
		const pending = emu.pool.pendingCount();
		emu.reset();
		const run = await runWdt(emu, PUSH, { input: refunds });
		expect(run.json().map((o) => o.outcome)).toEqual(refunds.map(() => 'new'));
		expect(requestsTo(emu, 'sales_refund_push').map((r) => JSON.parse(r.params?.api_refund_list as string).length)).toEqual([10, 2]);
		expect(emu.pool.pendingCount()).toBe(pending);
		expect(erpRefund(emu, 'shop-a', refunds[11].refund_no as string)).toMatchObject({ process_status: 20 });
	});

	it('an order the ERP does not hold: WDT refuses the call (5040), every refund of it "refused" with WDT\'s words; another shop\'s refunds go in calls of their own and are taken', async () => {
		const [held] = await shippedOrders(emu, 1, ['shop-b']);
		const unknown = emu.fakeShop.generateOrders(1, { shops: ['shop-a'] })[0] as unknown as IDataObject;
		const refunds = [refundOf(emu, unknown, { kind: 'refundOnly' }), refundOf(emu, held, { kind: 'refundOnly' })];
		emu.reset();
		const run = await runWdt(emu, PUSH, { input: refunds, ...CONTINUE });
		expect(run.json().map((o) => [o.shop_no, o.outcome])).toEqual([
			['shop-a', 'refused'],
			['shop-b', 'new'],
		]);
		expect(run.json()[0].error).toMatchObject({ scope: 'request', outcome: 'refused', code: 5040, message: expect.stringMatching(/tid 必须在旺店通系统中存在/) });
		expect(requestsTo(emu, 'sales_refund_push').map((r) => JSON.parse(r.params?.api_refund_list as string)[0].shop_no)).toEqual(['shop-a', 'shop-b']);

		// without Continue On Fail the node fails at the first refused call (the next shop's is not sent),
		// names the refund and says a re-push is safe
		emu.reset();
		const failed = await runWdt(emu, PUSH, { input: refunds });
		expect(failed.error?.message).toMatch(new RegExp(`^2 of 2 refund\\(s\\) not written; first: item 1 \\(index 0\\), refund_no ${refunds[0].refund_no as string}: WDT error 5040`));
		expect(failed.error?.description).toMatch(/1 refused by WDT, 1 not sent.*Pushing a refund again is safe/);
		expect(requestsTo(emu, 'sales_refund_push')).toHaveLength(1);
	});

	it.each<[string, IDataObject, string, RegExp]>([
		['no lines', { order_list: [] }, 'order_list', /order_list must hold at least one line/],
		['a line without oid', { order_list: [{ num: 1 }] }, 'order_list[0].oid', /order_list\[0\]: oid is required/],
		['a quantity of 0', { order_list: [{ oid: 'X-1', num: 0 }] }, 'order_list[0].num', /num must be more than 0/],
		['the same oid twice', { order_list: [{ oid: 'X-1', num: 1 }, { oid: 'X-1', num: 1 }] }, 'order_list[1].oid', /appears twice/],
		['an amount with 5 decimal places', { refund_fee: '1.00005' }, 'refund_fee', /more than 4 decimal places/],
		['an amount as a rounded float', { refund_fee: 0.1 + 0.2 }, 'refund_fee', /more than 4 decimal places/],
		['an unknown type', { type: 9 }, 'type', /type must be one of 1, 2, 3, 4/],
		['an unknown status', { status: 6 }, 'status', /status must be one of 1, 2, 3, 4, 5, 7, 8/],
		['a refund_no of 41 characters', { refund_no: 'R'.repeat(41) }, 'refund_no', /41 characters; WDT takes at most 40/],
		['a tracking number without its carrier', { logistics_no: 'YT1234567890', logistics_name: '' }, 'logistics_name', /logistics_name is required with logistics_no/],
		['a time in another form', { refund_time: '2026/11/28 10:00' }, 'refund_time', /YYYY-MM-DD HH:mm:ss/],
		['a tid beyond 2^53 as a number', { tid: Number('2754327482516635662') }, 'tid', /beyond 2\^53/],
		['another platform_id', { platform_id: 0 }, 'platform_id', /platform_id must be 127/],
	])('checks every refund before sending (%s): the node fails on it and nothing is sent; with Continue it is "notSent", the others go', async (_what, change, field, message) => {
		const [order] = await shippedOrders(emu, 1);
		const good = refundOf(emu, order, { kind: 'return' });
		const bad = { ...refundOf(emu, order, { kind: 'refundOnly' }), ...change };
		emu.reset();
		const run = await runWdt(emu, PUSH, { input: [good, bad] });
		expect(run.error?.message).toMatch(/^item 2 \(index 1\): refund /);
		expect(run.error?.message).toMatch(message);
		expect(run.error?.description).toMatch(/Nothing was sent/);
		expect(requestsTo(emu, 'sales_refund_push')).toHaveLength(0);

		const continued = await runWdt(emu, PUSH, { input: [good, bad], ...CONTINUE });
		expect(continued.json().map((o) => o.outcome)).toEqual(['new', 'notSent']);
		expect(continued.json()[1].error).toMatchObject({ scope: 'validation', outcome: 'notSent', field, message: expect.stringMatching(message) });
		expect(JSON.parse(requestsTo(emu, 'sales_refund_push')[0].params?.api_refund_list as string)).toHaveLength(1);
	});

	it('the same refund twice: sent once, both items "new"; the same refund_no with other contents: neither is sent, each names both items', async () => {
		const [order] = await shippedOrders(emu, 1);
		const refund = refundOf(emu, order, { kind: 'refundOnly' });
		emu.reset();
		const twice = await runWdt(emu, PUSH, { input: [refund, { ...refund }] });
		expect(twice.json().map((o) => o.outcome)).toEqual(['new', 'new']);
		expect(JSON.parse(requestsTo(emu, 'sales_refund_push')[0].params?.api_refund_list as string)).toHaveLength(1);

		emu.reset();
		const conflict = await runWdt(emu, PUSH, { input: [refund, { ...refund, refund_fee: '1.00' }], ...CONTINUE });
		expect(conflict.json().map((o) => o.outcome)).toEqual(['notSent', 'notSent']);
		expect(conflict.json()[0].error).toMatchObject({ field: 'refund_no', message: expect.stringMatching(/2 items have refund_no .* different contents.*item 1 \(index 0\), item 2 \(index 1\)/) });
		expect(requestsTo(emu, 'sales_refund_push')).toHaveLength(0);
	});

	it('Order Line IDs to Check: a refund whose line is not a line of its order is not sent', async () => {
		const [order] = await shippedOrders(emu, 1);
		const refund = { ...refundOf(emu, order, { kind: 'refundOnly' }), order_oids: (order.order_list as IDataObject[]).map((line) => line.oid) };
		const wrong = { ...refund, refund_no: 'RF-WRONG', order_list: [{ oid: 'NOT-A-LINE', num: 1 }] };
		emu.reset();
		const run = await runWdt(emu, { ...PUSH, refundOptions: { orderOids: '={{ $json.order_oids }}' } }, { input: [refund, wrong], ...CONTINUE });
		expect(run.json().map((o) => o.outcome)).toEqual(['new', 'notSent']);
		expect(run.json()[1].error).toMatchObject({ field: 'order_list[0].oid', message: expect.stringMatching(/"NOT-A-LINE" is not a line of order/) });
	});

	it('one item per line, grouped by refund_no: one result per line item with its refund\'s outcome; Field Values map the shop\'s own field names', async () => {
		const [order] = await shippedOrders(emu, 1);
		const lines = order.order_list as IDataObject[];
		const shopLines = lines.map((line) => ({
			shop_no: 'shop-a',
			order_id: order.tid,
			return_id: 'RET-77',
			kind: 'return',
			refund_time: '2026-11-28 10:00:00',
			status: 4,
			oid: line.oid,
			num: line.num,
		}));
		emu.reset();
		const run = await runWdt(
			emu,
			{
				...PUSH,
				refundInputMode: 'line',
				refundFields: { tid: '={{ $json.order_id }}', refund_no: '={{ $json.return_id }}', type: "={{ $json.kind === 'return' ? 2 : 4 }}" },
			},
			{ input: shopLines },
		);
		expect(run.error).toBeUndefined();
		expect(run.items().map((i) => [i.json.refund_no, i.json.oid, i.json.outcome, i.json.lines, i.pairedItem])).toEqual(
			lines.map((line, item) => ['RET-77', line.oid, 'new', lines.length, { item }]),
		);
		const sent = JSON.parse(requestsTo(emu, 'sales_refund_push')[0].params?.api_refund_list as string);
		expect(sent).toEqual([expect.objectContaining({ tid: order.tid, refund_no: 'RET-77', type: 2, order_list: lines.map((line) => ({ oid: line.oid, num: String(line.num) })) })]);
	});

	it('Field Values → Order Lines: the lines from an expression over the shop\'s own line fields', async () => {
		const [order] = await shippedOrders(emu, 1);
		const refund = refundOf(emu, order, { kind: 'refundOnly' });
		const line = (order.order_list as IDataObject[])[0];
		const item = { ...refund, order_list: undefined, items: [{ line_id: line.oid, qty: 1 }] };
		emu.reset();
		const run = await runWdt(
			emu,
			{ ...PUSH, refundFields: { order_list: '={{ $json.items.map(i => ({ oid: i.line_id, num: i.qty })) }}' } },
			{ input: [item] },
		);
		expect(run.json()[0]).toMatchObject({ outcome: 'new', lines: 1 });
		expect(JSON.parse(requestsTo(emu, 'sales_refund_push')[0].params?.api_refund_list as string)[0].order_list).toEqual([{ oid: line.oid, num: '1' }]);
	});

	it('the refund types as public clients send them (reading refundTypes "clients"): 3 is a return, 4 is refused by WDT; the doc\'s reading refuses 3', async () => {
		for (const [reading, type, outcome] of [
			['clients', 3, 'new'],
			['clients', 4, 'refused'],
			['doc', 3, 'refused'],
		] as const) {
			const other = await startEmulator({ pool: { shops: ['shop-a'], perShop: 10 }, seed: 3, shipAfterMs: Number.POSITIVE_INFINITY, refundTypes: reading });
			try {
				const [order] = await shippedOrders(other, 1);
				const spec = specOf(order);
				const stock = poolRow(other, 'shop-a', spec)?.sync_stock ?? 0;
				const refund: IDataObject = { ...refundOf(other, order, { kind: 'return' }), type };
				const run = await runWdt(other, PUSH, { input: [refund], ...CONTINUE });
				expect({ reading, type, outcome: run.json()[0].outcome }).toEqual({ reading, type, outcome });
				if (outcome === 'refused') {
					expect(run.json()[0].error).toMatchObject({ code: 2001, message: expect.stringMatching(/type 取值无效/) });
					expect(other.erpOrders.refunds.size).toBe(0);
				} else {
					expect(erpRefund(other, 'shop-a', refund.refund_no as string)).toMatchObject({ type: 2, process_status: 90 });
					expect(poolRow(other, 'shop-a', spec)?.sync_stock).toBe(stock + ((order.order_list as IDataObject[])[0].num as number));
				}
			} finally {
				await other.stop();
			}
		}
	});
});
