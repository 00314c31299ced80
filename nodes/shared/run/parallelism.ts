// How many items of a run are processed at once: the operation's own "Requests in Parallel" default, or the user's value.
import type { IExecuteFunctions } from 'n8n-workflow';

import { optionNumber } from '../fields/options';
import type { Operation } from './operation';

/** For an operation without its own "Requests in Parallel" field. */
const DEFAULT_REQUESTS_IN_PARALLEL = 10;

/** The default of the operation's own "Requests in Parallel" field. */
export function defaultRequestsInParallel(operation: Operation): number {
	for (const property of operation.description) {
		if (property.name !== 'options' || !Array.isArray(property.options)) continue;
		for (const option of property.options) {
			if ('name' in option && option.name === 'requestsInParallel' && 'default' in option && typeof option.default === 'number') {
				return option.default;
			}
		}
	}
	return DEFAULT_REQUESTS_IN_PARALLEL;
}

export function readRequestsInParallel(ctx: IExecuteFunctions, fallback: number): number {
	if (ctx.getInputData().length === 0) return 1;
	const value = ctx.getNodeParameter('options.requestsInParallel', 0, fallback);
	return Math.max(1, Math.floor(optionNumber(value, fallback)));
}
