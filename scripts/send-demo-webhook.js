#!/usr/bin/env node
'use strict';
/**
 * `npm run demo:webhook -- veriff|sumsub|unit21 [event] [--unsigned]` — posts a sample webhook to the
 * demo n8n (started with `npm start`), signed with the demo secrets the way the vendor signs it.
 *   veriff                     approved decision → example 1
 *   sumsub                     videoIdentCompositionCompleted → example 2 (also `sumsub videoIdentCompositionCompleted`)
 *   sumsub applicantReviewed   applicantReviewed, review answer GREEN → example 4
 *   unit21                     "Pull KYC evidence" clicked on alert 42 (entity demo-user-001) → example 5
 * With --unsigned the signature is wrong, and the trigger answers 401.
 */
const { createHmac } = require('node:crypto');

const { DEMO } = require('../simulators/demo-data');
const { unit21SignatureHeader } = require('../simulators/unit21');
const { DEMO_SUMSUB_WEBHOOK_SECRET, UNIT21_ALERT_ACTION_PATH, unit21DemoAlertAction } = require('./demo-setup');

const PORT = Number(process.env.N8N_PORT || 5678);
const args = process.argv.slice(2);
const [vendor = 'veriff', event] = args.filter((a) => !a.startsWith('--'));
const unsigned = args.includes('--unsigned');

/** X-Payload-Digest as Sumsub computes it, with the demo webhook's secret. */
const sumsubHeaders = (raw) => ({
	'X-Payload-Digest-Alg': 'HMAC_SHA256_HEX',
	'X-Payload-Digest': createHmac('sha256', DEMO_SUMSUB_WEBHOOK_SECRET).update(raw).digest('hex'),
});

const samples = {
	veriff: {
		path: 'kyc-demo-veriff-decision/webhook',
		body: {
			status: 'success',
			verification: {
				id: DEMO.veriff.sessionApproved,
				attemptId: DEMO.veriff.attempts.approvedLatest,
				code: 9001,
				status: 'approved',
				reason: null,
				vendorData: 'cust-1001',
			},
			technicalData: { ip: '203.0.113.7' },
		},
		headers: (raw) => ({
			'X-AUTH-CLIENT': DEMO.credentials.veriff.apiKey,
			'X-HMAC-SIGNATURE': createHmac('sha256', DEMO.credentials.veriff.sharedSecret).update(raw).digest('hex'),
		}),
	},
	sumsub: {
		path: 'kyc-demo-sumsub-video-ident/webhook',
		body: {
			applicantId: DEMO.sumsub.applicantCompleted,
			inspectionId: DEMO.sumsub.inspectionCompleted,
			correlationId: `req-demo-${Date.now()}`,
			externalUserId: DEMO.sumsub.externalUserId,
			levelName: 'video-ident-level',
			type: 'videoIdentCompositionCompleted',
			reviewStatus: 'completed',
			sandboxMode: true,
			createdAtMs: new Date().toISOString(),
		},
		headers: sumsubHeaders,
	},
	'sumsub applicantReviewed': {
		path: 'kyc-demo-sumsub-reviewed/webhook',
		body: {
			applicantId: DEMO.sumsub.applicantCompleted,
			inspectionId: DEMO.sumsub.inspectionCompleted,
			correlationId: `req-demo-${Date.now()}`,
			externalUserId: DEMO.sumsub.externalUserId,
			levelName: 'video-ident-level',
			type: 'applicantReviewed',
			reviewResult: { reviewAnswer: 'GREEN' },
			reviewStatus: 'completed',
			sandboxMode: true,
			createdAtMs: new Date().toISOString(),
		},
		headers: sumsubHeaders,
	},
	unit21: {
		path: UNIT21_ALERT_ACTION_PATH,
		// A new click each time (change_time now), so Remove Duplicates lets it through.
		body: unit21DemoAlertAction(),
		// unit21-signature: t=<now>,s0=<hex HMAC-SHA256 of "<t>." + body> with the webhook's secret.
		headers: (raw) => ({ 'unit21-signature': unit21SignatureHeader(DEMO.credentials.unit21.webhookSecret, Math.floor(Date.now() / 1000), raw) }),
	},
};

async function main() {
	const name = event && !(vendor === 'sumsub' && event === 'videoIdentCompositionCompleted') ? `${vendor} ${event}` : vendor;
	const sample = samples[name];
	if (!sample) throw new Error(`Unknown sample "${[vendor, event].filter(Boolean).join(' ')}": use ${Object.keys(samples).join(', ')}`);
	const raw = JSON.stringify(sample.body);
	const headers = { 'Content-Type': 'application/json', ...sample.headers(unsigned ? `${raw} ` : raw) };
	const url = `http://localhost:${PORT}/webhook/${sample.path}`;
	const res = await fetch(url, { method: 'POST', headers, body: raw }).catch((error) => {
		throw new Error(`POST ${url} failed (${error.cause?.code ?? error.message}): is the demo running (npm start)?`);
	});
	console.log(`POST ${url} (${unsigned ? 'wrong signature' : 'signed'}) → HTTP ${res.status} ${await res.text()}`);
	console.log(res.ok ? 'See the execution under "Executions" in the n8n editor.' : 'The trigger refused it: nothing was started.');
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
