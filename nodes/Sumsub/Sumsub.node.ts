// The Sumsub action node: its resources and operations, credential test, dispatch to actions/.
import type {
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import * as applicant from './actions/applicant/Applicant.resource';
import * as document from './actions/document/Document.resource';
import * as videoIdent from './actions/videoIdent/VideoIdent.resource';
import { testSumsubCredentials } from './credentialTest';
import { ACTION_NODE_BASE, resourceSelector } from '../shared/fields/nodeBase';

export class Sumsub implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sumsub',
		name: 'sumsub',
		icon: { light: 'file:sumsub.svg', dark: 'file:sumsub.dark.svg' },
		...ACTION_NODE_BASE,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'List and download Sumsub applicants\' document images and Video Ident recordings, and read their review',
		defaults: { name: 'Sumsub' },
		usableAsTool: true,
		credentials: [{ name: 'sumsubApi', required: true, testedBy: 'sumsubApiTest' }],
		properties: [
			resourceSelector(
				[
					{ name: 'Applicant', value: 'applicant' },
					{ name: 'Document', value: 'document' },
					{ name: 'Video Ident', value: 'videoIdent' },
				],
				'videoIdent',
			),
			...videoIdent.description,
			...applicant.description,
			...document.description,
		],
	};

	// The credential's Test button (testedBy above).
	methods = { credentialTest: { sumsubApiTest: testSumsubCredentials } };

	execute = router;
}
