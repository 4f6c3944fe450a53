// @ts-check
/**
 * The tests Stryker runs against each mutant: the unit and engine tests, which load the
 * TypeScript sources. The emulator tests never touch product code and the package tests read
 * the built `dist/`, so neither can kill a mutant; leaving them out keeps each run short.
 * The product folders are roots too, so that jest's --findRelatedTests (Stryker's default)
 * sees every import from a test to the mutated file.
 */
const base = require('./jest.config.js');

// MUTATION_TESTS=unit: only the unit tests (seconds per mutant fewer: no n8n-core, no emulator),
// a quick pass for the pure code (protocol, signing, retry); the real score runs them all.
const folders = process.env.MUTATION_TESTS === 'unit' ? ['unit'] : ['unit', 'engine'];

/** @type {import('jest').Config} */
module.exports = {
	...base,
	roots: ['<rootDir>/test', '<rootDir>/nodes', '<rootDir>/credentials'],
	testMatch: folders.map((folder) => `<rootDir>/test/${folder}/**/*.test.ts`),
};
