// @ts-check
'use strict';

/**
 * Orders and calls for the shop-loop tests: a valid trade_push order for stock-pool rows, with
 * amounts that add up, and signed calls of the shop endpoints. Uses the test-side signer.
 */

const { call } = require('./support');

/** @typedef {import('../../emulator').Emulator} Emulator */

/**
 * A valid paid order (款到发货, 已付款) with one line per row, `num` each, price 10.00.
 * @param {string} tid
 * @param {Array<{ goods_id: number | string, spec_id: number | string, goods_no: string, spec_no: string, goods_name: string, spec_name: string }>} rows
 * @param {{ num?: number, overrides?: Record<string, unknown>, lineOverrides?: Record<string, unknown> }} [options]
 * @returns {Record<string, any>}
 */
function paidOrder(tid, rows, options = {}) {
	const num = options.num ?? 2;
	const lines = rows.map((row, index) => ({
		oid: `${tid}-${index + 1}`,
		num,
		price: '10.00',
		status: 30,
		refund_status: 0,
		goods_id: String(row.goods_id),
		spec_id: String(row.spec_id),
		goods_no: row.goods_no,
		spec_no: row.spec_no,
		goods_name: row.goods_name,
		spec_name: row.spec_name,
		adjust_amount: '0',
		discount: '0',
		share_discount: '0',
		...options.lineOverrides,
	}));
	return {
		tid,
		trade_status: 30,
		pay_status: 2,
		delivery_term: 1,
		trade_time: '2026-11-28 10:00:00',
		pay_time: '2026-11-28 10:01:00',
		buyer_nick: `buyer-${tid}`,
		receiver_name: '张伟',
		receiver_province: '浙江省',
		receiver_city: '杭州市',
		receiver_district: '西湖区',
		receiver_address: '文一西路1号',
		receiver_mobile: '13800000000',
		post_amount: '8.00',
		cod_amount: '0',
		ext_cod_fee: '0',
		other_amount: '0',
		paid: (rows.length * num * 10 + 8).toFixed(2),
		order_list: lines,
		...options.overrides,
	};
}

/**
 * @param {Emulator} emu
 * @param {string} shopNo
 * @param {unknown[] | string} orders an array (JSON-encoded here) or raw trade_list text
 * @param {Record<string, string>} [extra] e.g. { switch: '1' }
 */
function pushTrades(emu, shopNo, orders, extra = {}) {
	return call(emu, 'trade_push.php', {
		shop_no: shopNo,
		trade_list: typeof orders === 'string' ? orders : JSON.stringify(orders),
		...extra,
	});
}

/**
 * @param {Emulator} emu
 * @param {string} shopNo
 * @param {number} [limit]
 */
function queryLogistics(emu, shopNo, limit = 100) {
	return call(emu, 'logistics_sync_query.php', { shop_no: shopNo, limit: String(limit) });
}

/**
 * @param {Emulator} emu
 * @param {unknown[] | string} list
 */
function ackLogistics(emu, list) {
	return call(emu, 'logistics_sync_ack.php', {
		logistics_list: typeof list === 'string' ? list : JSON.stringify(list),
	});
}

/**
 * The first `count` stock-pool rows of a shop.
 * @param {Emulator} emu
 * @param {string} shopNo
 * @param {number} count
 */
function shopRows(emu, shopNo, count) {
	return emu.pool
		.all()
		.filter((row) => row.shop_no === shopNo)
		.slice(0, count);
}

module.exports = { paidOrder, pushTrades, queryLogistics, ackLogistics, shopRows };
