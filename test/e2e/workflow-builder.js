'use strict';
/** Builds small importable workflows for the end-to-end tests: a manual trigger, then nodes in a chain. */

let counter = 0;

const NODE_TYPES = {
	veriff: 'n8n-nodes-kyc-media.veriff',
	sumsub: 'n8n-nodes-kyc-media.sumsub',
	unit21: 'n8n-nodes-kyc-media.unit21',
};

/**
 * @param {string} name
 * @param {Array<{name: string, type: string, parameters?: object, credentials?: object, typeVersion?: number, onError?: string}>} chain
 * @param {{items?: object[]}} [options] items: JSON items the trigger step emits (via a Code-free Set in raw mode)
 */
function chainWorkflow(name, chain, options = {}) {
	const id = `kycE2e${String(++counter).padStart(8, '0')}`;
	const nodes = [
		{ id: `${id}-t`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
	];
	let previous = 'Start';
	const connections = {};
	const link = (from, to) => {
		connections[from] = { main: [[{ node: to, type: 'main', index: 0 }]] };
	};
	if (options.items) {
		nodes.push(
			{
				id: `${id}-in`,
				name: 'Input',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ items: options.items }), options: {} },
			},
			{
				id: `${id}-split`,
				name: 'Input items',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [400, 0],
				parameters: { fieldToSplitOut: 'items', options: {} },
			},
		);
		link('Start', 'Input');
		link('Input', 'Input items');
		previous = 'Input items';
	}
	chain.forEach((step, index) => {
		nodes.push({
			id: `${id}-${index}`,
			name: step.name,
			type: NODE_TYPES[step.type] ?? step.type,
			typeVersion: step.typeVersion ?? 1,
			position: [600 + index * 220, 0],
			parameters: step.parameters ?? {},
			...(step.credentials ? { credentials: step.credentials } : {}),
			...(step.onError ? { onError: step.onError } : {}),
		});
		link(previous, step.name);
		previous = step.name;
	});
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

/** A Crypto node that puts the SHA-256 of a binary property into `sha256`. */
function sha256Step(name = 'SHA-256', binaryPropertyName = 'data') {
	return {
		name,
		type: 'n8n-nodes-base.crypto',
		typeVersion: 1,
		parameters: { action: 'hash', type: 'SHA256', binaryData: true, binaryPropertyName, dataPropertyName: 'sha256', encoding: 'hex' },
	};
}

module.exports = { chainWorkflow, sha256Step };
