/**
 * Everything the editor shows is English (issue #29; n8n's verification guidelines): every text of
 * every node's description and of the credential — labels, descriptions, hints, notices,
 * placeholders, option names and descriptions, action names, subtitles, defaults, tool
 * descriptions, resource-locator modes — at any depth. WDT's Chinese terms live only in the codex
 * aliases (the *.node.json files, which are not part of a description) and docs/glossary.md; the
 * error catalogue's Chinese patterns match gateway text and are never shown.
 */
import { WdtApi } from '../../credentials/WdtApi.credentials';
import { Wdt } from '../../nodes/Wdt/Wdt.node';
import { WdtTrigger } from '../../nodes/Wdt/WdtTrigger.node';
import { describeWdtError } from '../../nodes/Wdt/protocol/errors';
import { WdtAckStockSync } from '../../nodes/WdtAckStockSync/WdtAckStockSync.node';
import { WdtGetStockChanges } from '../../nodes/WdtGetStockChanges/WdtGetStockChanges.node';
import { WdtStockChangeTrigger } from '../../nodes/WdtStockChangeTrigger/WdtStockChangeTrigger.node';
import wdtCodex from '../../nodes/Wdt/Wdt.node.json';
import { toolVariantOf } from '../helpers/toolVariant';

/** Han, kana, hangul, CJK punctuation and full-width forms. */
const CJK = /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;

/** Every string in a value, with the path that leads to it (functions are code, not text). */
function texts(value: unknown, path: string, out: Array<[string, string]> = []): Array<[string, string]> {
	if (typeof value === 'string') out.push([path, value]);
	else if (Array.isArray(value)) value.forEach((entry, i) => texts(entry, `${path}[${i}]`, out));
	else if (value !== null && typeof value === 'object') {
		for (const [key, entry] of Object.entries(value)) texts(entry, `${path}.${key}`, out);
	}
	return out;
}

const nodes = [new Wdt(), new WdtTrigger(), new WdtAckStockSync(), new WdtGetStockChanges(), new WdtStockChangeTrigger()];
const sources: Array<[string, unknown]> = [
	...nodes.map((node): [string, unknown] => [node.description.displayName, node.description]),
	// The `…Tool` variant n8n makes of each node usable as a tool adds the tool description field.
	...nodes
		.filter((node) => node.description.usableAsTool)
		.map((node): [string, unknown] => [`${node.description.displayName} Tool`, toolVariantOf(node).description]),
	['WDT API (credential)', { ...new WdtApi() }],
];

describe('what the editor shows is English', () => {
	test.each(sources)('%s: no CJK character in any text of the description', (_, description) => {
		const all = texts(description, '');
		// The walk reaches the deep texts (option descriptions, collection children, locator modes).
		expect(all.length).toBeGreaterThan(20);
		expect(all.filter(([, text]) => CJK.test(text))).toEqual([]);
	});

	it('the walk would see a CJK character at any depth (nested collection option, locator mode)', () => {
		const nested = { properties: [{ options: [{ values: [{ modes: [{ placeholder: '选择店铺' }] }] }] }] };
		expect(texts(nested, '').filter(([, text]) => CJK.test(text))).toEqual([
			['.properties[0].options[0].values[0].modes[0].placeholder', '选择店铺'],
		]);
	});

	it('the names are "WDT", "WDT Trigger" and "WDT API"', () => {
		expect([new Wdt().description.displayName, new WdtTrigger().description.displayName, new WdtApi().displayName]).toEqual([
			'WDT',
			'WDT Trigger',
			'WDT API',
		]);
	});

	it('the hints of the error catalogue are English; the gateway\'s own message is quoted as WDT wrote it', () => {
		const cases: Array<[number | string, string]> = [
			[1007, '接口appkey已停用'],
			[1007, '店铺ID不存在'],
			[2090, ''],
			[99, '签名错误'],
			[99, '时间戳'],
			[99, '无权限'],
			[99, '调用太频繁'],
			[99, '卖家账号不存在'],
			[21000003, ''],
			[2310, ''],
			[99, '时间跨度不能超过30天'],
			[99, 'unknown'],
		];
		const kinds = new Set<string>();
		for (const [code, message] of cases) {
			const info = describeWdtError(code, message);
			kinds.add(info.kind);
			expect([code, message, CJK.test(info.hint)]).toEqual([code, message, false]);
		}
		// Every kind was reached (the Chinese patterns still match the gateway's words).
		expect(kinds.size).toBe(10);
	});

	it('Chinese stays searchable: the codex aliases keep WDT\'s terms', () => {
		expect(wdtCodex.alias).toEqual(expect.arrayContaining(['旺店通', '库存同步', '物流同步', '订单']));
	});
});
