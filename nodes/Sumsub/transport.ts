// What is Sumsub's own in talking to its API: error fields and hints, the credential's checks, its rate limits per app token.
import { SumsubApi, sumsubApiRoot } from '../../credentials/SumsubApi.credentials';
import { errorFields, errorMessage } from '../shared/transport/body';
import { SlidingWindowLimiter } from '../shared/transport/rateLimit';
import { VendorClient, baseUrlProblem } from '../shared/transport/vendorClient';
import type { VendorErrorInfo } from '../shared/transport/types';

// Sumsub's default limits: 300 GET and 50 POST requests per 5 seconds per app token. The window
// is counted a little longer (5.25 s): requests reach Sumsub later than they leave, and with
// exactly 5 s the benchmark saw 10–13 of 400 answered 429 (then retried).
const LIMIT_WINDOW_MS = 5_250;
const limiters = new Map<string, SlidingWindowLimiter>();
function limiterFor(method: string, appTokenKey: string): SlidingWindowLimiter {
	const key = `${appTokenKey}:${method === 'GET' ? 'GET' : 'POST'}`;
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new SlidingWindowLimiter(method === 'GET' ? 300 : 50, LIMIT_WINDOW_MS);
		limiters.set(key, limiter);
	}
	return limiter;
}

/** Sumsub's error body: `{description, code, correlationId, errorCode, errorName}`. */
export function parseSumsubError(status: number, body: unknown): VendorErrorInfo {
	const data = errorFields(body);
	const message = errorMessage(body, 'description', status);
	const code = data.errorName ? String(data.errorName) : data.errorCode !== undefined ? String(data.errorCode) : undefined;
	const details = [
		data.errorCode !== undefined && data.errorName ? `errorCode ${String(data.errorCode)}` : '',
		data.correlationId ? `correlationId ${String(data.correlationId)} (quote it to Sumsub support)` : '',
	]
		.filter(Boolean)
		.join(', ');
	let hint: string | undefined;
	if (status === 401) {
		hint = /signature/i.test(message)
			? 'Check the Secret Key of the Sumsub credential.'
			: /timestamp|ts\b|time/i.test(message)
				? 'The clock of the n8n machine is off by more than a minute: Sumsub rejects such requests.'
				: 'Check the App Token of the Sumsub credential (sandbox tokens start with "sbx:").';
	} else if (status === 404) {
		hint = 'Sumsub does not know this id. Sandbox and production data are separate and depend on the app token.';
	}
	return { message, code, hint, details: details || undefined };
}

export const sumsub = new VendorClient({
	name: 'Sumsub',
	credentialType: new SumsubApi(),
	retryableStatuses: [429, 502, 503, 504],
	refusedStatuses: [429, 503],
	parseError: parseSumsubError,
	rateLimitField: 'appToken',
	async beforeRequest(method, rateLimitKey) {
		await limiterFor(method, rateLimitKey).take();
	},
	// Sumsub's 429 carries no Retry-After; the window is shared with other n8n processes (workers).
	rateLimitWindowMs: LIMIT_WINDOW_MS,
	apiRoot: (credentials) => sumsubApiRoot(String(credentials.baseUrl ?? '')),
	credentialProblem: (credentials) =>
		baseUrlProblem('Sumsub', credentials.baseUrl) ??
		(credentials.secretKey ? undefined : 'The Secret Key of the Sumsub credential is empty'),
});
