import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import * as media from './actions/media/Media.resource';
import * as session from './actions/session/Session.resource';
import { testVeriffCredentials } from './credentialTest';

export class Veriff implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Veriff',
		name: 'veriff',
		icon: 'file:veriff.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'List and download the photos, videos and NFC data of Veriff verification sessions',
		defaults: { name: 'Veriff' },
		usableAsTool: true,
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'veriffApi', required: true, testedBy: 'veriffApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Media', value: 'media' },
					{ name: 'Session', value: 'session' },
				],
				default: 'media',
			},
			...media.description,
			...session.description,
		],
	};

	methods = {
		credentialTest: {
			async veriffApiTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				return await testVeriffCredentials.call(this, credential);
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
