import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { CallOptions } from './callOptions';
import { callOptionProperties, clamp, readCallOptions } from './callOptions';
import { testWdtApiCredential } from './credentialTest';
import { gatewayOrNodeError, wdtNodeError } from './nodeError';
import { toEpochMs } from './protocol/beijingTime';
import type { WdtParamValue } from './protocol';
import { settle } from './transport/retry';
import { readMemory, selectNew, writeMemory } from './trigger/cursor';
import type { TriggerFilter } from './trigger/events';
import { TRIGGER_EVENTS, eventsWith } from './trigger/events';
import { readChanges } from './trigger/readChanges';
import { wdtTriggerClock } from './trigger/clock';
import { reEmitProperty } from './trigger/pendingQueue';
import { SHIPMENTS_EVENT, pollShipments, shipmentProperties } from './trigger/shipments';
import { STOCK_CHANGES_EVENT, pollStockChanges, stockChangeProperties } from './trigger/stockChangesToSync';

const SECOND = 1000;
export const DEFAULT_OVERLAP_SECONDS = 60;
/** "Fetch test event" without a memory looks this far back, and shows at most MANUAL_LIMIT records. */
export const MANUAL_LOOKBACK_MS = 24 * 3600 * SECOND;
export const MANUAL_LIMIT = 100;

const FILTER_FIELDS: Array<{ filter: TriggerFilter; displayName: string; description: string }> = [
	{
		filter: 'shopNo',
		displayName: 'Shop No (店铺编号 shop_no)',
		description: 'Only records of this shop',
	},
	{
		filter: 'warehouseNo',
		displayName: 'Warehouse No (仓库编号 warehouse_no)',
		description: 'Only records of this warehouse',
	},
	{
		filter: 'status',
		displayName: 'Status (状态 status)',
		description: 'Only records in this WDT status code, e.g. 95 (已发货) for orders; empty: any',
	},
	{
		filter: 'specNo',
		displayName: 'Spec No (商家编码 spec_no)',
		description: 'Only this spec (SKU)',
	},
];

const filterProperties: INodeProperties[] = FILTER_FIELDS.map(
	({ filter, displayName, description }) => ({
		displayName,
		name: filter,
		type: 'string',
		default: '',
		description,
		displayOptions: { show: { event: eventsWith(filter) } },
	}),
);

/**
 * Polls one paged openapi2 query by `modified` time and emits each record created or changed
 * since the last poll, one item per record. The cursor and a short memory of what was emitted
 * live in the workflow's static data (trigger/cursor.ts); "Fetch test event" (manual mode) reads
 * without touching them.
 */
export class WdtTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WDT Trigger',
		name: 'wdtTrigger',
		icon: { light: 'file:wdt.svg', dark: 'file:wdt.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] }}',
		description:
			'Starts the workflow when orders, sales stockouts, refunds, stock, goods or purchase orders change in WDT (旺店通), or shipments and stock changes wait to be synced to the shop, one item per record',
		defaults: { name: 'WDT Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// A literal: n8n's linter reads it to see that every use of the credential is tested.
		credentials: [{ name: 'wdtApi', required: true, testedBy: 'wdtApiTest' }],
		properties: [
			{
				displayName: 'Event (事件)',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				default: 'orderUpdated',
				options: [
					...TRIGGER_EVENTS.map(({ value, name, description }) => ({ value, name, description })),
					SHIPMENTS_EVENT,
					STOCK_CHANGES_EVENT,
				],
			},
			...filterProperties,
			...shipmentProperties,
			...stockChangeProperties,
			reEmitProperty([SHIPMENTS_EVENT.value, STOCK_CHANGES_EVENT.value]),
			{
				displayName: 'Options (选项)',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Concurrency (并发请求数)',
						name: 'concurrency',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 8 },
						default: 1,
						description: 'Requests in flight at once when a poll has many windows or pages',
					},
					{
						displayName: 'Overlap in Seconds (重叠 秒)',
						name: 'overlapSeconds',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 3600 },
						default: 60, // DEFAULT_OVERLAP_SECONDS
						description:
							'Each poll reads again this far back before the last one, so a record WDT shows late (or exactly at the border) is not missed; records already emitted with the same modified time are not emitted again',
					},
					{
						displayName: 'Start From (起始时间)',
						name: 'startFrom',
						type: 'dateTime',
						default: '',
						description:
							'The first poll after activation emits what changed since this time. Empty: since the activation (nothing older).',
					},
					...callOptionProperties('query'),
				],
			},
		],
	};

	methods = { credentialTest: { wdtApiTest: testWdtApiCredential } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const eventName = this.getNodeParameter('event') as string;
		if (eventName === SHIPMENTS_EVENT.value) return await pollShipments.call(this);
		if (eventName === STOCK_CHANGES_EVENT.value) return await pollStockChanges.call(this);
		const event = TRIGGER_EVENTS.find((candidate) => candidate.value === eventName);
		if (!event) throw new NodeOperationError(this.getNode(), `Unknown event "${eventName}"`);
		const options = this.getNodeParameter('options', {}) as CallOptions & {
			concurrency?: number;
			overlapSeconds?: number;
			startFrom?: string;
		};
		const params: Record<string, WdtParamValue> = {};
		for (const [filter, wireName] of Object.entries(event.filters)) {
			const value = String(this.getNodeParameter(filter, '') ?? '').trim();
			if (value !== '') params[wireName] = value;
		}
		const overlapMs = clamp(options.overlapSeconds, 0, 3600, DEFAULT_OVERLAP_SECONDS) * SECOND;
		let startFrom: number | undefined;
		try {
			startFrom = toEpochMs(options.startFrom, this.getTimezone(), 'Start From');
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message);
		}

		const manual = this.getMode() === 'manual';
		const state = this.getWorkflowStaticData('node');
		const scope = JSON.stringify([event.spec.endpoint, params]);
		const memory = readMemory(state, scope);
		const now = Math.floor(wdtTriggerClock.now() / SECOND) * SECOND;

		let from: number;
		if (memory.cursor !== undefined) from = memory.cursor - overlapMs;
		else if (startFrom !== undefined) from = Math.floor(startFrom / SECOND) * SECOND;
		else if (manual) from = now - MANUAL_LOOKBACK_MS;
		else {
			// First poll after activation: start from now, emit nothing older.
			writeMemory(state, memory, now, overlapMs);
			return null;
		}
		if (from >= now) return null;

		const gateway = await gatewayOrNodeError(this);
		const read = await settle(
			readChanges(this, gateway, {
				spec: event.spec,
				params,
				range: { from, to: now },
				concurrency: clamp(options.concurrency, 1, 8, 1),
				call: readCallOptions(options),
				limit: manual ? MANUAL_LIMIT : undefined,
			}),
		);
		// A failed poll emits nothing and keeps the cursor: the next poll reads the same range again.
		if (!read.ok) throw wdtNodeError(this.getNode(), read.error, { where: event.spec.endpoint });

		let emit: IDataObject[] = read.value.records;
		if (!manual) {
			emit = selectNew(emit, memory, event.spec, now);
			// A window that stayed inconsistent is read again next time: the cursor stops at its start.
			writeMemory(state, memory, read.value.incompleteFrom ?? now, overlapMs);
		}
		if (emit.length === 0) return null;
		return [emit.map((json) => ({ json }))];
	}
}
