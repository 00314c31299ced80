// Sumsub resource Applicant: its operation selector and operations.
import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/run/operation';
import { get } from './get.operation';
import { getReviewStatus } from './getReviewStatus.operation';
import { getVerificationSteps } from './getVerificationSteps.operation';

export const operations: Record<string, Operation> = { get, getReviewStatus, getVerificationSteps };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['applicant'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get an applicant',
				description: 'Get an applicant by applicant ID or external user ID (gives the inspectionId)',
			},
			{
				name: 'Get Review Status',
				value: 'getReviewStatus',
				action: 'Get the review status of an applicant',
				description: 'Review status, answer (GREEN / RED), reject labels, reject type and comments',
			},
			{
				name: 'Get Verification Steps',
				value: 'getVerificationSteps',
				action: 'Get the verification steps of an applicant',
				description: 'Each step (identity document, selfie, …) with its answer and the images that decided it',
			},
		],
		default: 'get',
	},
	...get.description,
	...getReviewStatus.description,
	...getVerificationSteps.description,
];
