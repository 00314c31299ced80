import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import type { IncomingMessage } from 'node:http';

import { DownloadThreadUnavailable, sendInDownloadThread } from './downloadThread';
import { DEFAULT_RELIABILITY } from './options';
import type { ReliabilityOptions } from './options';

/** What a vendor's error body says, in the vendor's own words. */
export interface VendorErrorInfo {
	message: string;
	code?: string;
	/** What the user should check, e.g. "the Shared Secret Key of the credential". */
	hint?: string;
	/** Extra identifiers worth quoting to the vendor's support (e.g. Sumsub's correlationId). */
	details?: string;
}

export interface Vendor {
	name: string;
	credentialType: string;
	/** Statuses worth retrying for a request that can safely be repeated. */
	retryableStatuses: number[];
	/** Statuses by which the vendor says it refused the request without applying it. */
	refusedStatuses: number[];
	parseError(status: number, body: unknown): VendorErrorInfo;
	/** Waits until a request may be sent under the vendor's rate limit. */
	beforeRequest?(method: string, credentialKey: string): Promise<void>;
	/** The credential type's own signing (its `authenticate`), for requests sent from the download thread. */
	sign?(credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions): Promise<IHttpRequestOptions>;
}

export interface VendorRequest {
	method: IHttpRequestMethods;
	url: string;
	headers?: Record<string, string>;
	/** Builds the body for one attempt; called again for a retry (streams are read once). */
	body?: () => Promise<{ body: unknown; headers?: Record<string, string> }>;
	responseType: 'json' | 'stream';
	/** True when the request changes the vendor's data: it is then only resent when refused. */
	changesData: boolean;
	itemIndex: number;
	/** Says what the request does, for error messages: "Downloading Veriff media 1234". */
	what: string;
	/** Used to share a rate limit between requests made with the same credential. */
	credentialKey?: string;
	/**
	 * The decrypted credential (see credentialsForRun). Handed to n8n's helper, which
	 * otherwise loads and decrypts it again for every request.
	 */
	credentials?: ICredentialDataDecryptedObject;
	/** Send from the download thread (see downloadThread.ts); needs `credentials` and `vendor.sign`. */
	inDownloadThread?: boolean;
}

export interface VendorResponse<Body = Buffer | IncomingMessage> {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: Body;
}

// Errors raised before anything reached the server: always safe to retry.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
// Errors after the request may have been received: retried only when nothing changes data.
const DROPPED_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
]);

const NETWORK_ERROR_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'DNS lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	ECONNRESET: 'connection reset',
	EPIPE: 'connection broken',
	ERR_SOCKET_CONNECTION_TIMEOUT: 'connection timed out',
	UND_ERR_SOCKET: 'connection closed',
};

export function networkErrorCode(error: unknown): string | undefined {
	let current: any = error;
	for (let depth = 0; current && depth < 5; depth++) {
		const code = current.code ?? current.errno;
		if (typeof code === 'string' && (NOT_SENT_CODES.has(code) || DROPPED_CODES.has(code))) return code;
		if (typeof current.message === 'string' && /socket hang up/i.test(current.message)) return 'ECONNRESET';
		// axios: the connection closed before the whole (non-streamed) body arrived.
		if (typeof current.message === 'string' && /stream has been aborted/i.test(current.message)) return 'ECONNRESET';
		if (typeof current.message === 'string' && /timeout of \d+ms exceeded/i.test(current.message)) {
			return 'ETIMEDOUT';
		}
		current = current.cause ?? current.reason;
	}
	return undefined;
}

