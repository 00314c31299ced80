/**
 * The credential Test-button functions (methods.credentialTest.*), called the way n8n calls
 * them: with n8n-core's own CredentialTestContext, whose `helpers.request` is n8n's real
 * legacy request helper (proxyRequestToAxios), against the vendor simulators.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';

import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { Sumsub } from '../../nodes/Sumsub/Sumsub.node';
import { Unit21 } from '../../nodes/Unit21/Unit21.node';
import { Veriff } from '../../nodes/Veriff/Veriff.node';
import { closedPort, expectNoSecrets } from '../helpers/assertions';
import { DEMO, startSumsubSimulator, startUnit21Simulator, startVeriffSimulator } from '../helpers/simulators';

const WRONG = {
	veriffKey: '0b7f6a52-59c4-4f0e-8d51-6c2a0e4e7f11',
	veriffSecret: 'wrong-shared-secret-0000',
	sumsubToken: 'sbx:wrong-app-token-0000',
	sumsubSecret: 'wrong-secret-key-0000',
	unit21Key: 'u21-wrong-key-0000',
};

type TestFunction = (this: ICredentialTestFunctions, credential: never) => Promise<INodeCredentialTestResult>;

async function credentialTest(
	fn: TestFunction,
	type: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const ctx = new CredentialTestContext();
	const result = await fn.call(ctx, { id: '1', name: 'x', type, data } as never);
	expectNoSecrets([result], Object.values(WRONG));
	return result;
}

let veriff: any;
let sumsub: any;
let unit21: any;
let deadUrl: string;
/** A web server that is not any vendor's API: every path is a 404 HTML page. */
let notApi: Server;
let notApiUrl: string;

beforeAll(async () => {
	[veriff, sumsub, unit21] = await Promise.all([startVeriffSimulator({}), startSumsubSimulator({}), startUnit21Simulator({})]);
	deadUrl = `http://127.0.0.1:${await closedPort()}`;
	notApi = createServer((_req, res) => {
		res.writeHead(404, { 'content-type': 'text/html' });
		res.end('<html><body><h1>404 Not Found</h1></body></html>');
	});
	await new Promise<void>((resolve) => notApi.listen(0, '127.0.0.1', resolve));
	notApiUrl = `http://127.0.0.1:${(notApi.address() as { port: number }).port}`;
});
afterAll(async () => {
	await Promise.all([veriff.close(), sumsub.close(), unit21.close()]);
	await new Promise((resolve) => notApi.close(resolve));
});
beforeEach(() => {
	for (const sim of [veriff, sumsub, unit21]) sim.clearRequests();
});

