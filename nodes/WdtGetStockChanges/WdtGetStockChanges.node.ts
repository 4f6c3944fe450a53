import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	NodeExecutionHint,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { testWdtApiCredential } from '../Wdt/credentialTest';
import { itemLabel } from '../Wdt/fieldLabel';
import { describeFailure, gatewayOrNodeError, wdtNodeError } from '../Wdt/nodeError';
import { settle } from '../Wdt/transport/retry';
import type { QuerySettings } from '../Wdt/stockChangeFields';
import { callOptionsCollection } from '../Wdt/callOptions';
import { QUERY_TOOL_DESCRIPTION, queryProperties, readQuerySettings } from '../Wdt/stockChangeFields';
import { fetchNote, queryShop } from '../Wdt/stockChanges';

/**
 * 查询库存同步 (api_goods_stock_change_query.php): the pending stock changes of one or more shops,
 * one output item per record, rec_id always an exact string. The query is one call per shop
 * (no batching), the ack is a batched call: hence two nodes rather than one with an operation.
 */
export class WdtGetStockChanges implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WDT Get Stock Changes',
		name: 'wdtGetStockChanges',
		icon: { light: 'file:../Wdt/wdt.svg', dark: 'file:../Wdt/wdt.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '=查询库存同步 · {{ $parameter["shopNos"] }}',
		// Also what an agent reads about the tool at run time (n8n applies the replacements in the editor only).
		description:
			'Get the pending stock changes of WDT shops (查询库存同步, api_goods_stock_change_query.php). Needs the shop codes (shop_no); returns one item per record: rec_id (an exact digit string), shop_no, spec_no, goods_name, sync_stock, stock_change_count',
		defaults: { name: 'WDT Get Stock Changes' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: { replacements: { description: QUERY_TOOL_DESCRIPTION } },
		// A literal: n8n's linter reads it to see that every use of the credential is tested.
		credentials: [{ name: 'wdtApi', required: true, testedBy: 'wdtApiTest' }],
		properties: [
			...queryProperties({ fetchAll: false }),
			callOptionsCollection('query'),
		],
	};

	methods = { credentialTest: { wdtApiTest: testWdtApiCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const continueOnFail = this.continueOnFail();
		const out: INodeExecutionData[] = [];
		const notes: string[] = [];
		let gateway: string | undefined;

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const pairedItem = { item: itemIndex };
			const read = readSettings(this, itemIndex);
			if (!read.ok) {
				const error = new NodeOperationError(this.getNode(), read.message, { itemIndex });
				if (!continueOnFail) throw error;
				out.push({ json: { error: read.message }, pairedItem });
				continue;
			}
			gateway ??= await gatewayOrNodeError(this);
			for (const shopNo of read.settings.shopNos) {
				const result = await settle(queryShop(this, gateway, { ...read.settings.query, shopNo }));
				if (!result.ok) {
					const error = wdtNodeError(this.getNode(), result.error, {
						itemIndex,
						// With several input items, which one (as the ack node says it).
						where: items.length > 1 ? `${itemLabel(itemIndex)}, shop ${shopNo}` : `Shop ${shopNo}`,
					});
					if (!continueOnFail) throw error;
					// Only error/details keys: n8n sends the item to the error output when that is on.
					out.push({
						json: {
							error: error.message,
							details: { shop_no: shopNo, ...describeFailure(result.error) },
						},
						pairedItem,
					});
					continue;
				}
				for (const record of result.value.records) out.push({ json: record, pairedItem });
				const note = fetchNote(result.value, read.settings.query.limit);
				if (note) notes.push(note);
			}
		}

		if (
			typeof this.addExecutionHints === 'function' &&
			// Stryker disable next-line ConditionalExpression,EqualityOperator: with no note, n8n's addExecutionHints() adds nothing (it pushes the empty list)
			notes.length > 0
		) {
			this.addExecutionHints(
				...[...new Set(notes)]
					.slice(0, 5)
					.map((message): NodeExecutionHint => ({ message, location: 'outputPane' })),
			);
		}
		return [out];
	}
}

function readSettings(
	context: IExecuteFunctions,
	itemIndex: number,
): { ok: true; settings: QuerySettings } | { ok: false; message: string } {
	try {
		return {
			ok: true,
			settings: readQuerySettings((name, fallback) =>
				context.getNodeParameter(name, itemIndex, fallback),
			),
		};
	} catch (error) {
		return { ok: false, message: (error as Error).message };
	}
}
