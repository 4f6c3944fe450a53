// @ts-check
'use strict';

/**
 * Deterministic fault injection.
 *
 * A rule says which requests get which fault:
 *   { endpoint?, kind, rate?, count?, ms?, status?, code?, message?, after? }
 * - endpoint: '*' (default) = every openapi2 endpoint (known or not); 'fake-shop' = the demo shop
 *   (only when named); otherwise an endpoint name, '.php' optional.
 * - kind:
 *     latency   wait `ms` before processing (or, with after: true, before answering)
 *     http      answer HTTP `status` (500/502/503/429...) with an HTML body instead of the JSON
 *     reset     reset the connection without answering
 *     stall     never answer (until the client gives up or the emulator stops)
 *     apiError  answer HTTP 200 {code, message} (default 1009 接口调用太频繁)
 *     trickle   answer HTTP 200 headers, then one byte every `ms` (default 1000): with after: true the
 *               real answer (processed first), otherwise blanks that never end
 *     redirect  answer HTTP `status` (default 302) with Location `location` (default: the same
 *               endpoint on http://127.0.0.1:9/openapi2/, where nothing listens)
 * - rate: chance 0..1 per matching request (default 1), drawn from the rule's own PRNG, which is
 *   seeded from the emulator seed and the rule's serial number: same seed + same rules + same
 *   request order = same decisions.
 * - count: only the next N requests that match (and pass the rate draw) get it; then the rule is
 *   spent (it stays in `rules` with remaining 0, for inspection).
 * - after: the request IS processed (the pool changes) and then the answer is lost / replaced.
 *
 * Latency rules add up. Of the other kinds, the first matching rule (in the order added) wins a
 * request; later ones are not consulted for it (their count and PRNG are untouched).
 * Besides rules: `latencyMs` delays every openapi2 request, and `clockOffsetSec` shifts the
 * emulator clock used for the timestamp check.
 */

const { createRandom, deriveSeed } = require('./prng');
const { CODES } = require('./codes');

/** @typedef {'latency' | 'http' | 'reset' | 'stall' | 'apiError' | 'trickle' | 'redirect'} FaultKind */

/**
 * @typedef {object} FaultRule
 * @property {string} [endpoint]
 * @property {FaultKind} kind
 * @property {number} [rate]
 * @property {number} [count]
 * @property {number} [ms]
 * @property {number} [status]
 * @property {number} [code]
 * @property {string} [message]
 * @property {string} [location]
 * @property {boolean} [after]
 */

/**
 * @typedef {object} ActiveRule
 * @property {number} id
 * @property {string} endpoint normalized: '*', 'fake-shop' or 'name.php'
 * @property {FaultKind} kind
 * @property {number} rate
 * @property {number | null} remaining  null = unlimited
 * @property {number} ms
 * @property {number} status
 * @property {number} code
 * @property {string} message
 * @property {string | null} location  redirect target (null: the default)
 * @property {boolean} after
 * @property {number} hits how many requests it has hit
 * @property {import('./prng').Random} random
 */

/**
 * @typedef {object} FaultPlan
 * @property {number} delayMs       wait before processing
 * @property {number} answerAfterMs  answer no sooner than this after the request arrived (latencyMs)
 * @property {number} delayAfterMs  wait after processing, before answering
 * @property {ActiveRule | null} terminal  http / reset / stall / apiError, if any
 * @property {boolean} latencyHit   a latency rule hit (the global latencyMs does not count)
 */

/**
 * @typedef {object} FiredFault
 * @property {number} ruleId
 * @property {string} endpoint the request's endpoint
 * @property {FaultKind} kind
 * @property {boolean} after
 */

const KINDS = new Set(['latency', 'http', 'reset', 'stall', 'apiError', 'trickle', 'redirect']);
const FIRED_LOG_LIMIT = 10000;

/** @param {string | undefined} endpoint */
function normalizeEndpoint(endpoint) {
	if (endpoint === undefined || endpoint === '*' || endpoint === 'fake-shop')
		return endpoint ?? '*';
	return endpoint.endsWith('.php') ? endpoint : `${endpoint}.php`;
}

class FaultInjector {
	/**
	 * @param {{ seed?: number | string, latencyMs?: number, clockOffsetSec?: number }} [options]
	 */
	constructor(options = {}) {
		this.seed = options.seed ?? 1;
		this.initialLatencyMs = options.latencyMs ?? 0;
		this.initialClockOffsetSec = options.clockOffsetSec ?? 0;
		/** added to every openapi2 request */
		this.latencyMs = this.initialLatencyMs;
		/** seconds added to the emulator clock */
		this.clockOffsetSec = this.initialClockOffsetSec;
		/** @type {ActiveRule[]} */
		this.rules = [];
		/** faults applied, most recent last (at most 10 000 kept)
		 * @type {FiredFault[]} */
		this.fired = [];
		this.serial = 0;
	}

