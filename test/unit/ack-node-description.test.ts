/**
 * What n8n reads from the WDT Ack Stock Sync node's description besides its words: the type
 * name saved workflows refer to, the credential and its test, the tool variant's text, and
 * which fields the editor shows with which defaults, in the workflow and as an AI tool. The
 * fields are resolved by n8n-workflow's own helpers (NodeHelpers), as the editor and the engine
 * resolve them.
 */
import type { INodeParameters, INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers } from 'n8n-workflow';

import ackExample from '../../examples/ack-stock-sync.workflow.json';
import { testWdtApiCredential } from '../../nodes/Wdt/credentialTest';
import { CREDENTIAL_TYPE } from '../../nodes/Wdt/transport';
import { WdtAckStockSync } from '../../nodes/WdtAckStockSync/WdtAckStockSync.node';
import { MAX_BATCH_SIZE, STOCK_ACK } from '../../nodes/Wdt/actions/stockSync/acknowledge.operation';
import { MAX_CONCURRENCY } from '../../nodes/Wdt/writes/options';
import { asNode, resolved, shown as shownFields } from '../helpers/editorFields';
import { toolVariantOf } from '../helpers/toolVariant';

const node = new WdtAckStockSync();
const workflow = node.description;
const tool = toolVariantOf(new WdtAckStockSync()).description;

/** The three values of a stock_sync_list entry, as WDT names them (spec: api_goods_stock_change_ack). */
const WIRE_NAMES = ['rec_id', 'sync_stock', 'stock_change_count'];
const RECORD_FIELDS = ['recId', 'syncStock', 'stockChangeCount'];

/** The fields the editor shows for these values, but the tool's own description field: [name, default]. */
const shown = (description: INodeTypeDescription, values: INodeParameters = {}) =>
	shownFields(description, values).filter(([name]) => name !== 'toolDescription');

const optionsCollection = workflow.properties.find((property) => property.name === 'options') as INodeProperties;
/** The options of the Options collection. */
const optionFields = optionsCollection.options as INodeProperties[];

describe('the node declaration', () => {
	it('is the node type the example workflow uses, with the credential it names', () => {
		const ackNode = ackExample.nodes.find((n) => n.type === `n8n-nodes-wdt.${workflow.name}`);
		expect(ackNode?.credentials).toHaveProperty(CREDENTIAL_TYPE);
	});

	it('is an action node: one main input, one main output; a new node is named after it', () => {
		expect(workflow.group).toEqual(['output']);
		expect(workflow.inputs).toEqual([NodeConnectionTypes.Main]);
		expect(workflow.outputs).toEqual([NodeConnectionTypes.Main]);
		expect(workflow.defaults.name).toBe(workflow.displayName);
	});

	it('requires the WDT credential and tests it with the shared credential test', () => {
		expect(workflow.credentials).toHaveLength(1);
		const [credential] = workflow.credentials ?? [];
		expect(credential).toMatchObject({ name: CREDENTIAL_TYPE, required: true });
		expect(node.methods.credentialTest[credential.testedBy as keyof typeof node.methods.credentialTest]).toBe(testWdtApiCredential);
	});

	it('gives the tool variant a description that names the call, the three values the model must supply and what it returns', () => {
		const usableAsTool = workflow.usableAsTool as { replacements?: { description?: string } };
		const text = String(usableAsTool.replacements?.description);
		expect(text).toContain(STOCK_ACK.endpoint);
		for (const key of WIRE_NAMES) expect(text).toContain(key);
		expect(text).toMatch(/acked: true/);
		expect(text).toMatch(/acked: false and error/);
	});
});

