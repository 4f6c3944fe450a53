/**
 * Logistics Sync · Acknowledge (物流同步回写 logistics_sync_ack.php): tell WDT, per record, that
 * the shop took the tracking number (status 0: the record is cleared) or refused it (status 1
 * with the shop's message: WDT shows it in the ERP). Every item is checked before anything is
 * sent; acks go out in batches, one result per record. Acking again is safe.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { CallOptions } from '../../callOptions';
import { callOptionProperties, clamp, readCallOptions } from '../../callOptions';
import type { WriteEntry, WriteProblem } from '../../shop/batchedWrite';
import { runBatchedWrite } from '../../shop/batchedWrite';
import { checkWith } from '../../shop/fields';
import type { ShipmentAck } from '../../shop/logistics';
import { ACK_ENDPOINT, MAX_ACK_LIST, checkShipmentAck, logisticsList } from '../../shop/logistics';
import { mergeByKey } from '../../shop/mergeByKey';
import { pushOutcomes } from '../../shop/pushOutcomes';
import { showFor } from '../common/listFields';
import { fieldLabel } from '../../fieldLabel';

const display = { resource: 'logisticsSync', operation: 'acknowledge' };
/** WDT: 数据不要超过50条 (docs/wdt-contract.md#logistics_sync_ack). */
export const MAX_ACK_BATCH = MAX_ACK_LIST;
export const DEFAULT_ACK_BATCH = MAX_ACK_BATCH;

export const description: INodeProperties[] = [
	{
		displayName: fieldLabel('Record ID', '同步记录ID', 'rec_id'),
		name: 'recId',
		type: 'string',
		default: '={{ $json.rec_id }}',
		required: true,
		displayOptions: showFor(display),
		description: 'The rec_id from Logistics Sync · Get Pending. Keep it text: 19-digit IDs do not fit a JavaScript number.',
	},
	{
		displayName: fieldLabel('Synced to Shop', '同步成功', 'status 0'),
		name: 'syncedToShop',
		type: 'boolean',
		default: true,
		displayOptions: showFor(display),
		description:
			'Whether the shop took the tracking number (status 0). Use an expression per item that reads the shop\'s answer: false sends status 1 with the Error Message.',
	},
	{
		displayName: fieldLabel('Error Message', '失败原因', 'message'),
		name: 'errorMessage',
		type: 'string',
		default: '',
		displayOptions: showFor(display),
		description: 'Why the shop refused the shipment (recommended when Synced to Shop is false; WDT takes a refusal without one); WDT shows it in the ERP. Also sent with status 0 when set.',
	},
	{
		displayName: 'Options (选项)',
		name: 'ackOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: showFor(display),
		options: [
			{
				displayName: 'Batch Size (每批条数)',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_ACK_BATCH },
				default: DEFAULT_ACK_BATCH,
				description: `Records per call (logistics_list entries), 1–${MAX_ACK_BATCH}`,
			},
			...callOptionProperties('batch'),
		],
	},
];

type AckEntry = WriteEntry & { ack: ShipmentAck };

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const options = this.getNodeParameter('ackOptions', 0, {}) as CallOptions & { batchSize?: number };
	const checked: Array<{ itemIndex: number; key: string; record: ShipmentAck }> = [];
	const problems: WriteProblem[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const recId = this.getNodeParameter('recId', itemIndex, '');
		const ack = checkWith(() =>
			checkShipmentAck({
				recId,
				synced: this.getNodeParameter('syncedToShop', itemIndex, true),
				message: this.getNodeParameter('errorMessage', itemIndex, ''),
			}),
		);
		if (ack.ok) checked.push({ itemIndex, key: ack.value.rec_id, record: ack.value });
		else {
			const { field, message } = ack.problem;
			problems.push({ itemIndexes: [itemIndex], field, message, values: { rec_id: String(recId) } });
		}
	}
	const { entries, conflicts } = mergeByKey(checked);
	for (const conflict of conflicts) {
		problems.push({
			itemIndexes: conflict.itemIndexes,
			field: 'recId',
			message: `rec_id ${conflict.key} is given ${conflict.itemIndexes.length} times with different status or message: which one is right cannot be known, so none is sent`,
			values: { rec_id: conflict.key },
		});
	}
	return await runBatchedWrite<AckEntry>(this, {
		noun: 'record',
		endpoint: ACK_ENDPOINT,
		entries: entries.map((entry) => ({
			key: entry.key,
			itemIndexes: entry.itemIndexes,
			ack: entry.record,
			values: { ...entry.record },
		})),
		problems,
		batchSize: clamp(options.batchSize, 1, MAX_ACK_BATCH, DEFAULT_ACK_BATCH),
		params: (batch) => ({ logistics_list: logisticsList(batch.map((entry) => entry.ack)) }),
		outcomes: (keys, result) => pushOutcomes(keys, result, ['rec_id'], 'acked'),
		call: readCallOptions(options),
		rerun: 'Acks are safe to repeat: fix the cause and run again.',
	});
}
