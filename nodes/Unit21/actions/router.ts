// Dispatches a Unit21 node run to its operation.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { route } from '../../shared/run/router';
import { addMedia } from './addMedia.operation';
import { get } from './entity/get.operation';
import { upsert } from './entity/upsert.operation';

// Every Unit21 object type has the same Add Media operation; entities can also be read and upserted.
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route(this, {
		entity: { addMedia, get, upsert },
		event: { addMedia },
		alert: { addMedia },
		case: { addMedia },
	});
}
