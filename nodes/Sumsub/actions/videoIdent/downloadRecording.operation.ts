// Sumsub → Download Video Call Recording: one Video Ident recording (composition) into a binary field.
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { safeFileName } from '../../../shared/download/fileNames';
import { withDownloadedFile } from '../../../shared/download/outputItem';
import { binaryPropertyNameField, fileNameOption, readBinaryPropertyName } from '../../../shared/fields/binaryProperty';
import { getIdParameter } from '../../../shared/fields/ids';
import { fileTransferOptionFields, optionsCollection } from '../../../shared/fields/options';
import type { Operation } from '../../../shared/run/operation';
import { sumsub } from '../../transport';
import { applicantIdField } from '../applicant/lookup';

const show = { resource: ['videoIdent'], operation: ['downloadRecording'] };

export const description: INodeProperties[] = [
	applicantIdField(
		show,
		'The applicant (not the inspection) the recording belongs to. The default reads it from items of Get Video Call Data (One Item per Recording).',
	),
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
	optionsCollection(show, [
		fileNameOption(
			'e.g. video-ident-call.mp4',
			'By default sumsub-video-ident- followed by the composition media ID and the extension of the file type',
		),
		...fileTransferOptionFields,
	]),
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
	const connection = await sumsub.connect(this, i);
	const binary = await sumsub.download(
		this,
		connection,
		`/resources/videoIdent/applicant/${encodeURIComponent(plan.applicantId)}/media/${encodeURIComponent(plan.compositionMediaId)}`,
		i,
		`Downloading Sumsub recording ${plan.compositionMediaId}`,
		(mimeType) => plan.fileName ?? safeFileName(`sumsub-video-ident-${plan.compositionMediaId}`, mimeType),
	);
	const ids = { applicantId: plan.applicantId, compositionMediaId: plan.compositionMediaId };
	return withDownloadedFile(this, i, ids, plan.binaryPropertyName, binary);
}

export const downloadRecording: Operation<Plan> = { description, prepare, execute };
