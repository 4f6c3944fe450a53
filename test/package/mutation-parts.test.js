// @ts-check
'use strict';

/**
 * `npm run mutation` runs Stryker in parts (scripts/mutation.js). The parts must together mutate
 * every product file once: a file left out would never be measured, one in two parts would count
 * twice in the overall score.
 */
const fs = require('node:fs');
const path = require('node:path');

const { PARTS, parseArgs } = require('../../scripts/mutation');

const ROOT = path.resolve(__dirname, '..', '..');

/** Stryker's globs as used here: `**\/` any folders, `*` within one name. @param {string} glob */
function globToRegExp(glob) {
	const escaped = glob
		.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
		.replace(/\*\*\//g, '\u0000')
		.replace(/\*/g, '[^/]*')
		.replace(/\u0000/g, '(?:[^/]+/)*');
	return new RegExp(`^${escaped}$`);
}

/** @param {string[]} patterns @param {string} file */
function matches(patterns, file) {
	const included = patterns.filter((p) => !p.startsWith('!')).some((p) => globToRegExp(p).test(file));
	const excluded = patterns.filter((p) => p.startsWith('!')).some((p) => globToRegExp(p.slice(1)).test(file));
	return included && !excluded;
}

/** @param {string} dir @returns {string[]} */
function tsFiles(dir) {
	return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
		const relative = `${dir}/${entry.name}`;
		if (entry.isDirectory()) return tsFiles(relative);
		return entry.name.endsWith('.ts') ? [relative] : [];
	});
}

describe('the parts of npm run mutation', () => {
	const files = [...tsFiles('nodes'), ...tsFiles('credentials')];

	test('the glob reading used here is Stryker’s', () => {
		expect(matches(['nodes/Wdt/*.ts'], 'nodes/Wdt/Wdt.node.ts')).toBe(true);
		expect(matches(['nodes/Wdt/*.ts'], 'nodes/Wdt/shop/fields.ts')).toBe(false);
		expect(matches(['nodes/Wdt/**/*.ts'], 'nodes/Wdt/a/b/c.ts')).toBe(true);
		expect(matches(['nodes/Wdt/**/*.ts'], 'nodes/Wdt/c.ts')).toBe(true);
		expect(matches(['nodes/Wdt/*.ts', '!nodes/Wdt/callOptions.ts'], 'nodes/Wdt/callOptions.ts')).toBe(false);
	});

	test.each(files.map((file) => [file]))('%s is mutated by exactly one part', (file) => {
		expect(PARTS.filter((part) => matches(part.mutate, file)).map((part) => part.name)).toHaveLength(1);
	});

	test('the core parts (CI) are the folders held to 90 %: protocol, transport with callOptions, the write engine', () => {
		const core = PARTS.filter((part) => part.core);
		const mutatedByCore = files.filter((file) => core.some((part) => matches(part.mutate, file)));
		const heldTo90 = files.filter(
			(file) =>
				file.startsWith('nodes/Wdt/protocol/') ||
				file.startsWith('nodes/Wdt/transport/') ||
				file === 'nodes/Wdt/callOptions.ts' ||
				file.startsWith('nodes/Wdt/writes/'),
		);
		expect(mutatedByCore).toEqual(heldTo90);
	});

	test('options: --core, --part (repeatable), Stryker options passed on, unknown parts refused', () => {
		expect(parseArgs(['--core']).parts.map((p) => p.name)).toEqual(['protocol', 'transport', 'writes']);
		expect(parseArgs(['--part', 'shop', '--part', 'protocol', '--concurrency', '2']).parts.map((p) => p.name)).toEqual(['protocol', 'shop']);
		expect(parseArgs(['--concurrency', '2', '--force']).strykerArgs).toEqual(['--concurrency', '2', '--force']);
		expect(parseArgs([]).parts).toBe(PARTS);
		expect(parseArgs(['--save-baseline']).saveBaseline).toBe(true);
		expect(() => parseArgs(['--part', 'nodes'])).toThrow(/unknown part nodes/);
		expect(() => parseArgs(['--mutate', 'nodes/x.ts'])).toThrow(/--part/);
	});
});
