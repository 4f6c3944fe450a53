/**
 * Stock Sync · Get Pending (查询库存同步 api_goods_stock_change_query.php): the pending stock
 * changes of one or more shops, one output item per record, rec_id always an exact string. Read
 * with the one pending-queue reader (stockChanges.ts queryShop: repeated query, no page number,
 * ends at a short page, a page with nothing new, or Max Records). Takes all input items at once:
 * a failed shop is one error item (Continue On Fail) and the other shops of the item still run,
 * and the notes about records possibly left pending are shown once as execution hints. The
 * hidden WDT Get Stock Changes node runs exactly this.
 */
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	NodeExecutionHint,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { callOptionsCollection } from '../../callOptions';
import { itemLabel } from '../../fieldLabel';
import { describeFailure, gatewayOrNodeError, wdtNodeError } from '../../nodeError';
import { WdtApiError } from '../../protocol';
import type { QuerySettings } from '../../stockChangeFields';
import { queryPropertiesShownFor, readQuerySettings } from '../../stockChangeFields';
import { STOCK_SYNC_SHOP_TYPES, fetchNote, queryShop } from '../../stockChanges';
import { settle } from '../../transport/retry';

const show = { resource: ['stockSync'], operation: ['getPending'] };

export const description: INodeProperties[] = [
	...queryPropertiesShownFor(show, { fetchAll: false, tool: true }),
	{ ...callOptionsCollection('query'), displayOptions: { show } },
];

/** At most this many notes are shown (one per shop that may hold more). */
const MAX_HINTS = 5;

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
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
					detail: result.error instanceof WdtApiError && result.error.kind === 'shop' ? STOCK_SYNC_SHOP_TYPES : undefined,
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
				.slice(0, MAX_HINTS)
				.map((message): NodeExecutionHint => ({ message, location: 'outputPane' })),
		);
	}
	return [out];
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
