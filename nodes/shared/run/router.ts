// Dispatches a node run to the operation its resource and operation parameters name.
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationMap } from './operation';
import { defaultRequestsInParallel, readRequestsInParallel } from './parallelism';
import { runOperation } from './runner';

/** Dispatches on resource/operation and runs the operation over all input items. */
export async function route(ctx: IExecuteFunctions, operations: OperationMap): Promise<INodeExecutionData[][]> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operationName = ctx.getNodeParameter('operation', 0) as string;
	const operation = operations[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	}
	return [await runOperation(ctx, operation, readRequestsInParallel(ctx, defaultRequestsInParallel(operation)))];
}
