/**
 * What n8n reads from the descriptions of WDT (旺店通), WDT Trigger, WDT Get Stock Changes and
 * WDT Stock Change Trigger besides their words: the type names saved workflows refer to, what
 * kind of node each is, the credential and its test, and (for the stock-change nodes) which
 * fields the editor shows with which defaults. The fields are resolved by n8n-workflow's own
 * helpers (NodeHelpers), as the editor and the engine resolve them. The WDT Ack Stock Sync node
 * has its own file (ack-node-description.test.ts).
 */
import type { ICredentialType, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers } from 'n8n-workflow';

import { WdtApi } from '../../credentials/WdtApi.credentials';
import ackExample from '../../examples/ack-stock-sync.workflow.json';
import shopDayExample from '../../examples/shop-day.workflow.json';
import ordersInExample from '../../examples/shop-orders-in.workflow.json';
import shipmentsBackExample from '../../examples/shop-shipments-back.workflow.json';
import stockTriggerExample from '../../examples/stock-change-trigger.workflow.json';
import stockLoopExample from '../../examples/stock-sync-loop.workflow.json';
import wdtCodex from '../../nodes/Wdt/Wdt.node.json';
import wdtTriggerCodex from '../../nodes/Wdt/WdtTrigger.node.json';
import getStockChangesCodex from '../../nodes/WdtGetStockChanges/WdtGetStockChanges.node.json';
import stockChangeTriggerCodex from '../../nodes/WdtStockChangeTrigger/WdtStockChangeTrigger.node.json';
import pkg from '../../package.json';
import { Wdt } from '../../nodes/Wdt/Wdt.node';
import { DEFAULT_OVERLAP_SECONDS, WdtTrigger } from '../../nodes/Wdt/WdtTrigger.node';
import { TRIGGER_EVENTS, type TriggerFilter } from '../../nodes/Wdt/trigger/events';
import { LISTS } from '../../emulator/world-endpoints';
import { resolved, shown } from '../helpers/editorFields';
import { testWdtApiCredential } from '../../nodes/Wdt/credentialTest';
import { QUERY_TOOL_DESCRIPTION } from '../../nodes/Wdt/stockChangeFields';
import { DEFAULT_LIMIT, DEFAULT_MAX_RECORDS } from '../../nodes/Wdt/stockChanges';
import { WdtAckStockSync } from '../../nodes/WdtAckStockSync/WdtAckStockSync.node';
import { WdtGetStockChanges } from '../../nodes/WdtGetStockChanges/WdtGetStockChanges.node';
import { reEmitWindowMs as windowMs } from '../../nodes/Wdt/trigger/emitWindow';
import { DEFAULT_REEMIT_MINUTES, WdtStockChangeTrigger } from '../../nodes/WdtStockChangeTrigger/WdtStockChangeTrigger.node';

/** The old trigger's window, as it computes it from its field. */
const reEmitWindowMs = (minutes: unknown) => windowMs(minutes, DEFAULT_REEMIT_MINUTES);

type NodeWithCredentialTest = INodeType & { methods: { credentialTest: Record<string, unknown> } };

/** The four nodes of this file, with the folder their source lives in and their codex (<Class>.node.json). */
const NODES: Array<{ folder: string; node: NodeWithCredentialTest; codex: { node: string } }> = [
	{ folder: 'Wdt', node: new Wdt(), codex: wdtCodex },
	{ folder: 'Wdt', node: new WdtTrigger(), codex: wdtTriggerCodex },
	{ folder: 'WdtGetStockChanges', node: new WdtGetStockChanges(), codex: getStockChangesCodex },
	{
		folder: 'WdtStockChangeTrigger',
		node: new WdtStockChangeTrigger(),
		codex: stockChangeTriggerCodex,
	},
];
const cases = NODES.map(
	({ folder, node, codex }) => [node.constructor.name, folder, node, codex] as const,
);
/** The example workflows of examples/. */
const EXAMPLES: Array<{ nodes: Array<{ type: string }> }> = [
	ackExample,
	shopDayExample,
	ordersInExample,
	shipmentsBackExample,
	stockTriggerExample,
	stockLoopExample,
];

const getStockChanges = new WdtGetStockChanges().description;
const wdtTrigger = new WdtTrigger().description;
const stockChangeTrigger = new WdtStockChangeTrigger().description;

