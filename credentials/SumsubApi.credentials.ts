// The Sumsub API credential: app token, secret key, webhook secret; signs ts + method + path + body (X-App-Access-Sig).
import { createHmac } from 'node:crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { bodyBytesForSigning, requestUrl, secretField } from './common';

export const SUMSUB_DEFAULT_BASE_URL = 'https://api.sumsub.com';

/** Base URL without a trailing slash. */
export function sumsubApiRoot(baseUrl: string | undefined): string {
	return ((baseUrl ?? '').trim() || SUMSUB_DEFAULT_BASE_URL).replace(/\/+$/, '');
}

/**
 * X-App-Access-Sig: lowercase hex HMAC-SHA256 over ts + METHOD + path-with-query + body,
 * where path-with-query is exactly what goes on the wire (e.g. `/resources/x?fields=y`).
 */
export function sumsubSignature(
	secretKey: string,
	ts: number | string,
	method: string,
	pathWithQuery: string,
	body?: string | Buffer,
): string {
	const hmac = createHmac('sha256', secretKey);
	hmac.update(`${ts}${method.toUpperCase()}${pathWithQuery}`);
	if (body !== undefined) hmac.update(body);
	return hmac.digest('hex');
}

/** The path and query of a URL as Node's HTTP client will put it on the request line. */
export function pathWithQuery(url: string): string {
	const parsed = new URL(url);
	return `${parsed.pathname}${parsed.search}`;
}

export type SumsubDigestAlgorithm = 'HMAC_SHA1_HEX' | 'HMAC_SHA256_HEX' | 'HMAC_SHA512_HEX';

/** X-Payload-Digest of a webhook: hex HMAC of the raw body with the webhook's secret. */
export function sumsubWebhookDigest(
	webhookSecret: string,
	rawBody: Buffer | string,
	algorithm: SumsubDigestAlgorithm = 'HMAC_SHA256_HEX',
): string {
	const hash = { HMAC_SHA1_HEX: 'sha1', HMAC_SHA256_HEX: 'sha256', HMAC_SHA512_HEX: 'sha512' }[algorithm];
	if (!hash) throw new Error(`Unknown X-Payload-Digest-Alg ${String(algorithm)}`);
	return createHmac(hash, webhookSecret).update(rawBody).digest('hex');
}

export function sumsubAuthHeaders(
	credentials: { appToken: string; secretKey: string },
	method: string,
	url: string,
	body?: string | Buffer,
	now: number = Date.now(),
): Record<string, string> {
	const ts = Math.floor(now / 1000);
	return {
		'X-App-Token': credentials.appToken,
		'X-App-Access-Ts': String(ts),
		'X-App-Access-Sig': sumsubSignature(credentials.secretKey, ts, method, pathWithQuery(url), body),
	};
}

export class SumsubApi implements ICredentialType {
	name = 'sumsubApi';

	displayName = 'Sumsub API';

	documentationUrl = 'https://docs.sumsub.com/reference/authentication';

	icon: ICredentialType['icon'] = {
		light: 'file:../nodes/Sumsub/sumsub.svg',
		dark: 'file:../nodes/Sumsub/sumsub.dark.svg',
	};

	properties: INodeProperties[] = [
		secretField(
			'App Token',
			'appToken',
			'Sent as X-App-Token. Sumsub Dashboard → Dev space → App tokens. Sandbox tokens start with "sbx:".',
			{ required: true, placeholder: 'e.g. sbx:uY0CgwELmgUAEyl4hNWxLngb.0WSeQeiYny4WEqmAALEAiK2qTC96fBad' },
		),
		secretField(
			'Secret Key',
			'secretKey',
			'The secret key shown once when the app token is generated; signs every request (X-App-Access-Sig)',
			{ required: true },
		),
		secretField(
			'Webhook Secret Key',
			'webhookSecret',
			'Only for the Sumsub Trigger: the secret key of your webhook (Dev space → Webhooks), used to check X-Payload-Digest. It differs from the API secret key.',
		),
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: SUMSUB_DEFAULT_BASE_URL,
			placeholder: SUMSUB_DEFAULT_BASE_URL,
			description: 'Leave as is unless Sumsub gave you another API host',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		// Fold any `qs` into the URL first, so the query that is signed is the query that is sent.
		if (requestOptions.qs && Object.keys(requestOptions.qs).length > 0) {
			const url = new URL(requestUrl(requestOptions));
			for (const [key, value] of Object.entries(requestOptions.qs)) {
				url.searchParams.append(key, String(value));
			}
			requestOptions.url = url.toString();
			delete requestOptions.baseURL;
			delete requestOptions.qs;
		}
		const method = (requestOptions.method ?? 'GET').toUpperCase();
		const body = bodyBytesForSigning(requestOptions);
		const headers = sumsubAuthHeaders(
			{ appToken: String(credentials.appToken), secretKey: String(credentials.secretKey) },
			method,
			requestUrl(requestOptions),
			body,
		);
		requestOptions.headers = { ...(requestOptions.headers ?? {}), ...headers };
		return requestOptions;
	}
}
