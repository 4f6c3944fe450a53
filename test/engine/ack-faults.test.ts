import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { WdtAckStockSync } from '../../nodes/WdtAckStockSync/WdtAckStockSync.node';
import { WdtGetStockChanges } from '../../nodes/WdtGetStockChanges/WdtGetStockChanges.node';
import { chain, emulatorCredentials, runWorkflow, sourceNode, wdtNode } from '../helpers/engine';
import type { Answer, HostileServer } from '../helpers/hostile-server';
import { json, recIdsOf, startHostileServer } from '../helpers/hostile-server';

/**
 * The ack node against a hostile network: every answer it cannot be sure of makes the records
 * "outcome unknown", never acked; what never left n8n is "notSent"; what WDT (or the server at
 * the Gateway URL) said no to is "refused".
 */
type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const ACK = 'api_goods_stock_change_ack.php';
const nodeTypes = {
	'n8n-nodes-wdt.wdtAckStockSync': new WdtAckStockSync(),
	'n8n-nodes-wdt.wdtGetStockChanges': new WdtGetStockChanges(),
};
const CONTINUE: Partial<INode> = { onError: 'continueRegularOutput' };

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ pool: { shops: ['shop-a'], perShop: 0 }, seed: 11 });
});
afterAll(async () => {
	await emu.stop();
});
beforeEach(() => {
	emu.reset();
	emu.pool.clear();
});

let hostile: HostileServer | undefined;
afterEach(async () => {
	await hostile?.close();
	hostile = undefined;
});

function seed(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => {
		const row = emu.pool.addRecord({ shop_no: 'shop-a', sync_stock: 5 + (i % 40), stock_change_count: 1 + (i % 5) });
		return { rec_id: row.rec_id, sync_stock: String(row.sync_stock), stock_change_count: String(row.stock_change_count) };
	});
}

const fast = (extra: IDataObject = {}) => ({ options: { retryDelayMs: 1, maxRetries: 0, ...extra } });

async function ack(items: IDataObject[], parameters: INodeParameters = {}, extra: Partial<INode> = {}, gatewayUrl?: string) {
	const credentials = emulatorCredentials(emu);
	if (gatewayUrl) credentials.cred.customUrl = gatewayUrl;
	// These tests read the per-item outcome of runs in which nothing may be acked, so Fail When
	// Nothing Acked (proven in ack-outcomes-visible.test.ts) is off here.
	const options = { failWhenNoneAcked: false, ...(parameters.options as IDataObject | undefined) };
	return await runWorkflow({
		nodeTypes,
		nodes: [sourceNode(items), wdtNode('n8n-nodes-wdt.wdtAckStockSync', 'Ack', { mappingMode: 'auto', ...parameters, options }, extra)],
		connections: chain('Source', 'Ack'),
		credentials,
	});
}

async function ackAgainst(answer: Answer, items: IDataObject[], parameters: INodeParameters = fast()) {
	hostile = await startHostileServer(answer);
	return await ack(items, parameters, CONTINUE, hostile.url);
}

const ackRequests = () => emu.requests.filter((r) => r.endpoint === ACK);
const errorOf = (item: { json: IDataObject }) => item.json.error as IDataObject;
const pending = (item: IDataObject) => emu.pool.get(String(item.rec_id))?.pending;

