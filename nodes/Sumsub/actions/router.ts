// Dispatches a Sumsub node run to its resource's operation.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { route } from '../../shared/run/router';
import * as applicant from './applicant/Applicant.resource';
import * as document from './document/Document.resource';
import * as videoIdent from './videoIdent/VideoIdent.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route(this, { videoIdent: videoIdent.operations, applicant: applicant.operations, document: document.operations });
}
