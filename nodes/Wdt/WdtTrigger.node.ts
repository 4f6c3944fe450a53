import type {
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { CallOptions } from './callOptions';
import { callOptionProperties, clamp, readCallOptions } from './callOptions';
import type { LocatorKind } from './actions/common/locators';
import { codeLocator, locatorValue } from './actions/common/locators';
import { testWdtApiCredential } from './credentialTest';
import { searchShops, searchWarehouses } from './methods/listSearch';
import { WDT_DESCRIPTION, optionSubtitle } from './panelEntry';
import { gatewayOrNodeError, wdtNodeError } from './nodeError';
import { toEpochMs } from './protocol/beijingTime';
import type { WdtParamValue } from './protocol';
import { settle } from './transport/retry';
import { readMemory, selectNew, writeMemory } from './trigger/cursor';
import { toWholeSecond } from './protocol/timeWindows';
import { versionSpec } from './protocol/catalogue';
import type { TriggerFilter } from './trigger/events';
import { TRIGGER_EVENTS, eventReads, eventsWith } from './trigger/events';
import { measureGatewayOffset, readChanges } from './trigger/readChanges';
import { wdtTriggerClock } from './trigger/clock';
import { reEmitProperty } from './trigger/pendingQueue';
import { SHIPMENTS_EVENT, pollShipments, shipmentProperties } from './trigger/shipments';
import { STOCK_CHANGES_EVENT, pollStockChanges, stockChangeProperties } from './trigger/stockChangesToSync';

const SECOND = 1000;
export const DEFAULT_OVERLAP_SECONDS = 60;
/** "Fetch test event" without a memory looks this far back, and shows at most MANUAL_LIMIT records. */
export const MANUAL_LOOKBACK_MS = 24 * 3600 * SECOND;
export const MANUAL_LIMIT = 100;
/** A range ends this far before the gateway's measured time (a late Date header, a clock step). */
export const SAFETY_LAG_MS = 5 * SECOND;
/**
 * How far n8n's clock may be from the gateway's when the gateway sends no Date header: WDT
 * refuses a timestamp more than 5 minutes off, so a range that ends this far back is safe.
 */
export const WDT_CLOCK_TOLERANCE_MS = 300 * SECOND;
/** The poll that finds the cursor stopped at an incomplete window for this many polls in a row fails. */
export const HELD_POLLS_BEFORE_FAILING = 3;

/** The gateway's time at n8n's `now` (whole seconds) minus the safety lag; unknown offset: the tolerance. */
export function gatewayTime(now: number, offsetMs: number | undefined): number {
	return toWholeSecond(now + (offsetMs ?? -WDT_CLOCK_TOLERANCE_MS) - SAFETY_LAG_MS);
}

const FILTER_FIELDS: Array<{ filter: TriggerFilter; displayName: string; description: string }> = [
	{
		filter: 'shopNo',
		displayName: 'Shop Code',
		description: 'Only records of this shop (shop_no)',
	},
	{
		filter: 'warehouseNo',
		displayName: 'Warehouse Code',
		description: 'Only records of this warehouse (warehouse_no)',
	},
	{
		filter: 'status',
		displayName: 'Status',
		description:
			'Only records in this WDT status code (status), e.g. 95 (shipped) for orders; for refunds the process status (process_status, e.g. 20 waiting for review, 10 cancelled). Empty: any',
	},
	{
		filter: 'specNo',
		displayName: 'SKU Code',
		description: 'Only this SKU (spec_no)',
	},
];

/** Shop and warehouse are pick lists (resource locators); a trigger saved with a plain string keeps it. */
const LOCATOR_FILTERS: Partial<Record<TriggerFilter, LocatorKind>> = { shopNo: 'shop', warehouseNo: 'warehouse' };

const filterProperties: INodeProperties[] = FILTER_FIELDS.map(({ filter, displayName, description }) => {
	const field = { displayName, name: filter, description, displayOptions: { show: { event: eventsWith(filter) } } };
	const kind = LOCATOR_FILTERS[filter];
	return kind ? codeLocator(kind, field) : { ...field, type: 'string', default: '' };
});

/**
 * The event field. n8n's nodes panel lists each option as its own entry only when the field's
 * label is exactly "Event", "Events" or "Trigger On" (case aside): packages/frontend/editor-ui/src/
 * components/Node/NodeCreator/composables/useActionsGeneration.ts, triggersCategory:
 * `const matchingKeys = ['event', 'events', 'trigger on']`, matched against `displayName`.
 */
const eventProperty: INodeProperties = {
	displayName: 'Event',
	name: 'event',
	type: 'options',
	noDataExpression: true,
	default: 'orderUpdated',
	options: [
		...TRIGGER_EVENTS.map(({ value, name, description }) => ({ value, name, description })),
		SHIPMENTS_EVENT,
		STOCK_CHANGES_EVENT,
	],
};

/**
 * Polls one paged openapi2 query by time (its `modified`, or the time its range selects on: ship
 * time for stockouts) and emits each record created or changed since the last poll, one item per
 * record, each change once (docs/wdt-trigger.md). Ranges end at
 * the gateway's clock (its Date header), not n8n's; a window that cannot be read completely stops
 * the cursor at its start, and fails the poll after a few polls. The cursor, a short memory of
 * what was emitted and the clock offset live in the workflow's static data (trigger/cursor.ts);
 * a failed poll writes nothing; "Fetch test event" (manual mode) reads without touching them.
 */
export class WdtTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WDT Trigger',
		name: 'wdtTrigger',
		icon: { light: 'file:wdt.svg', dark: 'file:wdt.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: optionSubtitle(eventProperty),
		// The node's description: n8n shows the trigger's in the merged "WDT" panel entry (panelEntry.ts).
		description: WDT_DESCRIPTION,
		defaults: { name: 'WDT Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// A literal: n8n's linter reads it to see that every use of the credential is tested.
		credentials: [{ name: 'wdtApi', required: true, testedBy: 'wdtApiTest' }],
		properties: [
			eventProperty,
			...filterProperties,
			...shipmentProperties,
			...stockChangeProperties,
			reEmitProperty([SHIPMENTS_EVENT.value, STOCK_CHANGES_EVENT.value]),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Concurrency',
						name: 'concurrency',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 8 },
						default: 1,
						description: 'Requests in flight at once when a poll has many windows or pages',
					},
					{
						displayName: 'Overlap in Seconds',
						name: 'overlapSeconds',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 3600 },
						default: 60, // DEFAULT_OVERLAP_SECONDS
						description:
							'Each poll reads again this far back before the last one, so a record WDT shows late (or exactly at the border) is not missed; records already emitted with the same modified time are not emitted again',
					},
					{
						displayName: 'Start From',
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

	methods = {
		credentialTest: { wdtApiTest: testWdtApiCredential },
		listSearch: { searchShops, searchWarehouses },
	};

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
			const value = locatorValue(this.getNodeParameter(filter, ''));
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
		const clock = wdtTriggerClock.now;
		const started = clock();
		const gateway = await gatewayOrNodeError(this);
		const call = readCallOptions(options);
		const reading = { reads: eventReads(event, params), call, clock };

		if (manual) {
			// "Fetch test event": a look at recent records; the memory is left alone.
			const to = toWholeSecond(started + (memory.offsetMs ?? 0));
			const from =
				memory.cursor !== undefined
					? memory.cursor - overlapMs
					: startFrom !== undefined
						? toWholeSecond(startFrom)
						: to - MANUAL_LOOKBACK_MS;
			if (from >= to) return null;
			const read = await settle(
				readChanges(this, gateway, { ...reading, range: { from, to }, concurrency: clamp(options.concurrency, 1, 8, 1), limit: MANUAL_LIMIT }),
			);
			if (!read.ok) throw wdtNodeError(this.getNode(), read.error, { where: event.spec.endpoint });
			if (read.value.incomplete) throw wdtNodeError(this.getNode(), read.value.incomplete.error);
			return read.value.records.length > 0 ? [read.value.records.map((json) => ({ json }))] : null;
		}

		let offsetMs = memory.offsetMs;
		if (memory.cursor === undefined) {
			// First poll: measure the gateway's clock (one cheap read), so the first range is right too.
			const measured = await settle(measureGatewayOffset(this, gateway, { ...reading, at: toWholeSecond(started) }));
			if (!measured.ok) throw wdtNodeError(this.getNode(), measured.error, { where: event.spec.endpoint });
			offsetMs = measured.value;
			if (startFrom === undefined) {
				// After activation: start at the gateway's now, emit nothing older. (The measured offset
				// is a lower bound already: the range's safety lag is not needed to be safe here.)
				memory.offsetMs = offsetMs;
				memory.floor = gatewayTime(started, offsetMs) + SAFETY_LAG_MS;
				writeMemory(state, memory, memory.floor, 0);
				return null;
			}
		}

		// Each range ends at the gateway's time (its clock as measured, minus a lag), so a record it
		// writes after the read cannot fall before the cursor, whatever n8n's clock says.
		const to = gatewayTime(started, offsetMs);
		const from =
			memory.cursor !== undefined
				? Math.max(memory.cursor - overlapMs, memory.floor ?? Number.NEGATIVE_INFINITY)
				: toWholeSecond(startFrom as number);
		if (from >= to) return null;

		const read = await settle(
			readChanges(this, gateway, { ...reading, range: { from, to }, concurrency: clamp(options.concurrency, 1, 8, 1) }),
		);
		// A failed poll emits nothing and writes nothing: the next poll reads the same range again.
		if (!read.ok) throw wdtNodeError(this.getNode(), read.error, { where: event.spec.endpoint });
		const { records, incomplete, gatewayOffsetMs } = read.value;

		// A window that could not be read stops the cursor at its start (never moving it back);
		// and the cursor never passes the gateway's time as this poll measured it.
		let cursor = incomplete ? Math.max(memory.cursor ?? from, incomplete.from) : to;
		if (gatewayOffsetMs !== undefined) cursor = Math.min(cursor, gatewayTime(started, gatewayOffsetMs));
		let heldPolls = 0;
		if (incomplete) {
			heldPolls = memory.cursor !== undefined && cursor <= memory.cursor ? (memory.heldPolls ?? 0) + 1 : 1;
			if (heldPolls >= HELD_POLLS_BEFORE_FAILING) {
				throw wdtNodeError(this.getNode(), incomplete.error, {
					detail: `The trigger has stopped at this window for ${heldPolls} polls in a row: it keeps its place and reads the window again at every poll; nothing is emitted twice.`,
				});
			}
		}
		const emit = selectNew(records, memory, { key: event.spec.key, version: versionSpec(event.spec) ?? event.spec.timeField }, to);
		memory.offsetMs = gatewayOffsetMs ?? offsetMs;
		memory.heldPolls = heldPolls;
		writeMemory(state, memory, cursor, overlapMs);
		if (emit.length === 0) return null;
		return [emit.map((json) => ({ json }))];
	}
}
