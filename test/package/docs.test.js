// @ts-check
'use strict';

/**
 * The user's documentation and the codex files, as a reader and n8n's editor meet them:
 * - README.md is one page (≤ 300 lines) in English: no Chinese at all;
 * - docs/*.md and CONTRIBUTING.md are English: Chinese only inside code spans (WDT's messages and
 *   keywords as WDT writes them), except docs/glossary.md, which maps labels to WDT's terms;
 * - every relative link of those files points to a file that exists, and an #anchor to a heading
 *   of it (GitHub's slugs); every docs page is reachable from the README;
 * - every codex file (nodes/**\/*.node.json) is valid JSON with the fields n8n's loader reads
 *   (n8n-core's DirectoryLoader.getCodex: categories, subcategories, resources.{primary,
 *   credential}Documentation, alias), links to a docs page, not an #anchor (n8n appends ?utm_…
 *   to the URL, which breaks anchors), and carries WDT's terms as aliases, so that the search of
 *   n8n's nodes panel (sublimeSearch over the display name and `codex.alias`) finds each node by
 *   them.
 */

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const DOCS = path.join(ROOT, 'docs');
const DOCS_URL = 'https://github.com/n8n-nodes-wdt/n8n-nodes-wdt/blob/main/docs/';

/**
 * Pages being written on another branch: links to them are allowed while they do not exist here.
 * Empty it when they are merged (none now).
 */
/** @type {string[]} */
const PENDING_PAGES = [];

