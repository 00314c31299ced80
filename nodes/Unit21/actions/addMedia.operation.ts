import FormData from 'form-data';
import { NodeOperationError, jsonParse } from 'n8n-workflow';
import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { extensionFor } from '../../shared/download/fileNames';
import { fileTransferOptionFields } from '../../shared/fields/options';
import type { Operation } from '../../shared/run/operation';
import { getIdParameter, parsePropertyList } from '../../shared/fields/ids';
import { unit21, unit21OrgSegment } from '../transport';
import { MAX_FILE_BYTES, MEDIA_TYPES } from './mediaTypes';

/** The four Unit21 objects media can be linked to, and how each is addressed. */
export const OBJECT_TYPES = {
	entity: { label: 'Entity', idParameter: 'entityId', idLabel: 'Entity ID', inOrg: true, collection: 'entities' },
	event: { label: 'Event', idParameter: 'eventId', idLabel: 'Event ID', inOrg: true, collection: 'events' },
	alert: { label: 'Alert', idParameter: 'alertId', idLabel: 'Alert ID', inOrg: false, collection: 'alerts' },
	case: { label: 'Case', idParameter: 'caseId', idLabel: 'Case ID', inOrg: false, collection: 'cases' },
} as const;

export type ObjectType = keyof typeof OBJECT_TYPES;

const allResources = Object.keys(OBJECT_TYPES);
const show = { resource: allResources, operation: ['addMedia'] };

const idFields: INodeProperties[] = (Object.keys(OBJECT_TYPES) as ObjectType[]).map((type) => {
	const object = OBJECT_TYPES[type];
	return {
		displayName: object.idLabel,
		name: object.idParameter,
		type: 'string',
		required: true,
		default: '',
		placeholder: object.inOrg ? 'e.g. cust-1001' : 'e.g. 4242',
		description: object.inOrg
			? `Your own ID of the ${type} (the ${type}_id you sent to Unit21, not the unit21_id)`
			: `The Unit21 ID of the ${type}`,
		displayOptions: { show: { resource: [type], operation: ['addMedia'] } },
	};
});

export const description: INodeProperties[] = [
	...idFields,
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
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Custom Data (JSON)',
				name: 'customData',
				type: 'json',
				default: '{}',
				description: 'Any JSON object to store with each file as custom_data',
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
		],
	},
];

interface FilePlan {
	binaryPropertyName: string;
	partKey: string;
	binary: IBinaryData;
	fileName: string;
	mimeType: string;
	size: number;
}

interface Plan {
	objectType: ObjectType;
	objectId: string;
	files: FilePlan[];
	mediaType?: string;
	customData?: IDataObject;
	source?: string;
	timestamp?: number;
	sendAs: 'multipart' | 'base64Json';
}

function fail(ctx: IExecuteFunctions, i: number, message: string, description?: string): never {
	throw new NodeOperationError(ctx.getNode(), `${message} (item ${i})`, { itemIndex: i, description });
}

async function binarySize(ctx: IExecuteFunctions, binary: IBinaryData): Promise<number> {
	const known = (binary as IBinaryData & { bytes?: number }).bytes;
	if (typeof known === 'number') return known;
	if (binary.id) return (await ctx.helpers.getBinaryMetadata(binary.id)).fileSize;
	return Buffer.byteLength(binary.data, 'base64');
}

