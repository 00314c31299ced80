import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { safeFileName, storeDownload } from '../../../shared/binary';
import { header } from '../../../shared/http';
import { readReliabilityOptions, fileTransferOptionFields } from '../../../shared/options';
import type { Operation } from '../../../shared/types';
import { getIdParameter } from '../../../shared/validation';
import { binaryPropertyNameField, readBinaryPropertyName } from '../../../shared/fields';
import { veriffConnection, veriffDownload } from '../../transport';

const show = { resource: ['media'], operation: ['download'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Media ID',
		name: 'mediaId',
		type: 'string',
		required: true,
		default: '={{ $json.id }}',
		placeholder: 'e.g. 3e1a5bd1-1a0b-4c2f-8a5e-0d2c6f1b9a77',
		description:
			'The media file (a UUID). The default takes the ID of each item from List Session Media, so one file is downloaded per item.',
		displayOptions: { show },
	},
	{
		...binaryPropertyNameField,
		description: 'Name of the binary property to put the file in',
		displayOptions: { show },
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
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. passport-front.jpg',
				description:
					'File name to give the download. By default it is built from the context (when the item comes from List Session Media), the media ID and the file type, e.g. document-front-3e1a5bd1-….jpg.',
			},
			...fileTransferOptionFields,
		],
	},
];

interface Plan {
	mediaId: string;
	binaryPropertyName: string;
	fileName?: string;
	context?: string;
}

async function prepare(this: IExecuteFunctions, i: number): Promise<Plan> {
	const mediaId = getIdParameter(this, 'mediaId', 'Media ID', i, 'uuid');
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const input = this.getInputData()[i].json;
	return {
		mediaId,
		binaryPropertyName: readBinaryPropertyName(this, i),
		fileName: typeof options.fileName === 'string' && options.fileName.trim() !== '' ? options.fileName.trim() : undefined,
		// Only trust the item's context when the item describes this very file.
		context: input.id === mediaId && typeof input.context === 'string' ? input.context : undefined,
	};
}

async function execute(this: IExecuteFunctions, plan: Plan, i: number): Promise<INodeExecutionData[]> {
	const connection = await veriffConnection(this, i);
	const what = `Downloading Veriff media ${plan.mediaId}`;
	const response = await veriffDownload(this, connection, plan.mediaId, i, what);
	const mimeType = (header(response.headers, 'content-type') ?? 'application/octet-stream').split(';')[0].trim();
	const fileName =
		plan.fileName ?? safeFileName(plan.context ? `${plan.context}-${plan.mediaId}` : `veriff-${plan.mediaId}`, mimeType);
	const binary = await storeDownload(this, response, {
		fileName,
		mimeType,
		idleTimeoutMs: readReliabilityOptions(this, i).timeoutMs,
		what,
		itemIndex: i,
	});
	const input = this.getInputData()[i];
	return [
		{
			json: { ...input.json, mediaId: plan.mediaId },
			binary: { ...(input.binary ?? {}), [plan.binaryPropertyName]: binary },
		},
	];
}

export const download: Operation<Plan> = { description, prepare, execute };