describe('the type names saved workflows refer to', () => {
	it.each(cases)(
		'%s is loaded from the package under its class name, and its codex names its type',
		(className, folder, node, codex) => {
			// n8n loads dist/nodes/<folder>/<Class>.node.js and looks for the class of that name.
			expect(pkg.n8n.nodes).toContain(`dist/nodes/${folder}/${className}.node.js`);
			expect(codex.node).toBe(`${pkg.name}.${node.description.name}`);
		},
	);

	it("the example workflows use every node of the panel and none of the hidden ones", () => {
		const all = [...NODES.map(({ node }) => node), new WdtAckStockSync()];
		const inPanel = all.filter((node) => node.description.hidden !== true).map((node) => `${pkg.name}.${node.description.name}`);
		const used = EXAMPLES.flatMap((example) => example.nodes)
			.map((node) => node.type)
			.filter((type) => type.startsWith(`${pkg.name}.`));
		// Each node of the panel is used by some example, and no example uses another type.
		expect(new Set(used)).toEqual(new Set(inPanel));
	});

	it('the old stock nodes are hidden from the panel (saved workflows still load them); the others are not', () => {
		const hidden = [...NODES.map(({ node }) => node), new WdtAckStockSync()]
			.filter((node) => node.description.hidden === true)
			.map((node) => node.description.name);
		expect(hidden).toEqual(['wdtGetStockChanges', 'wdtStockChangeTrigger']);
	});
});

describe('what kind of node each is', () => {
	it('WDT and WDT Get Stock Changes are action nodes: one main input, one main output, not triggers', () => {
		for (const description of [new Wdt().description, getStockChanges]) {
			expect(description.group).toEqual(['input']);
			expect(NodeHelpers.isTriggerNode(description)).toBe(false);
			expect(description.inputs).toEqual([NodeConnectionTypes.Main]);
			expect(description.outputs).toEqual([NodeConnectionTypes.Main]);
		}
	});

	it('the two triggers are polling triggers: no input, one main output', () => {
		for (const description of [wdtTrigger, stockChangeTrigger]) {
			expect(description.group).toEqual(['trigger']);
			expect(NodeHelpers.isTriggerNode(description)).toBe(true);
			expect(description.polling).toBe(true);
			expect(description.inputs).toEqual([]);
			expect(description.outputs).toEqual([NodeConnectionTypes.Main]);
		}
	});

	it('a new node is named after the node, and the nodes are "WDT" and "WDT Trigger"', () => {
		for (const { node } of NODES) expect(node.description.defaults.name).toBe(node.description.displayName);
		expect(new Wdt().description.displayName).toBe('WDT');
		expect(new WdtTrigger().description.displayName).toBe('WDT Trigger');
	});

	it('the action nodes are usable as AI tools; WDT Get Stock Changes Tool describes itself with the query tool text', () => {
		expect(new Wdt().description.usableAsTool).toBe(true);
		expect(getStockChanges.usableAsTool).toEqual({
			replacements: { description: QUERY_TOOL_DESCRIPTION },
		});
	});
});

describe('the credential', () => {
	it("n8n tests the credential with the node's test: the credential class has none of its own", () => {
		expect((new WdtApi() as ICredentialType).test).toBeUndefined();
	});

	it.each(cases)(
		'%s requires the WDT credential and tests it with the shared credential test',
		(_className, _folder, node) => {
			expect(node.description.credentials).toHaveLength(1);
			const [credential] = node.description.credentials ?? [];
			expect(credential).toMatchObject({ name: new WdtApi().name, required: true });
			expect(node.methods.credentialTest[String(credential.testedBy)]).toBe(testWdtApiCredential);
		},
	);
});

