// @ts-check
'use strict';

// Each fault kind as a plain undici client sees it. Timing is only checked as "not faster than".

const { Agent, request } = require('undici');
const { startEmulator } = require('../../emulator');
const { FaultInjector } = require('../../emulator/faults');
const { call, post, signedParams } = require('./support');

/** @type {import('../../emulator').Emulator} */
let emu;

beforeAll(async () => {
	emu = await startEmulator({ pool: { perShop: 20 } });
});

afterAll(async () => {
	await emu.stop();
});

afterEach(() => emu.reset());

const shops = () => call(emu, 'shop.php', {});
/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Ack the first pending record of shop-a; returns the row acked and the call (a promise). */
function ackFirstPending() {
	const [row] = emu.pool.pending('shop-a');
	const list = JSON.stringify([
		{ rec_id: row.rec_id, sync_stock: row.sync_stock, stock_change_count: row.stock_change_count },
	]);
	return {
		row,
		send: () => call(emu, 'api_goods_stock_change_ack.php', { stock_sync_list: list }),
	};
}

describe('latency', () => {
	test('a latency rule delays the answer (only the next N requests)', async () => {
		emu.faults.add({ kind: 'latency', ms: 300, count: 1 });
		const started = Date.now();
		const res = await shops();
		expect(res.json.code).toBe(0);
		expect(Date.now() - started).toBeGreaterThanOrEqual(280);
		expect(emu.lastRequest()?.fault).toBe('latency');
		await shops();
		expect(emu.lastRequest()?.fault).toBeNull();
	});

	test('the global latencyMs option delays every gateway request', async () => {
		const slow = await startEmulator({ latencyMs: 150, pool: { perShop: 1 } });
		try {
			for (let i = 0; i < 2; i++) {
				const started = Date.now();
				expect((await call(slow, 'shop.php', {})).json.code).toBe(0);
				expect(Date.now() - started).toBeGreaterThanOrEqual(140);
			}
		} finally {
			await slow.stop();
		}
	});

	test('the global latency includes the work: the ack is applied at once, the answer leaves at the end', async () => {
		emu.faults.latencyMs = 1000;
		const { row, send } = ackFirstPending();
		const started = Date.now();
		const answer = send();
		await sleep(400);
		const pendingMidway = emu.pool.pending('shop-a').some((r) => r.rec_id === row.rec_id);
		const res = await answer;
		expect(pendingMidway).toBe(false);
		expect(res.json.code).toBe(0);
		expect(Date.now() - started).toBeGreaterThanOrEqual(980);
	});
});

describe('http', () => {
	test('answers the given HTTP status with a non-JSON body, then recovers', async () => {
		emu.faults.add({ kind: 'http', status: 502, count: 1 });
		const failed = await shops();
		expect(failed.status).toBe(502);
		expect(failed.json).toBeNull();
		expect(failed.text).toContain('502 Bad Gateway');
		expect(emu.lastRequest()).toMatchObject({
			fault: 'http',
			httpStatus: 502,
			accepted: false,
			code: null,
		});
		expect((await shops()).status).toBe(200);
	});

	test('429 carries Retry-After', async () => {
		emu.faults.add({ kind: 'http', status: 429, count: 1 });
		const res = await shops();
		expect(res.status).toBe(429);
		expect(res.headers['retry-after']).toBe('1');
	});

	test('only the targeted endpoint is hit; "*" hits every gateway endpoint', async () => {
		emu.faults.add({ endpoint: 'api_goods_stock_change_ack.php', kind: 'http', status: 500 });
		expect((await shops()).status).toBe(200);
		expect((await ackFirstPending().send()).status).toBe(500);
		emu.reset();
		emu.faults.add({ endpoint: 'api_goods_stock_change_query', kind: 'http', status: 503 }); // '.php' optional
		expect(
			(await call(emu, 'api_goods_stock_change_query.php', { shop_no: 'shop-a' })).status,
		).toBe(503);
		emu.reset();
		emu.faults.add({ endpoint: '*', kind: 'http', status: 500 });
		expect((await shops()).status).toBe(500);
		expect((await call(emu, 'no_such.php', {})).status).toBe(500);
	});
});

