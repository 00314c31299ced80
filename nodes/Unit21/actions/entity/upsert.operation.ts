// Unit21 → Create or Update Entity: upsert by your own entity id, custom_data merged into what Unit21 holds (not replaced).
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getIdParameter } from '../../../shared/fields/ids';
import { readJsonObject } from '../../../shared/fields/jsonObject';
import { optionsCollection, reliabilityOptionFields } from '../../../shared/fields/options';
import type { Operation } from '../../../shared/run/operation';
import { unit21 } from '../../transport';
import { entityIdField } from './fields';

const show = { resource: ['entity'], operation: ['upsert'] };

export const description: INodeProperties[] = [
	entityIdField(show, ''),
	{
		displayName: 'Entity Type',
		name: 'entityType',
		type: 'options',
		default: 'user',
		options: [
			{ name: 'Business', value: 'business' },
			{ name: 'User', value: 'user' },
		],
		description: 'Unit21\'s general_data.entity_type: a person or a business',
		displayOptions: { show },
	},
	{
		displayName: 'Custom Data (JSON)',
		name: 'customData',
		type: 'json',
		default: '{}',
		placeholder: '{"kyc_verdict": "approved", "kyc_evidence": ["passport", "selfie"]}',
		description:
			'Fields to set in the entity\'s custom_data. By default merged into what Unit21 already holds: keys given here are replaced, all others are kept.',
		displayOptions: { show },
	},
	optionsCollection(show, [
		{
			displayName: 'Entity Subtype',
			name: 'entitySubtype',
			type: 'string',
			default: '',
			placeholder: 'e.g. payments',
			description: 'Unit21\'s general_data.entity_subtype, a free label of your own',
		},
		{
			displayName: 'Fail if the Entity Exists',
			name: 'failIfExists',
			type: 'boolean',
			default: false,
			description:
				'Whether Unit21 should refuse (409) instead of updating an entity that already exists (sends options.upsert_on_conflict false)',
		},
		{
			displayName: 'Registered At',
			name: 'registeredAt',
			type: 'dateTime',
			default: '',
			description: 'When the customer registered with you (general_data.registered_at, Unix seconds). Leave empty on updates to keep the stored date.',
		},
		{
			displayName: 'Replace Custom Data',
			name: 'replaceCustomData',
			type: 'boolean',
			default: false,
			description:
				'Whether Custom Data replaces the whole custom_data Unit21 holds (keys not given are lost) instead of being merged into it',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'string',
			default: '',
			placeholder: 'e.g. active',
			description: 'Unit21\'s general_data.status',
		},
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			placeholder: 'e.g. kyc_vendor:sumsub, kyc:approved',
			description: 'Comma-separated tags (general_data.tags); Unit21 replaces the entity\'s tags with these',
		},
		{
			displayName: 'User or Business Data (JSON)',
			name: 'profileData',
			type: 'json',
			default: '{}',
			placeholder: '{"first_name": "Maria", "last_name": "Mustermann"}',
			description: 'Sent as user_data (entity type User) or business_data (Business), as Unit21 defines them',
		},
		...reliabilityOptionFields,
	]),
];

async function prepare(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const entityId = getIdParameter(this, 'entityId', 'Entity ID', i, 'unit21EntityId');
	const entityType = String(this.getNodeParameter('entityType', i, 'user'));
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const general: IDataObject = { entity_id: entityId, entity_type: entityType };
	if (typeof options.entitySubtype === 'string' && options.entitySubtype.trim()) general.entity_subtype = options.entitySubtype.trim();
	if (typeof options.status === 'string' && options.status.trim()) general.status = options.status.trim();
	if (typeof options.tags === 'string' && options.tags.trim()) {
		general.tags = options.tags.split(',').map((tag) => tag.trim()).filter(Boolean);
	}
	if (options.registeredAt !== undefined && options.registeredAt !== '') {
		const millis = Date.parse(String(options.registeredAt));
		if (!Number.isFinite(millis)) {
			throw new NodeOperationError(this.getNode(), `Registered At "${String(options.registeredAt)}" is not a date (item ${i})`, { itemIndex: i });
		}
		general.registered_at = Math.floor(millis / 1000);
	}
	const body: IDataObject = {
		general_data: general,
		options: { upsert_on_conflict: options.failIfExists !== true, merge_custom_data: options.replaceCustomData !== true },
	};
	const customData = readJsonObject(this, this.getNodeParameter('customData', i, '{}'), 'Custom Data (JSON)', i, '{"kyc_verdict": "approved"}');
	if (customData) body.custom_data = customData;
	const profile = readJsonObject(this, options.profileData, 'User or Business Data (JSON)', i, '{"first_name": "Maria"}');
	if (profile) body[entityType === 'business' ? 'business_data' : 'user_data'] = profile;
	return body;
}

async function execute(this: IExecuteFunctions, body: IDataObject, i: number): Promise<INodeExecutionData[]> {
	const connection = await unit21.connect(this, i);
	const entityId = String((body.general_data as IDataObject).entity_id);
	const json = JSON.stringify(body);
	// Entities are created without the organization in the path (the key says which one).
	const response = await unit21.json<IDataObject>(
		this,
		connection,
		{
			method: 'POST',
			path: '/entities/create',
			body: async () => ({ body: json, headers: { 'Content-Type': 'application/json' } }),
			// An upsert is idempotent (Unit21 ignores identical repeats), so a dropped request may be
			// sent again; not with "Fail if the Entity Exists", where a repeat would answer 409.
			changesData: (body.options as IDataObject).upsert_on_conflict === false,
		},
		i,
		`Creating or updating Unit21 entity ${entityId}`,
	);
	return [{ json: { entityId, ...response, sent: body } }];
}

export const upsert: Operation<IDataObject> = { description, prepare, execute };