export function header(headers: VendorResponse['headers'], name: string): string | undefined {
	const value = headers[name.toLowerCase()] ?? headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * How long to wait before retry number `attempt` (0-based): exponential backoff with
 * jitter, but never less than what the vendor asked for with Retry-After or X-RateLimit-Reset.
 */
export function retryDelayMs(
	attempt: number,
	headers: VendorResponse['headers'] = {},
	now = Date.now(),
	random = Math.random,
): number {
	const backoff = Math.min(30_000, 500 * 2 ** attempt);
	let wait = backoff / 2 + (random() * backoff) / 2;
	const retryAfter = header(headers, 'retry-after');
	if (retryAfter !== undefined && retryAfter !== '') {
		const seconds = Number(retryAfter);
		const asked = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
		if (Number.isFinite(asked)) wait = Math.max(wait, asked + random() * 250);
	}
	const reset = Number(header(headers, 'x-ratelimit-reset'));
	if (Number.isFinite(reset) && reset > 0) {
		// Epoch seconds (documented by Unit21); small values are read as seconds from now.
		const asked = reset > 1e9 ? reset * 1000 - now : reset * 1000;
		wait = Math.max(wait, asked + random() * 250);
	}
	return Math.max(0, Math.round(wait));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(new Error('The execution was cancelled'));
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		const onAbort = () => {
			clearTimeout(timer);
			reject(new Error('The execution was cancelled'));
		};
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}

/** Reads a small (error) body; never more than `limit` bytes are kept. */
export async function readSmallBody(body: Buffer | IncomingMessage, limit = 1024 * 1024): Promise<Buffer> {
	if (Buffer.isBuffer(body)) return body;
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of body) {
			if (size < limit) chunks.push(Buffer.from(chunk));
			size += chunk.length;
		}
	} catch {
		// A body cut short still tells what arrived.
	}
	return Buffer.concat(chunks).subarray(0, limit);
}

export function parseJsonBody(raw: Buffer): unknown {
	const text = raw.toString('utf8');
	if (text.trim() === '') return {};
	try {
		return JSON.parse(text);
	} catch {
		return text.length > 500 ? `${text.slice(0, 500)}…` : text;
	}
}

function cancelled(ctx: IExecuteFunctions): boolean {
	return ctx.getExecutionCancelSignal?.()?.aborted === true;
}

/**
 * Sends one request through n8n's own HTTP helper with the vendor credential's signing,
 * retrying what is safe to retry within the item's bounds, and turns every failure into
 * an n8n error carrying the vendor's message and code (never a header or secret).
 */
export async function sendVendorRequest(
	ctx: IExecuteFunctions,
	vendor: Vendor,
	request: VendorRequest,
	reliability: ReliabilityOptions,
): Promise<VendorResponse> {
	const node = ctx.getNode();
	const signal = ctx.getExecutionCancelSignal?.();
	let waited = 0;

	for (let attempt = 0; ; attempt++) {
		await vendor.beforeRequest?.(request.method, request.credentialKey ?? '');
		const built = request.body ? await request.body() : undefined;
		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.url,
			headers: { ...(request.headers ?? {}), ...(built?.headers ?? {}) },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			encoding: request.responseType === 'stream' ? 'stream' : 'arraybuffer',
			timeout: reliability.timeoutMs,
		};
		if (built) options.body = built.body as IHttpRequestOptions['body'];

		let response: VendorResponse;
		try {
			response = (await sendOnce(ctx, vendor, request, options, signal)) as VendorResponse;
		} catch (error) {
			if (cancelled(ctx)) throw new NodeOperationError(node, 'The execution was cancelled', { itemIndex: request.itemIndex });
			const code = networkErrorCode(error);
			if (code === undefined) {
				throw new NodeOperationError(node, `${request.what} failed: ${safeMessage(error)}`, {
					itemIndex: request.itemIndex,
				});
			}
			const notSent = NOT_SENT_CODES.has(code);
			const mayRetry = notSent || !request.changesData;
			const delay = retryDelayMs(attempt);
			if (mayRetry && attempt < reliability.maxRetries && waited + delay <= reliability.maxRetryWaitMs) {
				waited += delay;
				await sleep(delay, signal);
				continue;
			}
			const timedOut = code === 'ETIMEDOUT' || code === 'ECONNABORTED';
			// In words: n8n replaces a whole message that contains an error code such as
			// "ECONNRESET" by a generic sentence that no longer says what failed.
			const reason = timedOut
				? `no answer from ${vendor.name} within ${reliability.timeoutMs / 1000} s`
				: notSent
					? `could not reach ${vendor.name} (${NETWORK_ERROR_WORDS[code] ?? 'network error'})`
					: `the connection to ${vendor.name} dropped before it answered (${NETWORK_ERROR_WORDS[code] ?? 'network error'})`;
			throw new NodeOperationError(
				node,
				`${request.what} failed: ${reason}`,
				{
					itemIndex: request.itemIndex,
					description: [
						attempt > 0 ? `Tried ${attempt + 1} times.` : '',
						!mayRetry
							? `The connection dropped after the request was sent, so ${vendor.name} may have applied it: check before running this item again.`
							: `Check the Base URL of the ${vendor.name} credential and the network, or raise "Timeout" / "Max Retries" under Options.`,
					]
						.filter(Boolean)
						.join(' '),
				},
			);
		}

		const { statusCode } = response;
		if (statusCode >= 200 && statusCode < 300) return response;

		const refused = vendor.refusedStatuses.includes(statusCode);
		const retryable = vendor.retryableStatuses.includes(statusCode) && (refused || !request.changesData);
		if (retryable && attempt < reliability.maxRetries) {
			const delay = retryDelayMs(attempt, response.headers);
			if (waited + delay <= reliability.maxRetryWaitMs) {
				if (!Buffer.isBuffer(response.body)) response.body.resume();
				waited += delay;
				await sleep(delay, signal);
				continue;
			}
		}
		const body = parseJsonBody(await readSmallBody(response.body));
		throw vendorApiError(ctx, vendor, request, statusCode, body, {
			attempts: attempt + 1,
			mayHaveBeenApplied: request.changesData && !refused && statusCode >= 500,
			retryAfterTooLong: retryable && attempt < reliability.maxRetries,
		});
	}
}

