import { createHmac } from 'node:crypto';

import { SumsubApi, pathWithQuery, sumsubApiRoot, sumsubAuthHeaders, sumsubSignature, sumsubWebhookDigest } from '../../credentials/SumsubApi.credentials';
import { UNIT21_HOSTS, Unit21Api, parseUnit21SignatureHeader, unit21ApiRoot, unit21WebhookSignature } from '../../credentials/Unit21Api.credentials';
import { VeriffApi, veriffApiRoot, veriffAuthHeaders, veriffIdFromPath, veriffSignature } from '../../credentials/VeriffApi.credentials';

describe('Veriff signing', () => {
	const secret = 'abcdef12-abcd-abcd-abcd-abcdef012345';

	it('matches the published test vector (GET: the bare session id)', () => {
		expect(veriffSignature('aea9ba6d-1b47-47fc-a4fc-f72b6d3584a7', secret)).toBe(
			'895cb3fd31139d89aeb7b263682e15479ab57651e70591256ad2c14fde4950dd',
		);
	});

	it.each([
		['/v1/sessions/aea9ba6d-1b47-47fc-a4fc-f72b6d3584a7/media', 'aea9ba6d-1b47-47fc-a4fc-f72b6d3584a7'],
		['/v1/sessions/aea9ba6d-1b47-47fc-a4fc-f72b6d3584a7/attempts', 'aea9ba6d-1b47-47fc-a4fc-f72b6d3584a7'],
		['/v1/sessions/aea9ba6d-1b47-47fc-a4fc-f72b6d3584a7/decision', 'aea9ba6d-1b47-47fc-a4fc-f72b6d3584a7'],
		['/v1/attempts/f5c68aea-7f4d-478d-80ab-ca9356074f69/media', 'f5c68aea-7f4d-478d-80ab-ca9356074f69'],
		['/v1/media/3e1a5bd1-1a0b-4c2f-8a5e-0d2c6f1b9a77', '3e1a5bd1-1a0b-4c2f-8a5e-0d2c6f1b9a77'],
		['/proxy/veriff/v1/media/3e1a5bd1-1a0b-4c2f-8a5e-0d2c6f1b9a77', '3e1a5bd1-1a0b-4c2f-8a5e-0d2c6f1b9a77'],
	])('signs the id of %s, never the path', (path, id) => {
		expect(veriffIdFromPath(path)).toBe(id);
		const headers = veriffAuthHeaders({ apiKey: 'k', sharedSecret: secret }, 'GET', `https://x.test${path}`);
		expect(headers['X-HMAC-SIGNATURE']).toBe(createHmac('sha256', secret).update(id).digest('hex'));
	});

	it('signs POST/PATCH bodies byte for byte', () => {
		const body = '{"verification":{"callback":"https://example.com","person":{"firstName":"Jürgen"}}}';
		for (const method of ['POST', 'PATCH']) {
			const headers = veriffAuthHeaders({ apiKey: 'k', sharedSecret: secret }, method, 'https://x.test/v1/sessions', body);
			expect(headers['X-HMAC-SIGNATURE']).toBe(createHmac('sha256', secret).update(Buffer.from(body, 'utf8')).digest('hex'));
		}
	});

	it('authenticate serialises an object body once and signs exactly what is sent', async () => {
		const options = await new VeriffApi().authenticate(
			{ apiKey: 'key-1', sharedSecret: secret, baseUrl: '' },
			{ method: 'POST', url: 'https://x.test/v1/sessions', body: { verification: { vendorData: 'ü' } } },
		);
		expect(typeof options.body).toBe('string');
		expect(options.headers?.['X-HMAC-SIGNATURE']).toBe(veriffSignature(options.body as string, secret));
		expect(options.headers?.['X-AUTH-CLIENT']).toBe('key-1');
		expect(options.headers?.['Content-Type']).toBe('application/json');
	});

	it.each([
		['', 'https://stationapi.veriff.com/v1'],
		['https://stationapi.veriff.com', 'https://stationapi.veriff.com/v1'],
		['https://stationapi.veriff.com/', 'https://stationapi.veriff.com/v1'],
		['https://stationapi.veriff.com/v1', 'https://stationapi.veriff.com/v1'],
		['https://stationapi.veriff.com/v1/', 'https://stationapi.veriff.com/v1'],
		[' https://api.veriff.me// ', 'https://api.veriff.me/v1'],
	])('base URL %j → %s', (input, expected) => {
		expect(veriffApiRoot(input)).toBe(expected);
	});
});

