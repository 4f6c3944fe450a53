/**
 * The shipments loop (物流同步), the pure part: logistics_sync_query records as the nodes output
 * them (rec_id an exact string, order numbers and tracking numbers always text), and the checked
 * entries of logistics_sync_ack (status 0 = the shop took the shipment, 1 = it refused, with why).
 */
import type { IDataObject } from 'n8n-workflow';

import { WdtProtocolError } from '../protocol';
import { WRITE_ENDPOINTS } from '../protocol/catalogue';
import type { PendingSource, StockChangeRecord } from '../stockChanges';
import { normalisePending, recIdText, toNumberIfExact } from '../stockChanges';
import { FieldProblem } from './fields';

export const QUERY_ENDPOINT = 'logistics_sync_query.php';
export const ACK_ENDPOINT = 'logistics_sync_ack.php';
/** logistics_sync_query takes limit 1–100. */
export const MAX_QUERY_LIMIT = 100;
/** logistics_sync_ack: at most 50 records a call (docs/wdt-contract.md#logistics_sync_ack). */
export const MAX_ACK_LIST = WRITE_ENDPOINTS.logistics_sync_ack.maxBatch;

/** Fields that are codes or numbers the shop shows as text (a tracking number is never arithmetic). */
const TEXT_FIELDS = new Set(['tid', 'oids', 'shop_no', 'logistics_no', 'logistics_code', 'logistics_name', 'platform_id']);

export type ShipmentRecord = StockChangeRecord;

/**
 * A shipment's field: a text field is text in either form WDT writes numbers in (docs/wdt-contract.md:
 * numbers may all come as strings), so platform_id is '127' whether it came as 127 or "127"; other
 * ids and is_part_sync numbers when exact; anything else as sent.
 */
function shipmentField(key: string, value: unknown): IDataObject[string] {
	if (TEXT_FIELDS.has(key)) return typeof value === 'number' || typeof value === 'bigint' ? String(value) : (value as IDataObject[string]);
	if (key.endsWith('_id') || key === 'is_part_sync') return toNumberIfExact(value) as IDataObject[string];
	return value as IDataObject[string];
}

/** One entry of logistics_sync_query's `trades` → an output record. */
export function normaliseShipment(raw: unknown, shopNo: string): ShipmentRecord {
	return normalisePending(raw, shopNo, 'a logistics record', shipmentField);
}

/** The `trades` of one answer, normalised. */
export function readShipments(body: Record<string, unknown>, shopNo: string): ShipmentRecord[] {
	const list = body.trades;
	if (list === undefined || list === null || list === '') return [];
	if (!Array.isArray(list)) throw new WdtProtocolError(`WDT answered "trades" that is not a list (shop ${shopNo})`);
	return list.map((entry) => normaliseShipment(entry, shopNo));
}

/** The pending queue of logistics_sync_query, for the stock query's fetch-all loop (queryShop). */
export function shipmentSource(partSync: boolean | undefined): PendingSource {
	return {
		endpoint: QUERY_ENDPOINT,
		params: partSync === undefined ? undefined : { is_part_sync_able: partSync ? 1 : 0 },
		read: readShipments,
	};
}

/** One entry of logistics_list. */
export interface ShipmentAck {
	rec_id: string;
	status: 0 | 1;
	message: string;
}

/** A boolean as an expression may give it: true/false, "true"/"false". */
function readFlag(value: unknown, field: string): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw new FieldProblem(field, `Synced to Shop must be true or false, not ${JSON.stringify(value)}`);
}

/**
 * Checks one item's values. The message is optional for both statuses, as WDT documents it
 * (docs/wdt-contract.md#logistics_sync_ack: message 必须 否): WDT takes a refusal without one, so the
 * node does not refuse what WDT takes; the shop's reason is worth sending, as WDT shows it in the ERP.
 */
export function checkShipmentAck(values: { recId: unknown; synced: unknown; message: unknown }): ShipmentAck {
	const recId = recIdText(values.recId);
	if (recId === undefined) {
		const hint =
			typeof values.recId === 'number' ? ' (a number beyond 2^53 is already rounded: keep rec_id as text)' : '';
		throw new FieldProblem('recId', `Record ID (rec_id) must be the decimal id from the query, not ${JSON.stringify(values.recId) ?? 'empty'}${hint}`);
	}
	const synced = readFlag(values.synced, 'syncedToShop');
	const message = values.message === undefined || values.message === null ? '' : String(values.message);
	return { rec_id: recId, status: synced ? 0 : 1, message };
}

/** One entry of logistics_list: rec_id as a JSON string, exact for 19 digits in every client. */
export function shipmentAckJson(ack: ShipmentAck): string {
	return JSON.stringify({ rec_id: ack.rec_id, status: ack.status, message: ack.message });
}
