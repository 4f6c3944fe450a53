// @ts-check
'use strict';

/**
 * startEmulator(options): a local WDT openapi2 gateway over real HTTP, with a stock pool,
 * strict request checks, deterministic fault injection and inspection for tests.
 * See emulator/README.md.
 */

const { createEmulatorServer, emptyStats } = require('./server');
const { FaultInjector } = require('./faults');
const { StockPool } = require('./pool');
const { FakeShopStock } = require('./fake-shop');
const { ENDPOINTS } = require('./endpoints');
const { CODES } = require('./codes');
const { World } = require('./world');
const { RateLimit } = require('./rate-limit');
const { LogisticsPool } = require('./logistics');
const { ErpOrders } = require('./erp-orders');
const { FakeShop } = require('./shop-orders');
const { shopLoopSummary } = require('./shop-inspection');
const { readReadings } = require('./readings');

/** @typedef {import('./gateway').Account} Account */
/** @typedef {import('./faults').FaultRule} FaultRule */
/** @typedef {import('./pool').SeedOptions} SeedOptions */
/** @typedef {import('./server').RequestLogEntry} RequestLogEntry */
/** @typedef {import('./server').EmulatorStats} EmulatorStats */
/** @typedef {import('./fake-shop').ShopPush} ShopPush */
/** @typedef {import('./world').WorldOptions} WorldOptions */

/** The default account. Its secret is the emulator's own demo secret (fine to print). */
const DEMO_ACCOUNT = Object.freeze({
	sid: 'wdt-demo',
	appkey: 'wdt-demo-appkey',
	appsecret: 'wdt-demo-secret-0f3c9a',
});

/**
 * @typedef {object} EmulatorOptionsBase
 * @property {string} [host]                 default '127.0.0.1'
 * @property {number} [port]                 default 0 (ephemeral)
 * @property {Account[]} [accounts]          default [DEMO_ACCOUNT]
 * @property {number | string} [seed]        default 1 (pool names/rec_ids and fault PRNGs)
 * @property {StockPool | SeedOptions} [pool] a pool to serve, or how to seed one
 *                                           (default { shops: ['shop-a','shop-b'], perShop: 200 })
 * @property {number} [latencyMs]            every openapi2 answer leaves this long after its request arrived, the work included (default 0)
 * @property {number} [clockOffsetSec]       added to the emulator clock (default 0)
 * @property {() => number} [now]            the clock, Unix seconds (default Date.now()/1000)
 * @property {number} [timestampWindowSec]   default 300
 * @property {boolean} [recIdAsNumber]       query/ack answers write rec_id as a bare JSON number (default false)
 * @property {boolean} [numbersAsStrings]    numeric record fields as strings, like the real gateway (default true)
 * @property {boolean} [codeAsString]        write "code":"0" instead of "code":0 (default false)
 * @property {boolean | 'summary'} [logRequests] true: keep every request in `requests` and every push in
 *                                           `shopPushes`; false / 'summary': counters (`stats`) only
 * @property {(entry: RequestLogEntry) => void} [onRequest] called with every request's log entry
 *                                           (whatever logRequests says)
 * @property {FaultRule[]} [faults]          rules active from the start
 * @property {number} [maxBodyBytes]         default 16 MiB (larger bodies get HTTP 413)
 * @property {World | WorldOptions} [world]   the world behind the list endpoints, or how to seed it
 *                                           (default: seed as above, anchored at the clock's now)
 * @property {number} [rateLimitPerSecond]   calls per second per appkey; over it: code 1010 (default 0: off)
 * @property {number} [shipAfterMs]          the ERP ships a reserved order this long after the push
 *                                           (default 0: before the next request; Infinity: never by
 *                                           itself — world.shipDueOrders(Infinity) ships them all)
 */

/**
 * The options, with one per assumed fact of docs/wdt-contract.md (emulator/readings.js).
 * @typedef {EmulatorOptionsBase & Partial<import('./readings').Readings>} EmulatorOptions
 */

/**
 * @typedef {object} Emulator
 * @property {string} url            gateway base, 'http://127.0.0.1:PORT/openapi2/' (endpoint = url + name)
 * @property {string} baseUrl        'http://127.0.0.1:PORT/'
 * @property {string} fakeShopUrl    'http://127.0.0.1:PORT/fake-shop/stock'
 * @property {string} host
 * @property {number} port
 * @property {Account} account       the first account
 * @property {Account[]} accounts    live: edit (e.g. `disabled = true`) or push while running
 * @property {StockPool} pool
 * @property {World} world          shops, warehouses, goods, stock, orders… (emulator/world.js)
 * @property {RateLimit} rateLimit  `perSecond` can be changed while running; `refused` counts refusals
 * @property {FaultInjector} faults  add(rule) / remove(id) / clear(); latencyMs, clockOffsetSec; fired
 * @property {RequestLogEntry[]} requests
 * @property {ShopPush[]} shopPushes accepted fake-shop pushes (when logRequests is true)
 * @property {FakeShopStock} shopStock the fake shop's current stock: stock(shopNo, specNo), list()
 * @property {EmulatorStats} stats
 * @property {() => number} clock    the emulator clock now (Unix seconds, offset included)
 * @property {(now: () => number) => void} setNow  replace the clock source
 * @property {(endpoint?: string) => RequestLogEntry | undefined} lastRequest
 * @property {() => void} reset      clear requests, pushes, the fake shop's stock, stats, fault rules and the
 *                                   rate limit's counts; restore latencyMs, clockOffsetSec and
 *                                   rateLimit.perSecond (pool, world and accounts stay)
 * @property {() => Promise<void>} stop
 * @property {ErpOrders} erpOrders   orders pushed with trade_push, platform goods (erp-orders.js)
 * @property {LogisticsPool} logistics the logistics-sync pool (logistics.js)
 * @property {FakeShop} fakeShop     the fake shop's orders, shipments and refusals (shop-orders.js)
 * @property {string} fakeShopOrdersUrl    'http://127.0.0.1:PORT/fake-shop/orders'
 * @property {string} fakeShopShipmentsUrl 'http://127.0.0.1:PORT/fake-shop/shipments'
 * @property {string} fakeShopRefundsUrl   'http://127.0.0.1:PORT/fake-shop/refunds'
 * @property {(options?: { shops?: string[] }) => ReturnType<typeof shopLoopSummary>} shopSummary
 *                                   pending in both pools, shop vs ERP stock and tracking numbers
 */

