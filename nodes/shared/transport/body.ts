// Reading responses: a header by name, a small (error) body, JSON that may not be JSON.
import type { VendorResponse } from './types';

export function header(headers: VendorResponse['headers'], name: string): string | undefined {
	const value = headers[name.toLowerCase()] ?? headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** The MIME type of a response without its parameters; octet-stream when it says none. */
export function contentType(headers: VendorResponse['headers']): string {
	return (header(headers, 'content-type') ?? 'application/octet-stream').split(';')[0].trim();
}

/** Reads a small (error) body; never more than `limit` bytes are kept. */
export async function readSmallBody(
	body: Buffer | NodeJS.ReadableStream,
	limit = 1024 * 1024,
): Promise<Buffer> {
	if (Buffer.isBuffer(body)) return body;
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of body as AsyncIterable<Buffer>) {
			if (size < limit) chunks.push(Buffer.from(chunk));
			size += chunk.length;
		}
	} catch {
		// A body cut short still tells what arrived.
	}
	return Buffer.concat(chunks).subarray(0, limit);
}

/** An error body as JSON when it is JSON, else its (shortened) text. */
export function parseJsonBody(raw: Buffer): unknown {
	const text = raw.toString('utf8');
	if (text.trim() === '') return {};
	try {
		return JSON.parse(text);
	} catch {
		return text.length > 500 ? `${text.slice(0, 500)}…` : text;
	}
}

/** The fields of an error body (none when the vendor answered with text). */
export function errorFields(body: unknown): Record<string, unknown> {
	return (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
}

/** The vendor's error message: its `field` when the body has one, else the body's text, else "HTTP <status>". */
export function errorMessage(body: unknown, field: string, status: number): string {
	const value = errorFields(body)[field];
	if (typeof value === 'string' && value !== '') return value;
	return typeof body === 'string' && body !== '' ? body : `HTTP ${status}`;
}
