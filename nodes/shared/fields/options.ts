// The Options collection every action shares: Requests in Parallel, Max Retries, Max Total Retry Wait, Timeout.
import type { INodeProperties } from 'n8n-workflow';

const PARALLEL_DESCRIPTION =
	'How many items are processed at the same time. Output order always follows input order. The vendor\'s rate limits are respected whatever the value.';

/**
 * Options of operations that look data up (small JSON answers): 50 at a time by default,
 * like n8n's HTTP Request node, which sends all items at once. The lint rules want literal
 * defaults (they mirror DEFAULT_RELIABILITY); the runner reads each operation's own
 * Requests in Parallel default from its field (run/parallelism.ts).
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

/** n8n's "Options" collection of one operation: its own options first, then the shared ones. */
export function optionsCollection(
	show: Record<string, string[]>,
	options: INodeProperties[],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options,
	};
}

/** A number option as typed by the user (or an expression), else the fallback. */
export function optionNumber(value: unknown, fallback: number): number {
	const parsed = typeof value === 'number' ? value : Number(value);
	return value !== undefined && value !== '' && Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
}