describe('reset', () => {
	test('the connection is reset without an answer: the client gets an error', async () => {
		emu.faults.add({ kind: 'reset', count: 1 });
		await expect(shops()).rejects.toThrow();
		expect(emu.lastRequest()).toMatchObject({ fault: 'reset', httpStatus: null, accepted: false });
		expect((await shops()).json.code).toBe(0);
	});

	test('before processing (default): the ack is not applied', async () => {
		emu.faults.add({ endpoint: 'api_goods_stock_change_ack.php', kind: 'reset', count: 1 });
		const { row, send } = ackFirstPending();
		await expect(send()).rejects.toThrow();
		expect(emu.pool.get(row.rec_id)).toMatchObject({ pending: true, acksApplied: 0 });
	});

	test('after: true applies the ack and loses the answer; the repeated ack is safe', async () => {
		emu.faults.add({
			endpoint: 'api_goods_stock_change_ack.php',
			kind: 'reset',
			count: 1,
			after: true,
		});
		const { row, send } = ackFirstPending();
		await expect(send()).rejects.toThrow();
		expect(emu.pool.get(row.rec_id)).toMatchObject({ pending: false, acksApplied: 1 });
		expect(emu.lastRequest()).toMatchObject({
			fault: 'reset',
			responseLost: true,
			accepted: true,
			code: 0,
		});

		const retry = await send();
		expect(retry.json).toEqual({ code: 0, message: 'OK' });
		expect(emu.pool.get(row.rec_id)).toMatchObject({
			pending: false,
			acksApplied: 2,
			timesCleared: 1,
		});
	});
});

describe('stall', () => {
	test('no answer until the client gives up (headersTimeout)', async () => {
		const agent = new Agent();
		try {
			emu.faults.add({ kind: 'stall', count: 1 });
			const params = signedParams(emu.account, {});
			await expect(
				post(`${emu.url}shop.php`, params, { dispatcher: agent, headersTimeout: 300 }),
			).rejects.toMatchObject({
				code: 'UND_ERR_HEADERS_TIMEOUT',
			});
			expect(emu.lastRequest()?.fault).toBe('stall');
			expect((await post(`${emu.url}shop.php`, params, { dispatcher: agent })).json.code).toBe(0);
		} finally {
			await agent.close();
		}
	});

	test('no answer until the client aborts (AbortSignal); after: true still applies the ack', async () => {
		emu.faults.add({
			endpoint: 'api_goods_stock_change_ack.php',
			kind: 'stall',
			count: 1,
			after: true,
		});
		const [row] = emu.pool.pending('shop-a');
		const list = JSON.stringify([
			{
				rec_id: row.rec_id,
				sync_stock: row.sync_stock,
				stock_change_count: row.stock_change_count,
			},
		]);
		const params = signedParams(emu.account, { stock_sync_list: list });
		await expect(
			post(`${emu.url}api_goods_stock_change_ack.php`, params, {
				signal: AbortSignal.timeout(300),
			}),
		).rejects.toThrow();
		expect(emu.pool.get(row.rec_id)?.pending).toBe(false);
	});

	test('stop() ends stalled answers (the client sees the connection close)', async () => {
		const other = await startEmulator({ pool: { perShop: 1 }, faults: [{ kind: 'stall' }] });
		const pending = call(other, 'shop.php', {});
		await sleep(100);
		await other.stop();
		await expect(pending).rejects.toThrow();
	});
});

describe('apiError', () => {
	test('default: HTTP 200 {code: 1009, message: 接口调用太频繁...}', async () => {
		emu.faults.add({ kind: 'apiError', count: 1 });
		const res = await shops();
		expect(res.status).toBe(200);
		expect(res.json).toEqual({ code: 1009, message: expect.stringContaining('频繁') });
		expect(emu.lastRequest()).toMatchObject({ fault: 'apiError', code: 1009, accepted: false });
	});

	test('a given code and message; count = the next N requests only', async () => {
		emu.faults.add({
			endpoint: 'shop.php',
			kind: 'apiError',
			code: 2090,
			message: 'appkey已停用',
			count: 2,
		});
		expect((await shops()).json).toEqual({ code: 2090, message: 'appkey已停用' });
		expect((await shops()).json.code).toBe(2090);
		expect((await shops()).json.code).toBe(0);
		expect((await shops()).json.code).toBe(0);
	});
});

describe('rate', () => {
	/**
	 * The pattern of 503/200 over 24 requests for a seed.
	 * @param {number} seed
	 */
	async function pattern(seed) {
		const e = await startEmulator({
			seed,
			pool: { perShop: 1 },
			faults: [{ kind: 'http', status: 503, rate: 0.5 }],
		});
		try {
			let out = '';
			for (let i = 0; i < 24; i++)
				out += (await call(e, 'shop.php', {})).status === 503 ? 'x' : '.';
			return out;
		} finally {
			await e.stop();
		}
	}

	test('is deterministic from the seed', async () => {
		const first = await pattern(7);
		expect(await pattern(7)).toBe(first);
		expect(first).toMatch(/x/);
		expect(first).toMatch(/\./);
		expect(await pattern(8)).not.toBe(first);
	});

	test('the decision sequence of a rule depends only on the seed and the rule order', () => {
		/** @param {number} seed */
		const decide = (seed) => {
			const injector = new FaultInjector({ seed });
			injector.add({ kind: 'latency', ms: 1, rate: 0.3 });
			injector.add({ kind: 'reset', rate: 0.2, count: 3 });
			return Array.from({ length: 40 }, () => {
				const plan = injector.plan('x.php', true);
				return `${plan.delayMs}${plan.terminal ? 'r' : '-'}`;
			}).join(' ');
		};
		expect(decide(123)).toBe(decide(123));
		expect(decide(123).split('r').length - 1).toBe(3); // count caps the resets
	});

	test('bad rules are refused', () => {
		expect(() => emu.faults.add(/** @type {any} */ ({ kind: 'explode' }))).toThrow(/kind/);
		expect(() => emu.faults.add({ kind: 'http', rate: 2 })).toThrow(/rate/);
		expect(() => emu.faults.add({ kind: 'latency' })).toThrow(/ms/);
		expect(() => emu.faults.add({ kind: 'reset', count: 0 })).toThrow(/count/);
	});
});

