#!/usr/bin/env node
'use strict';
/**
 * End-to-end tests in a real n8n 2.41.1 (`npm run test:e2e`):
 * packs this package, installs it into a fresh n8n user folder the way n8n's Community Nodes
 * installer does, imports credentials and workflows, runs them with `n8n execute` against the
 * vendor simulators, and checks n8n's execution output and what the simulators received.
 * Then starts `n8n start` for the webhook triggers and the credential Test buttons, and
 * finally the browser check (test/e2e/browser.js).
 *
 * Prints one line per check and a closing "N passed, N failed" line; exits non-zero on failure.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const lib = require('../../scripts/lib/n8n');
const { startDemoSimulators } = require('../../scripts/lib/simulators');
const { demoCredentials, exampleWorkflows, CREDENTIAL_IDS } = require('../../scripts/demo-setup');
const { DEMO } = require('../../simulators/demo-data');
const { secretValuesIn } = require('./secrets');
const { buildCases } = require('./cases');
const { runServerChecks } = require('./server-checks');

const WORK = path.join(__dirname, '.work');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const skipBrowser = process.argv.includes('--no-browser');
// Queue mode (Postgres, Redis, main, workers, webhook process): after the single-instance
// checks; --no-queue skips it, --only-queue runs nothing else.
const onlyQueue = process.argv.includes('--only-queue');
const runQueue = onlyQueue || (!process.argv.includes('--no-queue') && only.length === 0);

const results = [];
function report(name, error, seconds) {
	results.push({ name, ok: !error });
	const time = seconds !== undefined ? ` (${seconds.toFixed(1)} s)` : '';
	if (error) {
		console.log(`  ✗ ${name}${time}\n      ${String(error.stack || error).split('\n').slice(0, 6).join('\n      ')}`);
	} else {
		console.log(`  ✓ ${name}${time}`);
	}
}

async function main() {
	const started = Date.now();
	console.log('[e2e] n8n runtime');
	const runtime = lib.ensureRuntime({ quiet: true });
	console.log('[e2e] npm pack + install into a fresh n8n user folder');
	const tarball = lib.packPackage({ quiet: true });
	if (!onlyQueue) await runSingleInstance(runtime, tarball);
	if (runQueue) {
		console.log('[e2e] queue mode: Postgres, Redis, main, 2 workers, a webhook process');
		const { runQueueChecks } = require('./queue/checks');
		await runQueueChecks({ runtime, tarball, report, workDir: path.join(WORK, 'queue') });
	}

	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	console.log(`\n[e2e] ${results.length} checks in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	console.log(`${passed} passed, ${failed} failed`);
	process.exit(failed === 0 && results.length > 0 ? 0 : 1);
}

async function runSingleInstance(runtime, tarball) {
	fs.rmSync(WORK, { recursive: true, force: true });
	const userFolder = path.join(WORK, 'n8n');
	fs.mkdirSync(userFolder, { recursive: true });
	lib.installPackage(userFolder, tarball, runtime, { quiet: true });
	// Files go where a stock n8n allows them: ~/.n8n-files (the user folder is n8n's home here).
	const filesDir = lib.filesFolder(userFolder);

	const simulators = await startDemoSimulators({ ports: { veriff: 0, sumsub: 0, unit21: 0 }, log: path.join(WORK, 'simulators.log') });
	const sims = simulators.sims;
	try {
		console.log(`[e2e] simulators: ${Object.values(simulators.urls).join(' ')}`);
		const credentials = [
			...demoCredentials(simulators.urls, {}),
			{ id: 'e2eVeriffBadSec', name: 'Veriff wrong secret', type: 'veriffApi', data: { ...DEMO.credentials.veriff, sharedSecret: 'wrong-secret', baseUrl: simulators.urls.veriff } },
			{ id: 'e2eVeriffBadKey', name: 'Veriff wrong key', type: 'veriffApi', data: { ...DEMO.credentials.veriff, apiKey: '11111111-2222-4333-8444-555555555555', baseUrl: simulators.urls.veriff } },
			{ id: 'e2eSumsubBadSec', name: 'Sumsub wrong secret', type: 'sumsubApi', data: { ...DEMO.credentials.sumsub, secretKey: 'wrong-secret', baseUrl: simulators.urls.sumsub } },
			{ id: 'e2eUnit21BadKey', name: 'Unit21 wrong key', type: 'unit21Api', data: { apiKey: 'wrong-key', orgName: DEMO.credentials.unit21.orgName, environment: 'custom', baseUrl: simulators.urls.unit21 } },
		];
		await lib.importCredentials(runtime, userFolder, credentials);

		const cases = buildCases({ sims, urls: simulators.urls, credentialIds: CREDENTIAL_IDS, examples: exampleWorkflows(), filesDir }).filter(
			(c) => only.length === 0 || only.some((o) => c.name.toLowerCase().includes(o.toLowerCase())),
		);
		console.log(`[e2e] importing ${cases.length} workflows`);
		const importFile = path.join(WORK, 'workflows.json');
		fs.writeFileSync(importFile, JSON.stringify(cases.map((c) => c.workflow)));
		const imported = await lib.n8nCli(runtime, userFolder, ['import:workflow', `--input=${importFile}`]);
		if (imported.status !== 0) throw new Error(`import:workflow failed:\n${imported.stderr}${imported.stdout}`);

		console.log('[e2e] workflows run with `n8n execute`');
		const secrets = credentials.flatMap((c) => Object.entries(c.data).filter(([k]) => /key|secret|token/i.test(k)).map(([, v]) => v));
		for (const testCase of cases) {
			const t = Date.now();
			try {
				for (const sim of Object.values(sims)) {
					sim.clearFaults();
					sim.clearRequests();
				}
				sims.unit21.clearUploads?.();
				await testCase.before?.();
				const run = await lib.executeWorkflow(runtime, userFolder, testCase.workflow.id, {
					// n8n's default file access (~/.n8n-files), whatever this shell has set.
					env: { N8N_RESTRICT_FILE_ACCESS_TO: undefined },
				});
				assert.ok(run.execution, `n8n printed no execution JSON (exit ${run.status}):\n${run.stderr.slice(-2000)}\n${run.stdout.slice(-2000)}`);
				const leaked = secretValuesIn(JSON.stringify(run.execution) + run.stdout + run.stderr, secrets);
				assert.deepEqual(leaked, [], 'a secret appears in n8n\'s execution output or logs');
				await testCase.check(run.execution, run);
				report(testCase.name, undefined, (Date.now() - t) / 1000);
			} catch (error) {
				report(testCase.name, error, (Date.now() - t) / 1000);
			}
		}

		if (only.length === 0) {
			console.log('[e2e] a running n8n: credential Test buttons and webhook triggers');
			await runServerChecks({ runtime, userFolder, sims, urls: simulators.urls, examples: exampleWorkflows(), report, workDir: WORK, skipBrowser, secrets });
		}
	} finally {
		await simulators.close();
	}
}

main().catch((error) => {
	console.error(error);
	console.log('0 passed, 1 failed');
	process.exit(1);
});
