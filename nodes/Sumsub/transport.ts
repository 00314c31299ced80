import { createHash } from 'node:crypto';
import { NodeOperationError } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';

import { SumsubApi, sumsubApiRoot } from '../../credentials/SumsubApi.credentials';
import { jsonResponse, sendVendorRequest } from '../shared/http';
import { credentialsForRun } from '../shared/credentials';
import { downloadThreadUsable } from '../shared/downloadThread';
import type { Vendor, VendorErrorInfo, VendorResponse } from '../shared/http';
import { readReliabilityOptions } from '../shared/options';
import { SlidingWindowLimiter } from '../shared/rateLimit';

// Sumsub's default limits: 300 GET and 50 POST requests per 5 seconds per app token.
const limiters = new Map<string, SlidingWindowLimiter>();
function limiterFor(method: string, credentialKey: string): SlidingWindowLimiter {
	const key = `${credentialKey}:${method === 'GET' ? 'GET' : 'POST'}`;
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new SlidingWindowLimiter(method === 'GET' ? 300 : 50, 5_000);
		limiters.set(key, limiter);
	}
	return limiter;
}

export const sumsubVendor: Vendor = {
	name: 'Sumsub',
	credentialType: 'sumsubApi',
	sign: async (credentials, options) => await new SumsubApi().authenticate(credentials, options),
	retryableStatuses: [429, 502, 503, 504],
	refusedStatuses: [429, 503],
	parseError(status: number, body: unknown): VendorErrorInfo {
		const data = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
		const message =
			typeof data.description === 'string' && data.description !== ''
				? data.description
				: typeof body === 'string' && body !== ''
					? body
					: `HTTP ${status}`;
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
	},
	async beforeRequest(method: string, credentialKey: string) {
		await limiterFor(method, credentialKey).take();
	},
};

export interface SumsubConnection {
	apiRoot: string;
	credentialKey: string;
	/** The decrypted credential (read once per node run), passed on so that n8n does not load it again per request. */
	credentials: ICredentialDataDecryptedObject;
}

export async function sumsubConnection(ctx: IExecuteFunctions, itemIndex: number): Promise<SumsubConnection> {
	const credentials = await credentialsForRun(ctx, 'sumsubApi', itemIndex);
	const baseUrl = String(credentials.baseUrl ?? '');
	if (baseUrl.trim() !== '' && !/^https?:\/\//i.test(baseUrl.trim())) {
		throw new NodeOperationError(ctx.getNode(), `The Base URL of the Sumsub credential must start with http:// or https:// (item ${itemIndex})`, { itemIndex });
	}
	if (!credentials.secretKey) {
		throw new NodeOperationError(ctx.getNode(), `The Secret Key of the Sumsub credential is empty (item ${itemIndex})`, { itemIndex });
	}
	return {
		apiRoot: sumsubApiRoot(baseUrl),
		credentialKey: createHash('sha256').update(String(credentials.appToken)).digest('hex').slice(0, 16),
		credentials,
	};
}

/** GET a JSON resource; `pathWithQuery` starts with "/" and is already escaped. */
export async function sumsubGetJson<T>(
	ctx: IExecuteFunctions,
	connection: SumsubConnection,
	pathWithQuery: string,
	itemIndex: number,
	what: string,
): Promise<T> {
	const response = (await sendVendorRequest(
		ctx,
		sumsubVendor,
		{
			method: 'GET',
			url: `${connection.apiRoot}${pathWithQuery}`,
			responseType: 'json',
			changesData: false,
			itemIndex,
			what,
			credentialKey: connection.credentialKey,
			credentials: connection.credentials,
		},
		readReliabilityOptions(ctx, itemIndex),
	)) as VendorResponse<Buffer>;
	return jsonResponse<T>(ctx, sumsubVendor, { what, itemIndex }, response);
}

export async function sumsubDownload(
	ctx: IExecuteFunctions,
	connection: SumsubConnection,
	pathWithQuery: string,
	itemIndex: number,
	what: string,
): Promise<VendorResponse> {
	return await sendVendorRequest(
		ctx,
		sumsubVendor,
		{
			method: 'GET',
			url: `${connection.apiRoot}${pathWithQuery}`,
			responseType: 'stream',
			inDownloadThread: await downloadThreadUsable(ctx),
			changesData: false,
			itemIndex,
			what,
			credentialKey: connection.credentialKey,
			credentials: connection.credentials,
		},
		readReliabilityOptions(ctx, itemIndex),
	);
}
