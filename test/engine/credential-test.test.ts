import { CredentialTestContext } from 'n8n-core';
import type { ICredentialTestFunctions, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { CREDENTIAL_TEST_TIMEOUT_MS, checkWdtCredential, testWdtApiCredential } from '../../nodes/Wdt/credentialTest';
import { json, startHostileServer } from '../helpers/hostile-server';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/**
 * The credential test runs in n8n-core's real CredentialTestContext (the one the n8n server
 * uses), whose legacy request helper sends over HTTP to the emulator.
 */
let emu: Emulator;
const context = new CredentialTestContext({} as IWorkflowExecuteAdditionalData) as unknown as ICredentialTestFunctions;

beforeAll(async () => {
	emu = await startEmulator({
		accounts: [
			{ sid: 'wdt-demo', appkey: 'ok-key', appsecret: 'right-secret' },
			{ sid: 'wdt-demo', appkey: 'off-key', appsecret: 'right-secret', disabled: true },
			{ sid: 'wdt-demo', appkey: 'no-wh-key', appsecret: 'right-secret', deniedEndpoints: ['warehouse_query.php'] },
			{ sid: 'wdt-demo', appkey: 'no-read-key', appsecret: 'right-secret', deniedEndpoints: ['warehouse_query.php', 'shop.php'] },
		],
	});
});
afterAll(async () => {
	await emu.stop();
});

const credential = (appkey: string, appsecret = 'right-secret', extra: Record<string, string> = {}) => ({
	id: 'c',
	name: 'WDT',
	type: 'wdtApi',
	data: { sid: 'wdt-demo', appkey, appsecret, environment: 'custom', customUrl: emu.url, ...extra },
});

async function test(appkey: string, appsecret = 'right-secret', extra: Record<string, string> = {}) {
	return await testWdtApiCredential.call(context, credential(appkey, appsecret, extra));
}

describe('WDT credential test', () => {
	it('succeeds with the right credentials and judges the JSON code', async () => {
		await expect(test('ok-key')).resolves.toMatchObject({ status: 'OK' });
		const probe = emu.requests.at(-1);
		expect(probe?.endpoint).toBe('warehouse_query.php');
		expect(probe?.accepted).toBe(true);
		expect(probe?.params?.page_size).toBe('1');
	});

	it('says the signature was rejected for a wrong secret', async () => {
		const result = await test('ok-key', 'wrong-secret');
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Signature rejected/);
		expect(result.message).toMatch(/App Secret/);
		expect(result.message).not.toContain('wrong-secret');
	});

	it('does not call a disabled appkey wrong credentials', async () => {
		const result = await test('off-key');
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/disabled, not wrong/);
	});

	it('falls back to shop.php when warehouse_query.php is not permitted', async () => {
		const result = await test('no-wh-key');
		expect(result.status).toBe('OK');
		expect(result.message).toMatch(/no permission for warehouse_query\.php/);
	});

	it('names a missing permission, not wrong credentials, when no probe is permitted', async () => {
		const result = await test('no-read-key');
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/no permission for warehouse_query.php or shop.php, so the credential cannot be confirmed\. The app has no permission/);
		expect(result.message).not.toMatch(/wrong/i);
	});

	it('names an unknown appkey and an unreachable gateway', async () => {
		const unknown = await test('nobody');
		expect(unknown.status).toBe('Error'); // the success message names the App Key too
		expect(unknown.message).toMatch(/App Key|appkey/);
		const unreachable = await test('ok-key', 'right-secret', { customUrl: 'http://127.0.0.1:1/openapi2/' });
		expect(unreachable.status).toBe('Error');
		// Two sentences, each ending with its full stop: what happened, then what to check.
		expect(unreachable.message).toBe(
			'Could not reach the WDT gateway: connection refused. Check the Gateway URL of the credential (Environment) and that the n8n server can reach it.',
		);
	});

	it('refuses a custom gateway that is not an absolute http(s) URL', async () => {
		const result = await test('ok-key', 'right-secret', { customUrl: 'ftp://example/openapi2' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/http:\/\/ or https:\/\//);
	});

	it('ends a trickling answer at its own total bound, calling it a timeout', async () => {
		// The bound is 15 s in n8n (CREDENTIAL_TEST_TIMEOUT_MS); the same code with 1.5 s keeps this test short.
		expect(CREDENTIAL_TEST_TIMEOUT_MS).toBe(15000);
		emu.faults.add({ kind: 'trickle', ms: 200 });
		try {
			const result = await checkWdtCredential(context.helpers, credential('ok-key'), 1500);
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/within 1500 ms/);
			expect(result.message).not.toMatch(/Gateway URL/);
		} finally {
			emu.faults.clear();
		}
	}, 9000); // the failing condition: a trickle without a total bound takes far longer

	it('does not follow a redirect, and names where it pointed', async () => {
		const other = await startEmulator({});
		emu.faults.add({ kind: 'redirect', status: 307, location: `${other.url}warehouse_query.php` });
		try {
			const result = await test('ok-key');
			expect(result.status).toBe('Error');
			expect(result.message).toContain(`HTTP 307 and redirects to ${other.url}warehouse_query.php`);
			expect(result.message).toMatch(/final address/);
			expect(other.requests).toHaveLength(0);
		} finally {
			emu.faults.clear();
			await other.stop();
		}
	});

	it('reads HTTP 300–399 as a redirect and 400 as a refusal, whatever the body says', async () => {
		const ok = '{"code":0,"message":"ok"}';
		const at300 = await startHostileServer(json(ok, 300, { Location: 'https://elsewhere/openapi2/' }));
		const at399 = await startHostileServer(json(ok, 399));
		const at400 = await startHostileServer(json(ok, 400));
		try {
			const a = await test('ok-key', 'right-secret', { customUrl: at300.url });
			expect(a).toMatchObject({ status: 'Error', message: expect.stringMatching(/HTTP 300 and redirects to https:\/\/elsewhere\/openapi2\/.*final address/) });
			const b = await test('ok-key', 'right-secret', { customUrl: at399.url });
			expect(b).toMatchObject({ status: 'Error', message: expect.stringMatching(/HTTP 399.*final address/) });
			const c = await test('ok-key', 'right-secret', { customUrl: at400.url });
			expect(c).toMatchObject({ status: 'Error', message: expect.stringMatching(/HTTP 400.*refused the request/) });
			expect(c.message).not.toMatch(/redirect/);
		} finally {
			await at300.close();
			await at399.close();
			await at400.close();
		}
	});

	it('does not call code null a success, and hints at /openapi2/ for a 404', async () => {
		const nullCode = await startHostileServer(json('{"code":null,"message":"OK"}'));
		const notFound = await startHostileServer(json('{"error":"no route"}', 404));
		try {
			const a = await test('ok-key', 'right-secret', { customUrl: nullCode.url });
			expect(a).toMatchObject({ status: 'Error', message: expect.stringMatching(/"code" is null/) });
			const b = await test('ok-key', 'right-secret', { customUrl: notFound.url });
			expect(b).toMatchObject({ status: 'Error', message: expect.stringMatching(/HTTP 404 from the gateway.*probably lacks \/openapi2\//) });
		} finally {
			await nullCode.close();
			await notFound.close();
		}
	});

	it('stops reading an answer that arrives after its total bound (its stream would keep the socket open)', async () => {
		// The legacy helper takes no abort signal, so its answer can still come after the bound; no
		// server can time that reliably against the helper's own timeout, so the helper is a stand-in here.
		let destroyed = 0;
		const late = { statusCode: 200, headers: {}, body: { destroy: () => destroyed++ } };
		let arrived = false;
		const helpers = {
			request: async () => {
				await sleep(150);
				arrived = true;
				return late;
			},
		} as unknown as ICredentialTestFunctions['helpers'];
		const result = await checkWdtCredential(helpers, credential('ok-key'), 50);
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/within 50 ms/) });
		expect(arrived).toBe(false);
		await sleep(300);
		expect(arrived).toBe(true);
		expect(destroyed).toBe(1);
	});
});
