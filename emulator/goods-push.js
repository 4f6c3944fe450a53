// @ts-check
'use strict';

/**
 * api_goodsspec_push.php (平台货品推送): the shop's SKUs (平台货品) into the ERP, so stock sync
 * knows them.
 *
 *   api_goods_info = JSON {platform_id, shop_no, goods_list: [{goods_id, spec_id, spec_no,
 *     status (0 删除 / 1 在架 / 2 下架), goods_no?, goods_name?, spec_name?, spec_code?, pic_url?,
 *     price?, stock_num?, cid?}]}, 1..2000 rows; the whole list is checked first (else 2001).
 *   platform_id: 127 (其他平台, the usual value for self-built shops) or 0 (自有平台) — both
 *     readings are taken, as the public facts do not settle it; any other is refused.
 *   shop_no inside api_goods_info (public SDKs put it there); a top-level shop_no is accepted
 *     when the JSON has none.
 *
 * A row is keyed by shop + goods_id + spec_id (WDT: an existing one is overwritten); goods_name
 * is optional (docs/wdt-contract.md#api_goodsspec_push).
 * Answer {code: 0, message, new_count, chg_count}, or only {code, message} under the
 * goodsSpecPushCounts false reading (the counts are not documented). Effect: see ErpOrders.pushGoods.
 */

const { answer } = require('./codes');
const { JsonNumber, parse } = require('./lossless-json');
const { decimalUnits } = require('./params');

/** @typedef {import('./endpoints').EndpointContext} EndpointContext */
/** @typedef {import('./endpoints').EndpointAnswer} EndpointAnswer */

const MAX_ROWS = 2000;
const PLATFORM_IDS = ['127', '0'];

class BadGoods extends Error {}

/** @param {unknown} value */
function textOf(value) {
	return value instanceof JsonNumber ? value.text : typeof value === 'string' ? value : null;
}

/**
 * @param {Record<string, unknown>} raw
 * @param {string} where
 */
function readGoodsRow(raw, where) {
	/** @param {string} field @param {number} max @param {boolean} required */
	const text = (field, max, required) => {
		const value = raw[field];
		if (value === undefined || value === null || value === '') {
			if (required) throw new BadGoods(`${where}.${field} 不能为空`);
			return '';
		}
		const t = textOf(value);
		if (t === null) throw new BadGoods(`${where}.${field} 必须是字符串`);
		if (Array.from(t).length > max) throw new BadGoods(`${where}.${field} 超过${max}个字符`);
		return t;
	};
	const status = textOf(raw.status);
	if (status !== '0' && status !== '1' && status !== '2') {
		throw new BadGoods(`${where}.status 必须是0(删除)、1(在架)或2(下架)`);
	}
	for (const field of ['price', 'stock_num']) {
		const value = raw[field];
		if (value !== undefined && value !== null && value !== '' && decimalUnits(value) === null) {
			throw new BadGoods(`${where}.${field} 必须是最多4位小数的数字`);
		}
	}
	return {
		goods_id: text('goods_id', 40, true),
		spec_id: text('spec_id', 40, true),
		spec_no: text('spec_no', 40, true),
		goods_no: text('goods_no', 40, false),
		goods_name: text('goods_name', 256, false),
		spec_name: text('spec_name', 100, false),
		status: Number(status),
	};
}

/**
 * @param {Record<string, string>} params
 * @param {EndpointContext} ctx
 * @returns {EndpointAnswer}
 */
function goodsSpecPush(params, ctx) {
	const text = params.api_goods_info;
	if (!text) return answer('MISSING_PARAMETER', 'api_goods_info');
	let info;
	try {
		info = parse(text);
	} catch (error) {
		return answer(
			'BAD_PARAMETER',
			`api_goods_info 不是合法的JSON(${/** @type {Error} */ (error).message})`,
		);
	}
	if (
		info === null ||
		typeof info !== 'object' ||
		Array.isArray(info) ||
		info instanceof JsonNumber
	) {
		return answer('BAD_PARAMETER', 'api_goods_info 必须是JSON对象');
	}
	const shopNo = textOf(info.shop_no) ?? params.shop_no;
	if (!shopNo) return answer('MISSING_PARAMETER', 'api_goods_info.shop_no');
	const platformId = textOf(info.platform_id);
	if (platformId === null) return answer('MISSING_PARAMETER', 'api_goods_info.platform_id');
	if (!PLATFORM_IDS.includes(platformId)) {
		return answer(
			'BAD_PARAMETER',
			`platform_id ${platformId.slice(0, 20)}: 仅支持创建自有平台(127/0)的平台货品`,
		);
	}
	const shop = ctx.pool.activeShop(shopNo);
	if (!shop) return answer('SHOP_NOT_FOUND', shopNo);
	const list = info.goods_list;
	if (!Array.isArray(list) || list.length === 0) {
		return answer('BAD_PARAMETER', 'api_goods_info.goods_list 必须是非空数组');
	}
	if (list.length > MAX_ROWS) {
		return answer('BAD_PARAMETER', `goods_list 一次不能超过${MAX_ROWS}行,收到${list.length}行`);
	}
	let rows;
	try {
		/** @type {Set<string>} */
		const keys = new Set();
		rows = list.map((raw, index) => {
			const where = `goods_list[${index}]`;
			if (
				raw === null ||
				typeof raw !== 'object' ||
				Array.isArray(raw) ||
				raw instanceof JsonNumber
			) {
				throw new BadGoods(`${where} 必须是对象`);
			}
			const row = readGoodsRow(raw, where);
			const key = `${row.goods_id}\u0000${row.spec_id}`;
			if (keys.has(key)) {
				throw new BadGoods(
					`${where} goods_id ${row.goods_id} + spec_id ${row.spec_id} 在本次推送中重复`,
				);
			}
			keys.add(key);
			return row;
		});
	} catch (error) {
		if (error instanceof BadGoods) return answer('BAD_PARAMETER', error.message);
		throw error;
	}
	let newCount = 0;
	let chgCount = 0;
	for (const row of rows) {
		if (ctx.erpOrders.pushGoods(shop.shop_no, row) === 'new') newCount++;
		else chgCount++;
	}
	if (!ctx.world.readings.goodsSpecPushCounts) return { code: 0, message: 'OK' };
	return { code: 0, message: 'OK', new_count: newCount, chg_count: chgCount };
}

module.exports = { goodsSpecPush, MAX_ROWS };
