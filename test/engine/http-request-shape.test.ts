import { startEmulator } from '../../emulator';
import { chain, emulatorCredentials, runWorkflow, sourceNode, wdtNode } from '../helpers/engine';
import { LegacyRequestNode } from '../helpers/legacy-request-node';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/**
 * The credential in the request shape of n8n's HTTP Request node (legacy `uri` + `qs` + `form`),
 * sent by n8n-core's own legacy request adapter to the emulator. (`npm run e2e` does the same with
 * the real HTTP Request node in the n8n app.)
 */
let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ pool: { shops: ['店铺01'], perShop: 3 } });
});
afterAll(async () => {
	await emu.stop();
});

async function call(request: Record<string, unknown>) {
	const node = wdtNode('test.legacyRequest', 'Call', { requestJson: JSON.stringify(request) });
	return await runWorkflow({
		nodeTypes: { 'test.legacyRequest': new LegacyRequestNode() },
		nodes: [sourceNode([{}]), node],
		connections: chain('Source', 'Call'),
		credentials: emulatorCredentials(emu),
	});
}

describe('the credential in the HTTP Request node shape', () => {
	it('signs a form body with query parameters and CJK values so that the gateway accepts it', async () => {
		const result = await call({
			method: 'POST',
			uri: `${emu.url}api_goods_stock_change_query.php?limit=2`,
			qs: { note: '中文😀' },
			form: { shop_no: '店铺01' },
			json: true,
		});
		expect(result.error).toBeUndefined();
		const last = emu.requests.at(-1);
		expect(last?.accepted).toBe(true);
		expect(last?.params).toMatchObject({ shop_no: '店铺01', limit: '2', note: '中文😀' });
		expect(result.output('Call')[0].json).toMatchObject({ code: 0, current_count: 2 });
	});

	it('signs a JSON body given as key/value pairs', async () => {
		const result = await call({ method: 'POST', uri: `${emu.url}warehouse_query.php`, body: { page_size: 1 }, json: true });
		expect(result.error).toBeUndefined();
		expect(emu.requests.at(-1)?.accepted).toBe(true);
	});
});