/** Chinese, Japanese and full-width characters (CJK ideographs, punctuation, kana, full-width forms). */
const CJK = /[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

/** @param {string} rel */
const read = (rel) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

const docsPages = fs
	.readdirSync(DOCS)
	.filter((file) => file.endsWith('.md'))
	.map((file) => `docs/${file}`);
const markdownFiles = ['README.md', 'CONTRIBUTING.md', ...docsPages];

/**
 * The text a reader sees outside code: fenced blocks and inline code spans removed.
 * @param {string} markdown
 */
function proseOf(markdown) {
	return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/**
 * GitHub's anchor for a heading: lower case, markup and punctuation dropped, spaces to hyphens.
 * @param {string} heading
 */
function slug(heading) {
	return heading
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/[`*]/g, '')
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N} _-]/gu, '')
		.replace(/ /g, '-');
}

/** @param {string} markdown @returns {Set<string>} */
function anchorsOf(markdown) {
	/** @type {Map<string, number>} */
	const seen = new Map();
	const anchors = new Set();
	for (const line of markdown.replace(/^```[\s\S]*?^```/gm, '').split('\n')) {
		const heading = /^#{1,6}\s+(.*)$/.exec(line);
		if (!heading) continue;
		const base = slug(heading[1]);
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		anchors.add(count === 0 ? base : `${base}-${count}`);
	}
	return anchors;
}

/**
 * Relative links (and images) outside code, with the file they resolve to.
 * @param {string} rel  the markdown file, relative to the root
 */
function linksOf(rel) {
	const prose = read(rel).replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
	/** @type {Array<{ target: string, file: string, anchor: string }>} */
	const links = [];
	for (const match of prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
		const target = match[1];
		if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
		const [filePart, anchor = ''] = target.split('#');
		const file = filePart === '' ? rel : path.posix.normalize(path.posix.join(path.posix.dirname(rel), filePart));
		links.push({ target, file, anchor });
	}
	return links;
}

describe('README.md: the user reads it in five minutes', () => {
	const readme = read('README.md');

	test('at most 300 lines', () => {
		expect(readme.split('\n').length).toBeLessThanOrEqual(300);
	});

	test('English only: no Chinese character anywhere, code included', () => {
		const lines = readme.split('\n').filter((line) => CJK.test(line));
		expect(lines).toEqual([]);
	});

	test('the two set-up commands are there as written', () => {
		expect(readme).toContain('npm ci && npm start');
		expect(readme).toContain('npm ci && npm test');
	});
});

describe('docs and CONTRIBUTING.md: English, Chinese only as WDT writes it in code spans', () => {
	test.each(['CONTRIBUTING.md', ...docsPages.filter((page) => page !== 'docs/glossary.md')])('%s', (rel) => {
		const lines = proseOf(read(rel))
			.split('\n')
			.filter((line) => CJK.test(line));
		expect(lines).toEqual([]);
	});

	test('the glossary puts WDT terms beside the labels (its Chinese is the point)', () => {
		const glossary = read('docs/glossary.md');
		for (const term of ['旺店通', '库存同步', '物流同步', '订单', '退换单', '销售出库单', '货品档案', '卖家账号', '接口账号', '接口密钥']) {
			expect(glossary).toContain(term);
		}
	});
});

describe('links', () => {
	test('the pending pages do not exist yet (else: remove them from PENDING_PAGES)', () => {
		for (const page of PENDING_PAGES) expect({ page, exists: fs.existsSync(path.join(ROOT, page)) }).toEqual({ page, exists: false });
	});

	test.each(markdownFiles)('every relative link of %s points to an existing file and heading', (rel) => {
		const broken = [];
		for (const { target, file, anchor } of linksOf(rel)) {
			if (PENDING_PAGES.includes(file)) continue;
			const full = path.join(ROOT, file);
			if (!fs.existsSync(full)) {
				broken.push(`${target}: no such file ${file}`);
				continue;
			}
			if (anchor && file.endsWith('.md') && !anchorsOf(fs.readFileSync(full, 'utf8')).has(anchor)) {
				broken.push(`${target}: no heading #${anchor} in ${file}`);
			}
		}
		expect(broken).toEqual([]);
	});

	test('every docs page can be reached from the README (the moved-material pages excepted)', () => {
		const reached = new Set(['README.md']);
		const queue = ['README.md'];
		while (queue.length > 0) {
			const rel = /** @type {string} */ (queue.shift());
			for (const { file } of linksOf(rel)) {
				if (file.endsWith('.md') && !reached.has(file) && fs.existsSync(path.join(ROOT, file))) {
					reached.add(file);
					queue.push(file);
				}
			}
		}
		const orphans = docsPages.filter((page) => !reached.has(page) && !path.basename(page).startsWith('_'));
		expect(orphans).toEqual([]);
	});

	test('the slug of a heading is GitHub\'s', () => {
		expect(slug('Docker (`n8nio/n8n`)')).toBe('docker-n8nion8n');
		expect(slug('Any Endpoint · Call')).toBe('any-endpoint--call');
		expect(slug('Errors, retries, and why acknowledgements are safe to repeat')).toBe(
			'errors-retries-and-why-acknowledgements-are-safe-to-repeat',
		);
		expect([...anchorsOf('# A\n## A\n```\n# not a heading\n```\n')]).toEqual(['a', 'a-1']);
	});
});

/** Every codex file, with the node type the package's `n8n` field gives it. */
function codexFiles() {
	/** @type {string[]} */
	const found = [];
	/** @param {string} dir */
	const walk = (dir) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.name.endsWith('.node.json')) found.push(path.relative(ROOT, full));
		}
	};
	walk(path.join(ROOT, 'nodes'));
	return found.sort();
}

/** The WDT search terms each node must be found by (its own words first). */
const REQUIRED_ALIASES = {
	'n8n-nodes-wdt.wdt': ['旺店通', '库存同步', '物流同步', '订单', '退款', '出库单', '货品', '采购单', '店铺', '仓库'],
	'n8n-nodes-wdt.wdtTrigger': ['旺店通', '库存同步', '物流同步', '订单', '退款', '出库单', '货品', '采购单'],
	'n8n-nodes-wdt.wdtAckStockSync': ['旺店通', '库存同步', '库存同步回写'],
	'n8n-nodes-wdt.wdtGetStockChanges': ['旺店通', '库存同步'],
	'n8n-nodes-wdt.wdtStockChangeTrigger': ['旺店通', '库存同步'],
};

