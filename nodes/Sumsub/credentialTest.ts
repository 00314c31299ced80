// The Sumsub credential's Test button: a signed lookup of an applicant that does not exist.
import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { sumsubApiRoot, sumsubAuthHeaders } from '../../credentials/SumsubApi.credentials';
import { isHttpUrl, isVendorErrorBody, missingFields, notTheApi, probeCredential } from '../shared/credentials/testButton';
import { parseSumsubError } from './transport';

/**
 * Looks up an applicant by an external user id that does not exist: Sumsub checks the token
 * and the signature first, so 404 means both are good.
 */
export async function testSumsubCredentials(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const appToken = String(data.appToken ?? '');
	const secretKey = String(data.secretKey ?? '');
	const baseUrl = String(data.baseUrl ?? '');
	const missing = missingFields({ 'App Token': appToken, 'Secret Key': secretKey });
	if (missing) return missing;
	if (baseUrl.trim() !== '' && !isHttpUrl(baseUrl)) {
		return { status: 'Error', message: 'Base URL must start with http:// or https://' };
	}
	const url = `${sumsubApiRoot(baseUrl)}/resources/applicants/-;externalUserId=n8n-credential-test-${Date.now()}/one`;
	return await probeCredential(this, 'Sumsub', url, sumsubAuthHeaders({ appToken, secretKey }, 'GET', url), ({ statusCode, body }) => {
		if (statusCode === 404 && !isVendorErrorBody(body, ['description', 'correlationId', 'errorName', 'errorCode'])) {
			return notTheApi('Sumsub', url, statusCode);
		}
		if (statusCode === 200 || statusCode === 404) {
			return { status: 'OK', message: 'Connection successful: Sumsub accepted the app token and the secret key' };
		}
		const info = parseSumsubError(statusCode, body);
		if (statusCode === 401 && /signature/i.test(info.message)) {
			return { status: 'Error', message: `Wrong secret key: Sumsub says "${info.message}"` };
		}
		if (statusCode === 401 && /timestamp|time/i.test(info.message)) {
			return { status: 'Error', message: `Clock problem: Sumsub says "${info.message}"` };
		}
		if (statusCode === 401) {
			return { status: 'Error', message: `Wrong app token: Sumsub says "${info.message}"` };
		}
		return { status: 'Error', message: `Sumsub answered HTTP ${statusCode}: "${info.message}"` };
	});
}
