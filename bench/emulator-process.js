// @ts-check
'use strict';

/**
 * The benchmark's emulator, in a process of its own so that it neither shares the event loop of
 * what is measured nor counts in its peak memory. Driven over IPC by bench/bench.js:
 *   { cmd: 'seed', n, file }  → fills the pool with n pending records of one shop and writes them
 *                               (rec_id, sync_stock, stock_change_count as the query sends them) to file
 *   { cmd: 'shipments', n, file } → n pending logistics records of one shop, written to file as
 *                               Logistics Sync · Get Pending outputs them (rec_id and codes as text)
 *   { cmd: 'pending' }        → { pending } (stock changes and shipments)
 *   { cmd: 'stats' }          → the emulator's counters
 *   { cmd: 'orders', days }   → { from, to, orders, multiPageWindows }: the last `days` days of the
 *                               world (Unix seconds), its orders and the one-hour windows needing
 *                               more than one page
 */
const fs = require('node:fs');
const { startEmulator, StockPool } = require('../emulator');
const { seedPool } = require('../emulator/pool');

/** The world's "now" for the orders benchmark: 30 days of orders end here (Beijing 2026-11-28 12:00). */
const WORLD_ANCHOR = Date.UTC(2026, 10, 28, 4, 0, 0) / 1000;

const latencyMs = Number(process.argv[2] ?? 20);

async function main() {
	const pool = new StockPool({ seed: 'bench' });
	const emu = await startEmulator({
		pool,
		latencyMs,
		logRequests: false,
		seed: 'bench',
		// The world has its own demo pool (the ack rows fill and clear the benchmark pool).
		world: { seed: 'bench', anchor: WORLD_ANCHOR, pool: seedPool({ shops: ['shop-a', 'shop-b'], perShop: 200, seed: 'bench' }) },
	});
	/** @param {{ cmd: string, id: number, n?: number, file?: string }} message */
	const handle = (message) => {
		switch (message.cmd) {
			case 'seed': {
				pool.clear();
				pool.seed({ shops: ['bench-shop'], perShop: message.n ?? 0, seed: 'bench' });
				const records = pool.pending('bench-shop').map((row) => ({
					rec_id: row.rec_id,
					sync_stock: String(row.sync_stock),
					stock_change_count: String(row.stock_change_count),
				}));
				fs.writeFileSync(/** @type {string} */ (message.file), JSON.stringify(records));
				return { seeded: records.length };
			}
			case 'shipments': {
				const n = /** @type {number} */ (message.n);
				const records = [];
				for (let i = 0; i < n; i++) {
					const record = emu.logistics.add({
						shop_id: '9',
						shop_no: 'bench-shop',
						platform_id: 127,
						tid: `BENCH${String(i).padStart(8, '0')}`,
						oids: `BENCH${String(i).padStart(8, '0')}-1`,
						trade_id: String(100000 + i),
						delivery_term: 1,
						logistics_no: `SF${String(7100000000000 + i)}`,
						logistics_type: 8,
						logistics_name: '顺丰速运',
						logistics_code_erp: '8',
						logistics_name_erp: '顺丰速运',
						consign_time: WORLD_ANCHOR,
						created: WORLD_ANCHOR,
						modified: WORLD_ANCHOR,
					});
					records.push({
						rec_id: record.rec_id,
						shop_no: record.shop_no,
						platform_id: record.platform_id,
						tid: record.tid,
						oids: record.oids,
						logistics_no: record.logistics_no,
						logistics_name: record.logistics_name,
						logistics_type: String(record.logistics_type),
						delivery_term: String(record.delivery_term),
						consign_time: '2026-11-28 12:00:00',
					});
				}
				fs.writeFileSync(/** @type {string} */ (message.file), JSON.stringify(records));
				return { seeded: records.length };
			}
			case 'pending':
				return { pending: pool.pendingCount() + emu.logistics.pendingCount() };
			case 'stats':
				return { stats: emu.stats };
			case 'orders': {
				const to = WORLD_ANCHOR;
				const from = to - /** @type {number} */ (/** @type {any} */ (message).days) * 86400;
				const orders = emu.world.records('trade', { start: from, end: to }); // end_time is inclusive
				/** @type {Map<number, number>} */
				const perHour = new Map();
				for (const order of orders) {
					const hour = Math.floor((Date.parse(`${order.modified.replace(' ', 'T')}+08:00`) / 1000 - from) / 3600);
					perHour.set(hour, (perHour.get(hour) ?? 0) + 1);
				}
				return {
					from,
					to,
					orders: orders.length,
					multiPageWindows: [...perHour.values()].filter((n) => n > 100).length,
				};
			}
			default:
				throw new Error(`unknown command ${message.cmd}`);
		}
	};
	process.on('message', (/** @type {any} */ message) => {
		try {
			process.send?.({ id: message.id, ok: true, ...handle(message) });
		} catch (error) {
			process.send?.({ id: message.id, ok: false, error: String(error) });
		}
	});
	process.on('disconnect', () => {
		void emu.stop().then(() => process.exit(0));
	});
	process.send?.({ ready: true, url: emu.url, account: emu.account });
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
