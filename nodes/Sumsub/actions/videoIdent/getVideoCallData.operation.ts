// Sumsub → Get Video Call Data: the Video Ident result of an inspection, optionally one item per recording.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { reliabilityOptionFields, optionsCollection } from '../../../shared/fields/options';
import type { Operation } from '../../../shared/run/operation';
import { getIdParameter, validateId } from '../../../shared/fields/ids';
import { sumsub } from '../../transport';

const show = { resource: ['videoIdent'], operation: ['getVideoCallData'] };

interface Composition {
	compositionCreatedAt?: string;
	compositionDuration?: number;
	compositionMediaId?: string;
}

interface VideoCallData {
	id?: string;
	videoIdentData?: {
		reviewStatus?: string;
		moderatorDisplayName?: string;
		compositions?: Composition[];
		[key: string]: unknown;
	} | null;
}

export const description: INodeProperties[] = [
	{
		displayName: 'Inspection ID',
		name: 'inspectionId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5e9412223cc1813b4db0b0e4',
		description: 'The applicant\'s inspection (24 hexadecimal characters), e.g. the inspectionId of a Sumsub Trigger or Get Applicant item',
		displayOptions: { show },
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'single',
		options: [
			{ name: 'One Item With Video Call Data', value: 'single', description: 'Sumsub\'s response as one item' },
			{
				name: 'One Item per Recording',
				value: 'perComposition',
				description: 'One item per composition, ready for Download Video Call Recording',
			},
		],
		displayOptions: { show },
	},
	{
		displayName: 'Applicant ID',
		name: 'applicantId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 5cb56e8e0a975a35f333cb83',
		description: 'The applicant the inspection belongs to. Recordings are downloaded by applicant ID, so it is copied into every item (e.g. the applicantId of a Sumsub Trigger item).',
		displayOptions: { show: { ...show, output: ['perComposition'] } },
	},
	optionsCollection(show, [...reliabilityOptionFields]),
];

interface Plan {
	inspectionId: string;
	perComposition: boolean;
	applicantId?: string;
}

async function prepare(this: IExecuteFunctions, i: number): Promise<Plan> {
	const inspectionId = getIdParameter(this, 'inspectionId', 'Inspection ID', i, 'hexObjectId');
	const perComposition = this.getNodeParameter('output', i, 'single') === 'perComposition';
	const applicantRaw = perComposition ? String(this.getNodeParameter('applicantId', i, '') ?? '').trim() : '';
	return {
		inspectionId,
		perComposition,
		applicantId: applicantRaw ? validateId(this, applicantRaw, 'Applicant ID', i, 'hexObjectId') : undefined,
	};
}

async function execute(this: IExecuteFunctions, plan: Plan, i: number): Promise<INodeExecutionData[]> {
	const connection = await sumsub.connect(this, i);
	const body = await sumsub.getJson<VideoCallData>(
		this,
		connection,
		`/resources/inspections/${encodeURIComponent(plan.inspectionId)}?fields=videoIdentData`,
		i,
		`Getting video call data of inspection ${plan.inspectionId}`,
	);
	if (!plan.perComposition) return [{ json: body as IDataObject }];
	const data = body.videoIdentData ?? {};
	return (data.compositions ?? []).map((composition) => ({
		json: {
			inspectionId: body.id ?? plan.inspectionId,
			applicantId: plan.applicantId ?? null,
			compositionMediaId: composition.compositionMediaId ?? null,
			compositionCreatedAt: composition.compositionCreatedAt ?? null,
			compositionDuration: composition.compositionDuration ?? null,
			reviewStatus: data.reviewStatus ?? null,
			moderatorDisplayName: data.moderatorDisplayName ?? null,
		},
	}));
}

export const getVideoCallData: Operation<Plan> = { description, prepare, execute };