describe('codex files: what n8n reads, where they link, what finds them', () => {
	const pkg = JSON.parse(read('package.json'));
	const files = codexFiles();
	const codices = files.map((rel) => ({ rel, codex: JSON.parse(read(rel)) }));

	test('one codex file per node of the package, next to its source', () => {
		const expected = pkg.n8n.nodes.map((/** @type {string} */ built) =>
			built.replace(/^dist\//, '').replace(/\.js$/, '.json'),
		);
		expect(files).toEqual([...expected].sort());
	});

	test.each(files)('%s: valid, with the fields n8n reads, linking to pages', (rel) => {
		const codex = JSON.parse(read(rel));
		expect(codex.node).toMatch(/^n8n-nodes-wdt\.[a-zA-Z]+$/);
		expect(codex.codexVersion).toBe('1.0');
		expect(Array.isArray(codex.categories) && codex.categories.length > 0).toBe(true);
		for (const category of codex.categories) expect(typeof category).toBe('string');
		// n8n destructures resources.{primaryDocumentation, credentialDocumentation}: both must be there
		for (const key of ['primaryDocumentation', 'credentialDocumentation']) {
			const docs = codex.resources?.[key];
			expect(Array.isArray(docs) && docs.length > 0).toBe(true);
			for (const { url } of docs) {
				expect(url.startsWith(DOCS_URL)).toBe(true);
				expect(url).not.toMatch(/[#?]/);
				const page = `docs/${url.slice(DOCS_URL.length)}`;
				expect(page).toMatch(/^docs\/[a-z0-9-]+\.md$/);
				expect(fs.existsSync(path.join(ROOT, page)) || PENDING_PAGES.includes(page)).toBe(true);
			}
		}
		expect(codex.resources.credentialDocumentation[0].url).toBe(`${DOCS_URL}credential.md`);
		expect(Array.isArray(codex.alias)).toBe(true);
		for (const alias of codex.alias) expect(typeof alias === 'string' && alias.trim() === alias && alias !== '').toBe(true);
		expect(new Set(codex.alias).size).toBe(codex.alias.length);
	});

	test.each(Object.entries(REQUIRED_ALIASES))('%s carries its WDT search terms', (node, terms) => {
		const entry = codices.find(({ codex }) => codex.node === node);
		expect(entry).toBeDefined();
		const aliases = /** @type {{ codex: { alias: string[] } }} */ (entry).codex.alias;
		expect(terms.filter((term) => !aliases.includes(term))).toEqual([]);
	});

	test("n8n's nodes-panel search finds the right visible nodes by the aliases alone", () => {
		// The editor's search (n8n's @n8n/utils sublimeSearch), over the aliases only, so that the
		// result does not rest on display names that still carry Chinese.
		const { sublimeSearch } = require('@n8n/utils/search/sublime-search');
		const visible = ['n8n-nodes-wdt.wdt', 'n8n-nodes-wdt.wdtTrigger', 'n8n-nodes-wdt.wdtAckStockSync'];
		const items = codices
			.filter(({ codex }) => visible.includes(codex.node))
			.map(({ codex }) => ({ key: codex.node, properties: { codex } }));
		/** @param {string} term */
		const found = (term) =>
			sublimeSearch(term, items, [{ key: 'properties.codex.alias', weight: 1 }])
				.map((/** @type {{ item: { key: string } }} */ result) => result.item.key)
				.sort();
		const all = [...visible].sort();
		const wdtAndTrigger = ['n8n-nodes-wdt.wdt', 'n8n-nodes-wdt.wdtTrigger'];
		expect(found('旺店通')).toEqual(all);
		expect(found('库存同步')).toEqual(all);
		expect(found('物流同步')).toEqual(wdtAndTrigger);
		expect(found('订单')).toEqual(wdtAndTrigger);
		expect(found('退款')).toEqual(wdtAndTrigger);
		expect(found('出库单')).toEqual(wdtAndTrigger);
		expect(found('货品')).toEqual(wdtAndTrigger);
		expect(found('stock sync')).toEqual(all);
		expect(found('店铺')).toEqual(['n8n-nodes-wdt.wdt']);
		expect(found('不存在的词')).toEqual([]);
	});
});
