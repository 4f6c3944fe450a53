/**
 * A time range too long to read (more windows than the fetcher takes) is the form's fault: the
 * WDT node refuses it at its item as a NodeOperationError naming the count, before anything is
 * sent; under Continue On Fail it is that item's error item and the other items are read.
 */
import { startEmulator } from '../../emulator';
import { MAX_WINDOWS } from '../../nodes/Wdt/protocol/timeWindows';
import type { Emulator } from '../helpers/wdt-node';
import { FAST, requestsTo, runWdt } from '../helpers/wdt-node';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ pool: { shops: ['shop-a'], perShop: 1 }, seed: 9, world: { anchor: '2026-11-28 12:00:00' } });
});
afterAll(async () => {
	await emu.stop();
});
beforeEach(() => emu.reset());

// Recent orders are read in windows of 60 minutes: 2000 to 2026 is far more than MAX_WINDOWS of them.
const ORDERS = {
	resource: 'order',
	operation: 'getMany',
	source: 'recent',
	returnAll: true,
	from: '={{ $json.from }}',
	to: '2026-11-24 14:00:00',
	options: FAST,
};
const tooLong = /^The range needs (\d+) windows of 60 minutes; at most (\d+)$/;

it('the node fails at the item with the range, naming how many windows it needs; nothing is sent', async () => {
	const run = await runWdt(emu, ORDERS, { input: [{ from: '2026-11-24 11:00:00' }, { from: '2000-01-01 00:00:00' }] });
	expect(run.error?.name).toBe('NodeOperationError');
	expect(run.error).toMatchObject({ context: { itemIndex: 1 } });
	const [, needed, most] = tooLong.exec(run.error?.message ?? '') ?? [];
	expect(Number(most)).toBe(MAX_WINDOWS);
	expect(Number(needed)).toBeGreaterThan(MAX_WINDOWS);
	// The first item was read before the second failed; the second sent nothing.
	expect(requestsTo(emu, 'trade_query').length).toBeGreaterThan(0);
	expect(requestsTo(emu, 'trade_query').every((r) => r.params?.start_time?.startsWith('2026-11-24'))).toBe(true);
});

it('Continue On Fail: its error item (paired with it, with a hint field), the other item\'s orders on the main output', async () => {
	const run = await runWdt(emu, ORDERS, {
		input: [{ from: '2000-01-01 00:00:00' }, { from: '2026-11-24 11:00:00' }],
		extra: { onError: 'continueErrorOutput' },
	});
	expect(run.error).toBeUndefined();
	const errors = run.output('WDT', 1);
	expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
	expect(errors[0].json.error).toMatch(tooLong);
	// details always carries a hint (text, empty when there is none), so mappings of it never break.
	expect(typeof (errors[0].json.details as { hint?: unknown }).hint).toBe('string');
	const orders = run.output('WDT', 0);
	expect(orders.length).toBeGreaterThan(0);
	expect(orders.every((item) => JSON.stringify(item.pairedItem) === '{"item":1}')).toBe(true);
});
