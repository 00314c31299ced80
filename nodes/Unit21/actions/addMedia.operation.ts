// Add Media to Entity / Event / Alert / Case: the fields users see, the item's parameters read and checked, and the upload.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { fileTransferOptionFields, optionsCollection } from '../../shared/fields/options';
import type { Operation } from '../../shared/run/operation';
import { getIdParameter, parsePropertyList } from '../../shared/fields/ids';
import { unit21, unit21OrgSegment } from '../transport';
import { readCustomData, readMediaType, readTimestamp } from './fileMetadata';
import { MEDIA_TYPES } from './mediaTypes';
import { OBJECT_TYPES, OBJECT_TYPE_NAMES, objectIdFields } from './objectTypes';
import type { ObjectType } from './objectTypes';
import { base64JsonBody, multipartBody } from './uploadBodies';
import { fail, planFiles } from './uploadPlan';
import type { Plan } from './uploadPlan';

// Unit21.node.ts builds its operation lists from the object types it finds here.
export { OBJECT_TYPES };
export type { ObjectType };

const show = { resource: OBJECT_TYPE_NAMES, operation: ['addMedia'] };

export const description: INodeProperties[] = [
	...objectIdFields,
	{
		displayName: 'Input Binary Field(s)',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		placeholder: 'e.g. data or front, back',
		hint: 'The name of the input binary field(s) holding the files; separate several with commas',
		description: 'Each field becomes one media file of the upload (at most 5 MB each)',
		displayOptions: { show },
	},
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		default: 'none',
		options: MEDIA_TYPES,
		description:
			'Tells Unit21 what the file shows, so it can use it for document verification. Required for events. An expression may return any media_type string.',
		displayOptions: { show },
	},
	{
		displayName: 'Other Media Type',
		name: 'customMediaType',
		type: 'string',
		// Not `required`: n8n would demand it whenever Media Type is an expression.
		default: '',
		placeholder: 'e.g. IMAGE_SELFIE_VIDEO',
		displayOptions: { show: { ...show, mediaType: ['other'] } },
	},
	optionsCollection(show, [
		{
			displayName: 'Custom Data (JSON)',
			name: 'customData',
			type: 'json',
			default: '{}',
			description: 'Any JSON object to store with each file as custom_data',
		},
		{
			displayName: 'Evidence Details in Custom Data',
			name: 'evidenceDetails',
			type: 'boolean',
			default: true,
			description:
				'Whether to add what the file is to custom_data when the item comes from List Documents (vendor, applicantId, imageId, idDocType, idDocSubType, country, …) or List Session Media (vendor, sessionId, mediaId, context, attemptId). Keys of Custom Data (JSON) win.',
		},
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'e.g. passport-front.jpg',
			description: 'Name to give the file in Unit21 (single field only). By default the binary file name; Unit21 needs an extension, which is added from the file type if missing.',
		},
		{
			displayName: 'Send As',
			name: 'sendAs',
			type: 'options',
			default: 'multipart',
			options: [
				{ name: 'Multipart Form (Streamed)', value: 'multipart', description: 'Recommended: the file is streamed from n8n\'s binary store' },
				{ name: 'Base64 JSON', value: 'base64Json', description: 'A JSON array with base64 media (a third larger)' },
			],
		},
		{
			displayName: 'Source',
			name: 'source',
			type: 'string',
			default: '',
			placeholder: 'e.g. veriff',
			description: 'Where the file comes from (multipart metadata "source")',
		},
		{
			displayName: 'Timestamp',
			name: 'timestamp',
			type: 'dateTime',
			default: '',
			description: 'When the media was captured (sent as Unix seconds in the multipart metadata)',
		},
		...fileTransferOptionFields,
	]),
];

async function prepare(this: IExecuteFunctions, i: number): Promise<Plan> {
	const objectType = this.getNodeParameter('resource', i) as ObjectType;
	const object = OBJECT_TYPES[objectType];
	const objectId = getIdParameter(this, object.idParameter, object.idLabel, i, 'pathSafe');
	const options = this.getNodeParameter('options', i, {}) as IDataObject;

	const item = this.getInputData()[i].json;
	const mediaType = readMediaType(this, i, objectType, item);
	const customData = readCustomData(this, i, options, item);
	const timestamp = readTimestamp(this, i, options);

	const propertyNames = parsePropertyList(String(this.getNodeParameter('binaryPropertyName', i, 'data')));
	if (propertyNames.length === 0) fail(this, i, 'Input Binary Field(s) is empty', 'Name the binary field holding the file, e.g. data.');
	const customFileName = typeof options.fileName === 'string' ? options.fileName.trim() : '';
	if (customFileName && propertyNames.length > 1) {
		fail(this, i, 'File Name can only be set when one binary field is uploaded');
	}

	return {
		objectType,
		objectId,
		files: await planFiles(this, i, propertyNames, customFileName),
		mediaType: mediaType || undefined,
		customData,
		source: typeof options.source === 'string' && options.source.trim() !== '' ? options.source.trim() : undefined,
		timestamp,
		sendAs: options.sendAs === 'base64Json' ? 'base64Json' : 'multipart',
	};
}

async function execute(this: IExecuteFunctions, plan: Plan, i: number): Promise<INodeExecutionData[]> {
	const object = OBJECT_TYPES[plan.objectType];
	const connection = await unit21.connect(this, i);
	const objectPath = `/${object.collection}/${encodeURIComponent(plan.objectId)}/link-media`;
	const path = object.inOrg ? `/${unit21OrgSegment(this, connection, i)}${objectPath}` : objectPath;
	const response = await unit21.json<IDataObject>(
		this,
		connection,
		{
			method: 'PUT',
			path,
			body: async () => (plan.sendAs === 'multipart' ? await multipartBody(this, plan) : await base64JsonBody(this, plan, i)),
			changesData: true,
		},
		i,
		`Adding ${plan.files.length === 1 ? 'a file' : `${plan.files.length} files`} to Unit21 ${plan.objectType} ${plan.objectId}`,
	);
	const input = this.getInputData()[i];
	return [
		{
			json: {
				objectType: plan.objectType,
				objectId: plan.objectId,
				files: plan.files.map((file) => ({
					binaryPropertyName: file.binaryPropertyName,
					fileName: file.fileName,
					mimeType: file.mimeType,
					size: file.size,
					mediaType: plan.mediaType ?? null,
				})),
				response,
			},
			// The files stay on the item, e.g. for a notification step after the upload.
			...(input.binary ? { binary: input.binary } : {}),
		},
	];
}

export const addMedia: Operation<Plan> = { description, prepare, execute };
