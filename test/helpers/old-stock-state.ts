/**
 * The emulator state the saved-workflow fixtures (test/fixtures/saved-workflows/) belong to:
 * explicit rec_ids and counts, so a memory saved by an older version of the package names the
 * same records whatever the emulator's id generation does.
 */
import type { Emulator } from './wdt-node';

/** When the old trigger's memory in old-stock-change-trigger.workflow.json was saved (its poll). */
export const MEMORY_SAVED_AT = Date.UTC(2026, 0, 5, 8, 0, 0);

export const OLD_STATE_SHOPS = ['shop-a', 'shop-b'];

/** 12 pending stock changes per shop, 19-digit rec_ids beyond 2^53. */
export function seedOldState(emu: Emulator): void {
	emu.pool.clear();
	for (let i = 0; i < 12; i++) {
		emu.pool.addRecord({
			shop_no: 'shop-a',
			rec_id: (BigInt('2754327482516635662') + BigInt(i * 37)).toString(),
			sync_stock: 10 + i,
			stock_change_count: i + 1,
			spec_no: `A-${i}`,
			goods_name: `Goods A${i}`,
			modified: '2026-01-05 15:55:00',
		});
		emu.pool.addRecord({
			shop_no: 'shop-b',
			rec_id: (BigInt('2778958909363191820') + BigInt(i * 101)).toString(),
			sync_stock: 3 * i,
			stock_change_count: 3 * i + 1,
			spec_no: `B-${i}`,
			goods_name: `Goods B${i}`,
			modified: '2026-01-05 15:56:00',
		});
	}
}

/** Three pending shipments of shop-a, added straight to the logistics pool (rec_ids by its seed). */
export function seedOldShipments(emu: Emulator): Array<{ rec_id: string; tid: string }> {
	return ['T-OLD-1', 'T-OLD-2', 'T-OLD-3'].map((tid, i) =>
		emu.logistics.add({
			shop_id: '1',
			shop_no: 'shop-a',
			platform_id: 127,
			tid,
			oids: `${tid}-1`,
			trade_id: String(900 + i),
			delivery_term: 1,
			logistics_no: `SF10000000000${i}`,
			logistics_type: 8,
			logistics_name: '顺丰速运',
			logistics_code_erp: '8',
			logistics_name_erp: '顺丰速运',
			consign_time: 1767599000,
			created: 1767599000,
			modified: 1767599000,
		}),
	);
}
