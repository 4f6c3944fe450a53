// @ts-check
'use strict';

/**
 * Captures what n8n's own logger (the DI-wide Logger of n8n-core, which its ErrorReporter uses to
 * log failed nodes) writes, so a test can check it for secrets. Resolved from n8n-core's own
 * dependencies: the package has no direct dependency on n8n's internals.
 */
const fromCore = { paths: [require.resolve('n8n-core')] };
const { Container } = require(require.resolve('@n8n/di', fromCore));
const { Logger } = require(require.resolve('@n8n/backend-common', fromCore));

const LEVELS = /** @type {const} */ (['error', 'warn', 'info', 'debug']);

function captureN8nLog() {
	const logger = Container.get(Logger);
	/** @type {unknown[]} */
	const logged = [];
	// Levels below the configured one are frozen no-ops on the logger: nothing to capture there.
	const active = LEVELS.filter((level) => Object.getOwnPropertyDescriptor(logger, level)?.writable !== false);
	const originals = active.map((level) => [level, logger[level]]);
	for (const level of active) {
		logger[level] = (/** @type {unknown[]} */ ...args) => {
			logged.push([level, ...args]);
		};
	}
	return {
		logged,
		restore() {
			for (const [level, original] of originals) logger[level] = original;
		},
	};
}

module.exports = { captureN8nLog };
