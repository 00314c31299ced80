import { createHash, timingSafeEqual } from 'node:crypto';
import { NodeOperationError } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';

import { VeriffApi, veriffApiRoot, veriffSignature } from '../../credentials/VeriffApi.credentials';
import { header, jsonResponse, sendVendorRequest } from '../shared/http';
import { credentialsForRun } from '../shared/credentials';
import { downloadThreadUsable } from '../shared/downloadThread';
import type { Vendor, VendorErrorInfo, VendorResponse } from '../shared/http';
import { readReliabilityOptions } from '../shared/options';

const KEY_HINT = 'Check the API Key of the Veriff credential (test and live integrations have different keys).';
const SECRET_HINT = 'Check the Shared Secret Key of the Veriff credential: it must belong to the same integration as the API key.';

const HINTS: Record<string, string> = {
	'1801': KEY_HINT,
	'1802': KEY_HINT,
	'1803': KEY_HINT,
	'1804': 'The integration is not active: activate it in the Veriff Customer Portal.',
	'1818': SECRET_HINT,
	'1819': SECRET_HINT,
};

export const veriffVendor: Vendor = {
	name: 'Veriff',
	credentialType: 'veriffApi',
	sign: async (credentials, options) => await new VeriffApi().authenticate(credentials, options),
	retryableStatuses: [429, 502, 503, 504],
	refusedStatuses: [429, 503],
	parseError(status: number, body: unknown): VendorErrorInfo {
		const data = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
		const code = data.code !== undefined ? String(data.code) : undefined;
		const message =
			typeof data.message === 'string' && data.message !== ''
				? data.message
				: typeof body === 'string' && body !== ''
					? body
					: `HTTP ${status}`;
		let hint = code ? HINTS[code] : undefined;
		if (!hint && status === 404) {
			hint = 'Veriff does not know this id for this integration. Sessions of a test integration are not visible with live keys and the other way round.';
		}
		return { message, code, hint };
	},
};

export interface VeriffConnection {
	apiRoot: string;
	sharedSecret: string;
	credentialKey: string;
	/** The decrypted credential (read once per node run), passed on so that n8n does not load it again per request. */
	credentials: ICredentialDataDecryptedObject;
}

export async function veriffConnection(ctx: IExecuteFunctions, itemIndex: number): Promise<VeriffConnection> {
	const credentials = await credentialsForRun(ctx, 'veriffApi', itemIndex);
	const baseUrl = String(credentials.baseUrl ?? '');
	if (baseUrl.trim() !== '' && !/^https?:\/\//i.test(baseUrl.trim())) {
		throw new NodeOperationError(ctx.getNode(), `The Base URL of the Veriff credential must start with http:// or https:// (item ${itemIndex})`, { itemIndex });
	}
	if (!credentials.sharedSecret) {
		throw new NodeOperationError(ctx.getNode(), `The Shared Secret Key of the Veriff credential is empty (item ${itemIndex})`, { itemIndex });
	}
	return {
		apiRoot: veriffApiRoot(baseUrl),
		sharedSecret: String(credentials.sharedSecret),
		credentialKey: createHash('sha256').update(String(credentials.apiKey)).digest('hex').slice(0, 16),
		credentials,
	};
}

/** True when the response's X-HMAC-SIGNATURE is the HMAC of its exact body (constant-time). */
export function veriffResponseSignatureMatches(
	headers: VendorResponse['headers'],
	rawBody: Buffer,
	sharedSecret: string,
): boolean {
	const received = (header(headers, 'x-hmac-signature') ?? header(headers, 'vrf-hmac-signature') ?? '').toLowerCase();
	const expected = veriffSignature(rawBody, sharedSecret);
	if (received.length !== expected.length) return false;
	return timingSafeEqual(Buffer.from(received), Buffer.from(expected));
}

/** GET a JSON resource; `path` is relative to /v1 and already escaped. */
export async function veriffGetJson<T>(
	ctx: IExecuteFunctions,
	connection: VeriffConnection,
	path: string,
	itemIndex: number,
	what: string,
	verifySignature: boolean,
): Promise<T> {
	const request = { what, itemIndex };
	const response = (await sendVendorRequest(
		ctx,
		veriffVendor,
		{
			method: 'GET',
			url: `${connection.apiRoot}/${path}`,
			responseType: 'json',
			changesData: false,
			itemIndex,
			what,
			credentialKey: connection.credentialKey,
			credentials: connection.credentials,
		},
		readReliabilityOptions(ctx, itemIndex),
	)) as VendorResponse<Buffer>;
	if (verifySignature && !veriffResponseSignatureMatches(response.headers, response.body, connection.sharedSecret)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${what} failed: the response's signature does not match its content`,
			{
				itemIndex,
				description:
					'The response may not come from Veriff or was changed on the way, so it was not used. If the Shared Secret Key is right and a proxy rewrites responses, turn off "Verify Response Signature" under Options.',
			},
		);
	}
	return jsonResponse<T>(ctx, veriffVendor, request, response);
}

/** Starts a media download and returns the streaming response (status already checked). */
export async function veriffDownload(
	ctx: IExecuteFunctions,
	connection: VeriffConnection,
	mediaId: string,
	itemIndex: number,
	what: string,
): Promise<VendorResponse> {
	return await sendVendorRequest(
		ctx,
		veriffVendor,
		{
			method: 'GET',
			url: `${connection.apiRoot}/media/${encodeURIComponent(mediaId)}`,
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
