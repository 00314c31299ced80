#!/usr/bin/env node
'use strict';
/**
 * `npm start` — n8n with these nodes loaded, in one command:
 * the pinned n8n runtime (installed once into .cache/), this package packed and installed the
 * way n8n's Community Nodes installer does, the three vendor simulators with demo data,
 * demo credentials and the example workflows, then n8n at http://localhost:5678.
 * Real vendor keys in the environment replace the simulators (see README).
 * Ctrl-C stops everything it started.
 */
const fs = require('node:fs');
const path = require('node:path');

const lib = require('./lib/n8n');
const { CREDENTIAL_IDS, DEMO_SUMSUB_WEBHOOK_SECRET, demoCredentials, exampleWorkflows, realVendors } = require('./demo-setup');
const { DEMO } = require('../simulators/demo-data');
const { startDemoSimulators } = require('./lib/simulators');
const { setupOwner, DEMO_OWNER } = require('./lib/rest');

const PORT = Number(process.env.N8N_PORT || 5678);
const DEMO_DIR = path.resolve(process.env.KYC_DEMO_DIR || path.join(lib.ROOT, '.n8n-demo'));

function step(text) {
	process.stdout.write(`\x1b[1m[demo]\x1b[0m ${text}\n`);
}

async function main() {
	step('Preparing the n8n runtime (first run: a few minutes, then cached in .cache/)');
	const runtime = lib.ensureRuntime();

	step('Building and packing n8n-nodes-kyc-media');
	const tarball = lib.packPackage({ quiet: true });
	fs.mkdirSync(DEMO_DIR, { recursive: true });
	step(`Installing ${path.basename(tarball)} into ${path.relative(lib.ROOT, DEMO_DIR)}/.n8n/nodes (as the Community Nodes installer does)`);
	lib.installPackage(DEMO_DIR, tarball, runtime, { quiet: true });

	const real = realVendors();
	step('Starting the vendor simulators');
	const simulators = await startDemoSimulators({ skip: real, log: path.join(DEMO_DIR, 'simulators.log') });
	for (const [vendor, url] of Object.entries(simulators.urls)) {
		step(`  ${vendor.padEnd(7)} ${real[vendor] ? 'your real account (keys from the environment)' : url}`);
	}

	step('Importing demo credentials and the example workflows');
	await lib.importCredentials(runtime, DEMO_DIR, demoCredentials(simulators.urls));
	for (const { workflow } of exampleWorkflows()) {
		await lib.importWorkflow(runtime, DEMO_DIR, workflow);
		// Workflows with a webhook trigger are published so their production URLs are live.
		if (workflow.nodes.some((node) => node.webhookId)) {
			await lib.n8nCli(runtime, DEMO_DIR, ['publish:workflow', `--id=${workflow.id}`]);
		}
	}

	step(`Starting n8n on port ${PORT} (log: ${path.relative(lib.ROOT, DEMO_DIR)}/n8n.log)`);
	// n8n's default file access: only ~/.n8n-files, and the demo's n8n has DEMO_DIR as its home.
	const filesDir = lib.filesFolder(DEMO_DIR);
	const logFile = fs.openSync(path.join(DEMO_DIR, 'n8n.log'), 'a');
	const n8n = await lib.startN8n(runtime, DEMO_DIR, {
		port: PORT,
		brokerPort: PORT + 1,
		log: logFile,
		env: { N8N_RESTRICT_FILE_ACCESS_TO: undefined, WEBHOOK_URL: `http://localhost:${PORT}/` },
	});
	const owner = await setupOwner(n8n.url);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		step('Stopping n8n and the simulators…');
		await n8n.stop();
		await simulators.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	n8n.child.on('exit', (code) => {
		if (!stopping) {
			step(`n8n exited (${code}); see ${path.join(DEMO_DIR, 'n8n.log')}`);
			simulators.close().then(() => process.exit(1));
		}
	});

	const line = '─'.repeat(74);
	const files = path.relative(process.cwd(), filesDir) || filesDir;
	const home = path.relative(process.cwd(), DEMO_DIR) || DEMO_DIR;
	process.stdout.write(`
${line}
  n8n is running with n8n-nodes-kyc-media:  http://localhost:${PORT}
  Sign in as ${DEMO_OWNER.email} / ${DEMO_OWNER.password}${owner ? '' : ' (unless you changed it)'}
  Try it: open "Veriff approved session → Unit21 entity evidence", hover
  "Try it with a sample session" and click its ▶ button. It reads a Veriff
  session from the simulator, downloads the final ID and selfie captures and
  attaches them to a Unit21 entity. Double-click "Download Media", pick
  Binary in its output and click View: SPECIMEN passport and selfie photos.
  Also there: "Sumsub Video Ident finished → save call recordings" (short
  SPECIMEN videos, written to ${files}/ — n8n's default
  ~/.n8n-files, as the demo's n8n has ${home}/ as its home),
  "Backfill: Veriff sessions → Unit21",
  "Sumsub approved applicant → Unit21 entity documents" and
  'Unit21 "Pull KYC evidence" button → Sumsub documents on the alert'.

  Webhooks are live too:  npm run demo:webhook -- veriff
                          (or -- sumsub, -- sumsub applicantReviewed, -- unit21)
  Credentials: Veriff (${CREDENTIAL_IDS.veriff}), Sumsub, Unit21 — already set up.
  Sumsub demo webhook secret: ${DEMO_SUMSUB_WEBHOOK_SECRET}
  Unit21 demo webhook secret: ${DEMO.credentials.unit21.webhookSecret}

  Ctrl-C stops n8n and the simulators.
${line}
`);
}

main().catch((error) => {
	console.error(`\n[demo] ${error.message}`);
	process.exit(1);
});
