// The Unit21 action node: Add Media to Entity / Event / Alert / Case, Get and Create or Update Entity, credential test, dispatch.
import type {
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { description as addMediaDescription } from './actions/addMedia.operation';
import { get as getEntity } from './actions/entity/get.operation';
import { upsert as upsertEntity } from './actions/entity/upsert.operation';
import { OBJECT_TYPES } from './actions/objectTypes';
import type { ObjectType } from './actions/objectTypes';
import { router } from './actions/router';
import { testUnit21Credentials } from './credentialTest';
import { ACTION_NODE_BASE, resourceSelector } from '../shared/fields/nodeBase';

const ENTITY_OPERATIONS = [
	{
		// n8n's wording for every upsert (lint rules node-param-*-wrong-for-upsert); the action names
		// the entity, and the Custom Data field says that custom_data is merged, not replaced.
		name: 'Create or Update',
		value: 'upsert',
		action: 'Create or update an entity',
		description: 'Create a new record, or update the current one if it already exists (upsert)',
	},
	{
		name: 'Get Entity',
		value: 'get',
		action: 'Get an entity',
		description: 'An entity with its custom_data, e.g. the Veriff session or Sumsub applicant you keep there',
	},
];

/** The operations of one object type (alphabetical): Add Media for all, Get and Create or Update for entities. */
function operationOptions(type: ObjectType) {
	const addMedia = {
		name: `Add Media to ${OBJECT_TYPES[type].label}`,
		value: 'addMedia',
		action: `Add media to ${type}`,
		description: `Attach files (photos, ID scans, videos, PDFs) to a Unit21 ${type} for investigators`,
	};
	return type === 'entity' ? [addMedia, ...ENTITY_OPERATIONS] : [addMedia];
}

const operationFields: INodeProperties[] = (Object.keys(OBJECT_TYPES) as ObjectType[]).map((type) => ({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [type] } },
	options: operationOptions(type),
	default: 'addMedia',
}));

export class Unit21 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Unit21',
		name: 'unit21',
		icon: { light: 'file:unit21.svg', dark: 'file:unit21.dark.svg' },
		...ACTION_NODE_BASE,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Attach identity-verification evidence to Unit21 entities, events, alerts and cases',
		defaults: { name: 'Unit21' },
		usableAsTool: true,
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
			...getEntity.description,
			...upsertEntity.description,
		],
	};

	// The credential's Test button (testedBy above).
	methods = { credentialTest: { unit21ApiTest: testUnit21Credentials } };

	execute = router;
}
