import { sentences } from '../../nodes/Wdt/credentialTest';

describe('sentences (the credential test joins what happened and what to check)', () => {
	it('ends each text with a full stop unless it ends with . ! or ?, and joins them with one space', () => {
		expect(sentences('Could not reach the gateway', 'Check the URL')).toBe('Could not reach the gateway. Check the URL.');
		expect(sentences('Done.', 'Really!', 'Why?', 'Now')).toBe('Done. Really! Why? Now.');
	});

	it('trims each text and leaves out the empty ones (no stray full stop or double space)', () => {
		expect(sentences('  What happened  ', '', '   ', '\tWhat to check\n')).toBe('What happened. What to check.');
		expect(sentences('', '  ')).toBe('');
	});

	it('looks only at the last character: a full stop inside a text is not its end', () => {
		expect(sentences('v1.2 failed', 'see docs.n8n.io')).toBe('v1.2 failed. see docs.n8n.io.');
	});
});
