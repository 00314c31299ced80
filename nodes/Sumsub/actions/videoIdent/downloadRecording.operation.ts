import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { safeFileName, storeDownload } from '../../../shared/binary';
import { binaryPropertyNameField, readBinaryPropertyName } from '../../../shared/fields';
import { header } from '../../../shared/http';
import { readReliabilityOptions, fileTransferOptionFields } from '../../../shared/options';
import type { Operation } from '../../../shared/types';
import { getIdParameter } from '../../../shared/validation';
import { sumsubConnection, sumsubDownload } from '../../transport';

const show = { resource: ['videoIdent'], operation: ['downloadRecording'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Applicant ID',
		name: 'applicantId',
		type: 'string',
		required: true,
		default: '={{ $json.applicantId }}',
		placeholder: 'e.g. 5cb56e8e0a975a35f333cb83',
		description: 'The applicant (not the inspection) the recording belongs to. The default reads it from items of Get Video Call Data (One Item per Recording).',
		displayOptions: { show },
	},
	{
		displayName: 'Composition Media ID',
		name: 'compositionMediaId',
		type: 'string',
		required: true,
		default: '={{ $json.compositionMediaId }}',
		placeholder: 'e.g. 62dfadd3a6e5c34e0b8a1c2f',
		description: 'The recording, from videoIdentData.compositions of Get Video Call Data',
		displayOptions: { show },
	},
	{ ...binaryPropertyNameField, displayOptions: { show } },
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
				placeholder: 'e.g. video-ident-call.mp4',
				description: 'By default sumsub-video-ident- followed by the composition media ID and the extension of the file type',
			},
			...fileTransferOptionFields,
		],
	},
];

interface Plan {
	applicantId: string;
	compositionMediaId: string;
	binaryPropertyName: string;
	fileName?: string;
}

async function prepare(this: IExecuteFunctions, i: number): Promise<Plan> {
	const fileName = String(this.getNodeParameter('options.fileName', i, '') ?? '').trim();
	return {
		applicantId: getIdParameter(this, 'applicantId', 'Applicant ID', i, 'hexObjectId'),
		compositionMediaId: getIdParameter(this, 'compositionMediaId', 'Composition Media ID', i, 'pathSafe'),
		binaryPropertyName: readBinaryPropertyName(this, i),
		fileName: fileName || undefined,
	};
}

async function execute(this: IExecuteFunctions, plan: Plan, i: number): Promise<INodeExecutionData[]> {
	const connection = await sumsubConnection(this, i);
	const what = `Downloading Sumsub recording ${plan.compositionMediaId}`;
	const response = await sumsubDownload(
		this,
		connection,
		`/resources/videoIdent/applicant/${encodeURIComponent(plan.applicantId)}/media/${encodeURIComponent(plan.compositionMediaId)}`,
		i,
		what,
	);
	const mimeType = (header(response.headers, 'content-type') ?? 'application/octet-stream').split(';')[0].trim();
	const binary = await storeDownload(this, response, {
		fileName: plan.fileName ?? safeFileName(`sumsub-video-ident-${plan.compositionMediaId}`, mimeType),
		mimeType,
		idleTimeoutMs: readReliabilityOptions(this, i).timeoutMs,
		what,
		itemIndex: i,
	});
	const input = this.getInputData()[i];
	return [
		{
			json: { ...input.json, applicantId: plan.applicantId, compositionMediaId: plan.compositionMediaId },
			binary: { ...(input.binary ?? {}), [plan.binaryPropertyName]: binary },
		},
	];
}

export const downloadRecording: Operation<Plan> = { description, prepare, execute };
