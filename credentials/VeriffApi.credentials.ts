// The Veriff API credential: API key (X-AUTH-CLIENT) and shared secret; signs the id in the path or the exact body (X-HMAC-SIGNATURE).
import { createHmac } from 'node:crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { bodyBytesForSigning, requestUrl, secretField } from './common';

export const VERIFF_DEFAULT_BASE_URL = 'https://stationapi.veriff.com';

/**
 * The API root of a Veriff integration, e.g. `https://stationapi.veriff.com/v1`.
 * Users paste base URLs with a trailing `/` or with `/v1` already on: both are tolerated.
 */
export function veriffApiRoot(baseUrl: string | undefined): string {
	let root = (baseUrl ?? '').trim() || VERIFF_DEFAULT_BASE_URL;
	root = root.replace(/\/+$/, '');
	if (/\/v1$/i.test(root)) root = root.slice(0, -3);
	return `${root}/v1`;
}

/** Lowercase hex HMAC-SHA256 of the payload with the integration's shared secret key. */
export function veriffSignature(payload: string | Buffer, sharedSecret: string): string {
	return createHmac('sha256', sharedSecret).update(payload).digest('hex');
}

/**
 * What Veriff signs for a GET/DELETE: the bare id from the path, never the path itself.
 * Every documented path has the shape `/v1/<collection>/<id>[/...]`
 * (`/v1/sessions/{id}/media`, `/v1/attempts/{id}/media`, `/v1/media/{id}`).
 */
export function veriffIdFromPath(pathname: string): string {
	const segments = pathname.split('/');
	const v1 = segments.lastIndexOf('v1');
	const id = v1 >= 0 ? segments[v1 + 2] : undefined;
	return id ? decodeURIComponent(id) : '';
}

/**
 * The headers Veriff expects on a request. `body` must be the exact bytes sent
 * (POST/PATCH); for other methods the signature covers the id in the path.
 */
export function veriffAuthHeaders(
	credentials: { apiKey: string; sharedSecret: string },
	method: string,
	url: string,
	body?: string | Buffer,
): Record<string, string> {
	const upper = method.toUpperCase();
	const payload =
		upper === 'POST' || upper === 'PATCH' || upper === 'PUT'
			? (body ?? '')
			: veriffIdFromPath(new URL(url).pathname);
	return {
		'X-AUTH-CLIENT': credentials.apiKey,
		'X-HMAC-SIGNATURE': veriffSignature(payload, credentials.sharedSecret),
		'Content-Type': 'application/json',
	};
}

export class VeriffApi implements ICredentialType {
	name = 'veriffApi';

	displayName = 'Veriff API';

	documentationUrl = 'https://devdocs.veriff.com/docs/hmac-authentication-and-endpoint-security';

	icon: ICredentialType['icon'] = {
		light: 'file:../nodes/Veriff/veriff.svg',
		dark: 'file:../nodes/Veriff/veriff.dark.svg',
	};

	properties: INodeProperties[] = [
		secretField(
			'API Key',
			'apiKey',
			'Integration API key (a UUID), sent as X-AUTH-CLIENT. Veriff Customer Portal → Integrations → your integration → API keys.',
			{ required: true, placeholder: 'e.g. 1b3bba4e-5a9c-4b1f-9a1c-0c9f0e2f7d11' },
		),
		secretField(
			'Shared Secret Key',
			'sharedSecret',
			'The integration\'s shared secret key, used to sign requests (X-HMAC-SIGNATURE) and to check Veriff\'s responses. Shown next to the API key in the Customer Portal.',
			{ required: true },
		),
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: VERIFF_DEFAULT_BASE_URL,
			placeholder: VERIFF_DEFAULT_BASE_URL,
			description:
				'The API URL shown for your integration in the Customer Portal. A trailing "/" or "/v1" is fine.',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const method = (requestOptions.method ?? 'GET').toUpperCase();
		const body = bodyBytesForSigning(requestOptions);
		const headers = veriffAuthHeaders(
			{ apiKey: String(credentials.apiKey), sharedSecret: String(credentials.sharedSecret) },
			method,
			requestUrl(requestOptions),
			body,
		);
		requestOptions.headers = { ...(requestOptions.headers ?? {}), ...headers };
		return requestOptions;
	}
}
