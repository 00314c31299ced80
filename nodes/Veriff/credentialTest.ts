// The Veriff credential's Test button: a signed decision request for a random session.
import { randomUUID } from 'node:crypto';
import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { veriffApiRoot, veriffAuthHeaders } from '../../credentials/VeriffApi.credentials';
import { isHttpUrl, isVendorErrorBody, missingFields, notTheApi, probeCredential } from '../shared/credentials/testButton';
import { parseVeriffError } from './transport';

const KEY_CODES = new Set(['1801', '1802', '1803']);
const SECRET_CODES = new Set(['1818', '1819']);

/**
 * Veriff has no "who am I" endpoint: ask for the decision of a random session. Veriff checks
 * the key and the signature before looking the session up, so 404 (or 200) means both are good.
 */
export async function testVeriffCredentials(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const apiKey = String(data.apiKey ?? '');
	const sharedSecret = String(data.sharedSecret ?? '');
	const baseUrl = String(data.baseUrl ?? '');
	const missing = missingFields({ 'API Key': apiKey, 'Shared Secret Key': sharedSecret });
	if (missing) return missing;
	if (baseUrl.trim() !== '' && !isHttpUrl(baseUrl)) {
		return { status: 'Error', message: 'Base URL must start with http:// or https://' };
	}
	const url = `${veriffApiRoot(baseUrl)}/sessions/${randomUUID()}/decision`;
	return await probeCredential(this, 'Veriff', url, veriffAuthHeaders({ apiKey, sharedSecret }, 'GET', url), ({ statusCode, body }) => {
		if (statusCode === 404 && !isVendorErrorBody(body, ['code', 'status', 'message'])) return notTheApi('Veriff', url, statusCode);
		if (statusCode === 200 || statusCode === 404) {
			return { status: 'OK', message: 'Connection successful: Veriff accepted the API key and the shared secret key' };
		}
		const info = parseVeriffError(statusCode, body);
		if (info.code && KEY_CODES.has(info.code)) {
			return { status: 'Error', message: `Wrong API key: Veriff says "${info.message}" (code ${info.code})` };
		}
		if (info.code && SECRET_CODES.has(info.code)) {
			return { status: 'Error', message: `Wrong shared secret key: Veriff says "${info.message}" (code ${info.code})` };
		}
		return {
			status: 'Error',
			message: `Veriff answered HTTP ${statusCode}: "${info.message}"${info.code ? ` (code ${info.code})` : ''}`,
		};
	});
}