describe('the fields the editor shows', () => {
	it('in a workflow, Map Automatically by default: no record fields', () => {
		expect(shown(workflow)).toEqual([
			['mappingMode', 'auto'],
			['options', {}],
		]);
	});

	it('in a workflow, Define Below: one field per value, defaulting to the input item\'s field of the same wire name', () => {
		expect(shown(workflow, { mappingMode: 'manual' })).toEqual([
			['mappingMode', 'auto'],
			...RECORD_FIELDS.map((name, i) => [name, `={{ $json.${WIRE_NAMES[i]} }}`]),
			['options', {}],
		]);
	});

	it('as a tool, Define Below by default: one field per value, each asking the model through $fromAI', () => {
		const fields = shown(tool);
		expect(fields.map(([name]) => name)).toEqual(['mappingMode', ...RECORD_FIELDS, 'options']);
		expect(fields[0]).toEqual(['mappingMode', 'manual']);
		const asked = fields.slice(1, 4).map(([, value]) => /^=\{\{ \$fromAI\('(\w+)', '([^']*)', '(\w+)'\) \}\}$/.exec(String(value))?.slice(1));
		expect(asked.map((call) => call?.[0])).toEqual(WIRE_NAMES);
		// rec_id is a string: 19-digit IDs do not fit a JavaScript number.
		expect(asked.map((call) => call?.[2])).toEqual(['string', 'number', 'number']);
		// The hint is the schema's description of the value: it names the value.
		for (const call of asked) expect(String(call?.[1])).toContain(String(call?.[0]));
	});

	it('as a tool set to Map Automatically: no record fields', () => {
		expect(shown(tool, { mappingMode: 'auto' }).map(([name]) => name)).toEqual(['mappingMode', 'options']);
	});

	it('every record field is required, in the workflow and as a tool', () => {
		const blank = { mappingMode: 'manual', recId: '', syncStock: '', stockChangeCount: '' };
		for (const description of [workflow, tool]) {
			const issues = NodeHelpers.getNodeParametersIssues(description.properties, asNode(workflow, blank), description);
			expect(Object.keys(issues?.parameters ?? {}).filter((name) => RECORD_FIELDS.includes(name))).toEqual(RECORD_FIELDS);
		}
	});

	it('every record field is labelled with plain English words (a clean $fromAI key); its description starts with the wire name', () => {
		const fields = workflow.properties.filter((property) => RECORD_FIELDS.includes(property.name));
		expect(fields).toHaveLength(6); // each twice: workflow and tool
		for (const field of fields) {
			const wireName = WIRE_NAMES[RECORD_FIELDS.indexOf(field.name)];
			expect(field.displayName).toMatch(/^[A-Z][A-Za-z]*( [A-Z][A-Za-z]*)*$/);
			expect(field.description).toMatch(new RegExp(`^<code>${wireName}</code>: `));
		}
		expect(new Set(fields.map((field) => field.displayName))).toEqual(new Set(['Record ID', 'Synced Stock', 'Stock Change Count']));
	});

	it('Mapping takes no expression (it is read once for all items): n8n stores "=manual" as "manual"', () => {
		expect(resolved(workflow, { mappingMode: '=manual' }).mappingMode).toBe('manual');
		expect(resolved(tool, { mappingMode: '=auto' }).mappingMode).toBe('auto');
	});
});

describe('the choices', () => {
	/** Every options-type field, the Options collection's included. */
	const choiceFields = [...workflow.properties, ...tool.properties, ...optionFields].filter((property) => property.type === 'options');

	it('every default is one of its field\'s values, and the values are distinct', () => {
		expect(choiceFields.map((property) => property.name).sort()).toEqual(['mappingMode', 'mappingMode', 'mappingMode', 'mappingMode', 'outputMode']);
		for (const property of choiceFields) {
			const values = (property.options as INodePropertyOptions[]).map((option) => option.value);
			expect(values).toContain(property.default);
			expect(new Set(values).size).toBe(values.length);
			expect(values.every((value) => value !== '')).toBe(true);
		}
	});

});

describe('the Options collection', () => {
	it('lists its options by display name', () => {
		const names = optionFields.map((option) => option.displayName);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	it('declares the options the node reads, under the names saved workflows store, and keeps what the user sets', () => {
		const names = optionFields.map((option) => option.name);
		expect([...names].sort()).toEqual(['batchSize', 'concurrency', 'failWhenNoneAcked', 'includeInputFields', 'maxRetries', 'outputMode', 'retryDelayMs', 'timeoutMs']);
		// n8n drops the keys a collection does not declare.
		const set = Object.fromEntries(
			optionFields.map((option) => [option.name, option.type === 'boolean' ? !option.default : option.type === 'options' ? 'perRequest' : 2]),
		);
		expect(resolved(workflow, { options: set }).options).toEqual(set);
	});

	it('bounds Batch Size and Concurrency in the editor as the node bounds them', () => {
		const byName = Object.fromEntries(optionFields.map((option) => [option.name, option]));
		expect(byName.batchSize.typeOptions).toEqual({ minValue: 1, maxValue: MAX_BATCH_SIZE });
		expect(byName.concurrency.typeOptions).toEqual({ minValue: 1, maxValue: MAX_CONCURRENCY });
	});
});