function formatSize(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(2)} MB (${bytes.toLocaleString('en-US')} bytes)`;
}

async function prepare(this: IExecuteFunctions, i: number): Promise<Plan> {
	const objectType = this.getNodeParameter('resource', i) as ObjectType;
	const object = OBJECT_TYPES[objectType];
	const objectId = getIdParameter(this, object.idParameter, object.idLabel, i, 'pathSafe');
	const options = this.getNodeParameter('options', i, {}) as IDataObject;

	let mediaType = String(this.getNodeParameter('mediaType', i, 'none') ?? '').trim();
	if (mediaType === 'other') {
		mediaType = String(this.getNodeParameter('customMediaType', i, '')).trim();
		if (mediaType === '') fail(this, i, 'Other Media Type is empty', 'Type the media_type to send, or choose one of the listed types.');
	}
	if (mediaType === 'none') mediaType = '';
	if (objectType === 'event' && mediaType === '') {
		fail(this, i, 'Media Type is required for events', 'Unit21 needs a media_type for every file added to an event.');
	}

	let customData: IDataObject | undefined;
	const rawCustomData = options.customData;
	if (rawCustomData !== undefined && rawCustomData !== '' && rawCustomData !== '{}') {
		const parsed =
			typeof rawCustomData === 'string'
				? jsonParse<unknown>(rawCustomData, { fallbackValue: Symbol.for('invalid') })
				: rawCustomData;
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
			fail(this, i, 'Custom Data (JSON) is not a JSON object', 'Enter a JSON object such as {"veriffSessionId": "…"}.');
		}
		customData = parsed as IDataObject;
	}

	let timestamp: number | undefined;
	if (options.timestamp !== undefined && options.timestamp !== '') {
		const raw = options.timestamp as string | number;
		const millis = typeof raw === 'number' ? (raw > 1e12 ? raw : raw * 1000) : Date.parse(String(raw));
		if (!Number.isFinite(millis)) fail(this, i, `Timestamp "${String(raw)}" is not a date`);
		timestamp = Math.floor(millis / 1000);
	}

	const propertyNames = parsePropertyList(String(this.getNodeParameter('binaryPropertyName', i, 'data')));
	if (propertyNames.length === 0) fail(this, i, 'Input Binary Field(s) is empty', 'Name the binary field holding the file, e.g. data.');
	const customFileName = typeof options.fileName === 'string' ? options.fileName.trim() : '';
	if (customFileName && propertyNames.length > 1) {
		fail(this, i, 'File Name can only be set when one binary field is uploaded');
	}

	const usedKeys = new Set<string>();
	const files: FilePlan[] = [];
	for (const name of propertyNames) {
		const binary = this.getInputData()[i].binary?.[name];
		if (!binary) {
			const available = Object.keys(this.getInputData()[i].binary ?? {});
			fail(
				this,
				i,
				`Input Binary Field "${name}" does not exist on the item`,
				available.length > 0
					? `The item has these binary fields: ${available.join(', ')}.`
					: 'The item has no binary data: put a node that downloads the file (e.g. Veriff → Download Media) before this one.',
			);
		}
		const size = await binarySize(this, binary);
		if (size > MAX_FILE_BYTES) {
			fail(
				this,
				i,
				`The file in "${name}" is ${formatSize(size)}, over Unit21's 5 MB limit per file`,
				'Nothing was uploaded for this item. Compress or split the file, or store it elsewhere and link to it in Custom Data.',
			);
		}
		const mimeType = binary.mimeType || 'application/octet-stream';
		let fileName = customFileName || binary.fileName || name;
		if (!/\.[A-Za-z0-9]{1,5}$/.test(fileName)) fileName = `${fileName}.${extensionFor(mimeType)}`;
		// Unit21 wants an alphanumeric key, used for the file part and its metadata part.
		let partKey = name.replace(/[^A-Za-z0-9_]/g, '_') || 'media';
		while (usedKeys.has(partKey)) partKey = `${partKey}_${usedKeys.size}`;
		usedKeys.add(partKey);
		files.push({ binaryPropertyName: name, partKey, binary, fileName, mimeType, size });
	}

	return {
		objectType,
		objectId,
		files,
		mediaType: mediaType || undefined,
		customData,
		source: typeof options.source === 'string' && options.source.trim() !== '' ? options.source.trim() : undefined,
		timestamp,
		sendAs: options.sendAs === 'base64Json' ? 'base64Json' : 'multipart',
	};
}

/** Multipart: per file, the file part and a text part with its metadata, under the same key. */
async function multipartBody(ctx: IExecuteFunctions, plan: Plan) {
	const form = new FormData();
	for (const file of plan.files) {
		const content = file.binary.id
			? await ctx.helpers.getBinaryStream(file.binary.id)
			: Buffer.from(file.binary.data, 'base64');
		form.append(file.partKey, content, { filename: file.fileName, contentType: file.mimeType, knownLength: file.size });
		const metadata: IDataObject = {};
		if (plan.mediaType) metadata.media_type = plan.mediaType;
		if (plan.source) metadata.source = plan.source;
		if (plan.timestamp !== undefined) metadata.timestamp = plan.timestamp;
		if (plan.customData) metadata.custom_data = plan.customData;
		if (Object.keys(metadata).length > 0) form.append(file.partKey, JSON.stringify(metadata));
	}
	// A known length lets the upload stream without chunked encoding.
	return { body: form, headers: { ...form.getHeaders(), 'Content-Length': String(form.getLengthSync()) } };
}

async function base64JsonBody(ctx: IExecuteFunctions, plan: Plan, i: number) {
	const media: IDataObject[] = [];
	for (const file of plan.files) {
		const bytes = await ctx.helpers.getBinaryDataBuffer(i, file.binaryPropertyName);
		const entry: IDataObject = { media: bytes.toString('base64'), name: file.fileName };
		if (plan.mediaType) entry.media_type = plan.mediaType;
		if (plan.customData) entry.custom_data = plan.customData;
		media.push(entry);
	}
	return { body: JSON.stringify(media), headers: { 'Content-Type': 'application/json' } };
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
