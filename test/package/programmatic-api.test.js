// @ts-check
'use strict';

/**
 * The package root after `npm run build` (the test command builds first): scripts outside n8n
 * rely on these names. The vector is WDT's official one from the public signing guide.
 */
const path = require('node:path');

const api = require(path.join(__dirname, '..', '..', 'index.js'));

const VECTOR = {
	appkey: 'test2-xx',
	sid: 'test2',
	timestamp: '1470042310',
	page_no: '0',
	page_size: '40',
	start_time: '2016-08-01 12:00:00',
	end_time: '2016-08-01 13:00:00',
};

describe("require('n8n-nodes-wdt')", () => {
	it('signs and packs the official vector', () => {
		expect(api.signParams(VECTOR, '12345')).toBe('ad4e6fe037ea6e3ba4768317be9d1309');
		expect(api.packParams(VECTOR)).toBe(
			'06-appkey:0008-test2-xx;08-end_time:0019-2016-08-01 13:00:00;07-page_no:0001-0;09-page_size:0002-40;03-sid:0005-test2;10-start_time:0019-2016-08-01 12:00:00;09-timestamp:0010-1470042310',
		);
	});

	it('exports the credential and error types a script needs', () => {
		expect(new api.WdtApi().name).toBe('wdtApi');
		expect(new api.WdtApiError(1007, '接口appkey已停用').kind).toBe('appkey-disabled');
		expect(typeof api.WdtProtocolError).toBe('function');
		for (const name of ['buildSignedParams', 'readWdtResponse', 'parseJsonLossless', 'signRequestOptions', 'describeWdtError']) {
			expect(typeof api[name]).toBe('function');
		}
	});
});
