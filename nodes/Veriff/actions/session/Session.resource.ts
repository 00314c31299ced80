// Veriff resource Session: its operation selector and operations.
import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/run/operation';
import { getDecision } from './getDecision.operation';
import { listAttempts } from './listAttempts.operation';

export const operations: Record<string, Operation> = { listAttempts, getDecision };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['session'] } },
		options: [
			{
				name: 'Get Decision',
				value: 'getDecision',
				action: 'Get decision',
				description: 'Get the verification decision of a session (null until decided)',
			},
			{
				name: 'List Attempts',
				value: 'listAttempts',
				action: 'List attempts',
				description: 'List the attempts of a session, newest first',
			},
		],
		default: 'getDecision',
	},
	...listAttempts.description,
	...getDecision.description,
];
