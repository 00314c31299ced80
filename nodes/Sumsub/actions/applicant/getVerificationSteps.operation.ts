// Sumsub → Get Verification Steps: each step of the applicant's level, its answer and which images decided it.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getIdParameter } from '../../../shared/fields/ids';
import { optionsCollection, reliabilityOptionFields } from '../../../shared/fields/options';
import type { Operation } from '../../../shared/run/operation';
import { sumsub } from '../../transport';
import { applicantIdField } from './lookup';

const show = { resource: ['applicant'], operation: ['getVerificationSteps'] };

export const description: INodeProperties[] = [
	applicantIdField(show, 'Sumsub\'s applicant ID (24 hexadecimal characters); the default reads it from the item, e.g. a Sumsub Trigger item'),
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'perStep',
		options: [
			{ name: 'One Item per Step', value: 'perStep', description: 'IDENTITY, SELFIE, … each with its images' },
			{ name: 'One Item', value: 'single', description: 'Sumsub\'s response unchanged' },
		],
		displayOptions: { show },
	},
	optionsCollection(show, [...reliabilityOptionFields]),
];

type ReviewResult = IDataObject & { reviewAnswer?: string; rejectLabels?: string[] };

interface Step {
	reviewResult?: ReviewResult | null;
	country?: string;
	idDocType?: string;
	imageIds?: Array<number | string>;
	imageReviewResults?: Record<string, ReviewResult>;
}

interface Plan {
	applicantId: string;
	perStep: boolean;
}

async function prepare(this: IExecuteFunctions, i: number): Promise<Plan> {
	return {
		applicantId: getIdParameter(this, 'applicantId', 'Applicant ID', i, 'hexObjectId'),
		perStep: this.getNodeParameter('output', i, 'perStep') !== 'single',
	};
}

/** One step as an item; image ids become strings (List Documents gives them as strings). */
function stepItem(applicantId: string, name: string, step: Step | null): IDataObject {
	const result = step?.reviewResult ?? {};
	const imageIds = (step?.imageIds ?? []).map(String);
	return {
		applicantId,
		step: name,
		// A step with nothing uploaded may come as null.
		submitted: step !== null && step !== undefined,
		idDocType: step?.idDocType ?? null,
		country: step?.country ?? null,
		reviewAnswer: result.reviewAnswer ?? null,
		rejectLabels: result.rejectLabels ?? [],
		moderationComment: result.moderationComment ?? null,
		clientComment: result.clientComment ?? null,
		imageIds,
		images: imageIds.map((imageId) => {
			const image = step?.imageReviewResults?.[imageId] ?? {};
			return { imageId, reviewAnswer: image.reviewAnswer ?? null, rejectLabels: image.rejectLabels ?? [], ...image };
		}),
	};
}

async function execute(this: IExecuteFunctions, plan: Plan, i: number): Promise<INodeExecutionData[]> {
	const connection = await sumsub.connect(this, i);
	const steps = await sumsub.getJson<Record<string, Step | null>>(
		this,
		connection,
		`/resources/applicants/${encodeURIComponent(plan.applicantId)}/requiredIdDocsStatus`,
		i,
		`Getting the verification steps of Sumsub applicant ${plan.applicantId}`,
	);
	if (!plan.perStep) return [{ json: { applicantId: plan.applicantId, ...(steps as IDataObject) } }];
	return Object.entries(steps).map(([name, step]) => ({ json: stepItem(plan.applicantId, name, step) }));
}

export const getVerificationSteps: Operation<Plan> = { description, prepare, execute };