describe('a total deadline for every call', () => {
	it('ends a trickling answer at Timeout 3 000 ms with 1 retry: nothing acked, outcome unknown, cause the deadline', async () => {
		const items = seed(3);
		emu.faults.add({ endpoint: ACK, kind: 'trickle', ms: 500 });
		const result = await ack(items, { options: { timeoutMs: 3000, maxRetries: 1, retryDelayMs: 1 } }, CONTINUE);
		expect(ackRequests()).toHaveLength(2);
		for (const item of result.output('Ack')) {
			expect(item.json.acked).toBe(false);
			expect(errorOf(item)).toMatchObject({ outcome: 'unknown', code: 'TIMEOUT' });
			expect(String(errorOf(item).message)).toMatch(/within 3000 ms \(the whole exchange, from connecting to the last byte\)/);
			expect(String(errorOf(item).hint)).toMatch(/safe to repeat/);
		}
	}, 10_000); // the failing condition: a body read without a total deadline trickles for ever

	it('a trickled answer of a processed ack is unknown, not acked (the pool cleared it)', async () => {
		const items = seed(2);
		emu.faults.add({ endpoint: ACK, kind: 'trickle', ms: 400, after: true, count: 1 });
		const result = await ack(items, fast({ timeoutMs: 1000 }), CONTINUE);
		expect(items.every((item) => pending(item) === false)).toBe(true);
		expect(result.output('Ack').map((item) => [item.json.acked, errorOf(item).outcome])).toEqual([
			[false, 'unknown'],
			[false, 'unknown'],
		]);
	}, 10_000);

	it('bounds the query node the same way', async () => {
		emu.faults.add({ endpoint: 'api_goods_stock_change_query.php', kind: 'trickle', ms: 300 });
		const result = await runWorkflow({
			nodeTypes,
			nodes: [sourceNode([{}]), wdtNode('n8n-nodes-wdt.wdtGetStockChanges', 'Get', { shopNos: 'shop-a', options: { timeoutMs: 1000, maxRetries: 0 } })],
			connections: chain('Source', 'Get'),
			credentials: emulatorCredentials(emu),
		});
		expect(String(result.error?.message)).toMatch(/within 1000 ms/);
	}, 10_000);
});

describe('no redirects', () => {
	it.each([302, 307, 308])('HTTP %i: refused at once, naming the Location; the other address never sees the signed form', async (status) => {
		const other = await startEmulator({ pool: { perShop: 0 } });
		try {
			const items = seed(2);
			emu.faults.add({ endpoint: ACK, kind: 'redirect', status, location: `${other.url}${ACK}` });
			const result = await ack(items, { options: { retryDelayMs: 1, maxRetries: 3 } }, CONTINUE);
			expect(ackRequests()).toHaveLength(1);
			expect(other.requests).toHaveLength(0);
			const error = errorOf(result.output('Ack')[0]);
			expect(error).toMatchObject({ outcome: 'refused', code: `HTTP ${status}` });
			expect(String(error.message)).toContain(`${other.url}${ACK}`);
			expect(String(error.message)).toMatch(/Set the Gateway URL to the final address/);
			expect(items.every((item) => pending(item) === true)).toBe(true);
		} finally {
			await other.stop();
		}
	});
});

