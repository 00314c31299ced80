// What is Veriff's own in talking to its API: error codes and hints, the credential's checks, the response signature.
import { timingSafeEqual } from 'node:crypto';

import { VeriffApi, veriffApiRoot, veriffSignature } from '../../credentials/VeriffApi.credentials';
import { errorFields, errorMessage, header } from '../shared/transport/body';
import { VendorClient, baseUrlProblem } from '../shared/transport/vendorClient';
import type { VendorErrorInfo, VendorResponse } from '../shared/transport/types';

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

/** Veriff's error body: `{status, code, message}`. */
export function parseVeriffError(status: number, body: unknown): VendorErrorInfo {
	const data = errorFields(body);
	const code = data.code !== undefined ? String(data.code) : undefined;
	const message = errorMessage(body, 'message', status);
	let hint = code ? HINTS[code] : undefined;
	if (!hint && status === 404) {
		hint = 'Veriff does not know this id for this integration. Sessions of a test integration are not visible with live keys and the other way round.';
	}
	return { message, code, hint };
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

export const veriff = new VendorClient({
	name: 'Veriff',
	credentialType: new VeriffApi(),
	retryableStatuses: [429, 502, 503, 504],
	refusedStatuses: [429, 503],
	parseError: parseVeriffError,
	apiRoot: (credentials) => veriffApiRoot(String(credentials.baseUrl ?? '')),
	credentialProblem: (credentials) =>
		baseUrlProblem('Veriff', credentials.baseUrl) ??
		(credentials.sharedSecret ? undefined : 'The Shared Secret Key of the Veriff credential is empty'),
	responseProblem: (response, credentials) =>
		veriffResponseSignatureMatches(response.headers, response.body, String(credentials.sharedSecret))
			? undefined
			: {
					message: "the response's signature does not match its content",
					description:
						'The response may not come from Veriff or was changed on the way, so it was not used. If the Shared Secret Key is right and a proxy rewrites responses, turn off "Verify Response Signature" under Options.',
				},
});
