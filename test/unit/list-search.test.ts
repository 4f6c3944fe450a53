/**
 * The pick lists' entries (nodes/Wdt/methods/listSearch.ts): what the editor lists for the shops
 * or warehouses WDT answered, and what the search box keeps.
 */
import { toListItems } from '../../nodes/Wdt/methods/listSearch';

const SHOP = { code: 'shop_no', name: 'shop_name' };

describe('toListItems', () => {
	it('"Name (code)", or the code alone; sorted by what is shown; codes as text', () => {
		expect(
			toListItems(
				[
					{ shop_no: 'b-01', shop_name: 'Tmall' },
					{ shop_no: 7, shop_name: '' },
					{ shop_no: 'a-01', shop_name: 'JD' },
				],
				SHOP,
			),
		).toEqual([
			{ name: '7', value: '7' },
			{ name: 'JD (a-01)', value: 'a-01' },
			{ name: 'Tmall (b-01)', value: 'b-01' },
		]);
	});

	it('a record without a code cannot be picked: left out (missing, null or empty); a code of 0 stays', () => {
		const records = [{ shop_name: 'none' }, { shop_no: null, shop_name: 'null' }, { shop_no: '', shop_name: 'empty' }, { shop_no: 0, shop_name: 'zero' }];
		expect(toListItems(records, SHOP)).toEqual([{ name: 'zero (0)', value: '0' }]);
	});

	it('the search keeps entries whose shown text contains it, trimmed and case-insensitive', () => {
		const records = [
			{ shop_no: 'tm-01', shop_name: 'Tmall Flagship' },
			{ shop_no: 'jd-01', shop_name: 'JD Store' },
		];
		expect(toListItems(records, SHOP, '  TMALL ').map((item) => item.value)).toEqual(['tm-01']);
		expect(toListItems(records, SHOP, 'JD-01').map((item) => item.value)).toEqual(['jd-01']);
		expect(toListItems(records, SHOP, '   ')).toHaveLength(2);
		expect(toListItems(records, SHOP)).toHaveLength(2);
	});
});