	/**
	 * Add a rule; returns its id (for remove()).
	 * @param {FaultRule} rule
	 * @returns {number}
	 */
	add(rule) {
		if (!rule || !KINDS.has(rule.kind)) {
			throw new TypeError(
				`fault kind must be one of ${[...KINDS].join(', ')}, got ${rule && rule.kind}`,
			);
		}
		const rate = rule.rate ?? 1;
		if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))
			throw new TypeError(`fault rate must be 0..1, got ${rule.rate}`);
		if (rule.count !== undefined && !(Number.isInteger(rule.count) && rule.count > 0)) {
			throw new TypeError(`fault count must be a positive integer, got ${rule.count}`);
		}
		if (rule.kind === 'latency' && !(typeof rule.ms === 'number' && rule.ms >= 0)) {
			throw new TypeError('a latency fault needs ms >= 0');
		}
		const status = rule.status ?? (rule.kind === 'redirect' ? 302 : 503);
		if (rule.kind === 'http' && !(Number.isInteger(status) && status >= 400 && status <= 599)) {
			throw new TypeError(`an http fault needs a status 400..599, got ${rule.status}`);
		}
		if (rule.kind === 'redirect' && !(Number.isInteger(status) && status >= 300 && status <= 399)) {
			throw new TypeError(`a redirect fault needs a status 300..399, got ${rule.status}`);
		}
		if (rule.kind === 'trickle' && rule.ms !== undefined && !(typeof rule.ms === 'number' && rule.ms > 0)) {
			throw new TypeError('a trickle fault needs ms > 0 between bytes');
		}
		const code = rule.code ?? CODES.TOO_FREQUENT.code;
		if (rule.kind === 'apiError' && !(Number.isInteger(code) && code !== 0)) {
			throw new TypeError(`an apiError fault needs a non-zero integer code, got ${rule.code}`);
		}
		const serial = this.serial++;
		const id = serial + 1;
		this.rules.push({
			id,
			endpoint: normalizeEndpoint(rule.endpoint),
			kind: rule.kind,
			rate,
			remaining: rule.count ?? null,
			ms: rule.ms ?? (rule.kind === 'trickle' ? 1000 : 0),
			status,
			code,
			message:
				rule.message ??
				(code === CODES.TOO_FREQUENT.code ? CODES.TOO_FREQUENT.message : '接口调用失败(模拟错误)'),
			location: rule.location ?? null,
			after: rule.after === true,
			hits: 0,
			random: createRandom(deriveSeed(this.seed, serial)),
		});
		return id;
	}

	/**
	 * Remove one rule.
	 * @param {number} id
	 */
	remove(id) {
		this.rules = this.rules.filter((rule) => rule.id !== id);
	}

	/** Remove all rules and the fired log; restore latencyMs and clockOffsetSec to the start options. */
	clear() {
		this.rules = [];
		this.fired.length = 0;
		this.serial = 0;
		this.latencyMs = this.initialLatencyMs;
		this.clockOffsetSec = this.initialClockOffsetSec;
	}

	/**
	 * Decide the faults for one request (consumes counts and PRNG draws).
	 * @param {string} endpoint the request's endpoint name ('x.php' or 'fake-shop')
	 * @param {boolean} gateway true for openapi2 requests (global latency, '*' rules apply)
	 * @returns {FaultPlan}
	 */
	plan(endpoint, gateway) {
		/** @type {FaultPlan} */
		const plan = {
			delayMs: 0,
			delayAfterMs: 0,
			answerAfterMs: gateway ? this.latencyMs : 0,
			terminal: null,
			latencyHit: false,
		};
		if (this.rules.length === 0) return plan;
		for (const rule of this.rules) {
			if (rule.remaining === 0) continue;
			if (rule.endpoint === '*' ? !gateway : rule.endpoint !== endpoint) continue;
			const isLatency = rule.kind === 'latency';
			if (!isLatency && plan.terminal) continue;
			if (rule.rate < 1 && !(rule.random.next() < rule.rate)) continue;
			if (rule.remaining !== null) rule.remaining--;
			rule.hits++;
			if (isLatency) {
				plan.latencyHit = true;
				if (rule.after) plan.delayAfterMs += rule.ms;
				else plan.delayMs += rule.ms;
			} else {
				plan.terminal = rule;
			}
			if (this.fired.length >= FIRED_LOG_LIMIT) this.fired.splice(0, FIRED_LOG_LIMIT / 2);
			this.fired.push({ ruleId: rule.id, endpoint, kind: rule.kind, after: rule.after });
		}
		return plan;
	}
}

module.exports = { FaultInjector, normalizeEndpoint };
