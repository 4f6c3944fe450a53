#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * npm run emulator [-- --port 8650 --seed 1 --latency 0 --rec-id-as-number --per-shop 150 --churn 0
 *   --shop-orders 0 --ship-after-ms 0 --quiet]
 *
 * Starts the openapi2 emulator on 127.0.0.1 with a demo pool and prints how to use it.
 * Stays up until Ctrl-C.
 */

const { startEmulator, DEMO_ACCOUNT } = require('./index');
const { ENDPOINTS } = require('./endpoints');

const USAGE = `Usage: npm run emulator -- [options]
  --port N             port on 127.0.0.1 (default: env WDT_EMULATOR_PORT or 8650; 0 = any free port)
  --seed S             seed for the demo pool and fault decisions (default 1)
  --latency MS         every openapi2 answer leaves MS after its request arrived (default 0)
  --rec-id-as-number   answer rec_id as a bare 19-digit JSON number instead of a string
  --per-shop N         SKUs per demo shop (default 150; shops shop-a and shop-b)
  --churn N            every 30 s, change the stock of N random SKUs (default 0: off)
  --rate-limit N       calls per second per appkey; over it answers code 1010 (default 0: off)
  --orders-per-day N   orders in the world's 30 days of history (default 48, plus flash sales)
  --shop-orders N      new orders in the fake shop at start (GET /fake-shop/orders; default 0)
  --ship-after-ms N    the ERP ships a pushed paid order N ms later (default 0)
  --quiet              do not print one line per request
  --help               this text`;

/**
 * @param {string[]} argv
 */
function parseArgs(argv) {
	const options = {
		port: Number(process.env.WDT_EMULATOR_PORT || 8650),
		/** @type {number | string} */
		seed: 1,
		latency: 0,
		recIdAsNumber: false,
		perShop: 150,
		churn: 0,
		rateLimit: 0,
		ordersPerDay: 48,
		shopOrders: 0,
		shipAfterMs: 0,
		quiet: false,
		help: false,
	};
	/** @param {number} i @param {string} flag */
	const valueAt = (i, flag) => {
		const value = argv[i + 1];
		if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
		return value;
	};
	/** @param {string} text @param {string} flag */
	const integer = (text, flag) => {
		if (!/^[0-9]+$/.test(text))
			throw new Error(`${flag} must be a non-negative integer, got ${text}`);
		return Number(text);
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		switch (arg) {
			case '--port':
				options.port = integer(valueAt(i++, arg), arg);
				break;
			case '--seed': {
				const value = valueAt(i++, arg);
				options.seed = /^[0-9]+$/.test(value) ? Number(value) : value;
				break;
			}
			case '--latency':
				options.latency = integer(valueAt(i++, arg), arg);
				break;
			case '--per-shop':
				options.perShop = integer(valueAt(i++, arg), arg);
				break;
			case '--churn':
				options.churn = integer(valueAt(i++, arg), arg);
				break;
			case '--rate-limit':
				options.rateLimit = integer(valueAt(i++, arg), arg);
				break;
			case '--orders-per-day':
				options.ordersPerDay = integer(valueAt(i++, arg), arg);
				break;
			case '--shop-orders':
				options.shopOrders = integer(valueAt(i++, arg), arg);
				break;
			case '--ship-after-ms':
				options.shipAfterMs = integer(valueAt(i++, arg), arg);
				break;
			case '--rec-id-as-number':
				options.recIdAsNumber = true;
				break;
			case '--quiet':
				options.quiet = true;
				break;
			case '--help':
			case '-h':
				options.help = true;
				break;
			default:
				throw new Error(`unknown option ${arg}`);
		}
	}
	if (!Number.isInteger(options.port) || options.port > 65535)
		throw new Error(`bad port ${options.port}`);
	return options;
}

/**
 * One line on what the world holds.
 * @param {import('./world').World} world
 */
function worldSummary(world) {
	world.ensure();
	const counts = Object.entries(world.tables).map(([name, table]) => `${table.size} ${name}`);
	const first = world.records('trade')[0]?.modified ?? '-';
	return `${counts.join(', ')}; orders since ${first} (Beijing time)`;
}

