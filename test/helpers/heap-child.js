// @ts-check
'use strict';

/**
 * Run by test/unit/fetch-list-heap.test.ts in a child process with a small heap
 * (--max-old-space-size): fetchList, transpiled to plain JS in the folder given as argv[2],
 * against a gateway faked in-process that announces far more records than it sends. Prints one
 * JSON line per case: how the fetch ended, the requests made and the heap used.
 */
const path = require('node:path');

const { fetchList } = require(path.join(process.argv[2], 'nodes/Wdt/transport/fetchList.js'));

/** @param {(params: Record<string, unknown>) => Record<string, unknown>} answer */
function gateway(answer) {
	/** @type {unknown[]} */
	const calls = [];
	const context = {
		helpers: {
			async httpRequestWithAuthentication(/** @type {string} */ _type, /** @type {{ body: Record<string, unknown> }} */ request) {
				calls.push(request.body.page_no);
				return { statusCode: 200, body: Buffer.from(JSON.stringify(answer(request.body))) };
			},
		},
	};
	return { context, calls };
}

const trades = (/** @type {number} */ n, /** @type {number} */ from) =>
	Array.from({ length: n }, (_, i) => ({ trade_id: String(from + i), modified: '2026-11-28 10:00:00' }));

const cases = {
	// 1e9 announced: refused at page 0, nothing allocated for the pages it announces.
	huge: (/** @type {Record<string, unknown>} */ p) => ({ code: 0, message: 'ok', ...(p.page_no === 0 ? { total_count: 1e9 } : {}), trades: trades(100, Number(p.page_no) * 100) }),
	// Within the page guard (9 999 pages announced), but page 1 comes back empty: no page past it is asked.
	emptyMiddle: (/** @type {Record<string, unknown>} */ p) => ({
		code: 0,
		message: 'ok',
		...(p.page_no === 0 ? { total_count: 999_900 } : {}),
		trades: Number(p.page_no) === 1 ? [] : trades(100, Number(p.page_no) * 100),
	}),
};

async function main() {
	const base = Date.parse('2026-11-28T02:00:00Z');
	for (const [name, answer] of Object.entries(cases)) {
		const { context, calls } = gateway(answer);
		const started = Date.now();
		let outcome;
		try {
			await fetchList(context, 'http://gw/', {
				spec: { endpoint: 'trade_query', listField: 'trades', key: 'trade_id', timeField: 'modified', maxWindowMs: 3600_000, maxPageSize: 100 },
				range: { from: base, to: base + 3600_000 },
				concurrency: 4,
				call: { timeoutMs: 5000, retry: { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0 } },
			});
			outcome = { ok: true };
		} catch (error) {
			outcome = { ok: false, name: /** @type {Error} */ (error).name, message: /** @type {Error} */ (error).message };
		}
		if (global.gc) global.gc();
		const line = { name, ...outcome, calls, ms: Date.now() - started, heapUsed: process.memoryUsage().heapUsed };
		process.stdout.write(`${JSON.stringify(line)}\n`);
	}
}

main().catch((error) => {
	process.stderr.write(String(error && error.stack));
	process.exit(1);
});