describe('resets, HTTP statuses and unreachable gateways', () => {
	it('a reset before processing: outcome unknown (the node cannot tell), never "could not be reached"', async () => {
		const items = seed(2);
		emu.faults.add({ endpoint: ACK, kind: 'reset' });
		const result = await ack(items, fast(), CONTINUE);
		const error = errorOf(result.output('Ack')[0]);
		expect(error.outcome).toBe('unknown');
		expect(String(error.message)).toMatch(/^Outcome unknown: .*after the request was sent/);
		expect(JSON.stringify(result.output('Ack'))).not.toMatch(/could not be reached|Could not reach/i);
		expect(items.every((item) => pending(item) === true)).toBe(true);
	});

	it('a reset after processing: outcome unknown while the pool cleared the records; a retry settles them as acked', async () => {
		const items = seed(2);
		emu.faults.add({ endpoint: ACK, kind: 'reset', after: true, count: 1 });
		const once = await ack(items, fast(), CONTINUE);
		expect(once.output('Ack').map((item) => errorOf(item)?.outcome)).toEqual(['unknown', 'unknown']);
		expect(items.every((item) => pending(item) === false)).toBe(true);
		emu.faults.add({ endpoint: ACK, kind: 'reset', after: true, count: 1 });
		const retried = await ack(items, fast({ maxRetries: 1 }), CONTINUE);
		expect(retried.output('Ack').map((item) => item.json.acked)).toEqual([true, true]);
	});

	it('HTTP 503 is retried, and after the last retry says "HTTP 503 from the gateway", outcome unknown', async () => {
		const items = seed(1);
		emu.faults.add({ endpoint: ACK, kind: 'http', status: 503 });
		const result = await ack(items, fast({ maxRetries: 2 }), CONTINUE);
		expect(ackRequests()).toHaveLength(3);
		const error = errorOf(result.output('Ack')[0]);
		expect(error).toMatchObject({ outcome: 'unknown', code: 'HTTP 503' });
		expect(String(error.message)).toMatch(/HTTP 503 from the gateway/);
		expect(JSON.stringify(error)).not.toMatch(/WDT error/);
	});

	it('a refused connection (nothing listens) is notSent', async () => {
		const items = seed(1);
		const result = await ack(items, fast(), CONTINUE, 'http://127.0.0.1:1/openapi2/');
		const error = errorOf(result.output('Ack')[0]);
		expect(error.outcome).toBe('notSent');
		expect(String(error.message)).toMatch(/^Not sent: Could not reach the WDT gateway: connection refused/);
	});

	it('without Continue On Fail, a refused connection fails the node with "Not sent", naming the first item', async () => {
		const result = await ack(seed(2), fast(), {}, 'http://127.0.0.1:1/openapi2/');
		expect(String(result.error?.message)).toMatch(/^2 of 2 record\(s\) not written; first: item 1 \(index 0\), rec_id \d+: Not sent: Could not reach the WDT gateway: connection refused/);
		expect((result.error as { context?: { itemIndex?: number } })?.context?.itemIndex).toBe(0);
	});

	it('input that is all invalid never needs the gateway: a Gateway URL that cannot be used does not hide the per-item errors', async () => {
		const result = await ack([{ rec_id: 'abc', sync_stock: '1', stock_change_count: '1' }], {}, CONTINUE, 'not a url');
		expect(result.error).toBeUndefined();
		expect(result.output('Ack').map((item) => errorOf(item)).map((error) => [error.scope, error.field])).toEqual([['validation', 'rec_id']]);
	});

	it('a 404 from a reachable server is refused, with the hint that the Gateway URL probably lacks /openapi2/', async () => {
		const result = await ackAgainst(json('{"error":"not found"}', 404), seed(1));
		const error = errorOf(result.output('Ack')[0]);
		expect(error).toMatchObject({ outcome: 'refused', code: 'HTTP 404' });
		expect(String(error.message)).toMatch(/^HTTP 404 from the gateway/);
		expect(String(error.hint)).toMatch(/probably lacks \/openapi2\//);
	});
});

describe('strict answers: anything not certain makes the whole batch unknown', () => {
	const unreadable: Array<[string, (ids: string[]) => string]> = [
		['code null', () => '{"code":null,"message":"OK"}'],
		['code false', () => '{"code":false,"message":"OK"}'],
		['code true', () => '{"code":true}'],
		['code missing', () => '{"message":"OK"}'],
		['code "OK"', () => '{"code":"OK"}'],
		['code 0.5', () => '{"code":0.5}'],
		['errors as an object', (ids) => `{"code":0,"errors":{"${ids[0]}":"库存已变化"}}`],
		['errors as text', () => '{"code":0,"errors":"库存已变化"}'],
		['errors null', () => '{"code":0,"errors":null}'],
		['an errors entry without rec_id', () => '{"code":0,"errors":[{"error":"库存已变化"}]}'],
		['an errors entry naming another rec_id', () => '{"code":0,"errors":[{"rec_id":"999","error":"x"}]}'],
		['not JSON', () => '<html>ok</html>'],
	];
	it.each(unreadable)('%s', async (_name, body) => {
		const items = seed(3);
		const result = await ackAgainst((req, res, text) => json(body(recIdsOf(text)))(req, res, text), items);
		for (const item of result.output('Ack')) {
			expect(item.json.acked).toBe(false);
			expect(errorOf(item).outcome).toBe('unknown');
			expect(`${errorOf(item).message} ${errorOf(item).hint}`).toMatch(/could not be read|did not answer with JSON|no "code"/);
			expect(String(errorOf(item).hint)).toMatch(/safe to repeat/);
		}
	});

	it('without Continue On Fail, an unreadable answer fails the node: WDT "could not confirm" the records, and acks are safe to repeat', async () => {
		const items = seed(3);
		hostile = await startHostileServer(json('{"code":0,"errors":null}'));
		const result = await ack(items, fast(), {}, hostile.url);
		expect(String(result.error?.message)).toMatch(/^3 of 3 record\(s\) not written; first: item 1 \(index 0\), rec_id \d+: Outcome unknown: /);
		const description = String((result.error as { description?: string }).description);
		expect(description).toMatch(/^Of 3 records: 0 acked, 3 outcome unknown — run again to settle\. /);
		expect(description).toMatch(/safe to repeat/);
	});

	it('an answer over the size cap is unknown (and is not read to its end)', async () => {
		const result = await ackAgainst((_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.write('{"code":0,"message":"');
			res.end(`${'x'.repeat(17 * 1024 * 1024)}"}`);
		}, seed(1));
		const error = errorOf(result.output('Ack')[0]);
		expect(error.outcome).toBe('unknown');
		expect(String(error.message)).toMatch(/larger than 16777216 bytes/);
	});

	it('reads code as an integer string and errors naming rec_ids as numbers or strings', async () => {
		const items = seed(3);
		const result = await ackAgainst(
			(req, res, text) => {
				const ids = recIdsOf(text);
				json(`{"code":"0","errors":[{"rec_id":${ids[1]},"error":"库存已变化"}]}`)(req, res, text);
			},
			items,
		);
		expect(result.output('Ack').map((item) => [item.json.acked, errorOf(item)?.outcome])).toEqual([
			[true, undefined],
			[false, 'refused'],
			[true, undefined],
		]);
	});
});

describe('the thrown summary counts every outcome (no Continue On Fail)', () => {
	it('10 acked, 10 outcome unknown, 10 not sent', async () => {
		const items = seed(30);
		let n = 0;
		hostile = await startHostileServer((req, res, text) => {
			n++;
			if (n === 2) req.socket.destroy();
			else json('{"code":0,"message":"OK"}')(req, res, text);
		});
		const result = await ack(items, { options: { batchSize: 10, maxRetries: 0 } }, {}, hostile.url);
		expect(String(result.error?.message)).toMatch(/^20 of 30 record\(s\) not written; first: item 11 \(index 10\), rec_id \d+: Outcome unknown: /);
		expect(String((result.error as { description?: string }).description)).toContain(
			'Of 30 records: 10 acked, 10 outcome unknown — run again to settle, 10 not sent.',
		);
		expect(hostile.requests).toBe(2);
	});
});

describe('clock-skew recovery', () => {
	it('retries once with the gateway clock from its Date header, and says so', async () => {
		const items = seed(2);
		emu.faults.clockOffsetSec = 900;
		const result = await ack(items, { options: { outputMode: 'perRequest' } });
		expect(result.error).toBeUndefined();
		expect(ackRequests().map((r) => r.accepted)).toEqual([false, true]);
		expect(Math.abs(Number(result.output('Ack')[0].json.clockOffsetSec) - 900)).toBeLessThanOrEqual(2);
		expect(items.every((item) => pending(item) === false)).toBe(true);
		const hints = result.run.data.resultData.runData.Ack[0].hints ?? [];
		// the Date header has whole seconds: the offset may be a second short of 900
		const said = /clock is off by -(\d+) s/.exec(hints.map((hint) => hint.message).join(' '));
		expect(Math.abs(Number(said?.[1]) - 900)).toBeLessThanOrEqual(2);
	});

	it('uses the time stated in the message when there is no Date header', async () => {
		const items = seed(1);
		let first = true;
		hostile = await startHostileServer((req, res, text) => {
			const stamp = Number(new URLSearchParams(text).get('timestamp'));
			const gateway = Math.floor(Date.now() / 1000) - 1200;
			if (first || Math.abs(stamp - gateway) > 300) {
				first = false;
				res.sendDate = false;
				return json(`{"code":1005,"message":"timestamp超出范围,服务器时间=${gateway}"}`)(req, res, text);
			}
			json('{"code":0,"message":"OK"}')(req, res, text);
		});
		const result = await ack(items, {}, {}, hostile.url);
		expect(result.error).toBeUndefined();
		expect(hostile.requests).toBe(2);
	});

	it('keeps the clear message when the retry with the gateway clock is rejected too', async () => {
		const items = seed(1);
		const result = await ackAgainst(
			json('{"code":1005,"message":"时间戳错误"}', 200, { Date: new Date(Date.now() + 3_600_000).toUTCString() }),
			items,
			fast({ maxRetries: 3 }),
		);
		expect(hostile?.requests).toBe(2);
		const error = errorOf(result.output('Ack')[0]);
		expect(error).toMatchObject({ outcome: 'refused', code: 1005 });
		expect(String(error.hint)).toMatch(/again after the node retried with the gateway's clock \(\+3600 s\).*NTP/);
	});
});

describe('conflicting duplicates', () => {
	it('fail validation together, naming each other; nothing is sent', async () => {
		const [a, b] = seed(2);
		const result = await ack([a, b, { ...a, sync_stock: '77' }]);
		expect(String(result.error?.message)).toMatch(/^item 1 \(index 0\): rec_id \d+ with stock_change_count \d+ has different sync_stock values: item 1 \(index 0, sync_stock \d+\), item 3 \(index 2, sync_stock 77\)/);
		expect(ackRequests()).toHaveLength(0);
	});

	it('names the conflicting items in input order, a repeat of the first value after the other', async () => {
		const [a] = seed(1);
		const result = await ack([a, { ...a, sync_stock: '77' }, { ...a }]);
		expect(String(result.error?.message)).toMatch(
			/has different sync_stock values: item 1 \(index 0, sync_stock \d+\), item 2 \(index 1, sync_stock 77\), item 3 \(index 2, sync_stock \d+\)\. /,
		);
		expect(ackRequests()).toHaveLength(0);
	});

	it('the first conflicting item of the input is named, whichever rec_id conflicted first', async () => {
		const [a, b] = seed(2);
		// b's conflict comes first (item 3), a's later (item 4); the error names item 1.
		const result = await ack([a, b, { ...b, sync_stock: '77' }, { ...a, sync_stock: '78' }]);
		expect(String(result.error?.message)).toMatch(/^item 1 \(index 0\): rec_id \d+ .*item 1 \(index 0, sync_stock \d+\), item 4 \(index 3, sync_stock 78\)/);
		expect((result.error as { context?: { itemIndex?: number } })?.context?.itemIndex).toBe(0);
		expect(String((result.error as { description?: string }).description)).toMatch(/^Nothing was sent/);
		expect(ackRequests()).toHaveLength(0);
	});

	it('with Continue On Fail: both refused by validation, the rest acked', async () => {
		const [a, b] = seed(2);
		const result = await ack([a, b, { ...a, sync_stock: '77' }], {}, CONTINUE);
		const out = result.output('Ack');
		expect(out.map((item) => item.json.acked)).toEqual([false, true, false]);
		expect(errorOf(out[0])).toMatchObject({ scope: 'validation', outcome: 'notSent' });
		expect(String(errorOf(out[2]).message)).toMatch(/item 1 \(index 0.*item 3 \(index 2/);
		expect(pending(a)).toBe(true);
		expect(recIdsOf(ackRequests()[0].rawBody)).toEqual([b.rec_id]);
	});
});

describe('a fault run: 10 000 records, ~20 % faults before and after processing, Concurrency 4, Max Retries 1', () => {
	it('every reported outcome matches the pool', async () => {
		const items = seed(10_000);
		for (const fault of [
			{ kind: 'reset' as const },
			{ kind: 'reset' as const, after: true },
			{ kind: 'http' as const, status: 503 },
			{ kind: 'http' as const, status: 502, after: true },
		]) {
			emu.faults.add({ endpoint: ACK, rate: 0.05, ...fault });
		}
		const result = await ack(items, { options: { batchSize: 100, concurrency: 4, maxRetries: 1, retryDelayMs: 1 } }, CONTINUE);
		const out = result.output('Ack');
		expect(out).toHaveLength(10_000);
		const outcome = (i: number) => (out[i].json.acked === true ? 'acked' : String(errorOf(out[i]).outcome));
		const ackedButPending = items.filter((item, i) => outcome(i) === 'acked' && pending(item));
		const clearedButDenied = items.filter((item, i) => !pending(item) && !['acked', 'unknown'].includes(outcome(i)));
		expect(ackedButPending).toHaveLength(0);
		expect(clearedButDenied).toHaveLength(0);
		// The run really met both kinds: lost answers of processed batches and plain successes.
		const counts = new Map<string, number>();
		items.forEach((_item, i) => counts.set(outcome(i), (counts.get(outcome(i)) ?? 0) + 1));
		expect(counts.get('acked')).toBeGreaterThan(5000);
		expect(counts.get('unknown')).toBeGreaterThan(0);
		expect(items.some((item, i) => outcome(i) === 'unknown' && !pending(item))).toBe(true);
	}, 60_000);
});
