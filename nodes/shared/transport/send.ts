// The send loop: one vendor request through n8n's request helper, retried where safe, every failure an n8n error.
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { parseJsonBody, readSmallBody } from './body';
import { jsonResponse, networkError, neverSent, safeMessage, vendorApiError } from './errors';
import { networkErrorCode } from './networkErrors';
import type { ReliabilityOptions } from './reliability';
import { retryDelayMs, waitBeforeRetry } from './retry';
import type { Vendor, VendorRequest, VendorResponse } from './types';

/**
 * Sends one prepared attempt and resolves with the answer, whatever its status. The default
 * sends through n8n's own helper; the download path may hand in another way of sending.
 */
export type SendAttempt = (
	ctx: IExecuteFunctions,
	vendor: Vendor,
	request: VendorRequest,
	options: IHttpRequestOptions,
) => Promise<VendorResponse>;

/** One attempt through n8n's `httpRequestWithAuthentication`: the credential type's `authenticate` signs it. */
export const sendThroughN8n: SendAttempt = async (ctx, vendor, request, options) => {
	const type = vendor.credentialType.name;
	return (await ctx.helpers.httpRequestWithAuthentication.call(
		ctx,
		type,
		options,
		request.credentials
			? { credentialsDecrypted: { id: '', name: type, type, data: request.credentials } }
			: undefined,
	)) as VendorResponse;
};

function cancelled(ctx: IExecuteFunctions): boolean {
	return ctx.getExecutionCancelSignal?.()?.aborted === true;
}

function cancelledError(ctx: IExecuteFunctions, request: VendorRequest): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), 'The execution was cancelled', { itemIndex: request.itemIndex });
}

/**
 * Sends one request with the vendor credential's signing, retrying what is safe to retry
 * within the item's bounds, and turns every failure into an n8n error carrying the vendor's
 * message and code (never a header or secret). Resolves with a 2xx answer only.
 */
export async function sendVendorRequest(
	ctx: IExecuteFunctions,
	vendor: Vendor,
	request: VendorRequest,
	reliability: ReliabilityOptions,
	sendAttempt: SendAttempt = sendThroughN8n,
): Promise<VendorResponse> {
	const signal = ctx.getExecutionCancelSignal?.();
	let waited = 0;

	for (let attempt = 0; ; attempt++) {
		await vendor.beforeRequest?.(request.method, request.rateLimitKey ?? '');
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
			response = await sendAttempt(ctx, vendor, request, options);
		} catch (error) {
			if (cancelled(ctx)) throw cancelledError(ctx, request);
			const code = networkErrorCode(error);
			if (code === undefined) {
				throw new NodeOperationError(ctx.getNode(), `${request.what} failed: ${safeMessage(error)}`, {
					itemIndex: request.itemIndex,
				});
			}
			const mayRetry = neverSent(code) || !request.changesData;
			const delay = retryDelayMs(attempt);
			if (mayRetry && attempt < reliability.maxRetries && waited + delay <= reliability.maxRetryWaitMs) {
				waited += delay;
				if (!(await waitBeforeRetry(delay, signal))) throw cancelledError(ctx, request);
				continue;
			}
			throw networkError(ctx, vendor, request, code, {
				attempts: attempt + 1,
				mayHaveBeenApplied: !mayRetry,
				timeoutMs: reliability.timeoutMs,
			});
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
				if (!(await waitBeforeRetry(delay, signal))) throw cancelledError(ctx, request);
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

/** Sends a request whose answer is JSON and returns it parsed. */
export async function sendForJson<T>(
	ctx: IExecuteFunctions,
	vendor: Vendor,
	request: Omit<VendorRequest, 'responseType'>,
	reliability: ReliabilityOptions,
): Promise<{ data: T; response: VendorResponse<Buffer> }> {
	const response = (await sendVendorRequest(ctx, vendor, { ...request, responseType: 'json' }, reliability)) as VendorResponse<Buffer>;
	return { data: jsonResponse<T>(ctx, vendor, request, response), response };
}
