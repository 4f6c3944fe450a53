// @ts-check
'use strict';

/**
 * The readings of the facts docs/wdt-contract.md marks *assumed*: one option each, so tests run
 * the emulator under every reading ("Assumed facts and their emulator switches" in the contract).
 * The defaults are the readings the package was built on; the other value is the other reading.
 */

/**
 * @typedef {object} Readings
 * @property {boolean} keylessStockRows        stock_query / stock_query_detail rows without rec_id (and ids);
 *                                             identity spec_no + warehouse_no (default false)
 * @property {boolean} warehouseRowsWithoutId  warehouse_query rows without warehouse_id (default false)
 * @property {'30d' | '60m'} hisWindow         longest window of the his_* endpoints (default '30d')
 * @property {number | null} archiveAfterDays  null: live and his_* endpoints serve every age (default);
 *                                             N: live endpoints serve the last N days, his_* only older
 * @property {'list' | 'none'} tradePushErrors trade_push names refused orders in errors[] (default) or
 *                                             answers only the counts
 * @property {'whole' | 'list'} refundPushErrors  sales_refund_push refuses the whole call for one bad
 *                                             refund (default), or takes the others and names the bad
 *                                             ones in errors: [{refund_no, error}] with code 0
 * @property {'goods' | 'specs'} goodsWindow   a spec change moves goods_modified too (default), or only
 *                                             its spec_modified (the window then also looks at specs)
 * @property {'optional' | 'required'} logisticsQueryShop  logistics_sync_query without a shop (default: all shops)
 * @property {'all' | 'refused'} stockQueryWithoutRange    stock_query without range and spec_no (default: all rows)
 * @property {boolean} goodsSpecPushCounts     api_goodsspec_push answers new_count / chg_count (default true)
 * @property {boolean} enforceAdvisedLimits    more than WDT's advised batch (50 orders, 50 acks, 10
 *                                             refunds) is refused with 2001 (default true)
 * @property {100 | 40} pageSizeCap            trade_query / refund_query (and his_*) page size: 100
 *                                             (more refused, default) or served 40 rows at most, silently
 * @property {'doc' | 'clients'} refundTypes   sales_refund_push `type`: the doc's 1 退款(未发货), 2 退货退款,
 *                                             4 退款不退货 (default; 3 refused), or public clients' 1 退款,
 *                                             2 退款不退货, 3 退货 (4 refused)
 * @property {'shipWarehouse' | 'returnWarehouse'} returnStock  where a received return's goods go: the
 *                                             warehouse the order shipped from, available to the shops
 *                                             again (default), or the return warehouse (退货仓), which
 *                                             the shops' stock does not count
 */

/** @type {Readonly<Readings>} */
const DEFAULT_READINGS = Object.freeze({
	keylessStockRows: false,
	warehouseRowsWithoutId: false,
	hisWindow: '30d',
	archiveAfterDays: null,
	tradePushErrors: 'list',
	refundPushErrors: 'whole',
	goodsWindow: 'goods',
	logisticsQueryShop: 'optional',
	stockQueryWithoutRange: 'all',
	goodsSpecPushCounts: true,
	enforceAdvisedLimits: true,
	pageSizeCap: 100,
	refundTypes: 'doc',
	returnStock: 'shipWarehouse',
});

/** Allowed values of each reading (null/number for archiveAfterDays is checked apart). */
const CHOICES = Object.freeze({
	keylessStockRows: [false, true],
	warehouseRowsWithoutId: [false, true],
	hisWindow: ['30d', '60m'],
	tradePushErrors: ['list', 'none'],
	refundPushErrors: ['whole', 'list'],
	goodsWindow: ['goods', 'specs'],
	logisticsQueryShop: ['optional', 'required'],
	stockQueryWithoutRange: ['all', 'refused'],
	goodsSpecPushCounts: [true, false],
	enforceAdvisedLimits: [true, false],
	pageSizeCap: [100, 40],
	refundTypes: ['doc', 'clients'],
	returnStock: ['shipWarehouse', 'returnWarehouse'],
});

/**
 * The readings of startEmulator's options, checked (a typo must not silently test the default).
 * @param {Partial<Readings>} options
 * @returns {Readings}
 */
function readReadings(options) {
	/** @type {Record<string, unknown>} */
	const out = { ...DEFAULT_READINGS };
	for (const name of Object.keys(DEFAULT_READINGS)) {
		const value = /** @type {Record<string, unknown>} */ (options)[name];
		if (value === undefined) continue;
		if (name === 'archiveAfterDays') {
			if (value !== null && !(typeof value === 'number' && value > 0)) {
				throw new Error(`startEmulator: archiveAfterDays must be null or a positive number of days, not ${String(value)}`);
			}
		} else if (!(/** @type {readonly unknown[]} */ (CHOICES[/** @type {keyof typeof CHOICES} */ (name)]).includes(value))) {
			throw new Error(
				`startEmulator: ${name} must be one of ${JSON.stringify(CHOICES[/** @type {keyof typeof CHOICES} */ (name)])}, not ${JSON.stringify(value)}`,
			);
		}
		out[name] = value;
	}
	return /** @type {Readings} */ (out);
}

module.exports = { DEFAULT_READINGS, CHOICES, readReadings };
