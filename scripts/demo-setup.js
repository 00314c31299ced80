'use strict';
/**
 * What the demo and the end-to-end tests share: the demo credentials (pointing at the
 * simulators, or at real vendors when their keys are in the environment) and the example
 * workflows.
 */
const fs = require('node:fs');
const path = require('node:path');

const { DEMO } = require('../simulators/demo-data');
const { unit21WebhookSamples } = require('../simulators/unit21');
const { ROOT } = require('./lib/n8n');

const CREDENTIAL_IDS = { veriff: 'kycDemoVeriff01', sumsub: 'kycDemoSumsub01', unit21: 'kycDemoUnit2101' };
const DEMO_SUMSUB_WEBHOOK_SECRET = 'demo-sumsub-webhook-secret';

/** The production webhook path of example 5's Unit21 Trigger. */
const UNIT21_ALERT_ACTION_PATH = 'kyc-demo-unit21-alert-action/webhook';

/**
 * An investigator's click on "Pull KYC evidence" on the demo alert (42), whose entity is the
 * Sumsub demo customer (entity id = Sumsub external user id): what example 5 is made for.
 */
function unit21DemoAlertAction(overrides = {}) {
	const entityId = DEMO.unit21.sumsubEntity;
	return unit21WebhookSamples.alertActionTriggered({
		title: `KYC review: ${entityId}`,
		entities: [{ entity_id: entityId, entity_type: 'user', resolution: null }],
		tags: ['kyc_vendor:sumsub'],
		...overrides,
	});
}

/** Which vendors have real keys in the environment (then no simulator is started for them). */
function realVendors(env = process.env) {
	return {
		veriff: Boolean(env.VERIFF_API_KEY && env.VERIFF_SHARED_SECRET),
		sumsub: Boolean(env.SUMSUB_APP_TOKEN && env.SUMSUB_SECRET_KEY),
		unit21: Boolean(env.UNIT21_API_KEY && env.UNIT21_ORG_NAME),
	};
}

/** Credentials for n8n's import:credentials; `urls` are the simulators' base URLs. */
function demoCredentials(urls, env = process.env) {
	const real = realVendors(env);
	return [
		{
			id: CREDENTIAL_IDS.veriff,
			name: 'Veriff (demo simulator)',
			type: 'veriffApi',
			data: real.veriff
				? { apiKey: env.VERIFF_API_KEY, sharedSecret: env.VERIFF_SHARED_SECRET, baseUrl: env.VERIFF_BASE_URL || 'https://stationapi.veriff.com' }
				: { ...DEMO.credentials.veriff, baseUrl: urls.veriff },
		},
		{
			id: CREDENTIAL_IDS.sumsub,
			name: 'Sumsub (demo simulator)',
			type: 'sumsubApi',
			data: real.sumsub
				? {
						appToken: env.SUMSUB_APP_TOKEN,
						secretKey: env.SUMSUB_SECRET_KEY,
						webhookSecret: env.SUMSUB_WEBHOOK_SECRET || '',
						baseUrl: env.SUMSUB_BASE_URL || 'https://api.sumsub.com',
					}
				: { ...DEMO.credentials.sumsub, webhookSecret: DEMO_SUMSUB_WEBHOOK_SECRET, baseUrl: urls.sumsub },
		},
		{
			id: CREDENTIAL_IDS.unit21,
			name: 'Unit21 (demo simulator)',
			type: 'unit21Api',
			data: real.unit21
				? {
						apiKey: env.UNIT21_API_KEY,
						orgName: env.UNIT21_ORG_NAME,
						webhookSecret: env.UNIT21_WEBHOOK_SECRET || '',
						environment: env.UNIT21_ENVIRONMENT || (env.UNIT21_BASE_URL ? 'custom' : 'sandbox1'),
						baseUrl: env.UNIT21_BASE_URL || '',
					}
				: {
						apiKey: DEMO.credentials.unit21.apiKey,
						orgName: DEMO.credentials.unit21.orgName,
						webhookSecret: DEMO.credentials.unit21.webhookSecret,
						environment: 'custom',
						baseUrl: urls.unit21,
					},
		},
	].map((credential) => (real[credential.type.replace('Api', '')] ? { ...credential, name: credential.name.replace('demo simulator', 'your account') } : credential));
}

const EXAMPLES_DIR = path.join(ROOT, 'examples');

/** The example workflows, parsed: [{file, workflow}]. */
function exampleWorkflows() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) }));
}

module.exports = {
	CREDENTIAL_IDS,
	DEMO_SUMSUB_WEBHOOK_SECRET,
	UNIT21_ALERT_ACTION_PATH,
	unit21DemoAlertAction,
	realVendors,
	demoCredentials,
	exampleWorkflows,
};
