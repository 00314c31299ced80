// The Unit21 action node: Add Media to Entity / Event / Alert / Case, credential test, dispatch to actions/.
import type {
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { description as addMediaDescription } from './actions/addMedia.operation';
import { OBJECT_TYPES } from './actions/objectTypes';
import type { ObjectType } from './actions/objectTypes';
import { router } from './actions/router';
import { testUnit21Credentials } from './credentialTest';
import { ACTION_NODE_BASE, resourceSelector } from '../shared/fields/nodeBase';

const operationFields: INodeProperties[] = (Object.keys(OBJECT_TYPES) as ObjectType[]).map((type) => ({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [type] } },
	options: [
		{
			name: `Add Media to ${OBJECT_TYPES[type].label}`,
			value: 'addMedia',
			action: `Add media to ${type}`,
			description: `Attach files (photos, ID scans, videos, PDFs) to a Unit21 ${type} for investigators`,
		},
	],
	// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-options -- the options are built above
	default: 'addMedia',
}));

export class Unit21 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Unit21',
		name: 'unit21',
		icon: 'file:unit21.svg',
		...ACTION_NODE_BASE,
		subtitle: '={{ "Add media to " + $parameter["resource"] }}',
		description: 'Attach identity-verification evidence to Unit21 entities, events, alerts and cases',
		defaults: { name: 'Unit21' },
		credentials: [{ name: 'unit21Api', required: true, testedBy: 'unit21ApiTest' }],
		properties: [
			resourceSelector(
				[
					{ name: 'Alert', value: 'alert' },
					{ name: 'Case', value: 'case' },
					{ name: 'Entity', value: 'entity' },
					{ name: 'Event', value: 'event' },
				],
				'entity',
			),
			...operationFields,
			...addMediaDescription,
		],
	};

	// The credential's Test button (testedBy above).
	methods = { credentialTest: { unit21ApiTest: testUnit21Credentials } };

	execute = router;
}
