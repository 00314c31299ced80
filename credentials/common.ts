// Helpers shared by the credential types that sign what they send: the request's full URL, the body bytes to sign.
import type { IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

// Helpers shared by the credential types that sign what they send.

/** Absolute URL of a request as n8n's HTTP stack will send it. */
export function requestUrl(requestOptions: IHttpRequestOptions): string {
	const base = requestOptions.baseURL?.replace(/\/+$/, '');
	const url = requestOptions.url;
	if (/^https?:\/\//i.test(url) || !base) return url;
	return `${base}/${url.replace(/^\/+/, '')}`;
}

/**
 * Serialises an object body once, so the bytes that are signed are the bytes that are sent.
 * Streams and form-data cannot be signed by a body-signing scheme without buffering them.
 */
export function bodyBytesForSigning(requestOptions: IHttpRequestOptions): string | Buffer | undefined {
	const { body } = requestOptions;
	if (body === undefined || body === null || body === '') return undefined;
	if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
	if (typeof (body as { pipe?: unknown }).pipe === 'function') {
		throw new Error('A streamed request body cannot be signed: send it as a string or Buffer');
	}
	const serialised = JSON.stringify(body);
	requestOptions.body = serialised;
	return serialised;
}

/** A secret credential field (key, token, secret): masked in the editor, never shown again. */
export function secretField(
	displayName: string,
	name: string,
	description: string,
	extra: Pick<INodeProperties, 'required' | 'placeholder'> = {},
): INodeProperties {
	return { displayName, name, type: 'string', typeOptions: { password: true }, default: '', ...extra, description };
}
