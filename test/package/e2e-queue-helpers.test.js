// @ts-check
'use strict';

/**
 * The pure parts of `npm run e2e -- --queue` (which itself needs Redis, PostgreSQL and the n8n app
 * and runs outside `npm test`): the workflows it imports and how it reads the emulator's ack log.
 */

const { ackedEntries } = require('../../scripts/e2e/queue');
const qw = require('../../scripts/e2e/queue/workflows');

const BASE = 'http://127.0.0.1:9999/';

describe('queue e2e workflows', () => {
	const all = [qw.shopLoop(BASE, 'shop-a', 1), qw.shopLoop(BASE, 'shop-b', 2), qw.ackSlowly('shop-k'), qw.stockChangeTrigger('shop-t')];

	test('ids are distinct and at most 16 characters (n8n 1.123 saves no static data for longer ids)', () => {
		const ids = all.map((w) => w.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of ids) expect(id.length).toBeLessThanOrEqual(16);
	});

	test('each says where it ran: a "Which Instance" node reading $env.WDT_E2E_INSTANCE, connected', () => {
		for (const workflow of all) {
			const which = workflow.nodes.find((/** @type {any} */ n) => n.name === qw.WHICH);
			expect(which?.parameters.assignments.assignments[0].value).toBe('={{ $env.WDT_E2E_INSTANCE }}');
			const targets = Object.values(workflow.connections).flatMap((/** @type {any} */ c) => c.main.flat().map((/** @type {any} */ t) => t.node));
			expect(targets).toContain(qw.WHICH);
		}
	});

	test('a shop loop queries only its shop; the trigger polls with a seconds field n8n accepts', () => {
		const loop = qw.shopLoop(BASE, 'shop-b', 2);
		const shops = loop.nodes.filter((/** @type {any} */ n) => typeof n.parameters?.shopNos === 'string').map((/** @type {any} */ n) => n.parameters.shopNos);
		expect(shops).toEqual(['shop-b']);
		const trigger = qw.stockChangeTrigger('shop-t');
		const triggerNode = /** @type {any} */ (trigger.nodes[0]);
		const crons = triggerNode.parameters.pollTimes.item.map((/** @type {any} */ item) => item.cronExpression);
		expect(crons).toHaveLength(6);
		// n8n 2.41 refuses a poll cron whose seconds field is not one number (isSubMinuteCron)
		for (const cron of crons) expect(cron.split(' ')[0]).toMatch(/^\d+$/);
	});
});

describe('ackedEntries', () => {
	const ack = (/** @type {string} */ list, accepted = true) => ({ endpoint: 'api_goods_stock_change_ack.php', accepted, params: { stock_sync_list: list } });

	test('counts every acked rec_id, quoted or bare, exactly; refused calls and other endpoints do not count', () => {
		const times = ackedEntries([
			ack('[{"rec_id":"2754327482516635662","sync_stock":1,"stock_change_count":1},{"rec_id":2754327482516635663,"sync_stock":1,"stock_change_count":1}]'),
			ack('[{"rec_id":"2754327482516635662","sync_stock":1,"stock_change_count":1}]'),
			ack('[{"rec_id":"9","sync_stock":1,"stock_change_count":1}]', false),
			{ endpoint: 'api_goods_stock_change_query.php', accepted: true, params: { stock_sync_list: '[{"rec_id":"8"}]' } },
		]);
		expect([...times]).toEqual([
			['2754327482516635662', 2],
			['2754327482516635663', 1],
		]);
	});
});