describe('fake shop faults', () => {
	test('are applied only when the rule names fake-shop', async () => {
		emu.faults.add({ kind: 'http', status: 500 }); // '*' = gateway endpoints only
		const push = { shop_no: 'shop-a', spec_no: 'GD1-01', rec_id: '1', stock: 5 };
		const ok = await post(emu.fakeShopUrl, JSON.stringify(push), {
			contentType: 'application/json',
		});
		expect(ok.json).toEqual({ success: true });
		emu.faults.add({ endpoint: 'fake-shop', kind: 'http', status: 503, count: 1, after: true });
		const lost = await post(emu.fakeShopUrl, JSON.stringify({ ...push, stock: 6 }), {
			contentType: 'application/json',
		});
		expect(lost.status).toBe(503);
		expect(emu.shopStock.stock('shop-a', 'GD1-01')).toBe(6); // applied, answer lost
	});
});

describe('trickle, redirect and the Date header', () => {
	test('trickle: headers at once, then one byte every ms; after: true trickles the processed answer to its end', async () => {
		emu.faults.add({ endpoint: 'shop.php', kind: 'trickle', ms: 5, after: true, count: 1 });
		const params = signedParams(emu.account, {});
		const response = await request(`${emu.url}shop.php`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
			body: new URLSearchParams(params).toString(),
		});
		expect(response.statusCode).toBe(200);
		let chunks = 0;
		let text = '';
		for await (const chunk of response.body) {
			chunks++;
			text += chunk.toString('utf8');
		}
		expect(JSON.parse(text).code).toBe(0);
		// one byte per write: the client sees many small chunks, not one answer
		expect(chunks).toBeGreaterThan(Buffer.byteLength(text) / 4);
		expect(emu.lastRequest()).toMatchObject({ fault: 'trickle', responseLost: true, accepted: true });
	});

	test('trickle without after: blanks that never end, nothing processed', async () => {
		emu.faults.add({ endpoint: 'shop.php', kind: 'trickle', ms: 10, count: 1 });
		const controller = new AbortController();
		const response = await request(`${emu.url}shop.php`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
			body: new URLSearchParams(signedParams(emu.account, {})).toString(),
			signal: controller.signal,
		});
		let received = '';
		await expect(
			(async () => {
				for await (const chunk of response.body) {
					received += chunk.toString('utf8');
					if (received.length >= 5) controller.abort();
				}
			})(),
		).rejects.toThrow();
		expect(received.trim()).toBe('');
		expect(emu.lastRequest()).toMatchObject({ fault: 'trickle', accepted: false });
	});

	test('redirect: 302 by default to a port where nothing listens, or the given status and location', async () => {
		emu.faults.add({ endpoint: 'shop.php', kind: 'redirect', count: 1 });
		emu.faults.add({ endpoint: 'shop.php', kind: 'redirect', status: 308, location: 'https://elsewhere.example/openapi2/shop.php', count: 1 });
		const params = signedParams(emu.account, {});
		const first = await post(`${emu.url}shop.php`, params);
		expect([first.status, first.headers.location]).toEqual([302, 'http://127.0.0.1:9/openapi2/shop.php']);
		const second = await post(`${emu.url}shop.php`, params);
		expect([second.status, second.headers.location]).toEqual([308, 'https://elsewhere.example/openapi2/shop.php']);
		expect(() => emu.faults.add({ kind: 'redirect', status: 200 })).toThrow(/300\.\.399/);
	});

	test('the Date header tells the emulator clock, offset included', async () => {
		emu.faults.clockOffsetSec = 3600;
		const answer = await post(`${emu.url}shop.php`, signedParams(emu.account, {}, { timestamp: emu.clock() }));
		const date = Date.parse(String(answer.headers.date));
		expect(Math.abs(date / 1000 - (Date.now() / 1000 + 3600))).toBeLessThan(3);
	});
});
