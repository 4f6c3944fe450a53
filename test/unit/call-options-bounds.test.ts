import { callOptionProperties, callOptionsCollection, clamp, readCallOptions } from '../../nodes/Wdt/callOptions';

describe('clamp', () => {
	it('rounds down, bounds, and takes the fallback for anything that is not a finite number', () => {
		expect(clamp(2.9, 0, 10, 3)).toBe(2);
		expect(clamp(-0.5, -5, 10, 3)).toBe(-1);
		expect(clamp(-1, 0, 10, 3)).toBe(0);
		expect(clamp(11, 0, 10, 3)).toBe(10);
		expect(clamp('5', 0, 10, 3)).toBe(3);
		expect(clamp(Number.POSITIVE_INFINITY, 0, 10, 3)).toBe(3);
		expect(clamp(undefined, 0, 10, 3)).toBe(3);
		expect(clamp(null, 0, 10, 20)).toBe(10); // a fallback outside the range is bounded too
	});
});

describe('readCallOptions bounds', () => {
	it('keeps the timeout between 1 ms and 10 minutes', () => {
		expect(readCallOptions({ timeoutMs: 0 }).timeoutMs).toBe(1);
		expect(readCallOptions({ timeoutMs: 1e9 }).timeoutMs).toBe(600000);
		expect(readCallOptions({ timeoutMs: 1234.9 }).timeoutMs).toBe(1234);
	});

	it('keeps retries within 0–10 and the first wait within 0–30 s; the cap stays 30 s', () => {
		const read = readCallOptions({ maxRetries: 2.9, retryDelayMs: 1e9 });
		expect(read.retry).toEqual({ maxRetries: 2, baseDelayMs: 30000, maxDelayMs: 30000 });
		expect(readCallOptions({ maxRetries: -1, retryDelayMs: 250 }).retry).toEqual({ maxRetries: 0, baseDelayMs: 250, maxDelayMs: 30000 });
	});

	it('offers in the form the same bounds it applies', () => {
		const byName = Object.fromEntries(callOptionProperties('query').map((p) => [p.name, p]));
		expect(Object.keys(byName)).toEqual(['maxRetries', 'retryDelayMs', 'timeoutMs']);
		expect(byName.maxRetries.typeOptions).toEqual({ minValue: 0, maxValue: 10 });
		expect(byName.retryDelayMs.typeOptions).toEqual({ minValue: 0 });
		expect(byName.timeoutMs.typeOptions).toEqual({ minValue: 1 });
		expect(Object.values(byName).map((p) => p.type)).toEqual(['number', 'number', 'number']);
	});

	it('wraps them in an "options" collection with nothing preset', () => {
		const collection = callOptionsCollection('batch');
		expect(collection).toMatchObject({ name: 'options', type: 'collection', default: {} });
		expect(collection.options).toEqual(callOptionProperties('batch'));
	});
});
