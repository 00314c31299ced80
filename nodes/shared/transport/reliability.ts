// How the requests of one item are sent (retries, waits, timeouts), read from the node's Options once per item.
import type { IExecuteFunctions } from 'n8n-workflow';

import { optionNumber } from '../fields/options';

export interface ReliabilityOptions {
	maxRetries: number;
	maxRetryWaitMs: number;
	timeoutMs: number;
}

/** Mirrored by the literal defaults of the Options fields (fields/options.ts). */
export const DEFAULT_RELIABILITY: ReliabilityOptions = {
	maxRetries: 3,
	maxRetryWaitMs: 60_000,
	timeoutMs: 60_000,
};

// Every request of an item reads these; n8n's getNodeParameter copies and resolves the
// parameters each time, so each item reads them once.
const reliabilityPerItem = new WeakMap<IExecuteFunctions, Map<number, ReliabilityOptions>>();

export function readReliabilityOptions(ctx: IExecuteFunctions, itemIndex: number): ReliabilityOptions {
	let perItem = reliabilityPerItem.get(ctx);
	if (!perItem) {
		perItem = new Map();
		reliabilityPerItem.set(ctx, perItem);
	}
	const known = perItem.get(itemIndex);
	if (known) return known;
	const options = (ctx.getNodeParameter('options', itemIndex, {}) ?? {}) as Record<string, unknown>;
	const read = (name: string, fallback: number) => optionNumber(options[name], fallback);
	const reliability: ReliabilityOptions = {
		maxRetries: Math.floor(read('maxRetries', DEFAULT_RELIABILITY.maxRetries)),
		maxRetryWaitMs: read('maxRetryWaitSeconds', DEFAULT_RELIABILITY.maxRetryWaitMs / 1000) * 1000,
		timeoutMs: Math.max(1, read('timeoutSeconds', DEFAULT_RELIABILITY.timeoutMs / 1000)) * 1000,
	};
	perItem.set(itemIndex, reliability);
	return reliability;
}
