// Typed access to the vendor simulators (plain JS, shared with the demo and e2e scripts).
/* eslint-disable @typescript-eslint/no-var-requires */
export const { startVeriffSimulator } = require('../../simulators/veriff');
export const { startSumsubSimulator } = require('../../simulators/sumsub');
export const { startUnit21Simulator, sendUnit21Webhook, unit21SignatureHeader, unit21WebhookSamples } = require('../../simulators/unit21');
export const { DEMO, DEMO_VIDEOS } = require('../../simulators/demo-data');

/** Every string a secret could leak as, for scanning outputs and errors. */
export function secretValues(): string[] {
	const { veriff, sumsub, unit21 } = DEMO.credentials;
	return [veriff.apiKey, veriff.sharedSecret, sumsub.appToken, sumsub.secretKey, unit21.apiKey, unit21.webhookSecret];
}
