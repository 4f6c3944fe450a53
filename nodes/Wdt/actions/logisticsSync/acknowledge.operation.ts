/**
 * Logistics Sync · Acknowledge (物流同步回写 logistics_sync_ack.php): tell WDT, per record, that
 * the shop took the tracking number (status 0: the record is cleared) or refused it (status 1
 * with the shop's message: WDT keeps the record and shows the message in the ERP). Every item is
 * checked before anything is sent; acks go out in batches through the write engine, one result
 * per input item, keeping the item's fields (tid, shop, tracking number). Acking again is safe.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { checkWith } from '../../shop/fields';
import type { ShipmentAck } from '../../shop/logistics';
import { ACK_ENDPOINT, MAX_ACK_LIST, checkShipmentAck, shipmentAckJson } from '../../shop/logistics';
import type { WriteEndpoint } from '../../writes/endpoint';
import { WriteInput } from '../../writes/merge';
import type { WriteOptionValues } from '../../writes/options';
import { readWriteOptions, writeOptionProperties } from '../../writes/options';
import { runWrite } from '../../writes/run';
import { showFor } from '../common/listFields';

const display = { resource: 'logisticsSync', operation: 'acknowledge' };
/** WDT: 数据不要超过50条 (docs/wdt-contract.md#logistics_sync_ack). */
export const MAX_ACK_BATCH = MAX_ACK_LIST;

export const LOGISTICS_ACK: WriteEndpoint<ShipmentAck> = {
	endpoint: ACK_ENDPOINT,
	noun: 'record',
	keyName: 'rec_id',
	maxBatch: MAX_ACK_BATCH,
	defaultBatch: MAX_ACK_BATCH,
	answer: 'ack',
	errorKeys: ['rec_id'],
	wire: shipmentAckJson,
	params: (list) => ({ logistics_list: list }),
	shown: (ack) => ack as unknown as IDataObject,
	rerun: 'Acks are safe to repeat',
	refusedHint: 'WDT refused this record while acking the others: its message says why (a shipment the shop already took cannot be marked refused).',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Record ID',
		name: 'recId',
		type: 'string',
		default: '={{ $json.rec_id }}',
		required: true,
		displayOptions: showFor(display),
		description: 'The rec_id from Logistics Sync · Get Pending. Keep it text: 19-digit IDs do not fit a JavaScript number.',
	},
	{
		displayName: 'Synced to Shop',
		name: 'syncedToShop',
		type: 'boolean',
		default: true,
		displayOptions: showFor(display),
		description:
			'Whether the shop took the tracking number (status 0). Use an expression per item that reads the shop\'s answer: false sends status 1 with the Error Message (WDT keeps the record and shows the message in the ERP).',
	},
	{
		displayName: 'Error Message',
		name: 'errorMessage',
		type: 'string',
		default: '',
		displayOptions: showFor(display),
		description: 'Why the shop refused the shipment (recommended when Synced to Shop is false; WDT takes a refusal without one); WDT shows it in the ERP. Also sent with status 0 when set.',
	},
	{
		displayName: 'Options',
		name: 'ackOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: showFor(display),
		options: writeOptionProperties(LOGISTICS_ACK, {
			listName: 'logistics_list',
			batchNote: `WDT asks to keep a call under ${MAX_ACK_BATCH} records`,
		}),
	},
];

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const options = this.getNodeParameter('ackOptions', 0, {}) as WriteOptionValues;
	const input = new WriteInput(LOGISTICS_ACK, items.length);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const recId = this.getNodeParameter('recId', itemIndex, '');
		const ack = checkWith(() =>
			checkShipmentAck({
				recId,
				synced: this.getNodeParameter('syncedToShop', itemIndex, true),
				message: this.getNodeParameter('errorMessage', itemIndex, ''),
			}),
		);
		if (ack.ok) input.add(itemIndex, ack.value.rec_id, ack.value);
		else input.refuse(itemIndex, ack.problem.field, ack.problem.message, { rec_id: String(recId) });
	}
	return await runWrite(this, LOGISTICS_ACK, { checked: input.finish(), settings: readWriteOptions(LOGISTICS_ACK, options) });
}
