import { sleep } from 'n8n-workflow';

/** Lets every callback already due (promise jobs, I/O, timers of 0 ms) run once. */
export async function letCallbacksRun(): Promise<void> {
	await sleep(0);
}

/** Lets pending callbacks run until `condition` holds. */
export async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await letCallbacksRun();
}
