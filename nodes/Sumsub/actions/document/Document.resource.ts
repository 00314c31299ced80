// Sumsub resource Document: its operation selector and operations.
import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/run/operation';
import { downloadImage } from './downloadImage.operation';
import { list } from './list.operation';

export const operations: Record<string, Operation> = { list, downloadImage };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		options: [
			{
				name: 'Download Document Image',
				value: 'downloadImage',
				action: 'Download a document image',
				description: 'Download one document image (passport page, ID card side, selfie) into a binary field',
			},
			{
				name: 'List Documents',
				value: 'list',
				action: 'List documents',
				description: 'List the document images of an applicant, one item per image, with the Unit21 media type of each',
			},
		],
		default: 'list',
	},
	...list.description,
	...downloadImage.description,
];
