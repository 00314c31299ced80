// Veriff → Download Media: one media file by id into a binary field.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { safeFileName } from '../../../shared/download/fileNames';
import { withDownloadedFile } from '../../../shared/download/outputItem';
import { binaryPropertyNameField, fileNameOption, readBinaryPropertyName } from '../../../shared/fields/binaryProperty';
import { getIdParameter } from '../../../shared/fields/ids';
import { fileTransferOptionFields, optionsCollection } from '../../../shared/fields/options';
import type { Operation } from '../../../shared/run/operation';
import { veriff } from '../../transport';

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
	optionsCollection(show, [
		fileNameOption(
			'e.g. passport-front.jpg',
			'File name to give the download. By default it is built from the context (when the item comes from List Session Media), the media ID and the file type, e.g. document-front-3e1a5bd1-….jpg.',
		),
		...fileTransferOptionFields,
	]),
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
	const connection = await veriff.connect(this, i);
	const binary = await veriff.download(
		this,
		connection,
		`/media/${encodeURIComponent(plan.mediaId)}`,
		i,
		`Downloading Veriff media ${plan.mediaId}`,
		(mimeType) =>
			plan.fileName ?? safeFileName(plan.context ? `${plan.context}-${plan.mediaId}` : `veriff-${plan.mediaId}`, mimeType),
	);
	return withDownloadedFile(this, i, { mediaId: plan.mediaId }, plan.binaryPropertyName, binary);
}

export const download: Operation<Plan> = { description, prepare, execute };
