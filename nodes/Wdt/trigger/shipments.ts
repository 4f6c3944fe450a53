/**
 * The WDT Trigger's "Shipments to sync (物流同步)" event: not a list read by modified time but a
 * queue (logistics_sync_query) whose records stay pending until acked. Each poll reads all
 * pending records of the shops and emits those not emitted recently: a record the workflow acks
 * leaves the queue; one it failed to ack comes again after Re-Emit After. Static data holds only
 * the rec_ids still pending (emitted at when), so it stays as small as the queue.
 */
import type { IDataObject, INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CallOptions } from '../callOptions';
import { clamp, readCallOptions } from '../callOptions';
import { gatewayOrNodeError, wdtNodeError } from '../nodeError';
import { settle } from '../transport/retry';
import { MAX_QUERY_LIMIT, shipmentSource } from '../shop/logistics';
import { DEFAULT_MAX_RECORDS, parseShopCodes, queryShop } from '../stockChanges';
import { wdtTriggerClock } from './clock';

export const SHIPMENTS_EVENT = {
	value: 'shipmentsToSync',
	name: 'Shipments to Sync (物流同步)',
	description:
		'An order shipped in the ERP whose tracking number (logistics_no) is still to be sent to the shop (查询物流同步 logistics_sync_query.php); ack it with Logistics Sync · Acknowledge',
};
export const DEFAULT_REEMIT_MINUTES = 10;

const show = { show: { event: [SHIPMENTS_EVENT.value] } };

export const shipmentProperties: INodeProperties[] = [
	{
		displayName: 'Shop Codes (店铺编号)',
		name: 'shipmentShopNos',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show,
		description: 'The ERP shop code(s) (shop_no) whose shipments to watch, separated by commas',
	},
	{
		displayName: 'Re-Emit After in Minutes (未回写再次输出 分钟)',
		name: 'reemitMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 10,
		displayOptions: show,
		description:
			'A record emitted before and still pending (not acked) is emitted again after this long; 0: on every poll',
	},
];

interface ShipmentMemory {
	/** rec_id → when it was emitted (ms). */
	emitted: Record<string, number>;
}

export async function pollShipments(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const shopNos = parseShopCodes(this.getNodeParameter('shipmentShopNos', ''));
	if (shopNos.length === 0) throw new NodeOperationError(this.getNode(), 'Shop Codes is empty: give at least one shop code (店铺编号 shop_no)');
	const reemitMs = clamp(this.getNodeParameter('reemitMinutes', DEFAULT_REEMIT_MINUTES), 0, 10 ** 6, DEFAULT_REEMIT_MINUTES) * 60000;
	const options = this.getNodeParameter('options', {}) as CallOptions;
	const gateway = await gatewayOrNodeError(this);
	const records: IDataObject[] = [];
	for (const shopNo of shopNos) {
		const read = await settle(
			queryShop(this, gateway, {
				shopNo,
				source: shipmentSource(undefined),
				limit: MAX_QUERY_LIMIT,
				fetchAll: true,
				maxRecords: DEFAULT_MAX_RECORDS,
				...readCallOptions(options),
			}),
		);
		if (!read.ok) throw wdtNodeError(this.getNode(), read.error, { where: `logistics_sync_query, shop ${shopNo}` });
		records.push(...read.value.records);
	}
	if (this.getMode() === 'manual') return records.length > 0 ? [records.map((json) => ({ json }))] : null;

	const state = this.getWorkflowStaticData('node') as { shipments?: ShipmentMemory };
	const before = state.shipments?.emitted ?? {};
	const now = wdtTriggerClock.now();
	const emitted: Record<string, number> = {};
	const emit: IDataObject[] = [];
	for (const record of records) {
		const recId = record.rec_id as string;
		const at = before[recId];
		// Stryker disable next-line ConditionalExpression: with at undefined, now - at is NaN and NaN < reemitMs is false, so dropping the undefined check changes nothing
		if (at !== undefined && now - at < reemitMs) {
			emitted[recId] = at;
			continue;
		}
		emitted[recId] = now;
		emit.push(record);
	}
	// Only what is still pending is remembered: acked records drop out.
	state.shipments = { emitted };
	return emit.length > 0 ? [emit.map((json) => ({ json }))] : null;
}
