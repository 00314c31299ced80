// The item runner: validates every item first, then runs them with bounded concurrency, Continue On Fail and pairedItem.
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operation } from './operation';

/** The error item n8n users expect with "Continue (using error output)" / "Continue On Fail". */
export function errorItem(error: Error & { description?: string | null }, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.errorDescription = error.description;
	const httpCode = (error as { httpCode?: string | null }).httpCode;
	if (httpCode) json.httpCode = httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * Runs an operation over every input item: first validates all items (no request is sent
 * while any item is invalid, unless Continue On Fail is set, which turns that item into an
 * error item), then executes them with at most `concurrency` in flight. Output order is
 * input order; every output item is paired with its input item.
 */
export async function runOperation(
	ctx: IExecuteFunctions,
	operation: Operation,
	concurrency: number,
): Promise<INodeExecutionData[]> {
	const items = ctx.getInputData();
	const results: INodeExecutionData[][] = new Array(items.length);
	const continueOnFail = ctx.continueOnFail();

	const plans: unknown[] = new Array(items.length);
	for (let i = 0; i < items.length; i++) {
		try {
			plans[i] = await operation.prepare.call(ctx, i);
		} catch (error) {
			if (!continueOnFail) throw withItemIndex(ctx, error, i);
			results[i] = [errorItem(error, i)];
		}
	}

	const pending = items.map((_, i) => i).filter((i) => results[i] === undefined);
	let next = 0;
	const failures: Array<{ index: number; error: Error }> = [];

	const worker = async () => {
		while (failures.length === 0 && next < pending.length) {
			const i = pending[next++];
			try {
				const output = await operation.execute.call(ctx, plans[i], i);
				results[i] = output.map((item) => ({ ...item, pairedItem: { item: i } }));
			} catch (error) {
				if (continueOnFail) {
					results[i] = [errorItem(error, i)];
				} else {
					failures.push({ index: i, error });
				}
			}
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, pending.length));
	await Promise.all(Array.from({ length: workers }, worker));
	if (failures.length > 0) {
		// Report the earliest item that failed, as a sequential run would have.
		const first = failures.reduce((a, b) => (b.index < a.index ? b : a));
		throw withItemIndex(ctx, first.error, first.index);
	}

	return results.flat();
}

function withItemIndex(ctx: IExecuteFunctions, error: Error, itemIndex: number): Error {
	if (error instanceof NodeOperationError || (error as { node?: unknown }).node) {
		const withContext = error as Error & { context?: Record<string, unknown> };
		if (withContext.context && withContext.context.itemIndex === undefined) {
			withContext.context.itemIndex = itemIndex;
		}
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error, { itemIndex });
}
