/**
 * index.d.ts — the types a script gets from require('n8n-nodes-wdt') — agrees with index.js.
 * The compiler does most of it (`npm run typecheck`, after the build has emitted dist/types/):
 * each `Same<…> = true` below stops compiling when the declarations and the sources part ways.
 */
import type * as Typed from '../../index';
import * as protocol from '../../nodes/Wdt/protocol';
import { signRequestOptions } from '../../nodes/Wdt/signRequest';
import { WdtApi } from '../../credentials/WdtApi.credentials';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Every protocol export is declared, with the source's exact type, and nothing more. */
const protocolMatches: Same<Omit<typeof Typed, 'WdtApi' | 'signRequestOptions'>, typeof protocol> = true;
const signMatches: Same<typeof Typed.signRequestOptions, typeof signRequestOptions> = true;
/** The credential class satisfies its declared type (ICredentialType, constructed without arguments). */
const credentialMatches: typeof Typed.WdtApi = WdtApi;

/** The built package root, loaded as a script loads it. */
const api: typeof Typed = require('../../index.js');

describe('index.d.ts matches index.js', () => {
	test('the compile-time checks above hold (they fail `npm run typecheck`, not this line)', () => {
		expect([protocolMatches, signMatches, typeof credentialMatches]).toEqual([true, true, 'function']);
	});

	test('index.js exports exactly what index.d.ts declares: the protocol core, WdtApi, signRequestOptions', () => {
		expect(Object.keys(api).sort()).toEqual([...Object.keys(protocol), 'WdtApi', 'signRequestOptions'].sort());
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