/** One attempt: from the download thread when asked (falling back if it is gone), else through n8n. */
async function sendOnce(
	ctx: IExecuteFunctions,
	vendor: Vendor,
	request: VendorRequest,
	options: IHttpRequestOptions,
	signal: AbortSignal | undefined,
): Promise<unknown> {
	if (request.inDownloadThread && request.credentials && vendor.sign) {
		const signed = await vendor.sign(request.credentials, { ...options, headers: { ...(options.headers ?? {}) } });
		try {
			return await sendInDownloadThread(
				{
					url: signed.url,
					headers: (signed.headers ?? {}) as Record<string, string>,
					timeoutMs: options.timeout ?? DEFAULT_RELIABILITY.timeoutMs,
				},
				signal,
			);
		} catch (error) {
			if (!(error instanceof DownloadThreadUnavailable)) throw error;
		}
	}
	return await ctx.helpers.httpRequestWithAuthentication.call(
		ctx,
		vendor.credentialType,
		options,
		request.credentials
			? {
					credentialsDecrypted: {
						id: '',
						name: vendor.credentialType,
						type: vendor.credentialType,
						data: request.credentials,
					},
				}
			: undefined,
	);
}

function safeMessage(error: unknown): string {
	const message = (error as Error)?.message ?? String(error);
	// n8n's own error messages never hold header values, but be strict: keep the first line.
	return message.split('\n')[0];
}

export function vendorApiError(
	ctx: IExecuteFunctions,
	vendor: Vendor,
	request: Pick<VendorRequest, 'what' | 'itemIndex'>,
	statusCode: number,
	body: unknown,
	context: { attempts: number; mayHaveBeenApplied: boolean; retryAfterTooLong: boolean },
): NodeApiError {
	const info = vendor.parseError(statusCode, body);
	const codeText = info.code ? `code ${info.code}, ` : '';
	const description = [
		info.hint,
		info.details,
		context.retryAfterTooLong
			? `${vendor.name} asked to wait longer than "Max Total Retry Wait" allows; raise it under Options or run later.`
			: '',
		context.attempts > 1 ? `Tried ${context.attempts} times.` : '',
		context.mayHaveBeenApplied
			? `The request was sent in full before ${vendor.name} failed, so it may have been applied: it was not resent. Check in ${vendor.name} before running this item again.`
			: '',
	]
		.filter(Boolean)
		.join(' ');
	return new NodeApiError(
		ctx.getNode(),
		(typeof body === 'object' && body !== null ? body : { message: String(body) }) as JsonObject,
		{
			message: `${request.what} failed: ${vendor.name} says "${info.message}" (${codeText}HTTP ${statusCode})`,
			description: description || undefined,
			httpCode: String(statusCode),
			itemIndex: request.itemIndex,
		},
	);
}

/** Parses a JSON success body, with a clear error when the vendor sent something else. */
export function jsonResponse<T>(
	ctx: IExecuteFunctions,
	vendor: Vendor,
	request: Pick<VendorRequest, 'what' | 'itemIndex'>,
	response: VendorResponse<Buffer>,
): T {
	const text = response.body.toString('utf8');
	try {
		return (text.trim() === '' ? {} : JSON.parse(text)) as T;
	} catch {
		throw new NodeOperationError(
			ctx.getNode(),
			`${request.what} failed: ${vendor.name} answered with something that is not JSON (content-type ${header(response.headers, 'content-type') ?? 'unknown'})`,
			{ itemIndex: request.itemIndex, description: 'Check the Base URL of the credential: it may point at a web page rather than the API.' },
		);
	}
}
