// @ts-check
'use strict';

/**
 * A small seeded PRNG (mulberry32): the same seed gives the same sequence on every run,
 * so seeded pools and fault decisions are reproducible.
 */

/**
 * Turn any seed (number or string) into a 32-bit unsigned integer.
 * @param {number | string} seed
 * @returns {number}
 */
function seedToInt(seed) {
	if (typeof seed === 'number' && Number.isFinite(seed)) return Math.trunc(seed) >>> 0;
	// FNV-1a over the text
	let hash = 0x811c9dc5;
	const text = String(seed);
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

/**
 * Combine a seed with a stream number (a rule's serial, a shop's index...) into a new seed.
 * @param {number | string} seed
 * @param {number} stream
 */
function deriveSeed(seed, stream) {
	let x = (seedToInt(seed) ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
	x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
	x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
	return (x ^ (x >>> 16)) >>> 0;
}

/**
 * @typedef {object} Random
 * @property {() => number} next a float in [0, 1)
 * @property {(min: number, max: number) => number} int an integer in [min, max]
 * @property {<T>(items: readonly T[]) => T} pick one item
 */

/**
 * @param {number | string} seed
 * @returns {Random}
 */
function createRandom(seed) {
	let state = seedToInt(seed);
	function next() {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}
	return {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick: (items) => items[Math.floor(next() * items.length)],
	};
}

module.exports = { seedToInt, deriveSeed, createRandom };
