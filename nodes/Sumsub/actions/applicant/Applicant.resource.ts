// Sumsub resource Applicant: its operation selector and operations.
import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/run/operation';
import { get } from './get.operation';

export const operations: Record<string, Operation> = { get };

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
		],
		default: 'get',
	},
	...get.description,
];
