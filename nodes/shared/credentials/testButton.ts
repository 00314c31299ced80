// The credential Test buttons: one signed probe request, answers classified in the vendor's words.
import type { ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { parseJsonBody } from '../transport/body';
import { networkErrorCode } from '../transport/networkErrors';

export interface ProbeResponse {
	statusCode: number;
	body: unknown;
}

/**
 * Sends one signed probe request for a credential's Test button and lets the vendor's
 * module say what the answer means. Never includes a header or secret in the result.
 */
export async function probeCredential(
	ctx: ICredentialTestFunctions,
	vendorName: string,
	url: string,
	headers: Record<string, string>,
	classify: (response: ProbeResponse) => INodeCredentialTestResult,
): Promise<INodeCredentialTestResult> {
	let response: { statusCode: number; body: unknown };
	try {
		response = await ctx.helpers.request({
			method: 'GET',
			uri: url,
			headers,
			resolveWithFullResponse: true,
			simple: false,
			timeout: 20_000,
		});
	} catch (error) {
		const code = networkErrorCode(error);
		return {
			status: 'Error',
			message: `Could not reach ${vendorName} at ${new URL(url).origin}${code ? ` (${code})` : ''}: check the Base URL`,
		};
	}
	const raw = response.body;
	const body = typeof raw === 'string' || Buffer.isBuffer(raw) ? parseJsonBody(Buffer.from(raw)) : raw;
	return classify({ statusCode: response.statusCode, body });
}

/**
 * True when a body is a JSON object with at least one of the vendor's error fields. A 404 that
 * is not (a web page, another service) means the Base URL does not point at the vendor's API.
 */
export function isVendorErrorBody(body: unknown, fields: string[]): boolean {
	return typeof body === 'object' && body !== null && !Array.isArray(body) && fields.some((field) => field in body);
}

export function notTheApi(vendorName: string, url: string, statusCode: number): INodeCredentialTestResult {
	return {
		status: 'Error',
		message: `${new URL(url).origin} answered HTTP ${statusCode}, but not the way the ${vendorName} API does: check the Base URL`,
	};
}

export function missingFields(fields: Record<string, unknown>): INodeCredentialTestResult | undefined {
	const empty = Object.entries(fields).filter(([, value]) => value === undefined || String(value).trim() === '');
	if (empty.length === 0) return undefined;
	return { status: 'Error', message: `${empty.map(([name]) => name).join(' and ')} ${empty.length > 1 ? 'are' : 'is'} empty` };
}

export function isHttpUrl(value: string): boolean {
	return /^https?:\/\/[^\s/]+/i.test(value.trim());
}
