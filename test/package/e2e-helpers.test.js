// @ts-check
'use strict';

/**
 * The pure parts of `npm run e2e` (which itself needs the n8n app and runs outside `npm test`):
 * reading `n8n execute --rawOutput`, pointing the example loop at the emulator, the environment
 * given to n8n, and the tarball file rules of the package check.
 */

const fs = require('node:fs');
const path = require('node:path');

const { parseRawOutput, nodeItems, runError, n8nEnv } = require('../../scripts/e2e/n8n-app');
const workflows = require('../../scripts/e2e/workflows');
const { whyNotPacked } = require('../../scripts/check-package');

const RUN = {
	data: {
		resultData: {
			runData: {
				'WDT Ack Stock Sync': [
					{ data: { main: [[{ json: { rec_id: '2754327482516635662', acked: true } }]] } },
				],
			},
		},
	},
};

describe('parseRawOutput', () => {
	test('plain JSON', () => {
		expect(parseRawOutput(JSON.stringify(RUN, null, 2))).toEqual(RUN);
	});

	test('JSON between log lines (n8n logs through its logger)', () => {
		const stdout = [
			'Loading 3 nodes from n8n-nodes-wdt',
			'Migrations in progress, please do NOT stop the process.',
			JSON.stringify(RUN, null, 2),
			'Finished executing workflow',
		].join('\n');
		const parsed = parseRawOutput(stdout);
		expect(nodeItems(parsed, 'WDT Ack Stock Sync')).toEqual([{ json: { rec_id: '2754327482516635662', acked: true } }]);
		expect(runError(parsed)).toBeNull();
	});

	test('no JSON: a clear error', () => {
		expect(() => parseRawOutput('Error: workflow not found')).toThrow(/no JSON in n8n execute output/);
	});

	test('runError names the failing node', () => {
		expect(runError({ data: { resultData: { error: { message: 'boom', node: { name: 'WDT Ack Stock Sync' } } } } })).toBe(
			'boom (node WDT Ack Stock Sync)',
		);
	});
});

describe('the example loop, pointed at the emulator', () => {
	const example = workflows.exampleExists();
	(example ? test : test.skip)('fake-shop URL and credential are swapped in; nothing else changes', () => {
		const original = JSON.parse(fs.readFileSync(workflows.EXAMPLE_LOOP, 'utf8'));
		const loop = workflows.exampleLoop('http://127.0.0.1:45678/');
		const text = JSON.stringify(loop);
		expect(text).not.toContain('127.0.0.1:8650');
		const push = loop.nodes.find((/** @type {any} */ n) => n.type === 'n8n-nodes-base.httpRequest');
		expect(push.parameters.url).toBe('http://127.0.0.1:45678/fake-shop/stock');
		for (const node of loop.nodes) {
			if (node.credentials?.wdtApi) expect(node.credentials.wdtApi.id).toBe(workflows.CREDENTIAL_ID);
		}
		expect(loop.nodes.map((/** @type {any} */ n) => n.type)).toEqual(original.nodes.map((/** @type {any} */ n) => n.type));
		expect(loop.connections).toEqual(original.connections);
		expect(workflows.queriedShops(loop).length).toBeGreaterThan(0);
	});
});

test('the ack-only workflow keeps 19-digit rec_ids as strings', () => {
	const workflow = workflows.ackOnly([
		{ rec_id: '2754327482516635662', sync_stock: 5, stock_change_count: 3, shop_no: 'shop-c', spec_no: 'GD1-01' },
	]);
	/** @type {any} */
	const code = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.code');
	expect(code?.parameters.jsCode).toContain('"rec_id":"2754327482516635662"');
	expect(workflows.nodeTypes(workflow)).toContain('n8n-nodes-wdt.wdtAckStockSync');
});

test('n8n gets its settings from the e2e script alone', () => {
	const saved = { ...process.env };
	try {
		process.env.N8N_SSRF_PROTECTION_ENABLED = 'true';
		process.env.N8N_RUNNERS_ENABLED = 'true';
		process.env.npm_config_ignore_scripts = 'true';
		const env = n8nEnv('/tmp/x');
		expect(env.N8N_USER_FOLDER).toBe('/tmp/x');
		expect(env.N8N_SSRF_PROTECTION_ENABLED).toBe('false');
		expect(env.N8N_RUNNERS_ENABLED).toBe('false');
		expect(env.N8N_EXPRESSION_ENGINE).toBe('legacy');
		expect(env.npm_config_ignore_scripts).toBeUndefined();
	} finally {
		for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
		Object.assign(process.env, saved);
	}
});

describe('tarball file rules', () => {
	test.each([
		['dist/nodes/WdtAckStockSync/WdtAckStockSync.node.js', null],
		['dist/nodes/WdtAckStockSync/WdtAckStockSync.node.d.ts', "declaration under dist/credentials or dist/nodes (n8n's package scanner lints it as a source and fails its file name)"],
		['dist/nodes/WdtAckStockSync/WdtAckStockSync.node.json', null],
		['dist/nodes/Wdt/wdt.svg', null],
		['index.js', null],
		['package.json', null],
		['README.md', null],
		['LICENSE', null],
		['dist/nodes/Wdt/sign.js.map', 'source map'],
		['dist/tsconfig.tsbuildinfo', 'TypeScript build info'],
		['nodes/Wdt/protocol/sign.ts', 'TypeScript source'],
		['dist/nodes/Wdt/protocol/sign.ts', 'TypeScript source'],
		['test/unit/sign.test.ts', 'test file'],
		['emulator/server.js', 'the emulator (dev only)'],
		['scripts/e2e.js', 'dev script'],
		['examples/stock-sync-loop.workflow.json', 'dev-only folder'],
		['tsconfig.json', expect.stringContaining('not needed by n8n')],
	])('%s', (file, why) => {
		expect(whyNotPacked(file, 'index.js')).toEqual(why);
	});
});

test('the e2e scripts are plain CommonJS with @ts-check (the linter forbids Node built-ins in .ts)', () => {
	const dir = path.join(__dirname, '..', '..', 'scripts');
	// every file under scripts/e2e, sub-folders (e2e/queue/) included
	const nested = /** @type {string[]} */ (fs.readdirSync(path.join(dir, 'e2e'), { recursive: true })).map((f) => `e2e/${f}`);
	const files = nested.filter((f) => fs.statSync(path.join(dir, f)).isFile());
	expect(files).toContain('e2e/queue/cluster.js');
	for (const file of ['e2e.js', 'check-package.js', ...files]) {
		const text = fs.readFileSync(path.join(dir, file), 'utf8');
		expect(text).toMatch(/\/\/ @ts-check/);
	}
});
