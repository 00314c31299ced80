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
import * as applicant from './actions/applicant/Applicant.resource';
import * as videoIdent from './actions/videoIdent/VideoIdent.resource';
import { testSumsubCredentials } from './credentialTest';

export class Sumsub implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sumsub',
		name: 'sumsub',
		icon: 'file:sumsub.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Get Sumsub Video Ident call data and download the call recordings',
		defaults: { name: 'Sumsub' },
		usableAsTool: true,
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'sumsubApi', required: true, testedBy: 'sumsubApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Applicant', value: 'applicant' },
					{ name: 'Video Ident', value: 'videoIdent' },
				],
				default: 'videoIdent',
			},
			...videoIdent.description,
			...applicant.description,
		],
	};

	methods = {
		credentialTest: {
			async sumsubApiTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				return await testSumsubCredentials.call(this, credential);
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
