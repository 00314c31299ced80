import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_REQUESTS_IN_PARALLEL } from './items';
import type { Operation } from './types';

/** How requests of one item are sent: retries, waiting and timeouts. */
export interface ReliabilityOptions {
	maxRetries: number;
	maxRetryWaitMs: number;
	timeoutMs: number;
}

export const DEFAULT_RELIABILITY: ReliabilityOptions = {
	maxRetries: 3,
	maxRetryWaitMs: 60_000,
	timeoutMs: 60_000,
};

const PARALLEL_DESCRIPTION =
	'How many items are processed at the same time. Output order always follows input order. The vendor\'s rate limits are respected whatever the value.';

/**
 * Options of operations that look data up (small JSON answers): 50 at a time by default,
 * like n8n's HTTP Request node, which sends all items at once. The lint rules want literal
 * defaults; the node reads each operation's default from its own field (see router.ts).
 */
export const reliabilityOptionFields: INodeProperties[] = [
	{
		displayName: 'Requests in Parallel',
		name: 'requestsInParallel',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 50 },
		default: 50,
		description: PARALLEL_DESCRIPTION,
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 3,
		description:
			'How often a request is retried after a rate limit (429), a lock (423), a gateway error (502/503/504) or a dropped connection. Requests that may already have changed data are never resent blindly.',
	},
	{
		displayName: 'Max Total Retry Wait (Seconds)',
		name: 'maxRetryWaitSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 60,
		description:
			'Upper bound for the time one item spends waiting between retries, including waits the vendor asks for (Retry-After)',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		description:
			'Longest wait for the connection, for the response to start, and between two chunks of a transfer',
	},
];

/** Options of operations that move files: 10 at a time by default, to bound memory and bandwidth. */
export const fileTransferOptionFields: INodeProperties[] = [
	{ ...reliabilityOptionFields[0], default: 10 },
	...reliabilityOptionFields.slice(1),
];

function toNumber(value: unknown, fallback: number): number {
	const parsed = typeof value === 'number' ? value : Number(value);
	return value !== undefined && value !== '' && Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
}

function optionNumber(ctx: IExecuteFunctions, name: string, itemIndex: number, fallback: number): number {
	return toNumber(ctx.getNodeParameter(`options.${name}`, itemIndex, fallback), fallback);
}

// Every request of an item reads these; n8n's getNodeParameter is costly enough (copies and
// resolves the parameters each time) to show in a 500-item run, so each item reads them once.
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
	const read = (name: string, fallback: number) => toNumber(options[name], fallback);
	const reliability: ReliabilityOptions = {
		maxRetries: Math.floor(read('maxRetries', DEFAULT_RELIABILITY.maxRetries)),
		maxRetryWaitMs: read('maxRetryWaitSeconds', DEFAULT_RELIABILITY.maxRetryWaitMs / 1000) * 1000,
		timeoutMs: Math.max(1, read('timeoutSeconds', DEFAULT_RELIABILITY.timeoutMs / 1000)) * 1000,
	};
	perItem.set(itemIndex, reliability);
	return reliability;
}

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
	return Math.max(1, Math.floor(optionNumber(ctx, 'requestsInParallel', 0, fallback)));
}
