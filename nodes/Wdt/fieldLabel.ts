/**
 * How every node names its fields and items to a person.
 *
 * One wording for every field label: the English name, then the WDT term in Chinese and the
 * wire name as WDT spells it, e.g. "Synced Stock (货品库存 sync_stock)". Wire names stay lower
 * case (n8n's title-case check would turn rec_id into Rec_id), hence a function, not literals.
 */
export function fieldLabel(english: string, chinese: string, wireName?: string): string {
	return `${english} (${[chinese, wireName].filter(Boolean).join(' ')})`;
}

/** "item 2 (index 1)": n8n's panels count items from 1, expressions and `itemIndex` from 0. */
export function itemLabel(itemIndex: number): string {
	return `item ${itemIndex + 1} (index ${itemIndex})`;
}
