// @ts-check
'use strict';
/**
 * A Stryker ignorer: the words of n8n's editor forms (display names, descriptions, hints,
 * placeholders, option labels) are not behaviour. A test that pins them would only repeat the
 * text; `n8n-node lint` checks their form and the e2e shows them in the real app. Everything
 * else in a form (parameter `name`, `type`, `default`, option `value`, displayOptions) stays
 * mutated, because the nodes read it.
 */

/** Keys whose string value is only shown to a person. */
const TEXT_KEYS = new Set(['displayName', 'description', 'hint', 'placeholder', 'subtitle', 'action', 'documentationUrl', 'notice']);

/** @param {any} node */
const keyName = (node) => (node.key && (node.key.name ?? node.key.value)) || undefined;

/** @param {any} object an ObjectExpression @param {string} name */
const hasKey = (object, name) => object.properties.some((/** @type {any} */ p) => p.type === 'ObjectProperty' && keyName(p) === name);

/** @param {any} value */
const isText = (value) =>
	value.type === 'StringLiteral' || value.type === 'TemplateLiteral' || value.type === 'ConditionalExpression' || value.type === 'BinaryExpression';

/** @param {any} path a Babel NodePath */
function shouldIgnore(path) {
	const node = path.node;
	if (node.type === 'ClassProperty' && node.value && isText(node.value) && (keyName(node) === 'displayName' || keyName(node) === 'documentationUrl')) {
		return 'n8n form text (display name, URL), not behaviour';
	}
	if (node.type !== 'ObjectProperty' || !isText(node.value)) return undefined;
	const key = keyName(node);
	const object = path.parent;
	if (!object || object.type !== 'ObjectExpression') return undefined;
	// A parameter or node declaration: its words, never its name/type/default.
	if (TEXT_KEYS.has(key) && hasKey(object, 'displayName')) return `n8n form text (${key}), not behaviour`;
	// An entry of an `options` list: the label and its description, never the value.
	if ((key === 'name' || key === 'description' || key === 'action') && hasKey(object, 'value')) {
		const list = path.parentPath && path.parentPath.parent;
		const owner = path.parentPath && path.parentPath.parentPath && path.parentPath.parentPath.parent;
		if (list && list.type === 'ArrayExpression' && owner && owner.type === 'ObjectProperty' && keyName(owner) === 'options') {
			return `n8n option label (${key}), not behaviour`;
		}
	}
	return undefined;
}

// A plain plugin declaration ({ kind, name, value }), so the file needs no import of Stryker's API.
module.exports.strykerPlugins = [{ kind: 'Ignore', name: 'n8n-ui-text', value: { shouldIgnore } }];
