import { NodeOperationError } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';

import { unit21ApiRoot } from '../../credentials/Unit21Api.credentials';
import { jsonResponse, sendVendorRequest } from '../shared/http';
import { credentialsForRun } from '../shared/credentials';
import type { Vendor, VendorErrorInfo, VendorRequest, VendorResponse } from '../shared/http';
import { readReliabilityOptions } from '../shared/options';
import { SlidingWindowLimiter } from '../shared/rateLimit';
import { validateId } from '../shared/validation';

// Unit21 allows about 200 requests per second per route; stay under it across items.
const linkMediaLimiter = new SlidingWindowLimiter(200, 1_000);

export const unit21Vendor: Vendor = {
	name: 'Unit21',
	credentialType: 'unit21Api',
	// 423: the object is being updated; Unit21 asks to retry later.
	retryableStatuses: [423, 429, 502, 503, 504],
	refusedStatuses: [423, 429, 503],
	parseError(status: number, body: unknown): VendorErrorInfo {
		const data = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
		const message =
			typeof data.message === 'string' && data.message !== ''
				? data.message
				: typeof body === 'string' && body !== ''
					? body
					: `HTTP ${status}`;
		const code = data.error_code !== undefined ? String(data.error_code) : undefined;
		const hints: Record<number, string> = {
			401: 'Check the API Key of the Unit21 credential and its Environment.',
			403: 'Check the Organization Name of the Unit21 credential and the API key\'s permissions.',
			404: 'Unit21 does not know this object. Entities and events are addressed by your own IDs (not unit21_id); alerts and cases by their Unit21 ID.',
			423: 'Unit21 is still updating this object; run the item again shortly.',
		};
		return { message, code, hint: hints[status] };
	},
	async beforeRequest() {
		await linkMediaLimiter.take();
	},
};

export interface Unit21Connection {
	apiRoot: string;
	orgName: string;
	/** The decrypted credential (read once per node run), passed on so that n8n does not load it again per request. */
	credentials: ICredentialDataDecryptedObject;
}

export async function unit21Connection(ctx: IExecuteFunctions, itemIndex: number, needsOrg: boolean): Promise<Unit21Connection> {
	const credentials = await credentialsForRun(ctx, 'unit21Api', itemIndex);
	const environment = String(credentials.environment ?? 'production');
	const customUrl = String(credentials.baseUrl ?? '');
	if (environment === 'custom' && !/^https?:\/\/[^\s/]+/i.test(customUrl.trim())) {
		throw new NodeOperationError(ctx.getNode(), `The Base URL of the Unit21 credential must start with http:// or https:// (item ${itemIndex})`, { itemIndex });
	}
	if (!credentials.apiKey) {
		throw new NodeOperationError(ctx.getNode(), `The API Key of the Unit21 credential is empty (item ${itemIndex})`, { itemIndex });
	}
	const orgName = String(credentials.orgName ?? '');
	if (needsOrg) validateId(ctx, orgName, 'Organization Name (of the Unit21 credential)', itemIndex, 'pathSafe');
	return { apiRoot: unit21ApiRoot(environment, customUrl), orgName, credentials };
}

export async function unit21Send<T>(
	ctx: IExecuteFunctions,
	request: Omit<VendorRequest, 'responseType'>,
): Promise<T> {
	const response = (await sendVendorRequest(
		ctx,
		unit21Vendor,
		{ ...request, responseType: 'json' },
		readReliabilityOptions(ctx, request.itemIndex),
	)) as VendorResponse<Buffer>;
	return jsonResponse<T>(ctx, unit21Vendor, request, response);
}
