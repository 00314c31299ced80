// What the action and trigger nodes' descriptions have in common: how n8n shows and connects them, the Resource selector, the triggers' shared fields.
import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { REMEMBERED_DELIVERIES_MAX, REMEMBER_DELIVERIES_DAYS } from '../webhook/replayGuard';

/**
 * An action node: one input, one output, one version. (`usableAsTool: true` is written in each
 * node's own description, where n8n's lint rule node-usable-as-tool looks for it.)
 */
export const ACTION_NODE_BASE: Pick<INodeTypeDescription, 'group' | 'version' | 'inputs' | 'outputs'> = {
	group: ['transform'],
	version: 1,
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
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

/** A webhook trigger: no input, one output, one POST webhook answered as soon as it is received. */
export const TRIGGER_NODE_BASE: Pick<INodeTypeDescription, 'group' | 'version' | 'inputs' | 'outputs' | 'webhooks'> = {
	group: ['trigger'],
	version: 1,
	inputs: [],
	outputs: [NodeConnectionTypes.Main],
	// responseData '' makes n8n answer with the webhookResponse webhook() returns (its default would be the literal "firstEntryJson").
	webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: 'webhook' }],
};

/** The notice at the top of a trigger saying where its Production URL goes in the vendor's dashboard. */
export function setupNotice(text: string): INodeProperties {
	return { displayName: text, name: 'notice', type: 'notice', default: '' };
}

/**
 * A trigger's "Drop Repeated Deliveries" switch (parameter `dropDuplicates`, read by answerVerifiedDelivery).
 * `retries` says how this vendor repeats deliveries; `key` what identifies one.
 */
export function dropRepeatedDeliveriesField(retries: string, key: string): INodeProperties {
	return {
		displayName: 'Drop Repeated Deliveries',
		name: 'dropDuplicates',
		type: 'boolean',
		default: true,
		description: `Whether to answer a delivery this node has started the workflow for before, and start nothing. ${retries} Deliveries are recognised by ${key} and remembered for ${REMEMBER_DELIVERIES_DAYS} days (at most ${REMEMBERED_DELIVERIES_MAX.toLocaleString('en-US')}) in the workflow's static data. Test events are never dropped.`,
	};
}
