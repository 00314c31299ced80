// What the three action nodes' descriptions have in common: how n8n shows and connects them, and the Resource selector.
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

/** An action node: one input, one output, one version, usable by AI agents as a tool. */
export const ACTION_NODE_BASE: Pick<INodeTypeDescription, 'group' | 'version' | 'usableAsTool' | 'inputs' | 'outputs'> = {
	group: ['transform'],
	version: 1,
	usableAsTool: true,
	inputs: ['main'],
	outputs: ['main'],
};

/** The node's Resource parameter (its values are part of saved workflows: never rename them). */
export function resourceSelector(resources: Array<{ name: string; value: string }>, defaultResource: string): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources,
		default: defaultResource,
	};
}
