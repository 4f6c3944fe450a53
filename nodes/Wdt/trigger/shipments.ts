/**
 * The WDT Trigger's "Shipments to sync (物流同步)" event: not a list read by modified time but a
 * queue (logistics_sync_query) whose records stay pending until acked. Each poll reads all
 * pending records of the shops and emits them by the pending-queue rule (pendingQueue.ts,
 * emitWindow.ts): a record the workflow acks leaves the queue; one it failed to ack comes again
 * after Re-Emit After; one whose tracking number changed comes at once.
 */
import { createHash } from 'crypto';
import type { INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CallOptions } from '../callOptions';
import { readCallOptions } from '../callOptions';
import { MAX_QUERY_LIMIT, shipmentSource } from '../shop/logistics';
import type { StockChangeRecord } from '../stockChanges';
import { DEFAULT_MAX_RECORDS, parseShopCodes } from '../stockChanges';
import type { PendingQueue } from './pendingQueue';
import { pollPendingQueue, readReEmitWindow } from './pendingQueue';

export const SHIPMENTS_EVENT = {
	value: 'shipmentsToSync',
	name: 'Shipments to Sync',
	description:
		'An order shipped in the ERP whose tracking number (logistics_no) is still to be sent to the shop (logistics_sync_query.php); ack it with Logistics Sync · Acknowledge',
};

const show = { show: { event: [SHIPMENTS_EVENT.value] } };

export const shipmentProperties: INodeProperties[] = [
	{
		displayName: 'Shop Codes',
		name: 'shipmentShopNos',
		type: 'string',
		default: '',
		required: true,
		displayOptions: show,
		description: 'The ERP shop code(s) (shop_no) whose shipments to watch, separated by commas',
	},
];

/**
 * What the shop is told about a shipment: which order and lines, and by which carrier under which
 * tracking number. When one of these changes while the record is still pending (the parcel was
 * re-shipped, the carrier corrected), the shop must hear it again at once. Fields WDT may change
 * while a record just waits (sync_status, try_times, error_msg, modified) are left out, so they
 * never cause a second emit. Absent fields count as absent, so a gateway that leaves one out
 * keeps a stable version.
 */
const SHIPMENT_VERSION_FIELDS = [
	'tid',
	'oids',
	'is_part_sync',
	'logistics_no',
	'logistics_type',
	'logistics_code',
	'logistics_code_erp',
	'logistics_name',
	'logistics_name_erp',
];

/**
 * A shipment's version for the re-emit rule: the first 52 bits of a SHA-256 of those fields, as a
 * decimal (a canonical decimal packs small in the memory). Two different contents share a version
 * once in 4.5·10^15: then the change waits for Re-Emit After instead of coming at once.
 */
export function shipmentVersion(record: StockChangeRecord): string {
	const content = JSON.stringify(SHIPMENT_VERSION_FIELDS.map((field) => record[field] ?? null));
	const digest = createHash('sha256').update(content).digest('hex');
	return String(parseInt(digest.slice(0, 13), 16));
}

export const SHIPMENT_QUEUE: PendingQueue = {
	source: shipmentSource(undefined),
	versionOf: shipmentVersion,
	where: (shopNo) => `logistics_sync_query, shop ${shopNo}`,
};

export async function pollShipments(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const shopNos = parseShopCodes(this.getNodeParameter('shipmentShopNos', ''));
	if (shopNos.length === 0) throw new NodeOperationError(this.getNode(), 'Shop Codes is empty: give at least one shop code (shop_no)');
	const options = this.getNodeParameter('options', {}) as CallOptions;
	return await pollPendingQueue(this, SHIPMENT_QUEUE, {
		shopNos,
		query: {
			limit: MAX_QUERY_LIMIT,
			fetchAll: true,
			maxRecords: DEFAULT_MAX_RECORDS,
			...readCallOptions(options),
		},
		windowMs: readReEmitWindow(this),
	});
}