/** @param {number} ms */
function clockTime(ms) {
	return new Date(ms).toTimeString().slice(0, 8);
}

async function main() {
	let options;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (error) {
		console.error(`${/** @type {Error} */ (error).message}\n\n${USAGE}`);
		process.exit(2);
	}
	if (options.help) {
		console.log(USAGE);
		return;
	}
	const quiet = options.quiet;
	const emu = await startEmulator({
		port: options.port,
		seed: options.seed,
		latencyMs: options.latency,
		recIdAsNumber: options.recIdAsNumber,
		rateLimitPerSecond: options.rateLimit,
		shipAfterMs: options.shipAfterMs,
		world: { ordersPerDay: options.ordersPerDay },
		pool: { shops: ['shop-a', 'shop-b'], perShop: options.perShop, seed: options.seed },
		logRequests: false,
		onRequest: quiet
			? undefined
			: (entry) => {
					const outcome = entry.fault
						? `fault ${entry.fault}`
						: entry.accepted
							? 'ok'
							: `code ${entry.code} ${entry.message ?? ''}`;
					let detail = '';
					if (
						entry.endpoint === 'api_goods_stock_change_ack.php' &&
						entry.params?.stock_sync_list
					) {
						detail = ` (${(entry.params.stock_sync_list.match(/rec_id/g) ?? []).length} records)`;
					}
					console.log(
						`${clockTime(entry.at)}  ${entry.method} ${entry.endpoint}${detail}  ${outcome}`,
					);
				},
	});

	if (options.shopOrders > 0) emu.fakeShop.generateOrders(options.shopOrders);
	const shops = [...emu.pool.shops.values()]
		.map(
			(shop) =>
				`${shop.shop_no} (${shop.platform_name}, ${emu.pool.pendingCount(shop.shop_no)} SKUs pending)`,
		)
		.join(', ');
	console.log(`旺店通 (WDT) openapi2 emulator — 企业版 gateway, local and fake

  Gateway URL   ${emu.url}
  sid           ${DEMO_ACCOUNT.sid}
  appkey        ${DEMO_ACCOUNT.appkey}
  appsecret     ${DEMO_ACCOUNT.appsecret}   (the emulator's own demo secret)
  Endpoints     ${Object.keys(ENDPOINTS).join(', ')}
  World         ${worldSummary(emu.world)}
  Shops         ${shops}
  Fake shop     POST ${emu.fakeShopUrl}  {shop_no, spec_no, rec_id, stock}   (GET lists what was pushed)
                GET  ${emu.fakeShopOrdersUrl}  (${emu.fakeShop.orders.size} orders; ?shop_no=&modified_from=&page_no=&page_size=)
                POST ${emu.fakeShopShipmentsUrl}  {tid, logistics_no, logistics_name}
  Options       seed ${options.seed}, latency ${options.latency} ms, rec_id as ${options.recIdAsNumber ? 'bare number' : 'string'}${options.churn ? `, churn ${options.churn} SKUs / 30 s` : ''}${options.rateLimit ? `, rate limit ${options.rateLimit}/s per appkey` : ''}

In n8n: create a "WDT API" credential with
  Environment = Custom gateway URL, Gateway URL = ${emu.url}
  and the sid / appkey / appsecret above.

Ctrl-C to stop.`);

	/** @type {ReturnType<typeof setInterval> | null} */
	let churn = null;
	if (options.churn > 0) {
		churn = setInterval(() => {
			const changed = emu.pool.changeRandom(options.churn);
			if (!quiet)
				console.log(
					`${clockTime(Date.now())}  stock changed for ${changed.length} SKUs (now pending: ${emu.pool.pendingCount()})`,
				);
		}, 30000);
	}

	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		if (churn) clearInterval(churn);
		emu.stop().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	if (error && error.code === 'EADDRINUSE') {
		console.error(
			`Port in use: ${error.message}. Pick another with --port N or WDT_EMULATOR_PORT.`,
		);
	} else {
		console.error(error);
	}
	process.exit(1);
});
