import { sleep } from 'n8n-workflow';

/** Lets every callback already due (promise jobs, I/O, timers of 0 ms) run once. */
export async function letCallbacksRun(): Promise<void> {
	await sleep(0);
}

/**
 * Lets pending callbacks run until `condition` holds; fails after `rounds` rounds (a count, not a
 * time), so code that never gets there fails the test instead of keeping jest busy.
 */
export async function until(condition: () => boolean, rounds = 200): Promise<void> {
	for (let round = 0; !condition(); round++) {
		if (round >= rounds) throw new Error(`still waiting after ${rounds} rounds of callbacks`);
		await letCallbacksRun();
	}
}
