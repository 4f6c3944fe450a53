/** The clock the WDT Trigger reads (epoch ms); tests replace `now`. */
export const wdtTriggerClock = { now: (): number => Date.now() };
