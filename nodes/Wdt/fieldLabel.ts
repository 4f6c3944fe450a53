/**
 * One wording for every field label: the English name, then the WDT term in Chinese and the
 * wire name as WDT spells it, e.g. "Synced Stock (货品库存 sync_stock)". Wire names stay lower
 * case (n8n's title-case check would turn rec_id into Rec_id), hence a function, not literals.
 */
export function fieldLabel(english: string, chinese: string, wireName?: string): string {
	return `${english} (${[chinese, wireName].filter(Boolean).join(' ')})`;
}
