/**
 * How every node names an item to a person. (Field labels are plain English: n8n derives an AI
 * tool's `$fromAI` keys from them, and WDT's own terms are in docs/glossary.md.)
 */

/** "item 2 (index 1)": n8n's panels count items from 1, expressions and `itemIndex` from 0. */
export function itemLabel(itemIndex: number): string {
	return `item ${itemIndex + 1} (index ${itemIndex})`;
}
