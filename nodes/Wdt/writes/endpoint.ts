/**
 * What the write engine needs to know of one write endpoint: a new write (say sales_refund_push)
 * is one of these plus an operation file that checks its items, never a new engine.
 */
import type { IDataObject } from 'n8n-workflow';

import type { WdtParamValue } from '../protocol';

/**
 * How a code-0 answer says what was written:
 * - ack: every record not named in `errors` is acked (api_goods_stock_change_ack, logistics_sync_ack);
 * - push: `new_count` / `chg_count` count the records written (trade_push, api_goodsspec_push).
 */
export type AnswerStyle = 'ack' | 'push';

export interface WriteEndpoint<R> {
	/** e.g. 'trade_push.php' */
	endpoint: string;
	/** What one record is called in messages: 'record', 'order', 'SKU'. */
	noun: string;
	/** The field that keys a record, as messages name it: 'rec_id', 'tid', 'spec_id'. */
	keyName: string;
	/** Records per call: WDT's documented maximum (or the node's own cap) and the default. */
	maxBatch: number;
	defaultBatch: number;
	answer: AnswerStyle;
	/** The fields of an `errors` entry that may name the key (the first one present counts). */
	errorKeys: readonly string[];
	/** The JSON text of one record as it goes into the list (also compares duplicates). */
	wire: (record: R) => string;
	/**
	 * The JSON list of one call's records written in one go, when that is cheaper than joining
	 * each record's wire text; it must equal `[wire(first),wire(second),…]` (default: that join).
	 */
	listJson?: (records: R[]) => string;
	/** The parameters of one call: `list` is its records' JSON list, `group` their group (shop_no, or ''). */
	params: (list: string, group: string) => Record<string, WdtParamValue>;
	/** The values an output item shows of its record (the values sent). */
	shown: (record: R) => IDataObject;
	/** What is safe to re-run, for hints and error descriptions: "Acks are safe to repeat". */
	rerun: string;
	/** The hint of a record WDT refused while taking the others. */
	refusedHint?: string;
	/** Each output item also gets `acked: true | false` (WDT Ack Stock Sync's field, which workflows route on). */
	ackedField?: boolean;
	/** Words for conflicting duplicates (default: the key given several times with different contents). */
	conflict?: (key: string, records: Array<{ items: number[]; record: R }>) => { field: string; message: string };
}