/**
 * @param {EmulatorOptions} [options]
 * @returns {Promise<Emulator>}
 */
async function startEmulator(options = {}) {
	const host = options.host ?? '127.0.0.1';
	const seed = options.seed ?? 1;
	const accounts = (options.accounts ?? [DEMO_ACCOUNT]).map((account) => ({ ...account }));
	if (accounts.length === 0) throw new Error('startEmulator: at least one account is needed');
	const pool =
		options.pool instanceof StockPool
			? options.pool
			: new StockPool({ seed }).seed({
					shops: ['shop-a', 'shop-b'],
					perShop: 200,
					seed,
					...options.pool,
				});
	const faults = new FaultInjector({
		seed,
		latencyMs: options.latencyMs ?? 0,
		clockOffsetSec: options.clockOffsetSec ?? 0,
	});
	for (const rule of options.faults ?? []) faults.add(rule);
	let now = options.now ?? (() => Date.now() / 1000);
	const clock = () => Math.floor(now()) + faults.clockOffsetSec;
	const world =
		options.world instanceof World
			? options.world
			: new World({ seed, pool, clock, ...options.world });
	const rateLimit = new RateLimit({ perSecond: options.rateLimitPerSecond });
	const logistics = new LogisticsPool({ seed });
	const erpOrders = new ErpOrders({
		seed,
		pool,
		world,
		logistics,
		shipAfterMs: options.shipAfterMs,
	});
	world.erpOrders = erpOrders;
	world.readings = readReadings(options);
	const fakeShop = new FakeShop({ seed, pool, world, clock });

	/** @type {RequestLogEntry[]} */
	const requests = [];
	/** @type {ShopPush[]} */
	const shopPushes = [];
	const shopStock = new FakeShopStock();
	const stats = emptyStats();
	let url = '';

	const { server, close, restartNumbering } = createEmulatorServer({
		gateway: {
			accounts,
			clock,
			timestampWindowSec: options.timestampWindowSec ?? 300,
			endpointContext: {
				pool,
				recIdAsNumber: options.recIdAsNumber ?? false,
				numbersAsStrings: options.numbersAsStrings ?? true,
				world,
				erpOrders,
				logistics,
			},
			rateLimit,
		},
		faults,
		logRequests: options.logRequests === undefined || options.logRequests === true,
		requests,
		stats,
		shopPushes,
		shopStock,
		fakeShop,
		codeAsString: options.codeAsString ?? false,
		onRequest: options.onRequest,
		maxBodyBytes: options.maxBodyBytes ?? 16 * 1024 * 1024,
		describe: () => ({
			name: 'wdt-openapi2-emulator',
			gateway: url,
			endpoints: Object.keys(ENDPOINTS),
			fakeShop: `${url.replace(/openapi2\/$/, '')}fake-shop/stock`,
			fakeShopOrders: `${url.replace(/openapi2\/$/, '')}fake-shop/orders`,
			fakeShopShipments: `${url.replace(/openapi2\/$/, '')}fake-shop/shipments`,
			fakeShopRefunds: `${url.replace(/openapi2\/$/, '')}fake-shop/refunds`,
		}),
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve(undefined);
		});
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : Number(options.port);
	const hostInUrl = host.includes(':') ? `[${host}]` : host;
	const baseUrl = `http://${hostInUrl}:${port}/`;
	url = `${baseUrl}openapi2/`;

	let stopped = false;
	return {
		url,
		baseUrl,
		fakeShopUrl: `${baseUrl}fake-shop/stock`,
		host,
		port,
		account: accounts[0],
		accounts,
		pool,
		world,
		rateLimit,
		faults,
		requests,
		shopPushes,
		shopStock,
		stats,
		clock,
		erpOrders,
		logistics,
		fakeShop,
		fakeShopOrdersUrl: `${baseUrl}fake-shop/orders`,
		fakeShopShipmentsUrl: `${baseUrl}fake-shop/shipments`,
		fakeShopRefundsUrl: `${baseUrl}fake-shop/refunds`,
		shopSummary(summaryOptions) {
			return shopLoopSummary({ pool, erpOrders, logistics, fakeShop, shopStock }, summaryOptions);
		},
		setNow(source) {
			now = source;
		},
		lastRequest(endpoint) {
			for (let i = requests.length - 1; i >= 0; i--) {
				if (endpoint === undefined || requests[i].endpoint === endpoint) return requests[i];
			}
			return undefined;
		},
		reset() {
			requests.length = 0;
			shopPushes.length = 0;
			shopStock.clear();
			Object.assign(stats, emptyStats());
			faults.clear();
			rateLimit.reset();
			rateLimit.perSecond = options.rateLimitPerSecond ?? 0;
			restartNumbering();
		},
		async stop() {
			if (stopped) return;
			stopped = true;
			await close();
		},
	};
}

module.exports = { startEmulator, DEMO_ACCOUNT, CODES, StockPool };
