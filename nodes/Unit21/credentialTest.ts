// The Unit21 credential's Test button: asks for an entity that does not exist in the organization.
import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { unit21ApiRoot, unit21AuthHeaders } from '../../credentials/Unit21Api.credentials';
import { isHttpUrl, isVendorErrorBody, missingFields, notTheApi, probeCredential } from '../shared/credentials/testButton';
import { parseUnit21Error } from './transport';

/**
 * Asks for an entity that does not exist in the organisation: 404 means the key and the
 * organisation name are good; 401 a wrong key; 403 a wrong organisation or missing rights.
 */
export async function testUnit21Credentials(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const apiKey = String(data.apiKey ?? '');
	const orgName = String(data.orgName ?? '');
	const environment = String(data.environment ?? 'production');
	const baseUrl = String(data.baseUrl ?? '');
	const missing = missingFields({ 'API Key': apiKey, 'Organization Name': orgName });
	if (missing) return missing;
	if (environment === 'custom' && !isHttpUrl(baseUrl)) {
		return { status: 'Error', message: 'Base URL must start with http:// or https://' };
	}
	const url = `${unit21ApiRoot(environment, baseUrl)}/${encodeURIComponent(orgName)}/entities/n8n-credential-test-${Date.now()}`;
	return await probeCredential(this, 'Unit21', url, unit21AuthHeaders({ apiKey }), ({ statusCode, body }) => {
		if (statusCode === 404 && !isVendorErrorBody(body, ['error_code', 'message'])) return notTheApi('Unit21', url, statusCode);
		const info = parseUnit21Error(statusCode, body);
		if (statusCode === 200 || (statusCode === 404 && info.code !== 'org_not_found')) {
			return { status: 'OK', message: 'Connection successful: Unit21 accepted the API key for this organization' };
		}
		if (statusCode === 401) return { status: 'Error', message: `Wrong API key: Unit21 says "${info.message}"` };
		if (statusCode === 403 || statusCode === 404) {
			return { status: 'Error', message: `Wrong organization name or missing permission: Unit21 says "${info.message}"` };
		}
		return { status: 'Error', message: `Unit21 answered HTTP ${statusCode}: "${info.message}"` };
	});
}
