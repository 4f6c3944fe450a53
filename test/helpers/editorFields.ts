/**
 * A node's fields as n8n's editor resolves them, with n8n-workflow's own helpers (NodeHelpers):
 * defaults filled in, and only the fields its displayOptions show for the values given.
 */
import type { INode, INodeParameters, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import pkg from '../../package.json';

/** The node as it stands in a workflow, with these parameters. */
export const asNode = (
	description: INodeTypeDescription,
	parameters: INodeParameters = {},
): INode => ({
	id: 'node',
	name: description.defaults.name ?? description.displayName,
	type: `${pkg.name}.${description.name}`,
	typeVersion: 1,
	position: [0, 0],
	parameters,
});

/** The parameters as n8n resolves them: defaults filled in, only the fields shown. */
export const resolved = (description: INodeTypeDescription, values: INodeParameters = {}) =>
	NodeHelpers.getNodeParameters(
		description.properties,
		values,
		true,
		false,
		asNode(description, values),
		description,
	) as INodeParameters;

/** The fields the editor shows for these values: [name, default]. */
export function shown(
	description: INodeTypeDescription,
	values: INodeParameters = {},
): Array<[string, unknown]> {
	const current = resolved(description, values);
	return description.properties
		.filter((property) =>
			NodeHelpers.displayParameter(current, property, asNode(description, current), description),
		)
		.map((property) => [property.name, property.default]);
}
