// What is Unit21's own in talking to its API: environments, error codes and hints, the organization in paths, its rate limit.
import type { IExecuteFunctions } from 'n8n-workflow';

import { Unit21Api, unit21ApiRoot } from '../../credentials/Unit21Api.credentials';
import { validateId } from '../shared/fields/ids';
import { errorFields, errorMessage } from '../shared/transport/body';
import { SlidingWindowLimiter } from '../shared/transport/rateLimit';
import { VendorClient, baseUrlProblem } from '../shared/transport/vendorClient';
import type { VendorConnection } from '../shared/transport/vendorClient';
import type { VendorErrorInfo } from '../shared/transport/types';

// Unit21 allows about 200 requests per second per route; stay under it across items.
const linkMediaLimiter = new SlidingWindowLimiter(200, 1_000);

const HINTS: Record<number, string> = {
	401: 'Check the API Key of the Unit21 credential and its Environment.',
	403: 'Check the Organization Name of the Unit21 credential and the API key\'s permissions.',
	404: 'Unit21 does not know this object. Entities and events are addressed by your own IDs (not unit21_id); alerts and cases by their Unit21 ID.',
	423: 'Unit21 is still updating this object; run the item again shortly.',
};

/** Unit21's error body: `{error_code, message}`. */
export function parseUnit21Error(status: number, body: unknown): VendorErrorInfo {
	const data = errorFields(body);
	const message = errorMessage(body, 'message', status);
	const code = data.error_code !== undefined ? String(data.error_code) : undefined;
	return { message, code, hint: HINTS[status] };
}

export const unit21 = new VendorClient({
	name: 'Unit21',
	credentialType: new Unit21Api(),
	// 423: the object is being updated; Unit21 asks to retry later.
	retryableStatuses: [423, 429, 502, 503, 504],
	refusedStatuses: [423, 429, 503],
	parseError: parseUnit21Error,
	async beforeRequest() {
		await linkMediaLimiter.take();
	},
	apiRoot: (credentials) => unit21ApiRoot(String(credentials.environment ?? 'production'), String(credentials.baseUrl ?? '')),
	credentialProblem: (credentials) =>
		(credentials.environment === 'custom' ? baseUrlProblem('Unit21', credentials.baseUrl, true) : undefined) ??
		(credentials.apiKey ? undefined : 'The API Key of the Unit21 credential is empty'),
});

/** The path segment of the credential's organization (entities and events live under it), checked. */
export function unit21OrgSegment(ctx: IExecuteFunctions, connection: VendorConnection, itemIndex: number): string {
	const orgName = String(connection.credentials.orgName ?? '');
	return encodeURIComponent(validateId(ctx, orgName, 'Organization Name (of the Unit21 credential)', itemIndex, 'pathSafe'));
}
