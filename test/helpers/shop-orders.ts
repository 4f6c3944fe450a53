import type { IDataObject } from 'n8n-workflow';

/** Orders for the shop tests, in trade_push's field names. */
/** A paid order that adds up: 2 × 19.90 + 1 × 5.5 − 0.30 share_discount + 8 post = 53.00. */
export function paidOrder(tid = 'T1', extra: IDataObject = {}): IDataObject {
	return {
		tid,
		trade_status: 30,
		pay_status: 2,
		delivery_term: 1,
		trade_time: '2026-11-28 10:00:00',
		pay_time: '2026-11-28 10:01:00',
		buyer_nick: 'momo_88',
		receiver_name: '张三',
		receiver_province: '浙江省',
		receiver_city: '杭州市',
		receiver_district: '西湖区',
		receiver_address: '文一西路 1 号',
		receiver_mobile: '13800000000',
		post_amount: '8',
		paid: '53.00',
		order_list: [
			{ oid: `${tid}-1`, num: 2, price: '19.90', status: 30, goods_id: 'G1', goods_name: '杯子', spec_no: 'SKU-1', share_discount: '0.30' },
			{ oid: `${tid}-2`, num: '1', price: 5.5, status: 30, goods_id: 'G2', goods_name: '勺子', spec_no: 'SKU-2' },
		],
		...extra,
	};
}

