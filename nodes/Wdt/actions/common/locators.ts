/**
 * Shop Code and Warehouse Code as pick lists (n8n resource locators): From List, filled from
 * shop.php / warehouse_query (methods/listSearch.ts) and searchable; or By Code, typed or an
 * expression. A workflow saved before these were pick lists holds a plain string (or an
 * expression string): `locatorValue` reads both, so it runs unchanged.
 */
import type { INodeProperties } from 'n8n-workflow';

export const SEARCH_SHOPS = 'searchShops';
export const SEARCH_WAREHOUSES = 'searchWarehouses';

export type LocatorKind = 'shop' | 'warehouse';

const SEARCH_METHOD: Record<LocatorKind, string> = { shop: SEARCH_SHOPS, warehouse: SEARCH_WAREHOUSES };
const LIST_PLACEHOLDER: Record<LocatorKind, string> = { shop: 'Select a shop...', warehouse: 'Select a warehouse...' };
const CODE_PLACEHOLDER: Record<LocatorKind, string> = { shop: 'e.g. shop-a', warehouse: 'e.g. WH-01' };

const LABELS: Record<LocatorKind, string> = { shop: 'Shop Code', warehouse: 'Warehouse Code' };

/** A Shop Code / Warehouse Code pick list; the rest of the field (name, description, displayOptions…) is the caller's. */
export function codeLocator(
	kind: LocatorKind,
	field: Omit<INodeProperties, 'displayName' | 'type' | 'default' | 'modes'> & { displayName?: string },
): INodeProperties {
	return {
		displayName: LABELS[kind],
		...field,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: LIST_PLACEHOLDER[kind],
				typeOptions: { searchListMethod: SEARCH_METHOD[kind], searchable: true },
			},
			{ displayName: 'By Code', name: 'code', type: 'string', placeholder: CODE_PLACEHOLDER[kind] },
		],
	};
}

/** A resource locator's value as n8n stores it: { __rl: true, mode, value }. */
export function isLocatorValue(value: unknown): value is { mode: string; value: unknown } {
	return value !== null && typeof value === 'object' && 'mode' in value && 'value' in value;
}

/**
 * The code a locator field holds: the value of a resource locator ({ __rl, mode, value }), or the
 * plain string a workflow saved before the field was a pick list. Blank: ''.
 */
export function locatorValue(value: unknown): string {
	const inner = isLocatorValue(value) ? value.value : value;
	return inner === undefined || inner === null ? '' : String(inner).trim();
}
