/**
 * The editor's conventions (issue #29), read from the descriptions as n8n's editor reads them:
 * the trigger's events listed one by one in the nodes panel, the merged "WDT" entry showing the
 * node's description, subtitles with display names, one name per concept, and fields an AI agent
 * may fill that yield clean `$fromAI` keys with a description.
 */
import type { INode, INodeParameters, INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { Wdt } from '../../nodes/Wdt/Wdt.node';
import { WdtTrigger } from '../../nodes/Wdt/WdtTrigger.node';
import { WDT_DESCRIPTION } from '../../nodes/Wdt/panelEntry';
import { buildWorkflow } from '../helpers/engine';
import { asNode, resolved } from '../helpers/editorFields';
import { toolVariantOf } from '../helpers/toolVariant';

const wdt = new Wdt().description;
const trigger = new WdtTrigger().description;
const options = (property: INodeProperties | undefined) => (property?.options ?? []) as INodePropertyOptions[];
const property = (description: INodeTypeDescription, name: string) => description.properties.find((p) => p.name === name);

/** Every resource · operation of the WDT node: [resource value, operation value, resource name, operation name]. */
const OPERATIONS = options(property(wdt, 'resource')).flatMap((resource) =>
	options(wdt.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource.value))).map(
		(operation) => [String(resource.value), String(operation.value), resource.name, operation.name] as const,
	),
);

/** A subtitle as the editor computes it: the expression evaluated on the node's (resolved) parameters. */
function subtitleOf(description: INodeTypeDescription, type: string, parameters: INodeParameters): unknown {
	const node: INode = { ...asNode(description, resolved(description, parameters)), type };
	const workflow = buildWorkflow({ nodeTypes: { [type]: { description } }, nodes: [node], connections: {} });
	return workflow.expression.getSimpleParameterValue(node, description.subtitle, 'internal', {});
}

describe("the nodes panel (n8n's editor, useActionsGeneration.ts)", () => {
	it('the trigger\'s event field is labelled so that n8n lists each event as its own entry', () => {
		// n8n: triggersCategory matches displayName against ['event', 'events', 'trigger on'] (lower case),
		// for a node whose displayName includes "trigger".
		const events = trigger.properties.filter((p) => ['event', 'events', 'trigger on'].includes(p.displayName.toLowerCase()));
		expect(events.map((p) => [p.displayName, p.name])).toEqual([['Event', 'event']]);
		expect(trigger.displayName.toLowerCase()).toContain('trigger');
		expect(options(events[0]).length).toBe(8);
		expect(options(events[0]).every((option) => option.name !== '' && option.description)).toBe(true);
	});

	it('the merged "WDT" entry shows the node\'s description (n8n gives it the trigger\'s)', () => {
		// n8n merges the trigger into the node whose type name is the trigger's without "Trigger" ...
		expect(trigger.name.replace('Trigger', '')).toBe(wdt.name);
		// ... and sets the merged entry's description to the trigger's: it must be the node's.
		expect(trigger.description).toBe(wdt.description);
		expect(wdt.description).toBe(WDT_DESCRIPTION);
		expect(WDT_DESCRIPTION).toMatch(/^Read orders, .*start workflows when records change/);
	});
});

describe('subtitles show display names', () => {
	it.each(OPERATIONS)('WDT %s · %s: "<operation> · <resource>"', (resource, operation, resourceName, operationName) => {
		expect(subtitleOf(wdt, 'n8n-nodes-wdt.wdt', { resource, operation })).toBe(`${operationName} · ${resourceName}`);
	});

	it('every operation of every resource has one, none unnamed', () => {
		expect(OPERATIONS.length).toBeGreaterThanOrEqual(14);
		expect(subtitleOf(wdt, 'n8n-nodes-wdt.wdt', { resource: 'order', operation: 'getMany' })).toBe('Get Many · Order');
		expect(subtitleOf(wdt, 'n8n-nodes-wdt.wdt', { resource: 'stockSync', operation: 'acknowledge' })).toBe('Acknowledge · Stock Sync');
	});

	it.each(options(property(trigger, 'event')).map((event) => [event.value, event.name]))('WDT Trigger %s: "%s"', (event, name) => {
		expect(subtitleOf(trigger, 'n8n-nodes-wdt.wdtTrigger', { event })).toBe(name);
	});
});

