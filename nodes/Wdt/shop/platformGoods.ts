/**
 * Goods · Push Platform Goods (平台货品推送 api_goodsspec_push.php), the pure part: one item per
 * platform SKU (a row of the shop's goods), checked, in the goods_list shape. After the push the
 * ERP knows the shop's SKUs (平台货品), matched to its own goods by spec_no (商家编码), and the
 * stock-sync pool has a record per row.
 */
import { FieldProblem, isRecord, readAmount, readCode, readText } from './fields';

/** 0 删除 (deleted), 1 在架 (on sale), 2 下架 (off shelf). */
export const GOODS_STATUSES = [0, 1, 2] as const;
/** 127 = 其他平台 (other platform): the usual value for a self-built shop (not confirmed by WDT). */
export const DEFAULT_PLATFORM_ID = 127;

export interface PlatformGoodsRow {
	key: string;
	wire: Record<string, unknown>;
}

/**
 * Checks one row; extra fields go to WDT as given. goods_id, spec_id and spec_no are required;
 * goods_name is optional, as WDT documents it (docs/wdt-contract.md#api_goodsspec_push).
 */
export function checkGoodsRow(raw: unknown): PlatformGoodsRow {
	if (!isRecord(raw)) throw new FieldProblem('*', 'the item is not an object');
	const wire: Record<string, unknown> = { ...raw };
	wire.goods_id = readText(raw, 'goods_id', true);
	wire.spec_id = readText(raw, 'spec_id', true);
	wire.spec_no = readText(raw, 'spec_no', true);
	for (const field of ['goods_name', 'goods_no', 'spec_name', 'spec_code']) {
		const text = readText(raw, field, false);
		// Stryker disable next-line ConditionalExpression: setting the field to undefined instead of deleting it is the same row, as the row only leaves as JSON (merge and api_goods_info), which drops undefined
		if (text === undefined) delete wire[field];
		else wire[field] = text;
	}
	wire.status = readCode(raw, 'status', GOODS_STATUSES, 1);
	for (const field of ['price', 'stock_num']) {
		if (raw[field] === undefined || raw[field] === null || raw[field] === '') delete wire[field];
		else wire[field] = readAmount(raw, field, { min: 'zero' }).text;
	}
	return { key: wire.spec_id as string, wire };
}
