// @ts-check
'use strict';

/**
 * The nodes panel of the real n8n editor (issue #29), driven in Chromium: searching "旺店通" (a
 * codex alias) finds the WDT entry, which shows the WDT node's description, and opening it lists
 * each WDT Trigger event as its own entry (n8n does that only for a field labelled "Event").
 */

const path = require('node:path');

const { openEditor } = require('./browser');

const ROOT = path.resolve(__dirname, '..', '..');

/** The WDT node's description and the trigger's event names, from the built package. */
function expectedTexts() {
	const { Wdt } = require(path.join(ROOT, 'dist', 'nodes', 'Wdt', 'Wdt.node.js'));
	const { WdtTrigger } = require(path.join(ROOT, 'dist', 'nodes', 'Wdt', 'WdtTrigger.node.js'));
	const trigger = new WdtTrigger().description;
	const event = trigger.properties.find((/** @type {any} */ p) => p.name === 'event');
	/** @type {string[]} */
	const events = (event?.options ?? []).map((/** @type {any} */ option) => String(option.name));
	return { description: String(new Wdt().description.description), events };
}

/** Collapses white space, for comparing the panel's text. @param {string} text */
const squash = (text) => text.replace(/\s+/g, ' ').trim();

/**
 * @param {{ base: string, cookie: string, log: (line: string) => void }} options
 * @returns {Promise<{ searchFinds: boolean, names: string[], showsDescription: boolean, eventsListed: string[], eventsMissing: string[], text: string }>}
 */
async function checkNodesPanel({ base, cookie, log }) {
	const expected = expectedTexts();
	const { browser, page } = await openEditor({ base, cookie, log });
	try {
		await page.goto(`${base}/workflow/new`, { waitUntil: 'domcontentloaded' });
		const creator = page.locator('[data-test-id="node-creator"]').first();
		const search = page.locator('[data-test-id="node-creator-search-bar"]').first();
		// The empty canvas's "add first step" button opens the panel on both lines; keys as fallbacks.
		const opener = page.locator('[data-test-id="canvas-add-button"], [data-test-id="canvas-plus-button"]').first();
		await opener.waitFor({ state: 'visible', timeout: 90_000 }).catch(() => {});
		await page.keyboard.press('Escape');
		if (await opener.isVisible().catch(() => false)) await opener.click().catch(() => {});
		for (const key of ['Tab', 'n', 'N']) {
			if (await creator.isVisible().catch(() => false)) break;
			await page.keyboard.press(key);
			await page.waitForTimeout(1500);
		}
		await search.waitFor({ state: 'visible', timeout: 30_000 });
		await search.fill('旺店通');
		await page.waitForTimeout(2000);
		const names = (await page.locator('[data-test-id="node-creator-item-name"]').allInnerTexts()).map(squash);
		const listText = squash(await creator.innerText());
		const searchFinds = names.includes('WDT');

		// Open the WDT entry: its actions view lists the trigger's events.
		await page.locator('[data-test-id="node-creator-item-name"]', { hasText: /^\s*WDT\s*$/ }).first().click();
		await page.waitForTimeout(2000);
		const actionsText = squash(await creator.innerText()).toLowerCase();
		// The entry's own view heads its actions with the merged entry's description.
		const showsDescription = actionsText.includes(squash(expected.description).toLowerCase());
		const eventsListed = expected.events.filter((name) => actionsText.includes(name.toLowerCase()));
		const eventsMissing = expected.events.filter((name) => !eventsListed.includes(name));
		return { searchFinds, names, showsDescription, eventsListed, eventsMissing, text: `${listText} | ${actionsText}`.slice(0, 1500) };
	} finally {
		await browser.close().catch(() => {});
	}
}

module.exports = { checkNodesPanel, expectedTexts };
