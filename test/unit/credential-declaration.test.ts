import { WdtApi } from '../../credentials/WdtApi.credentials';
import { CREDENTIAL_TYPE } from '../../nodes/Wdt/transport';

/** What n8n reads from the credential class besides its words (those are checked by lint). */
describe('WdtApi declaration', () => {
	const credential = new WdtApi();

	it('is registered under the name the nodes ask for', () => {
		expect(credential.name).toBe(CREDENTIAL_TYPE);
		expect(CREDENTIAL_TYPE).toBe('wdtApi');
	});

	it('shows the nodes\' icons (test/package checks that the files are in the built package)', () => {
		expect(credential.icon).toEqual({ light: 'file:../nodes/Wdt/wdt.svg', dark: 'file:../nodes/Wdt/wdt.dark.svg' });
	});

	it('asks for sid, appkey, a password-typed appsecret, environment and a custom URL shown only for "custom"', () => {
		const byName = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
		expect(Object.keys(byName)).toEqual(['sid', 'appkey', 'appsecret', 'environment', 'customUrl']);
		expect(Object.values(byName).map((p) => [p.type, p.default, p.required ?? false])).toEqual([
			['string', '', true],
			['string', '', true],
			['string', '', true],
			['options', 'production', false],
			['string', '', true],
		]);
		expect(byName.appsecret.typeOptions).toEqual({ password: true });
		expect(byName.customUrl.displayOptions).toEqual({ show: { environment: ['custom'] } });
	});
});
