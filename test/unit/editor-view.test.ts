/**
 * What the editor shows for each operation of the WDT node and each event of the WDT Trigger, as
 * n8n resolves the description (test/helpers/editorFields.ts): the fields in order with their
 * label, type, default, limits, placeholder, description, hint and options, the children of
 * collections and the pick lists' modes; in the form and in the tool variant. The snapshot is
 * the reviewed text of the form: a change to a label, a default or a displayOption shows here.
 */
import type { INodeParameters, INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Wdt } from '../../nodes/Wdt/Wdt.node';
import { WdtTrigger } from '../../nodes/Wdt/WdtTrigger.node';
import { asNode, resolved } from '../helpers/editorFields';
import { toolVariantOf } from '../helpers/toolVariant';

type Option = INodePropertyOptions | INodeProperties | INodePropertyCollection;

function describeField(field: INodeProperties, indent: string): string[] {
	const facts = [
		`${field.name}: "${field.displayName}" [${field.type}]`,
		`default ${JSON.stringify(field.default)}`,
		field.required ? 'required' : '',
		field.noDataExpression ? 'noDataExpression' : '',
		field.typeOptions ? `typeOptions ${JSON.stringify(field.typeOptions)}` : '',
		field.placeholder ? `placeholder "${field.placeholder}"` : '',
	].filter(Boolean);
	const lines = [`${indent}${facts.join(' · ')}`];
	if (field.description) lines.push(`${indent}  description: ${field.description}`);
	if (field.hint) lines.push(`${indent}  hint: ${field.hint}`);
	for (const mode of field.modes ?? []) {
		lines.push(`${indent}  mode ${mode.name}: "${mode.displayName}" [${mode.type}] ${JSON.stringify(mode.typeOptions ?? {})} ${mode.placeholder ?? ''}`.trimEnd());
	}
	for (const option of (field.options ?? []) as Option[]) {
		if ('value' in option) {
			lines.push(`${indent}  option ${JSON.stringify(option.value)}: "${option.name}"${option.action ? ` (action "${option.action}")` : ''}${option.description ? ` — ${option.description}` : ''}`);
		} else if ('values' in option) {
			lines.push(`${indent}  group ${option.name}: "${option.displayName}"`);
			for (const value of option.values) lines.push(...describeField(value, `${indent}    `));
		} else {
			lines.push(...describeField(option, `${indent}  `));
		}
	}
	return lines;
}

/** The fields shown for these values, each described; displayOptions are what decide "shown". */
function view(description: INodeTypeDescription, values: INodeParameters): string {
	const current = resolved(description, values);
	return description.properties
		.filter((field) => NodeHelpers.displayParameter(current, field, asNode(description, current), description))
		.flatMap((field) => describeField(field, ''))
		.join('\n');
}

const wdt = new Wdt().description;
const wdtTool = toolVariantOf(new Wdt()).description;
const trigger = new WdtTrigger().description;
const optionsOf = (property?: INodeProperties) => (property?.options ?? []) as INodePropertyOptions[];

const operations = optionsOf(wdt.properties.find((p) => p.name === 'resource')).flatMap((resource) =>
	optionsOf(wdt.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource.value))).map(
		(operation) => [String(resource.value), String(operation.value)] as const,
	),
);

describe('what the editor shows', () => {
	it('the WDT node: its panel texts', () => {
		expect([wdt.displayName, wdt.subtitle, wdt.description, wdt.defaults.name]).toMatchSnapshot();
	});

	it.each(operations)('WDT %s · %s', (resource, operation) => {
		expect(view(wdt, { resource, operation })).toMatchSnapshot();
	});

	it.each(operations)('WDT Tool %s · %s', (resource, operation) => {
		expect(view(wdtTool, { resource, operation })).toMatchSnapshot();
	});

	it.each(optionsOf(trigger.properties.find((p) => p.name === 'event')).map((event) => [String(event.value)]))('WDT Trigger %s', (event) => {
		expect(view(trigger, { event })).toMatchSnapshot();
	});

	it('the form hides what does not apply: Limit only without Return All, keyValue or JSON parameters by the mode', () => {
		expect(view(wdt, { resource: 'warehouse', operation: 'getMany', returnAll: true })).not.toMatch(/^limit:/m);
		expect(view(wdt, { resource: 'warehouse', operation: 'getMany' })).toMatch(/^limit: "Limit" \[number\] · default 50 · typeOptions \{"minValue":1\}/m);
		const json = view(wdt, { resource: 'anyEndpoint', operation: 'call', parametersMode: 'json' });
		expect(json).toMatch(/^parametersJson:/m);
		expect(json).not.toMatch(/^parameters:/m);
		const keyValue = view(wdt, { resource: 'anyEndpoint', operation: 'call' });
		expect(keyValue).toMatch(/^parameters:/m);
		expect(keyValue).not.toMatch(/^parametersJson:/m);
		expect(view(wdt, { resource: 'anyEndpoint', operation: 'call', endpoint: '__custom' })).toMatch(/^customEndpoint:/m);
	});
});
