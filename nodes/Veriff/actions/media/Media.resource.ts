// Veriff resource Media: its operation selector and operations.
import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/run/operation';
import { download } from './download.operation';
import { listSessionMedia } from './listSessionMedia.operation';

export const operations: Record<string, Operation> = { listSessionMedia, download };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['media'] } },
		options: [
			{
				name: 'Download Media',
				value: 'download',
				action: 'Download media',
				description: 'Download one photo, video or NFC file into a binary field',
			},
			{
				name: 'List Session Media',
				value: 'listSessionMedia',
				action: 'List session media',
				description: 'List the photos, videos and NFC files of a session, one item per file',
			},
		],
		default: 'listSessionMedia',
	},
	...listSessionMedia.description,
	...download.description,
];
