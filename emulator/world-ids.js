// @ts-check
'use strict';

/**
 * Id generators of the world. Most ids are small (int(11), as the enterprise edition documents);
 * every `bigEvery`-th one is a 19-digit id that no double holds exactly (as in a sister edition of
 * the same protocol), so a client that reads a key through a JS number loses it.
 * Ids are decimal strings.
 */

/** @typedef {import('./prng').Random} Random */

class IdSequence {
	/**
	 * @param {{ first: number, bigFirst: bigint, bigEvery: number, random: Random }} options
	 */
	constructor({ first, bigFirst, bigEvery, random }) {
		this.nextSmall = first;
		this.nextBig = bigFirst;
		this.bigEvery = bigEvery;
		this.random = random;
		this.count = 0;
	}

	/** The next id; `big` forces a 19-digit one. */
	next(big = false) {
		this.count++;
		if (big || this.count % this.bigEvery === 0) return this.big();
		const id = this.nextSmall;
		this.nextSmall += this.random.int(1, 3);
		return String(id);
	}

	/** A 19-digit id that is not exactly representable as a double. */
	big() {
		for (;;) {
			const candidate = this.nextBig;
			this.nextBig += BigInt(this.random.int(1, 997));
			if (BigInt(Number(candidate)) !== candidate) return candidate.toString();
		}
	}
}

module.exports = { IdSequence };
