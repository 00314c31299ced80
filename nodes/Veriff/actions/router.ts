// Dispatches a Veriff node run to its resource's operation.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { route } from '../../shared/run/router';
import * as media from './media/Media.resource';
import * as session from './session/Session.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route(this, { media: media.operations, session: session.operations });
}
