/**
 * index.d.ts — the types a script gets from require('n8n-nodes-wdt') — agrees with index.js.
 * The compiler does most of it (`npm run typecheck`, after the build has emitted dist/types/):
 * each `Same<…> = true` below stops compiling when the declarations and the sources part ways.
 */
// Typed by index.d.ts; at run time jest loads index.js, the built package root, as a script does.
import * as api from '../../index';
import * as protocol from '../../nodes/Wdt/protocol';
import { signRequestOptions } from '../../nodes/Wdt/signRequest';
import { WdtApi } from '../../credentials/WdtApi.credentials';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Every protocol export is declared, with the source's exact type, and nothing more. */
const protocolMatches: Same<Omit<typeof api, 'WdtApi' | 'signRequestOptions'>, typeof protocol> = true;
const signMatches: Same<typeof api.signRequestOptions, typeof signRequestOptions> = true;
/** The credential class satisfies its declared type (ICredentialType, constructed without arguments). */
const credentialMatches: typeof api.WdtApi = WdtApi;

describe('index.d.ts matches index.js', () => {
	test('the compile-time checks above hold (they fail `npm run typecheck`, not this line)', () => {
		expect([protocolMatches, signMatches, typeof credentialMatches]).toEqual([true, true, 'function']);
	});

	test('index.js exports exactly what index.d.ts declares: the protocol core, WdtApi, signRequestOptions', () => {
		// esModuleInterop's namespace object adds `default`
		const exported = Object.keys(api).filter((key) => key !== 'default');
		expect(exported.sort()).toEqual([...Object.keys(protocol), 'WdtApi', 'signRequestOptions'].sort());
	});

	test('a typed script can use what is declared', () => {
		const signed = api.signRequestOptions(
			{ sid: 'test2', appkey: 'test2-xx', appsecret: '12345' },
			{ url: 'https://example.invalid/openapi2/stock_sync.php', method: 'POST', body: { page_no: '0' } },
			() => 1470042310,
		);
		expect(signed.body).toMatch(/^page_no=0&.*&timestamp=1470042310&sign=[0-9a-f]{32}$/);
		expect(new api.WdtApi().name).toBe('wdtApi');
	});
});
