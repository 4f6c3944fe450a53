// @ts-check
'use strict';

/**
 * The e2e check of the shop day in the real n8n app: examples/shop-day.workflow.json as a user
 * imports it (only the emulator's address and the credential changed), run with `n8n execute`
 * in an n8n user folder of its own against an emulator of its own (rec_ids as bare 19-digit JSON
 * numbers): the fake shop's orders → WDT Order · Push, the stock loop, the shipments loop with
 * one shipment the shop refuses, and the refunds loop (two buyers ask for a refund right after
 * delivery: a return and a refund without return → WDT Refund · Push). Checks: the first run has no
 * error, every order and refund comes out "new", the returned goods wait as stock changes; a second
 * run (as the schedule would start it) tells the shop the new stock: both pools are empty, and the
 * shop agrees with the ERP on stock, tracking numbers and refunds.
 */

const fs = require('node:fs');
const path = require('node:path');

const { startEmulator } = require('../../emulator');
const { installCommunityPackage, n8nCli, nodeItems } = require('./n8n-app');

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'shop-day.workflow.json');
const EXAMPLE_BASE_URL = 'http://127.0.0.1:8650/';
const CREDENTIAL_ID = 'WdtE2eShopDayCrd';
const CREDENTIAL_NAME = 'WDT shop day account';
const WORKFLOW_ID = 'WdtE2eShopDay001';

/**
 * @param {object} ctx the context scripts/e2e.js gives every scenario (see wdt-node.js)
 * @param {string} ctx.tag
 * @param {import('./install-n8n').N8nInstall} ctx.install
 * @param {string} ctx.tarball
 * @param {(prefix: string) => string} ctx.tempDir
 * @param {(name: string, ok: boolean, detail?: string) => boolean} ctx.check
 * @param {(cli: import('./n8n-app').N8nCli, dir: string, workflow: any) => Promise<void>} ctx.importWorkflow
 * @param {(cli: import('./n8n-app').N8nCli, id: string) => Promise<any>} ctx.execute
 * @param {(exec: any) => string | null} ctx.executionProblem
 * @param {(line: string) => void} ctx.log
 * @param {boolean} [ctx.echo]
 */
async function shopDayScenario(ctx) {
	const { tag, install, check } = ctx;
	const userFolder = ctx.tempDir(`n8n-nodes-wdt-e2e-shop-day-${install.version}-`);
	const filesDir = path.join(userFolder, 'import');
	fs.mkdirSync(filesDir);
	await installCommunityPackage(ctx.tarball, userFolder);
	const cli = n8nCli(install, userFolder, { echo: ctx.echo });
	const emulator = await startEmulator({
		port: 0,
		seed: 'e2e-shop-day',
		pool: { shops: ['shop-a', 'shop-b'], perShop: 12 },
		recIdAsNumber: true,
		shipAfterMs: 0,
	});
	ctx.log(`shop day emulator at ${emulator.url}`);
	try {
		const credentialFile = path.join(filesDir, 'shop-day-credentials.json');
		fs.writeFileSync(
			credentialFile,
			JSON.stringify([
				{ id: CREDENTIAL_ID, name: CREDENTIAL_NAME, type: 'wdtApi', data: { ...emulator.account, environment: 'custom', customUrl: emulator.url } },
			]),
		);
		await cli.run(['import:credentials', `--input=${credentialFile}`], { label: 'import:credentials (shop day)' });

		const orders = emulator.fakeShop.generateOrders(9, { unpaidRatio: 0.2 });
		emulator.fakeShop.refuseShipments({ count: 1 });
		emulator.fakeShop.refundAfterDelivery({ count: 2 });
		const workflow = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8').split(EXAMPLE_BASE_URL).join(emulator.baseUrl));
		workflow.id = WORKFLOW_ID;
		workflow.active = false;
		for (const node of workflow.nodes) {
			if (node.credentials?.wdtApi) node.credentials.wdtApi = { id: CREDENTIAL_ID, name: CREDENTIAL_NAME };
		}
		await ctx.importWorkflow(cli, filesDir, workflow);
		const exec = await ctx.execute(cli, WORKFLOW_ID);
		const problem = ctx.executionProblem(exec);
		check(`[${tag}] shop day (examples/shop-day.workflow.json): n8n execute`, !problem, problem ?? `${exec.seconds} s`);
		if (exec.run) {
			const outcomes = nodeItems(exec.run, 'WDT Order Push').map((item) => item.json.outcome);
			check(
				`[${tag}] shop day: Order · Push output every shop order as "new"`,
				outcomes.length === orders.length && outcomes.every((outcome) => outcome === 'new'),
				JSON.stringify(outcomes),
			);
			const acks = nodeItems(exec.run, 'WDT Acknowledge Shipments').map((item) => `${item.json.status}:${item.json.outcome}`);
			check(
				`[${tag}] shop day: shipments acked, the refused one with status 1`,
				acks.length > 0 && acks.filter((ack) => ack === '1:acked').length === 1 && acks.every((ack) => ack.endsWith(':acked')),
				acks.join(', '),
			);
			const refunds = nodeItems(exec.run, 'WDT Refund Push').map((item) => `${item.json.type}:${item.json.outcome}`);
			check(
				`[${tag}] shop day: Refund · Push output the buyers' return and refund without return as "new"`,
				refunds.join(',') === '2:new,4:new' && nodeItems(exec.run, 'Refund refused — check').length === 0,
				refunds.join(', '),
			);
		}
		const afterFirst = emulator.shopSummary();
		check(
			`[${tag}] shop day: the refunds are in the ERP as the shop has them; the return's goods wait as stock changes`,
			afterFirst.refunds.equal === 2 && afterFirst.refunds.returnsReceived === 1 && afterFirst.stock.pending > 0,
			`refunds ${afterFirst.refunds.equal}/${afterFirst.refunds.inShop} equal, ${afterFirst.refunds.returnsReceived} return received, stock pending ${afterFirst.stock.pending}`,
		);
		// The next run, as the workflow's schedule would start it: the returned stock goes to the shop.
		const second = await ctx.execute(cli, WORKFLOW_ID);
		const secondProblem = ctx.executionProblem(second);
		check(`[${tag}] shop day: second run (n8n execute)`, !secondProblem, secondProblem ?? `${second.seconds} s`);
		const summary = emulator.shopSummary();
		check(
			`[${tag}] shop day: both pools empty, shop = ERP for stock, tracking numbers and refunds`,
			summary.ok,
			`stock pending ${summary.stock.pending}, logistics pending ${summary.logistics.pending}, stock ${summary.stock.equal}/${summary.stock.rows} equal, tracking ${summary.tracking.equal} equal / ${summary.tracking.different.length} different / ${summary.tracking.refusedByShop} refused by the shop, refunds ${summary.refunds.equal}/${summary.refunds.inShop} equal`,
		);
	} finally {
		await emulator.stop();
	}
}

module.exports = { shopDayScenario };