describe('Sumsub signing', () => {
	it('matches the published string-to-sign and signature', () => {
		const path = '/resources/accessTokens?userId=cfd20712-24a2-4c7d-9ab0-146f3c142335&levelName=basic-kyc-level&ttlInSecs=600';
		expect(sumsubSignature('SoMe_SeCrEt_KeY', 1607551635, 'POST', path)).toBe(
			'15cc96be3e65ed8805f374db7f4c49c5723ae2a20eea3159cf0ab7c3badc3ad0',
		);
	});

	it('signs ts + METHOD + path with query + body bytes', () => {
		const body = Buffer.from('{"a":1}');
		const expected = createHmac('sha256', 'k').update(`1700000000GET/resources/x?fields=videoIdentData`).update(body).digest('hex');
		expect(sumsubSignature('k', '1700000000', 'get', '/resources/x?fields=videoIdentData', body)).toBe(expected);
	});

	it('takes the path and query exactly as Node will send them', () => {
		expect(pathWithQuery('https://api.sumsub.com/resources/inspections/abc?fields=videoIdentData')).toBe(
			'/resources/inspections/abc?fields=videoIdentData',
		);
		expect(pathWithQuery('https://api.sumsub.com/resources/applicants/-;externalUserId=a%20b%2Fc/one')).toBe(
			'/resources/applicants/-;externalUserId=a%20b%2Fc/one',
		);
	});

	it('headers carry the token, the ts in seconds and the signature', () => {
		const now = 1_700_000_123_456;
		const url = 'https://api.sumsub.com/resources/status/api';
		const headers = sumsubAuthHeaders({ appToken: 'sbx:t', secretKey: 's' }, 'GET', url, undefined, now);
		expect(headers['X-App-Token']).toBe('sbx:t');
		expect(headers['X-App-Access-Ts']).toBe('1700000123');
		expect(headers['X-App-Access-Sig']).toBe(sumsubSignature('s', 1700000123, 'GET', '/resources/status/api'));
	});

	it('authenticate folds qs into the URL so the signed query is the sent query', async () => {
		const options = await new SumsubApi().authenticate(
			{ appToken: 't', secretKey: 's' },
			{ method: 'GET', baseURL: 'https://api.sumsub.com/', url: '/resources/inspections/abc', qs: { fields: 'videoIdentData' } },
		);
		expect(options.qs).toBeUndefined();
		expect(options.url).toBe('https://api.sumsub.com/resources/inspections/abc?fields=videoIdentData');
		const ts = options.headers?.['X-App-Access-Ts'] as string;
		expect(options.headers?.['X-App-Access-Sig']).toBe(
			sumsubSignature('s', ts, 'GET', '/resources/inspections/abc?fields=videoIdentData'),
		);
	});

	it('webhook digests use the algorithm Sumsub names', () => {
		const body = Buffer.from('{"type":"applicantReviewed"}');
		expect(sumsubWebhookDigest('w', body, 'HMAC_SHA1_HEX')).toBe(createHmac('sha1', 'w').update(body).digest('hex'));
		expect(sumsubWebhookDigest('w', body, 'HMAC_SHA256_HEX')).toBe(createHmac('sha256', 'w').update(body).digest('hex'));
		expect(sumsubWebhookDigest('w', body, 'HMAC_SHA512_HEX')).toBe(createHmac('sha512', 'w').update(body).digest('hex'));
		expect(() => sumsubWebhookDigest('w', body, 'MD5' as never)).toThrow(/Unknown/);
	});

	it('base URL tolerates trailing slashes', () => {
		expect(sumsubApiRoot('https://api.sumsub.com///')).toBe('https://api.sumsub.com');
		expect(sumsubApiRoot('')).toBe('https://api.sumsub.com');
	});
});

describe('Unit21', () => {
	it.each(Object.entries(UNIT21_HOSTS))('environment %s → %s/v1', (environment, host) => {
		expect(unit21ApiRoot(environment)).toBe(`${host}/v1`);
	});

	it('custom URLs work with or without /v1', () => {
		expect(unit21ApiRoot('custom', 'http://127.0.0.1:9/')).toBe('http://127.0.0.1:9/v1');
		expect(unit21ApiRoot('custom', 'http://127.0.0.1:9/v1/')).toBe('http://127.0.0.1:9/v1');
	});

	it('authenticate adds u21-key and keeps other headers', async () => {
		const options = await new Unit21Api().authenticate({ apiKey: 'u21' }, { url: 'x', headers: { Accept: 'application/json' } });
		expect(options.headers).toEqual({ Accept: 'application/json', 'u21-key': 'u21' });
	});

	it('webhook signature: hex HMAC-SHA256 of "<t>." + the raw body with the webhook secret', () => {
		const secret = 'Kq7dX2mP9vLw4TzR8sNb';
		const body = Buffer.from('{"unit21_id": 42, "title": "Pr\\u00fcfung"}', 'utf8');
		const expected = createHmac('sha256', secret).update(Buffer.concat([Buffer.from('1732960000.'), body])).digest('hex');
		expect(unit21WebhookSignature(secret, 1732960000, body)).toBe(expected);
		expect(unit21WebhookSignature(secret, '1732960000', body.toString('utf8'))).toBe(expected);
		expect(expected).toMatch(/^[0-9a-f]{64}$/);
	});

	it.each([
		['t=1732960000,s0=abc', { t: 1732960000, signatures: ['abc'] }],
		[' t=1732960000 , s0=abc ,s1=def', { t: 1732960000, signatures: ['abc', 'def'] }],
		['s0=abc,t=1732960000', { t: 1732960000, signatures: ['abc'] }],
		['t=1732960000', { t: 1732960000, signatures: [] }],
		['t=1732960000,s0=', { t: 1732960000, signatures: [] }],
		['t=-5,s0=abc', { t: undefined, signatures: ['abc'] }],
		['t=17329.5,s0=abc', { t: undefined, signatures: ['abc'] }],
		['t=now,s0=abc', { t: undefined, signatures: ['abc'] }],
		['v1=abc', { t: undefined, signatures: [] }],
		['', { t: undefined, signatures: [] }],
		[undefined, { t: undefined, signatures: [] }],
	])('unit21-signature header %j → %j', (header, parsed) => {
		expect(parseUnit21SignatureHeader(header)).toEqual(parsed);
	});
});
