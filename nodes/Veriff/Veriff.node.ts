// The Veriff action node: its resources and operations, credential test, dispatch to actions/.
import type {
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import * as media from './actions/media/Media.resource';
import * as session from './actions/session/Session.resource';
import { testVeriffCredentials } from './credentialTest';
import { ACTION_NODE_BASE, resourceSelector } from '../shared/fields/nodeBase';

export class Veriff implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Veriff',
		name: 'veriff',
		icon: { light: 'file:veriff.svg', dark: 'file:veriff.dark.svg' },
		...ACTION_NODE_BASE,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'List and download the photos, videos and NFC data of Veriff verification sessions',
		defaults: { name: 'Veriff' },
		usableAsTool: true,
		credentials: [{ name: 'veriffApi', required: true, testedBy: 'veriffApiTest' }],
		properties: [
			resourceSelector(
				[
					{ name: 'Media', value: 'media' },
					{ name: 'Session', value: 'session' },
				],
				'media',
			),
			...media.description,
			...session.description,
		],
	};

	// The credential's Test button (testedBy above).
	methods = { credentialTest: { veriffApiTest: testVeriffCredentials } };

	execute = router;
}
