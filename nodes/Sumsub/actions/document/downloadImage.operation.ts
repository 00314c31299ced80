// Sumsub → Download Document Image: one document image into a binary field, on the current or the older image path.
import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { safeFileName } from '../../../shared/download/fileNames';
import { withDownloadedFile } from '../../../shared/download/outputItem';
import { binaryPropertyNameField, fileNameOption, readBinaryPropertyName } from '../../../shared/fields/binaryProperty';
import { getIdParameter } from '../../../shared/fields/ids';
import { fileTransferOptionFields, optionsCollection } from '../../../shared/fields/options';
import type { Operation } from '../../../shared/run/operation';
import { asNodeError } from '../../../shared/transport/errors';
import type { VendorConnection } from '../../../shared/transport/vendorClient';
import { sumsub } from '../../transport';
import { applicantIdField, getApplicant } from '../applicant/lookup';

const show = { resource: ['document'], operation: ['downloadImage'] };

export const description: INodeProperties[] = [
	applicantIdField(show, 'The applicant the image belongs to. The default reads it from items of List Documents.'),
	{
		displayName: 'Image ID',
		name: 'imageId',
		type: 'string',
		required: true,
		default: '={{ $json.imageId }}',
		placeholder: 'e.g. 1045510331',
		description: 'The image (or a previewId for its thumbnail). The default reads it from items of List Documents, so one image is downloaded per item.',
		displayOptions: { show },
	},
	{ ...binaryPropertyNameField, displayOptions: { show } },
	optionsCollection(show, [
		fileNameOption(
			'e.g. passport.jpg',
			'By default built from the document type, side and country (when the item comes from List Documents) and the image ID, e.g. ID_CARD-FRONT_SIDE-DEU-1045510331.jpg',
		),
		{
			displayName: 'Image Path',
			name: 'imagePath',
			type: 'options',
			default: 'auto',
			options: [
				{
					name: 'Applicant, Then Inspection',
					value: 'auto',
					description: 'The current path; if Sumsub answers 404 there, the older inspection path (one more lookup)',
				},
				{ name: 'Applicant Only', value: 'applicant', description: '/resources/applicants/{applicantId}/resources/{imageId}' },
				{ name: 'Inspection Only', value: 'inspection', description: '/resources/inspections/{inspectionId}/resources/{imageId} (older docs)' },
			],
			description: 'Sumsub documents both paths; which one your account still answers is not stated, so by default both are tried',
		},
		...fileTransferOptionFields,
	]),
];

interface Plan {
	applicantId: string;
	imageId: string;
	binaryPropertyName: string;
	imagePath: 'auto' | 'applicant' | 'inspection';
	fileName?: string;
	/** Document type, side and country, when the item describes this very image. */
	documentLabel?: string;
}

async function prepare(this: IExecuteFunctions, i: number): Promise<Plan> {
	const imageId = getIdParameter(this, 'imageId', 'Image ID', i, 'pathSafe');
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const input = this.getInputData()[i].json;
	const fileName = typeof options.fileName === 'string' ? options.fileName.trim() : '';
	return {
		applicantId: getIdParameter(this, 'applicantId', 'Applicant ID', i, 'hexObjectId'),
		imageId,
		binaryPropertyName: readBinaryPropertyName(this, i),
		imagePath: (['applicant', 'inspection'].includes(String(options.imagePath)) ? options.imagePath : 'auto') as Plan['imagePath'],
		fileName: fileName || undefined,
		documentLabel:
			String(input.imageId) === imageId && typeof input.idDocType === 'string'
				? [input.idDocType, input.idDocSubType, input.country].filter((part) => typeof part === 'string' && part !== '').join('-')
				: undefined,
	};
}

async function execute(this: IExecuteFunctions, plan: Plan, i: number): Promise<INodeExecutionData[]> {
	const connection = await sumsub.connect(this, i);
	const download = async (path: string) =>
		await sumsub.download(
			this,
			connection,
			path,
			i,
			`Downloading Sumsub document image ${plan.imageId}`,
			(mimeType) => plan.fileName ?? safeFileName(`${plan.documentLabel ?? 'sumsub'}-${plan.imageId}`, mimeType),
			// Sumsub answers errors on this binary route as JSON; binary content wants Accept */*.
			{ headers: { Accept: '*/*' }, jsonIsError: true },
		);
	const image = `/resources/${encodeURIComponent(plan.imageId)}`;
	let binary: IBinaryData;
	if (plan.imagePath === 'inspection') {
		binary = await download(`/resources/inspections/${await inspectionIdOf(this, connection, plan, i)}${image}`);
	} else {
		try {
			binary = await download(`/resources/applicants/${encodeURIComponent(plan.applicantId)}${image}`);
		} catch (error) {
			if (plan.imagePath !== 'auto' || (error as { httpCode?: string }).httpCode !== '404') throw asNodeError(this, error, i);
			binary = await download(`/resources/inspections/${await inspectionIdOf(this, connection, plan, i)}${image}`);
		}
	}
	return withDownloadedFile(this, i, { applicantId: plan.applicantId, imageId: plan.imageId }, plan.binaryPropertyName, binary);
}

/** The applicant's inspection id (escaped for a path), needed by the older image path. */
async function inspectionIdOf(ctx: IExecuteFunctions, connection: VendorConnection, plan: Plan, i: number): Promise<string> {
	const applicant = await getApplicant(
		ctx,
		connection,
		{ applicantId: plan.applicantId, path: `/resources/applicants/${encodeURIComponent(plan.applicantId)}/one`, label: plan.applicantId },
		i,
	);
	if (typeof applicant.inspectionId !== 'string' || applicant.inspectionId === '') {
		throw new NodeOperationError(ctx.getNode(), `Sumsub gave no inspection ID for applicant ${plan.applicantId} (item ${i})`, {
			itemIndex: i,
			description: 'The older image path needs it. Set "Image Path" under Options to "Applicant Only".',
		});
	}
	return encodeURIComponent(applicant.inspectionId);
}

export const downloadImage: Operation<Plan> = { description, prepare, execute };