/** Every field of a description, collections' and fixed collections' children included: [path, field]. */
function allFields(properties: INodeProperties[], path = ''): Array<[string, INodeProperties]> {
	const out: Array<[string, INodeProperties]> = [];
	for (const field of properties) {
		out.push([`${path}${field.name}`, field]);
		if (field.type === 'collection') out.push(...allFields(field.options as INodeProperties[], `${path}${field.name}.`));
		if (field.type === 'fixedCollection') {
			for (const group of field.options as Array<{ name: string; values: INodeProperties[] }>) {
				out.push(...allFields(group.values, `${path}${field.name}.${group.name}.`));
			}
		}
	}
	return out;
}

describe('one name per concept across the node and the trigger', () => {
	const labels = (wire: RegExp) =>
		[...allFields(wdt.properties), ...allFields(trigger.properties)]
			.filter(([path]) => wire.test(path.split('.').pop() ?? ''))
			.map(([, field]) => field.displayName);

	it.each([
		[/^(shop_no|shopNo)$/, 'Shop Code'],
		[/^(shop_nos|shopNos)$/, 'Shop Codes'],
		[/^(warehouse_no|warehouseNo)$/, 'Warehouse Code'],
		[/^(spec_no|specNo)$/, 'SKU Code'],
	])('%s is "%s" everywhere', (wire, label) => {
		const found = labels(wire);
		expect(found.length).toBeGreaterThan(0);
		expect(new Set(found)).toEqual(new Set([label]));
	});
});

/**
 * The key n8n's editor gives `$fromAI` when a field is left to the model (fromAIOverrideUtils.ts:
 * the label with every character outside [a-zA-Z0-9-] replaced by "_").
 */
const editorKey = (label: string) => label.replace(/[^a-zA-Z0-9-]/g, '_').slice(0, 63);

/** Fields n8n lets the model fill: not options (denied by the editor), not noDataExpression, not notices. */
const fillable = (field: INodeProperties) =>
	!['options', 'multiOptions', 'notice', 'callout', 'credentialsSelect', 'hidden', 'collection', 'fixedCollection'].includes(field.type) && !field.noDataExpression;

describe('fields an AI agent may fill: clean $fromAI keys and a description', () => {
	const tool = toolVariantOf(new Wdt()).description;
	const toolFields = allFields(tool.properties).filter(([, field]) => fillable(field));

	it('every label gives a clean key (words joined by one "_") and every such field has a description', () => {
		expect(toolFields.length).toBeGreaterThan(40);
		const unclean = toolFields
			.map(([path, field]) => [path, editorKey(field.displayName), field.description ?? ''] as const)
			.filter(([, key, description]) => !/^[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*$/.test(key) || description.trim() === '');
		expect(unclean).toEqual([]);
	});

	it('the labels of the old form gave keys like From_______start_time_; these do not', () => {
		expect(editorKey('From (开始时间 start_time)')).toBe('From_______start_time_');
		expect(/^[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*$/.test(editorKey('From (开始时间 start_time)'))).toBe(false);
		expect(editorKey('Shop Code')).toBe('Shop_Code');
	});

	it.each(OPERATIONS.filter(([, operation]) => operation === 'getMany' || operation === 'getDetails'))(
		'%s · %s as a tool: the model fills Limit (and From / To where the read has a range) with its own key and description',
		(resource, operation) => {
			// The tool variant's fields as n8n resolves them (its type name ends in "Tool": @tool is true).
			const fromAi = resolved(tool, { resource, operation });
			expect(String(fromAi.limit)).toMatch(/^=\{\{ \$fromAI\('limit', "How many records to return at most: a whole number of 1 or more\.", 'number'\) \}\}$/);
			if ('from' in fromAi) {
				expect(String(fromAi.from)).toMatch(/^=\{\{ \$fromAI\('from', "Start of the time range/);
				expect(String(fromAi.to)).toMatch(/^=\{\{ \$fromAI\('to', "End of the time range/);
			}
			// The editor's own form (not a tool) shows the plain fields with their defaults.
			const form = resolved(wdt, { resource, operation });
			expect(form.limit).toBe(50);
			if ('from' in form) expect([form.from, form.to]).toEqual(['', '']);
		},
	);
});
