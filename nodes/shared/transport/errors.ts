// Failures turned into the n8n errors users read: the vendor's own message and code, what to check, whether it may have been applied.
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';

import { header } from './body';
import { NOT_SENT_CODES, networkFailureReason } from './networkErrors';
import type { Vendor, VendorRequest, VendorResponse } from './types';

type RequestLabel = Pick<VendorRequest, 'what' | 'itemIndex'>;

/**
 * A caught error as n8n shows it: an n8n error stays as it is (it carries the vendor's message,
 * code and HTTP status), anything else becomes a NodeOperationError with the same message.
 */
export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error instanceof Error ? error : String(error), { itemIndex });
}

/** The first line of an error's message: n8n's messages hold no header values, but be strict. */
export function safeMessage(error: unknown): string {
	const message = (error as Error)?.message ?? String(error);
	return message.split('\n')[0];
}

/** An answer with an error status, in the vendor's words. */
export function vendorApiError(
	ctx: IExecuteFunctions,
	vendor: Vendor,
	request: RequestLabel,
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

/** No answer at all (refused, reset, timed out), after the retries that were allowed. */
export function networkError(
	ctx: IExecuteFunctions,
	vendor: Vendor,
	request: RequestLabel,
	code: string,
	context: { attempts: number; mayHaveBeenApplied: boolean; timeoutMs: number },
): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${request.what} failed: ${networkFailureReason(code, vendor.name, context.timeoutMs)}`, {
		itemIndex: request.itemIndex,
		description: [
			context.attempts > 1 ? `Tried ${context.attempts} times.` : '',
			context.mayHaveBeenApplied
				? `The connection dropped after the request was sent, so ${vendor.name} may have applied it: check before running this item again.`
				: `Check the Base URL of the ${vendor.name} credential and the network, or raise "Timeout" / "Max Retries" under Options.`,
		]
			.filter(Boolean)
			.join(' '),
	});
}

/** True when a network failure happened before anything reached the vendor. */
export function neverSent(code: string): boolean {
	return NOT_SENT_CODES.has(code);
}

/** Parses a JSON success body, with a clear error when the vendor sent something else. */
export function jsonResponse<T>(ctx: IExecuteFunctions, vendor: Vendor, request: RequestLabel, response: VendorResponse<Buffer>): T {
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
