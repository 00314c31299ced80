// Sumsub → Get Review Status: where the applicant's review stands, its answer and reject labels.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getIdParameter } from '../../../shared/fields/ids';
import { optionsCollection, reliabilityOptionFields } from '../../../shared/fields/options';
import type { Operation } from '../../../shared/run/operation';
import { sumsub } from '../../transport';
import { applicantIdField } from './lookup';

const show = { resource: ['applicant'], operation: ['getReviewStatus'] };

export const description: INodeProperties[] = [
	applicantIdField(show, 'Sumsub\'s applicant ID (24 hexadecimal characters); the default reads it from the item, e.g. a Sumsub Trigger item'),
	optionsCollection(show, [...reliabilityOptionFields]),
];

interface ReviewStatus {
	reviewStatus?: string;
	reviewResult?: IDataObject & { reviewAnswer?: string; rejectLabels?: string[] };
	[key: string]: unknown;
}

async function prepare(this: IExecuteFunctions, i: number): Promise<string> {
	return getIdParameter(this, 'applicantId', 'Applicant ID', i, 'hexObjectId');
}

async function execute(this: IExecuteFunctions, applicantId: string, i: number): Promise<INodeExecutionData[]> {
	const connection = await sumsub.connect(this, i);
	const status = await sumsub.getJson<ReviewStatus>(
		this,
		connection,
		`/resources/applicants/${encodeURIComponent(applicantId)}/status`,
		i,
		`Getting the review status of Sumsub applicant ${applicantId}`,
	);
	const result = status.reviewResult ?? {};
	return [
		{
			json: {
				applicantId,
				...(status as IDataObject),
				reviewStatus: status.reviewStatus ?? null,
				// Only meaningful once reviewStatus is "completed".
				reviewAnswer: result.reviewAnswer ?? null,
				rejectLabels: result.rejectLabels ?? [],
				reviewRejectType: result.reviewRejectType ?? null,
				moderationComment: result.moderationComment ?? null,
				clientComment: result.clientComment ?? null,
			},
		},
	];
}

export const getReviewStatus: Operation<string> = { description, prepare, execute };
