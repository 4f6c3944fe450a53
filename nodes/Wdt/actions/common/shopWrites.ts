/**
 * Writes whose Shop Code may differ per item (an expression), such as Order · Push and
 * Refund · Push: the items are checked shop by shop, then all go into one write input, each
 * record grouped by its shop so that no call mixes shops.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { WriteInput } from '../../writes/merge';
import { itemLabels } from '../../writes/merge';
import { locatorValue } from './locators';

/** The node's item indexes by Shop Code, shops in the order they first appear; an empty code stops the node. */
export function itemsByShop(context: IExecuteFunctions, itemCount: number): Map<string, number[]> {
	const byShop = new Map<string, number[]>();
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const shopNo = locatorValue(context.getNodeParameter('shopNo', itemIndex, ''));
		if (shopNo === '') throw new NodeOperationError(context.getNode(), 'Shop Code (shop_no) is empty', { itemIndex });
		const indexes = byShop.get(shopNo);
		if (indexes) indexes.push(itemIndex);
		else byShop.set(shopNo, [itemIndex]);
	}
	return byShop;
}

/** What a shop's check found, by the item numbers of that shop's list (0 = its first item). */
export interface ShopChecked<R, P extends { itemIndexes: number[]; field: string; message: string }> {
	problems: P[];
	records: Array<{ itemIndexes: number[]; key: string; record: R }>;
}

/** How a refused record is named and what its output shows. */
export interface ProblemWords<P> {
	/** Before the message, e.g. "order T1: " (empty when the record has no key yet). */
	prefix: (problem: P) => string;
	values: (problem: P) => IDataObject;
}

/**
 * One shop's checked records and problems into the write input, with the node's item indexes
 * (`indexes` maps the shop's list back to them). A record made of several items names them all.
 */
export function addShopChecked<R, P extends { itemIndexes: number[]; field: string; message: string }>(
	input: WriteInput<R>,
	shopNo: string,
	indexes: number[],
	checked: ShopChecked<R, P>,
	words: ProblemWords<P>,
): void {
	const original = (local: number[]) => local.map((index) => indexes[index]);
	for (const problem of checked.problems) {
		const items = original(problem.itemIndexes);
		const which = items.length > 1 ? ` (${itemLabels(items)})` : '';
		input.refuse(items, problem.field, `${words.prefix(problem)}${problem.message}${which}`, words.values(problem));
	}
	for (const { itemIndexes, key, record } of checked.records) input.add(original(itemIndexes), key, record, { group: shopNo });
}
