// @ts-check
'use strict';

/**
 * The endpoints of the self-built shop integration (自有平台对接): orders in, shipments back,
 * platform goods, refunds in. The ERP side behind them is erp-orders.js and logistics.js.
 */

const { tradePush } = require('./trade-push');
const { logisticsSyncQuery, logisticsSyncAck } = require('./logistics-endpoints');
const { goodsSpecPush } = require('./goods-push');
const { salesRefundPush } = require('./refund-push');

/** @type {Readonly<Record<string, import('./endpoints').EndpointHandler>>} */
const SHOP_ENDPOINTS = Object.freeze({
	'trade_push.php': tradePush,
	'logistics_sync_query.php': logisticsSyncQuery,
	'logistics_sync_ack.php': logisticsSyncAck,
	'api_goodsspec_push.php': goodsSpecPush,
	'sales_refund_push.php': salesRefundPush,
});

module.exports = { SHOP_ENDPOINTS };
