// Dispatches a Unit21 node run to its operation.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { route } from '../../shared/run/router';
import { addMedia } from './addMedia.operation';

// Every Unit21 object type has the same Add Media operation.
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route(this, {
		entity: { addMedia },
		event: { addMedia },
		alert: { addMedia },
		case: { addMedia },
	});
}
