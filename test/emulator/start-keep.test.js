// @ts-check
'use strict';

// `npm start -- --keep` hands over an emulator with work waiting: after its summary it refills both
// pools and prints what waits per shop, and the gateway it hands over answers exactly that.
// Runs scripts/start.js itself (nodes from dist/: npm test builds first).

const { spawn } = require('node:child_process');
const path = require('node:path');

const { call } = require('./support');

const START = path.resolve(__dirname, '..', '..', 'scripts', 'start.js');

/**
 * Runs start.js until it says it keeps running; resolves with its output and the child.
 * @param {string[]} args
 */
function startKept(args) {
	const child = spawn(process.execPath, [START, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	const ready = new Promise((resolve, reject) => {
		child.stdout.on('data', (chunk) => {
			out += chunk;
			if (out.includes('Ctrl-C to stop.')) resolve(out);
		});
		child.stderr.on('data', (chunk) => {
			out += chunk;
		});
		child.on('exit', (code) => reject(new Error(`start.js ended (${code}) before handing over:\n${out}`)));
	});
	return { child, ready: /** @type {Promise<string>} */ (ready) };
}

/** @param {string} text @param {string} label */
const valueOf = (text, label) => new RegExp(`^\\s+${label}\\s+(\\S+)`, 'm').exec(text)?.[1] ?? '';

test('--keep: after the summary both pools hold new work, printed per shop as the gateway answers it', async () => {
	const { child, ready } = startKept(['--keep', '--port', '0', '--orders', '6', '--skus', '6', '--refill', '7', '--seed', '5']);
	try {
		const out = await ready;
		expect(out).toMatch(/OK: all four loops are closed\./);
		const summaryAt = out.indexOf('  Summary');
		const waitingAt = out.indexOf('  Waiting in the emulator (7 new paid orders');
		expect(summaryAt).toBeGreaterThan(0);
		expect(waitingAt).toBeGreaterThan(summaryAt);
		// The run emptied both pools …
		expect(out.slice(summaryAt, waitingAt)).toMatch(/pending\s+stock pool 0, logistics pool 0/);

		// … and what is printed now is what the handed-over gateway answers.
		const emu = {
			url: valueOf(out, 'Gateway URL'),
			account: { sid: valueOf(out, 'Seller Account'), appkey: valueOf(out, 'App Key'), appsecret: valueOf(out, 'App Secret') },
		};
		let shipments = 0;
		for (const shopNo of ['shop-a', 'shop-b']) {
			const printed = new RegExp(`^\\s+${shopNo}\\s+(\\d+) stock changes, (\\d+) shipments pending$`, 'm').exec(out);
			expect(printed).not.toBeNull();
			const stock = /** @type {any} */ (JSON.parse((await call(emu, 'api_goods_stock_change_query.php', { shop_no: shopNo, limit: '2000' })).text));
			const trades = /** @type {any} */ (JSON.parse((await call(emu, 'logistics_sync_query.php', { shop_no: shopNo, limit: '100' })).text));
			expect([stock.code, trades.code]).toEqual([0, 0]);
			expect([stock.stock_change_list?.length ?? 0, trades.trades?.length ?? 0]).toEqual([Number(printed?.[1]), Number(printed?.[2])]);
			expect(Number(printed?.[1])).toBeGreaterThan(0);
			shipments += Number(printed?.[2]);
		}
		expect(shipments).toBe(7);
	} finally {
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGINT');
		expect(await exited).toBe(0);
	}
});