describe('Veriff (veriffApiTest)', () => {
	const test = (data: ICredentialDataDecryptedObject) =>
		credentialTest(new Veriff().methods.credentialTest.veriffApiTest as TestFunction, 'veriffApi', data);
	const good = () => ({ ...DEMO.credentials.veriff, baseUrl: veriff.url });

	it('valid credentials → OK, after one signed probe that Veriff answered (404 for a random session)', async () => {
		const result = await test(good());
		expect(result).toEqual({
			status: 'OK',
			message: 'Connection successful: Veriff accepted the API key and the shared secret key',
		});
		expect(veriff.requests).toHaveLength(1);
		expect(veriff.requests[0].method).toBe('GET');
		expect(veriff.requests[0].path).toMatch(/^\/v1\/sessions\/[0-9a-f-]{36}\/decision$/);
		expect(veriff.requests[0].status).toBe(404);
	});

	it('a base URL that already ends in /v1/ is accepted', async () => {
		expect((await test({ ...good(), baseUrl: `${veriff.url}/v1/` })).status).toBe('OK');
		expect(veriff.requests[0].path).toMatch(/^\/v1\/sessions\//);
	});

	it.each([
		['wrong API key', { apiKey: WRONG.veriffKey }, 'Wrong API key: Veriff says "Integration not found." (code 1803)'],
		['API key that is not a UUID', { apiKey: 'not-a-uuid' }, 'Wrong API key: Veriff says "API key is not a valid UUID." (code 1802)'],
		[
			'wrong shared secret key',
			{ sharedSecret: WRONG.veriffSecret },
			'Wrong shared secret key: Veriff says "Signature "x-hmac-signature" does not match the HMAC-SHA256 of query ID and integration API secret." (code 1818)',
		],
	])('%s → Error', async (_label, overrides, message) => {
		expect(await test({ ...good(), ...overrides })).toEqual({ status: 'Error', message });
		expect(veriff.requests.map((r: { status: number }) => r.status)).toEqual([401]);
	});

	it('an inactive integration → Error quoting Veriff', async () => {
		veriff.setInactive(true);
		try {
			expect(await test(good())).toEqual({
				status: 'Error',
				message: 'Veriff answered HTTP 401: "Integration with API key is not active." (code 1804)',
			});
		} finally {
			veriff.setInactive(false);
		}
	});

	it('a Base URL that is not the Veriff API (a web server answering 404) → Error, not "successful"', async () => {
		expect(await test({ ...good(), baseUrl: notApiUrl })).toEqual({
			status: 'Error',
			message: `${notApiUrl} answered HTTP 404, but not the way the Veriff API does: check the Base URL`,
		});
	});

	it('unreachable base URL → Could not reach', async () => {
		const result = await test({ ...good(), baseUrl: deadUrl });
		expect(result.status).toBe('Error');
		expect(result.message).toBe(`Could not reach Veriff at ${deadUrl} (ECONNREFUSED): check the Base URL`);
	});

	it.each([
		['API Key', { apiKey: '' }, 'API Key is empty'],
		['Shared Secret Key', { sharedSecret: '' }, 'Shared Secret Key is empty'],
		['both', { apiKey: ' ', sharedSecret: '' }, 'API Key and Shared Secret Key are empty'],
		['Base URL without scheme', { baseUrl: 'stationapi.veriff.com' }, 'Base URL must start with http:// or https://'],
	])('empty or bad field (%s) → Error naming it, nothing sent', async (_label, overrides, message) => {
		expect(await test({ ...good(), ...overrides })).toEqual({ status: 'Error', message });
		expect(veriff.requests).toEqual([]);
	});
});

describe('Sumsub (sumsubApiTest)', () => {
	const test = (data: ICredentialDataDecryptedObject) =>
		credentialTest(new Sumsub().methods.credentialTest.sumsubApiTest as TestFunction, 'sumsubApi', data);
	const good = () => ({ ...DEMO.credentials.sumsub, baseUrl: sumsub.url });

	afterEach(() => sumsub.setClockOffset(0));

	it('valid credentials → OK, after one signed probe that Sumsub answered (404 for an unknown external user)', async () => {
		const result = await test(good());
		expect(result).toEqual({ status: 'OK', message: 'Connection successful: Sumsub accepted the app token and the secret key' });
		expect(sumsub.requests).toHaveLength(1);
		expect(sumsub.requests[0].path).toMatch(/^\/resources\/applicants\/-;externalUserId=n8n-credential-test-\d+\/one$/);
		expect(sumsub.requests[0].status).toBe(404); // the signature was accepted (401 otherwise)
	});

	it.each([
		['wrong app token', { appToken: WRONG.sumsubToken }, 'Wrong app token: Sumsub says "App token is invalid or missing"'],
		['wrong secret key', { secretKey: WRONG.sumsubSecret }, 'Wrong secret key: Sumsub says "Request signature mismatch"'],
	])('%s → Error', async (_label, overrides, message) => {
		expect(await test({ ...good(), ...overrides })).toEqual({ status: 'Error', message });
		expect(sumsub.requests.map((r: { status: number }) => r.status)).toEqual([401]);
	});

	it('a clock off by more than a minute → Error saying so', async () => {
		sumsub.setClockOffset(600);
		expect(await test(good())).toEqual({
			status: 'Error',
			message: 'Clock problem: Sumsub says "Request timestamp is out of range"',
		});
	});

	it('a Base URL that is not the Sumsub API (a web server answering 404) → Error, not "successful"', async () => {
		expect(await test({ ...good(), baseUrl: notApiUrl })).toEqual({
			status: 'Error',
			message: `${notApiUrl} answered HTTP 404, but not the way the Sumsub API does: check the Base URL`,
		});
	});

	it('unreachable base URL → Could not reach', async () => {
		expect(await test({ ...good(), baseUrl: deadUrl })).toEqual({
			status: 'Error',
			message: `Could not reach Sumsub at ${deadUrl} (ECONNREFUSED): check the Base URL`,
		});
	});

	it.each([
		['App Token', { appToken: '' }, 'App Token is empty'],
		['Secret Key', { secretKey: '' }, 'Secret Key is empty'],
		['both', { appToken: '', secretKey: '' }, 'App Token and Secret Key are empty'],
	])('empty field (%s) → Error naming it, nothing sent', async (_label, overrides, message) => {
		expect(await test({ ...good(), ...overrides })).toEqual({ status: 'Error', message });
		expect(sumsub.requests).toEqual([]);
	});
});

describe('Unit21 (unit21ApiTest)', () => {
	const test = (data: ICredentialDataDecryptedObject) =>
		credentialTest(new Unit21().methods.credentialTest.unit21ApiTest as TestFunction, 'unit21Api', data);
	const good = () => ({ ...DEMO.credentials.unit21, environment: 'custom', baseUrl: unit21.url });

	it('valid credentials → OK, after one probe for an entity that does not exist (404)', async () => {
		const result = await test(good());
		expect(result).toEqual({ status: 'OK', message: 'Connection successful: Unit21 accepted the API key for this organization' });
		expect(unit21.requests).toHaveLength(1);
		expect(unit21.requests[0].method).toBe('GET');
		expect(unit21.requests[0].path).toMatch(/^\/v1\/demo-org\/entities\/n8n-credential-test-\d+$/);
		expect(unit21.requests[0].headers['u21-key']).toBe(DEMO.credentials.unit21.apiKey);
		expect(unit21.requests[0].status).toBe(404);
	});

	it.each([
		['wrong API key', { apiKey: WRONG.unit21Key }, 'Wrong API key: Unit21 says "Invalid API key"', 401],
		[
			'wrong organization name',
			{ orgName: 'other-org' },
			'Wrong organization name or missing permission: Unit21 says "API key is not authorized for org \'other-org\'"',
			403,
		],
	])('%s → Error', async (_label, overrides, message, status) => {
		expect(await test({ ...good(), ...overrides })).toEqual({ status: 'Error', message });
		expect(unit21.requests.map((r: { status: number }) => r.status)).toEqual([status]);
	});

	it('a Base URL that is not the Unit21 API (a web server answering 404) → Error, not "successful"', async () => {
		expect(await test({ ...good(), baseUrl: notApiUrl })).toEqual({
			status: 'Error',
			message: `${notApiUrl} answered HTTP 404, but not the way the Unit21 API does: check the Base URL`,
		});
	});

	it('unreachable base URL → Could not reach', async () => {
		expect(await test({ ...good(), baseUrl: deadUrl })).toEqual({
			status: 'Error',
			message: `Could not reach Unit21 at ${deadUrl} (ECONNREFUSED): check the Base URL`,
		});
	});

	it.each([
		['API Key', { apiKey: '' }, 'API Key is empty'],
		['Organization Name', { orgName: '' }, 'Organization Name is empty'],
		['Base URL of a custom environment', { baseUrl: '' }, 'Base URL must start with http:// or https://'],
	])('empty field (%s) → Error naming it, nothing sent', async (_label, overrides, message) => {
		expect(await test({ ...good(), ...overrides })).toEqual({ status: 'Error', message });
		expect(unit21.requests).toEqual([]);
	});
});
