// @ts-check
'use strict';

/**
 * The release workflow cannot run here (it needs GitHub's OIDC token and npm), so its shape is
 * checked: what n8n's verification needs from a release — npm provenance, from this repository —
 * and that nothing is published before the tests and the scan passed.
 * (The YAML parser is `yaml`, which comes with @n8n/node-cli.)
 */

const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const ROOT = path.resolve(__dirname, '..', '..');
const REPOSITORY = 'n8n-nodes-wdt/n8n-nodes-wdt';
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** @param {string} name */
function workflow(name) {
	return YAML.parse(fs.readFileSync(path.join(ROOT, '.github', 'workflows', name), 'utf8'));
}

/** GitHub's tag filter glob: `*` matches anything but `/`. @param {string} glob */
function globToRegExp(glob) {
	const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
	return new RegExp(`^${escaped}$`);
}

/** @param {any} job @returns {string[]} each step's `run` (or '' for `uses` steps) */
const runs = (job) => job.steps.map((/** @type {any} */ step) => String(step.run ?? ''));
/** @param {string[]} lines @param {RegExp} pattern */
const stepIndex = (lines, pattern) => lines.findIndex((line) => pattern.test(line));

describe('.github/workflows/release.yml', () => {
	const release = workflow('release.yml');
	const jobs = Object.values(release.jobs);

	test('runs on version tags only (0.2.0, v0.2.0), not on branches or pull requests', () => {
		expect(Object.keys(release.on)).toEqual(['push']);
		expect(release.on.push.branches).toBeUndefined();
		const tags = release.on.push.tags.map(globToRegExp);
		const matches = (/** @type {string} */ tag) => tags.some((/** @type {RegExp} */ re) => re.test(tag));
		expect(matches('0.2.0')).toBe(true);
		expect(matches('v0.2.0')).toBe(true);
		expect(matches('release-candidate')).toBe(false);
	});

	test('one job, allowed to mint the OIDC token the provenance is signed with; contents read-only', () => {
		expect(jobs).toHaveLength(1);
		expect(jobs[0].permissions).toEqual({ 'id-token': 'write', contents: 'read' });
		expect(release.permissions).toEqual({ contents: 'read' });
	});

	test('publishes with provenance, publicly, once, as the last step', () => {
		const lines = runs(jobs[0]);
		const publishes = lines.filter((line) => /\bnpm publish\b/.test(line));
		expect(publishes).toHaveLength(1);
		expect(publishes[0]).toMatch(/npm publish --provenance --access public/);
		expect(stepIndex(lines, /\bnpm publish\b/)).toBe(lines.length - 1);
	});

	test('checks the tag against the version, then npm ci, npm test (build included), npm run scan, in that order, before publishing', () => {
		const lines = runs(jobs[0]);
		const order = [/GITHUB_REF_NAME.*version|version.*GITHUB_REF_NAME/s, /^npm ci$/m, /^npm test$/m, /^npm run scan\b/m, /\bnpm publish\b/].map(
			(pattern) => stepIndex(lines, pattern),
		);
		expect(order.every((index) => index >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		expect(pkg.scripts.test).toMatch(/^npm run build && /);
	});

	test('runs on the Node line the project is developed and tested with, with an npm that can publish by OIDC', () => {
		const setup = jobs[0].steps.find((/** @type {any} */ step) => String(step.uses ?? '').startsWith('actions/setup-node@'));
		expect(setup.with['node-version']).toBe('20');
		expect(runs(jobs[0])).toContain('npm install -g npm@11');
	});
});

describe('.github/workflows/ci.yml', () => {
	test('runs .ci/run on pull requests and pushes to main', () => {
		const ci = workflow('ci.yml');
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
		expect(ci.on.push.branches).toEqual(['main']);
		const lines = Object.values(ci.jobs).flatMap(runs);
		expect(lines).toContain('bash .ci/run');
	});
});

describe('package metadata for provenance', () => {
	test('repository is the GitHub repository the release workflow publishes from (npm checks they match)', () => {
		expect(pkg.repository).toEqual({ type: 'git', url: `git+https://github.com/${REPOSITORY}.git` });
	});

	test('bugs go to its issues; homepage is kept', () => {
		expect(pkg.bugs).toEqual({ url: `https://github.com/${REPOSITORY}/issues` });
		expect(pkg.homepage).toBe('https://www.npmjs.com/package/n8n-nodes-wdt');
	});

	test('nothing in package.json publishes around the workflow (no publishConfig pointing elsewhere, not private)', () => {
		expect(pkg.private).toBeUndefined();
		expect(pkg.publishConfig?.registry).toBeUndefined();
	});
});
