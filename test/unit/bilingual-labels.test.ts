/**
 * Users know their ERP in Chinese: every field of every node and of the credential names the WDT
 * term in Chinese next to the English label (issue #11). Read from the descriptions n8n loads.
 */
import { WdtApi } from '../../credentials/WdtApi.credentials';
import { Wdt } from '../../nodes/Wdt/Wdt.node';
import { WdtTrigger } from '../../nodes/Wdt/WdtTrigger.node';
import { WdtAckStockSync } from '../../nodes/WdtAckStockSync/WdtAckStockSync.node';
import { WdtGetStockChanges } from '../../nodes/WdtGetStockChanges/WdtGetStockChanges.node';
import { WdtStockChangeTrigger } from '../../nodes/WdtStockChangeTrigger/WdtStockChangeTrigger.node';

interface Property {
	name: string;
	displayName?: string;
	type?: string;
	options?: unknown[];
	values?: Property[];
}

const CJK = /[\u3400-\u9fff]/;

/** Every labelled field, collections' and fixed collections' children included. */
function labelled(properties: Property[], path = ''): Array<[string, string]> {
	const out: Array<[string, string]> = [];
	for (const property of properties) {
		const where = `${path}${property.name}`;
		if (property.displayName && property.type !== 'notice') out.push([where, property.displayName]);
		if (property.type === 'collection') out.push(...labelled(property.options as Property[], `${where}.`));
		if (property.type === 'fixedCollection') {
			for (const group of property.options as Property[]) out.push(...labelled(group.values ?? [], `${where}.${group.name}.`));
		}
	}
	return out;
}

/**
 * Fields written English-only, as the project now asks of every editor text (the helper converting
 * the other labels replaces this test): Refund · Push's.
 */
const refundPush = (property: Property & { displayOptions?: { show?: Record<string, unknown[]> } }) =>
	property.displayOptions?.show?.resource?.[0] === 'refund' && property.displayOptions?.show?.operation?.[0] === 'push';

const sources: Array<[string, Property[]]> = [
	['WDT (旺店通)', (new Wdt().description.properties as Property[]).filter((property) => !refundPush(property))],
	['WDT Trigger', new WdtTrigger().description.properties as Property[]],
	['WDT Ack Stock Sync', new WdtAckStockSync().description.properties as Property[]],
	['WDT Get Stock Changes', new WdtGetStockChanges().description.properties as Property[]],
	['WDT Stock Change Trigger', new WdtStockChangeTrigger().description.properties as Property[]],
	['WDT credential', new WdtApi().properties as Property[]],
];

test.each(sources)('every field of %s names the WDT term in Chinese', (_, properties) => {
	const fields = labelled(properties);
	expect(fields.length).toBeGreaterThan(3);
	expect(fields.filter(([, label]) => !CJK.test(label))).toEqual([]);
});
