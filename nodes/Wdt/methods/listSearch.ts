/**
 * The pick lists of Shop Code and Warehouse Code (resource locators, mode From List): every shop
 * (shop.php) or warehouse (warehouse_query) of the ERP, read through the one fetcher and the one
 * transport (signed, with its total deadline), filtered by the text typed in the list.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { readCallOptions } from '../callOptions';
import { wdtNodeError } from '../nodeError';
import { LIST_ENDPOINTS } from '../protocol/catalogue';
import { resolveGateway } from '../transport';
import type { ListSpec } from '../transport/fetchList';
import { fetchList } from '../transport/fetchList';
import { settle } from '../transport/retry';

/** A pick list waits at most this long per request: the editor is waiting. */
export const LIST_SEARCH_TIMEOUT_MS = 15000;
/** At most this many shops or warehouses are read for a list (10 pages of 100). */
export const LIST_SEARCH_MAX = 1000;

interface Source {
	spec: ListSpec;
	code: string;
	name: string;
}

const SHOPS: Source = { spec: LIST_ENDPOINTS.shop, code: 'shop_no', name: 'shop_name' };
const WAREHOUSES: Source = { spec: LIST_ENDPOINTS.warehouse_query, code: 'warehouse_no', name: 'name' };

/** "Name (code)", or the code alone when the record has no name. */
export function toListItems(records: IDataObject[], source: Pick<Source, 'code' | 'name'>, filter?: string): INodeListSearchItems[] {
	const wanted = (filter ?? '').trim().toLowerCase();
	const items: INodeListSearchItems[] = [];
	for (const record of records) {
		const code = record[source.code];
		if (code === undefined || code === null || String(code) === '') continue;
		const name = record[source.name] ? String(record[source.name]) : '';
		const label = name ? `${name} (${String(code)})` : String(code);
		if (wanted && !label.toLowerCase().includes(wanted)) continue;
		items.push({ name: label, value: String(code) });
	}
	return items.sort((a, b) => a.name.localeCompare(b.name));
}

async function search(context: ILoadOptionsFunctions, source: Source, filter?: string): Promise<INodeListSearchResult> {
	const read = await settle(
		resolveGateway(context).then(
			async (gateway) =>
				await fetchList(context, gateway, {
					spec: source.spec,
					limit: LIST_SEARCH_MAX,
					call: readCallOptions({ timeoutMs: LIST_SEARCH_TIMEOUT_MS, maxRetries: 1 }),
				}),
		),
	);
	// The editor shows the message and the hint under the list.
	if (!read.ok) throw wdtNodeError(context.getNode(), read.error, { where: source.spec.endpoint });
	return { results: toListItems(read.value.records, source, filter) };
}

export async function searchShops(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await search(this, SHOPS, filter);
}

export async function searchWarehouses(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await search(this, WAREHOUSES, filter);
}
