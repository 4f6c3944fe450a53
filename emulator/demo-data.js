// @ts-check
'use strict';

/**
 * Realistic Chinese demo data: goods and spec names for seeded pools, the default shops,
 * and the warehouses `warehouse_query.php` lists. Purely deterministic given a Random.
 */

/** @typedef {import('./prng').Random} Random */

const BRANDS = [
	'暖阳',
	'青禾',
	'简木',
	'云朵',
	'山野',
	'素言',
	'初雪',
	'禾木家',
	'北辰',
	'小熊',
	'良品铺',
	'米粒',
];

/**
 * Product lines: a name and the spec dimensions that combine into spec names.
 * @type {ReadonlyArray<{ category: string, products: string[], dimensions: string[][] }>}
 */
const PRODUCT_LINES = [
	{
		category: '服装',
		products: [
			'纯棉圆领T恤 男女同款',
			'加厚连帽卫衣',
			'高腰修身牛仔裤',
			'羊毛针织开衫',
			'轻薄羽绒服',
			'速干运动短裤',
		],
		dimensions: [
			['白色', '黑色', '藏青', '燕麦色', '雾霾蓝'],
			['S', 'M', 'L', 'XL', 'XXL'],
		],
	},
	{
		category: '家居',
		products: ['天然乳胶枕', '全棉磨毛四件套', '记忆棉坐垫', '加厚折叠收纳箱', '竹纤维浴巾'],
		dimensions: [
			['浅灰', '米白', '豆沙粉'],
			['1.5米床', '1.8米床', '标准款'],
		],
	},
	{
		category: '食品',
		products: [
			'东北五常稻花香大米',
			'云南小粒咖啡豆 中度烘焙',
			'新疆和田大枣',
			'古法手工红糖',
			'每日坚果礼盒',
		],
		dimensions: [['250g', '500g', '1kg', '2.5kg', '5kg']],
	},
	{
		category: '美妆',
		products: ['玻尿酸保湿面霜', '氨基酸洁面乳', '清透防晒喷雾 SPF50+', '山茶花卸妆油'],
		dimensions: [['30ml', '50ml', '100ml', '150ml']],
	},
	{
		category: '数码配件',
		products: [
			'编织快充数据线 Type-C',
			'磁吸无线充电器 15W',
			'蓝牙耳机硅胶保护套',
			'钢化膜 防指纹',
		],
		dimensions: [
			['白色', '黑色', '远峰蓝'],
			['1米', '2米', '单片装', '两片装'],
		],
	},
	{
		category: '母婴',
		products: ['婴儿纸尿裤 超薄透气', '儿童316不锈钢保温杯', '宝宝辅食研磨碗'],
		dimensions: [['S码 62片', 'M码 56片', 'L码 48片', 'XL码 42片', '400ml', '600ml']],
	},
];

/**
 * One demo goods item with its spec names.
 * @param {Random} random
 * @returns {{ goodsName: string, category: string, specNames: string[] }}
 */
function demoGoods(random) {
	const line = random.pick(PRODUCT_LINES);
	const goodsName = random.pick(BRANDS) + random.pick(line.products);
	const dimensionValues = line.dimensions.map((values) => {
		const shuffled = [...values];
		for (let i = shuffled.length - 1; i > 0; i--) {
			const j = random.int(0, i);
			[shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
		}
		return shuffled.slice(0, random.int(1, Math.min(3, shuffled.length)));
	});
	/** @type {string[]} */
	let specNames = [''];
	for (const values of dimensionValues) {
		specNames = specNames.flatMap((prefix) => values.map((v) => (prefix ? `${prefix} ${v}` : v)));
	}
	return { goodsName, category: line.category, specNames };
}

/**
 * Shop types the stock-sync endpoints accept (the ack page: 仅支持自有/其他平台店铺).
 * platform_id values are the emulator's own.
 */
const PLATFORMS = Object.freeze({
	SELF: { platform_id: 0, platform_name: '自有平台' },
	OTHER: { platform_id: 127, platform_name: '其他平台' },
});

/** Demo shop names for the well-known demo shop numbers. */
const DEFAULT_SHOPS = Object.freeze({
	'shop-a': { shop_name: '自有商城(演示)', ...PLATFORMS.SELF },
	'shop-b': { shop_name: '其他平台小店(演示)', ...PLATFORMS.OTHER },
});

const WAREHOUSES = Object.freeze([
	{
		warehouse_id: 1,
		warehouse_no: 'WH-HZ01',
		name: '杭州主仓',
		type: 1,
		province: '浙江省',
		city: '杭州市',
		district: '余杭区',
		is_disabled: 0,
	},
	{
		warehouse_id: 2,
		warehouse_no: 'WH-GZ01',
		name: '广州分仓',
		type: 1,
		province: '广东省',
		city: '广州市',
		district: '白云区',
		is_disabled: 0,
	},
	{
		warehouse_id: 3,
		warehouse_no: 'WH-CD01',
		name: '成都前置仓',
		type: 1,
		province: '四川省',
		city: '成都市',
		district: '双流区',
		is_disabled: 0,
	},
	{
		warehouse_id: 4,
		warehouse_no: 'WH-RT01',
		name: '退货仓',
		type: 1,
		province: '浙江省',
		city: '杭州市',
		district: '萧山区',
		is_disabled: 0,
	},
]);

module.exports = { BRANDS, PRODUCT_LINES, PLATFORMS, DEFAULT_SHOPS, WAREHOUSES, demoGoods };
