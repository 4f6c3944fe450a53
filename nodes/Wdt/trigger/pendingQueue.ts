/**
 * One poll of a pending queue (a WDT query whose records stay pending until acked, with no page
 * number and no time range): the WDT Trigger's Stock Changes to Sync and Shipments to Sync events
 * and the hidden WDT Stock Change Trigger. Each shop is read with the one pending-queue reader
 * (stockChanges.ts queryShop), each rec_id is kept once with its newest values, and the re-emit
 * rule (emitWindow.ts) decides what is emitted. "Fetch test event" (manual mode) shows every
 * pending record and leaves the memory untouched.
 */
import type { INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';

import { gatewayOrNodeError, wdtNodeError } from '../nodeError';
import type { PendingSource, ShopQueryOptions, StockChangeRecord } from '../stockChanges';
import { queryShop } from '../stockChanges';
import { settle } from '../transport/retry';
import { wdtTriggerClock } from './clock';
import type { VersionOf } from './emitWindow';
import { reEmitWindowMs, selectAndRemember } from './emitWindow';

/** A queue as a trigger reads it. */
export interface PendingQueue {
	/** How one query is made and read; undefined: the stock-change query. */
	source?: PendingSource;
	/** What says a record changed (emitWindow.ts). */
	versionOf: VersionOf;
	/** How a failed shop is named in the poll's error. */
	where: (shopNo: string) => string;
}

export interface QueuePollSettings {
	shopNos: string[];
	query: Omit<ShopQueryOptions, 'shopNo' | 'source'>;
	/** The re-emit window (ms): reEmitWindowMs(). */
	windowMs: number;
}

export async function pollPendingQueue(
	context: IPollFunctions,
	queue: PendingQueue,
	settings: QueuePollSettings,
): Promise<INodeExecutionData[][] | null> {
	const gateway = await gatewayOrNodeError(context);
	// A rec_id read twice (two shops, or a record that changed between two queries) is one record
	// with its newest values, in the place it was first read.
	const byRecId = new Map<string, StockChangeRecord>();
	for (const shopNo of settings.shopNos) {
		// A failed shop fails the poll: nothing is emitted or remembered, the next poll tries again.
		const result = await settle(queryShop(context, gateway, { ...settings.query, shopNo, source: queue.source }));
		if (!result.ok) throw wdtNodeError(context.getNode(), result.error, { where: queue.where(shopNo) });
		for (const record of result.value.records) byRecId.set(record.rec_id, record);
	}
	let emit = [...byRecId.values()];
	if (context.getMode() !== 'manual') {
		emit = selectAndRemember(
			context.getWorkflowStaticData('node'),
			emit,
			queue.versionOf,
			settings.windowMs,
			wdtTriggerClock.now(),
		).emit;
	}
	if (emit.length === 0) return null;
	return [emit.map((json) => ({ json }))];
}

// ---------------------------------------------------------------- the WDT Trigger's queue events

/** The WDT Trigger's Re-Emit After default, the same for every queue event. */
export const DEFAULT_REEMIT_MINUTES = 10;

/** Re-Emit After, one field for the WDT Trigger's queue events (`events`: their values). */
export function reEmitProperty(events: string[]): INodeProperties {
	return {
		displayName: 'Re-Emit After in Minutes',
		name: 'reemitMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 10, // DEFAULT_REEMIT_MINUTES (a literal, for n8n's linter)
		displayOptions: { show: { event: events } },
		description:
			'A record emitted before and still pending (not acked) is emitted again after this long, so a slow run is not doubled and a failed one is retried; a record that changed is emitted at once. 0: every pending record on every poll.',
	};
}

/** The WDT Trigger's re-emit window (ms). */
export function readReEmitWindow(context: IPollFunctions): number {
	return reEmitWindowMs(context.getNodeParameter('reemitMinutes', DEFAULT_REEMIT_MINUTES), DEFAULT_REEMIT_MINUTES);
}