describe('the fields of the stock-change nodes', () => {
	it('WDT Get Stock Changes: one page by default; Max Records only with Fetch All Pending', () => {
		expect(shown(getStockChanges)).toEqual([
			['replacedNotice', ''],
			['shopNos', ''],
			['pageSize', DEFAULT_LIMIT],
			['fetchAll', false],
			['options', {}],
		]);
		expect(resolved(getStockChanges).fetchAll).toBe(false);
		expect(shown(getStockChanges, { fetchAll: true })).toContainEqual([
			'maxRecords',
			DEFAULT_MAX_RECORDS,
		]);
	});

	it('WDT Stock Change Trigger: a notice, then Fetch All Pending on by default, and Re-Emit After', () => {
		expect(shown(stockChangeTrigger)).toEqual([
			['replacedNotice', ''],
			['notice', ''],
			['shopNos', ''],
			['pageSize', DEFAULT_LIMIT],
			['fetchAll', true],
			['maxRecords', DEFAULT_MAX_RECORDS],
			['reEmitAfterMinutes', DEFAULT_REEMIT_MINUTES],
			['options', {}],
		]);
		// What the trigger reads when the user left the fields alone.
		expect(resolved(stockChangeTrigger)).toMatchObject({
			fetchAll: true,
			maxRecords: DEFAULT_MAX_RECORDS,
		});
	});

	it('WDT · Stock Sync · Get Pending asks what WDT Get Stock Changes asks, with the same names and defaults', () => {
		const wdt = new Wdt().description;
		const operation = { resource: 'stockSync', operation: 'getPending' };
		const own = (fields: Array<[string, unknown]>) => fields.filter(([name]) => !['resource', 'operation'].includes(name));
		const old = (fields: Array<[string, unknown]>) => fields.filter(([name]) => name !== 'replacedNotice');
		expect(own(shown(wdt, operation))).toEqual(old(shown(getStockChanges)));
		expect(own(shown(wdt, { ...operation, fetchAll: true }))).toEqual(old(shown(getStockChanges, { fetchAll: true })));
		// As an AI agent's tool, the model names the shops in both.
		expect(own(shown(wdt, { ...operation, '@tool': true } as never))).toEqual(old(shown(getStockChanges, { '@tool': true } as never)));
	});

	it('WDT Trigger · Stock Changes to Sync asks what WDT Stock Change Trigger asks; Re-Emit After is the one of both queue events (10 min)', () => {
		const fields = (event: string) =>
			shown(wdtTrigger, { event }).filter(([name]) => !['event', 'options'].includes(name));
		expect(fields('stockChangesToSync')).toEqual([
			...shown(stockChangeTrigger).filter(([name]) => !['replacedNotice', 'notice', 'reEmitAfterMinutes', 'options'].includes(name)),
			['reemitMinutes', 10],
		]);
		expect(fields('shipmentsToSync')).toEqual([
			['shipmentShopNos', ''],
			['reemitMinutes', 10],
		]);
		expect(resolved(wdtTrigger, { event: 'stockChangesToSync' })).toMatchObject({ fetchAll: true, maxRecords: DEFAULT_MAX_RECORDS });
	});

	it('Re-Emit After stops in the editor where the trigger stops: at 0 (no window)', () => {
		const field = stockChangeTrigger.properties.find(
			(property) => property.name === 'reEmitAfterMinutes',
		);
		const minValue = field?.typeOptions?.minValue as number;
		expect(reEmitWindowMs(minValue)).toBe(0);
		expect(reEmitWindowMs(minValue - 1)).toBe(reEmitWindowMs(minValue));
		expect(reEmitWindowMs(minValue + 1)).toBeGreaterThan(0);
	});

	it('WDT Trigger: Overlap in Seconds defaults to what the trigger uses when it is not set', () => {
		const options = wdtTrigger.properties.find(
			(property) => property.name === 'options',
		);
		const overlap = (options?.options as Array<{ name: string; default: unknown }>).find(
			(option) => option.name === 'overlapSeconds',
		);
		expect(overlap?.default).toBe(DEFAULT_OVERLAP_SECONDS);
	});
});

describe('the events of the WDT Trigger', () => {
	const properties = wdtTrigger.properties;
	/** The fields that narrow an event's query (TriggerFilter). */
	const FILTER_FIELDS: string[] = ['shopNo', 'warehouseNo', 'status', 'specNo'] satisfies TriggerFilter[];
	const event = properties.find((property) => property.name === 'event');
	const options = (event?.options ?? []) as Array<{ value: string; name: string; description?: string }>;

	it('each event says which WDT query it reads', () => {
		expect(options.length).toBeGreaterThan(1);
		const unclear = options.filter((option) => !/\b[a-z_]+\.php\b/.test(option.description ?? ''));
		expect(unclear).toEqual([]);
		expect(new Set(options.map((option) => option.name)).size).toBe(options.length);
	});

	it('each filter field is shown for events of the list (and at least one)', () => {
		const values = options.map((option) => option.value);
		const filters = properties.filter((property) => FILTER_FIELDS.includes(property.name));
		expect(filters).toHaveLength(4);
		for (const filter of filters) {
			const shownFor = filter.displayOptions?.show?.event as unknown[];
			expect([filter.name, shownFor.length > 0, shownFor.every((value) => values.includes(value as string))]).toEqual([filter.name, true, true]);
		}
	});

	// The emulator's own table of what each query filters by is the other reading of the spec: a
	// filter field shown for an event whose query ignores it would let a user believe it narrows.
	it.each(TRIGGER_EVENTS.map((triggerEvent) => [triggerEvent.value, triggerEvent] as const))(
		'%s shows exactly the filter fields its query filters by, sent under the names the query reads',
		(value, triggerEvent) => {
			const queryFilters = Object.keys(LISTS[`${triggerEvent.spec.endpoint}.php` as keyof typeof LISTS].filters);
			const wireNames = new Set(TRIGGER_EVENTS.flatMap((each) => Object.values(each.filters)));
			const offered = shown(wdtTrigger, { event: value })
				.map(([name]) => name)
				.filter((name) => FILTER_FIELDS.includes(name));
			const sentAs = offered.map((name) => triggerEvent.filters[name as TriggerFilter]);
			expect(sentAs.every((wire) => wire !== undefined && queryFilters.includes(wire))).toBe(true);
			expect([...sentAs].sort()).toEqual(queryFilters.filter((wire) => wireNames.has(wire)).sort());
		},
	);
});
