// Sumsub resource Video Ident: its operation selector and operations.
import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/run/operation';
import { downloadRecording } from './downloadRecording.operation';
import { getVideoCallData } from './getVideoCallData.operation';

export const operations: Record<string, Operation> = { getVideoCallData, downloadRecording };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['videoIdent'] } },
		options: [
			{
				name: 'Download Video Call Recording',
				value: 'downloadRecording',
				action: 'Download video call recording',
				description: 'Download the recording of a Video Ident call into a binary field',
			},
			{
				name: 'Get Video Call Data',
				value: 'getVideoCallData',
				action: 'Get video call data',
				description: 'Get the Video Ident result and its recordings (compositions)',
			},
		],
		default: 'getVideoCallData',
	},
	...getVideoCallData.description,
	...downloadRecording.description,
];
