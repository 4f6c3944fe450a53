/**
 * What n8n's nodes panel shows for the WDT node and the WDT Trigger.
 *
 * n8n's editor merges a trigger into the node whose type name is the trigger's without "Trigger"
 * (`wdtTrigger` → `wdt`) and gives the merged entry the *trigger's* description
 * (packages/frontend/editor-ui/src/components/Node/NodeCreator/composables/useActionsGeneration.ts,
 * generateMergedNodesAndActions: `app.description = trigger.description; // default to trigger
 * description`). The trigger is then listed only inside that entry (its events), so its own
 * description is shown nowhere else: both nodes carry the node's description, and the merged
 * "WDT" entry shows it.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export const WDT_DESCRIPTION =
	'Read orders, stockouts, refunds, goods, stock, shops, warehouses and purchase orders from the WDT (Wangdiantong) ERP openapi2 gateway; push orders and platform goods; sync stock and shipments; start workflows when records change; or call any openapi2 endpoint';

const optionsOf = (property: INodeProperties | undefined): INodePropertyOptions[] =>
	(property?.options ?? []) as INodePropertyOptions[];

/**
 * A subtitle expression that shows display names, not stored values: "Get Many · Order". The
 * lookup table is one flat object literal (no `}}` inside, which would end n8n's expression).
 */
export function resourceOperationSubtitle(properties: INodeProperties[]): string {
	const resources = optionsOf(properties.find((property) => property.name === 'resource'));
	const names: Record<string, string> = {};
	for (const resource of resources) {
		const operations = properties.find(
			(property) =>
				property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource.value),
		);
		for (const operation of optionsOf(operations)) {
			names[`${resource.value}.${operation.value}`] = `${operation.name} · ${resource.name}`;
		}
	}
	return `={{ ${JSON.stringify(names)}[$parameter["resource"] + "." + $parameter["operation"]] }}`;
}

/** The subtitle of an options field: its chosen option's display name ("Order Created or Updated"). */
export function optionSubtitle(property: INodeProperties): string {
	const names = Object.fromEntries(optionsOf(property).map((option) => [String(option.value), option.name]));
	return `={{ ${JSON.stringify(names)}[$parameter["${property.name}"]] }}`;
}
