#!/usr/bin/env node
// `npm run bench`: flags, n8n and the simulators, the cases in order (bench/cases/), RESULTS.md.
'use strict';
/**
 * `npm run bench`: this package's nodes against n8n's own nodes (Crypto + HTTP Request) and
 * curl, in a real n8n 2.41.1 (`n8n execute`, filesystem binary mode) talking to the vendor
 * simulators over loopback. Prints the tables and writes them to bench/RESULTS.md.
 * See bench/README.md for what each case measures.
 *
 *   node bench/run.js                  the full benchmark (about 10 minutes on 2 cores)
 *   node bench/run.js --quick          small sizes, one run each (a smoke test of the bench itself)
 *   node bench/run.js --only=download  only some cases: download, uploads, listing, documents, database (comma-separated)
 *   node bench/run.js --only=queueBackfill  case 7 alone (never part of a full run): the backfill in
 *                                      n8n's queue mode with one and two workers (Postgres, Redis,
 *                                      about 10 minutes); its section is appended to bench/RESULTS.md
 *   node bench/run.js --render         bench/RESULTS.md again from the last run's bench/.work/results.json
 *   node bench/run.js --list-parallel=N  case 4 with Requests in Parallel = N instead of the node's default
 *   node bench/run.js --profile=<name> one run of one workflow under `node --cpu-prof`, then the
 *                                      top self-time functions; names: download-ours, download-http (largest
 *                                      size), download-ours-small, download-http-small,
 *                                      uploads-ours, uploads-http, listing-ours, listing-http,
 *                                      documents-ours, documents-http
 */
const fs = require('node:fs');
const path = require('node:path');

const lib = require('../scripts/lib/n8n');
const { startDemoSimulators } = require('../scripts/lib/simulators');
const { demoCredentials } = require('../scripts/demo-setup');
const { MiB, freePort, measureExecute, assertNodeOk } = require('./measure');
const { buildWorkflows } = require('./workflows');
const { describeMachine, loadAverage } = require('./machine');
const { BENCH, WORK, USER_FOLDER, freshWorkFolder, cleanBinaryData } = require('./workspace');
const { log } = require('./format');
const { render } = require('./render');
const { profile } = require('./profile');
const download = require('./cases/download');
const uploads = require('./cases/uploads');
const listing = require('./cases/listing');
const documents = require('./cases/documents');
const database = require('./cases/database');
const queueBackfill = require('./cases/queueBackfill');

const argv = process.argv.slice(2);
const flag = (name) => {
	const hit = argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
	return hit === undefined ? undefined : hit.includes('=') ? hit.slice(hit.indexOf('=') + 1) : true;
};
const QUICK = flag('quick') === true;
const CASES = ['download', 'uploads', 'listing', 'documents', 'database'];
// Runs alone and on its own n8n (queue mode), so never with the others.
const QUEUE_CASE = 'queueBackfill';
const ONLY = typeof flag('only') === 'string' ? flag('only').split(',') : CASES;
const unknownCases = ONLY.filter((name) => !CASES.includes(name) && name !== QUEUE_CASE);
if (unknownCases.length > 0 || (ONLY.includes(QUEUE_CASE) && ONLY.length > 1)) {
	console.error(
		`--only: ${unknownCases.length ? `unknown case ${unknownCases.join(', ')}` : `${QUEUE_CASE} runs alone`} (cases: ${CASES.join(', ')}; alone: ${QUEUE_CASE})`,
	);
	process.exit(2);
}
const PROFILE = typeof flag('profile') === 'string' ? flag('profile') : undefined;
// Requests in Parallel for the listing with our node (default: the node's own default).
const LIST_PARALLEL =
	typeof flag('list-parallel') === 'string' ? Number(flag('list-parallel')) : undefined;

const CONFIG = QUICK
	? {
			sizes: [
				{ label: '16 MiB', bytes: 16 * MiB, runs: 1 },
				{ label: '32 MiB', bytes: 32 * MiB, runs: 1 },
				{ label: '128 MiB', bytes: 128 * MiB, runs: 1 },
			],
			curlRuns: 1,
			uploadFiles: 20,
			uploadFileBytes: 4 * MiB,
			uploadRuns: 1,
			sessions: 50,
			listRuns: 1,
			documentApplicants: 100,
			documentRuns: 1,
			database: {
				smallBytes: 1 * MiB,
				largeBytes: 64 * MiB,
				overBytes: 32 * MiB,
				capMiB: 16,
				runs: 1,
			},
		}
	: {
			sizes: [
				{ label: '16 MiB', bytes: 16 * MiB, runs: 5 },
				{ label: '256 MiB', bytes: 256 * MiB, runs: 5 },
				{ label: '1 GiB', bytes: 1024 * MiB, runs: 5 },
			],
			curlRuns: 5,
			uploadFiles: 200,
			uploadFileBytes: 4 * MiB,
			uploadRuns: 3,
			sessions: 500,
			listRuns: 3,
			documentApplicants: 100,
			documentRuns: 3,
			database: {
				smallBytes: 1 * MiB,
				largeBytes: 64 * MiB,
				overBytes: 32 * MiB,
				capMiB: 16,
				runs: 3,
			},
		};

/** Every workflow of the tree buildWorkflows returns, in its order (a workflow is what has nodes). */
const allWorkflows = (tree) => (tree.nodes ? [tree] : Object.values(tree).flatMap(allWorkflows));

async function main() {
	const startedAt = Date.now();
	log('n8n runtime, npm pack, fresh user folder in bench/.work');
	const runtime = lib.ensureRuntime({ quiet: true });
	const tarball = lib.packPackage({ quiet: true });
	freshWorkFolder();
	lib.installPackage(USER_FOLDER, tarball, runtime, { quiet: true });
	const machine = describeMachine(runtime, BENCH);
	// Own ports, so that an n8n already running on this machine (5678/5679) does not clash.
	const n8nEnv = {
		N8N_PORT: String(await freePort()),
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
	};
	/** One measured `n8n execute`; `env` adds to the environment every n8n of the bench gets. */
	const execute = (workflowId, env = {}, options = {}) =>
		measureExecute(runtime, USER_FOLDER, workflowId, { env: { ...n8nEnv, ...env }, ...options });

	// The simulators keep no request bodies (hundreds of MB would pile up in this process).
	const noBodies = { recordBodyLimit: 0 };
	const simulators = await startDemoSimulators({
		ports: { veriff: 0, sumsub: 0, unit21: 0 },
		options: { veriff: noBodies, sumsub: noBodies, unit21: noBodies },
	});
	const { veriff, sumsub } = simulators.sims;

	try {
		// Every case's data and workflows exist even with --only (one import, same ids).
		const downloadMediaIds = download.seed(simulators.sims, CONFIG);
		const uploadItems = uploads.seed(simulators.sims, CONFIG);
		const sessionIds = listing.seed(simulators.sims, CONFIG);
		const applicants = documents.seed(simulators.sims, CONFIG);
		const databaseMediaIds = database.seed(simulators.sims, CONFIG);

		const credentials = demoCredentials(simulators.urls, {});
		const byType = Object.fromEntries(credentials.map((c) => [c.type.replace(/Api$/, ''), c]));
		await lib.importCredentials(runtime, USER_FOLDER, credentials);
		const workflows = buildWorkflows({
			urls: simulators.urls,
			credentials: byType,
			ids: { downloads: downloadMediaIds, database: databaseMediaIds },
			upload: { items: uploadItems, mediaType: uploads.UPLOAD_MEDIA_TYPE },
			listing: { sessionIds, parallel: LIST_PARALLEL },
			documents: { applicantIds: applicants.applicantIds, httpBatch: documents.HTTP_BATCH },
		});
		const importFile = path.join(WORK, 'workflows.json');
		fs.writeFileSync(importFile, JSON.stringify(allWorkflows(workflows)));
		const imported = await lib.n8nCli(runtime, USER_FOLDER, [
			'import:workflow',
			`--input=${importFile}`,
		]);
		if (imported.status !== 0)
			throw new Error(`import:workflow failed:\n${imported.stderr}${imported.stdout}`);

		if (PROFILE) {
			const targets = {
				...download.profileTargets(workflows, CONFIG),
				...uploads.profileTargets(workflows),
				...listing.profileTargets(workflows),
				...documents.profileTargets(workflows, simulators.sims),
			};
			await profile(PROFILE, { targets, execute, veriff });
			return;
		}

		log('hashing what the simulators serve (before any timing)');
		const expectedSha = {};
		for (const id of [
			...Object.values(downloadMediaIds),
			...uploadItems.map((i) => i.id),
			...Object.values(databaseMediaIds),
		])
			expectedSha[id] = await veriff.mediaSha256(id);
		for (const id of applicants.imageIds) expectedSha[id] = await sumsub.mediaSha256(id);

		log('warm-up run (not counted)');
		const warm = await execute(workflows.download[CONFIG.sizes[0].label].ours.id);
		assertNodeOk(warm, 'Download');
		cleanBinaryData();

		const results = {
			machine,
			config: CONFIG,
			download: {},
			uploads: {},
			lists: {},
			documents: {},
			database: {},
			loadBefore: loadAverage(),
		};
		const bench = {
			runtime,
			config: CONFIG,
			execute,
			sims: simulators.sims,
			urls: simulators.urls,
			credentials: byType,
			workflows,
			expectedSha,
		};
		if (ONLY.includes('download')) results.download = await download.run(bench, downloadMediaIds);
		if (ONLY.includes('uploads')) results.uploads = await uploads.run(bench, uploadItems);
		if (ONLY.includes('listing')) results.lists = await listing.run(bench);
		if (ONLY.includes('documents')) results.documents = await documents.run(bench, applicants);
		if (ONLY.includes('database')) results.database = await database.run(bench, databaseMediaIds);

		results.totalMs = Date.now() - startedAt;
		results.loadAfter = loadAverage();
		results.defaultParallel = listing.defaultRequestsInParallel();
		writeResults(results, startedAt);
	} finally {
		veriff.setLatency(0);
		sumsub.setLatency(0);
		await simulators.close();
		cleanBinaryData();
	}
}

/**
 * The numbers to bench/.work, the tables to the console and to RESULTS.md. Only a full run
 * replaces bench/RESULTS.md (and results.json, which --render reads); others stay in bench/.work.
 */
function writeResults(results, startedAt) {
	const partial = QUICK || CASES.some((name) => !ONLY.includes(name)) || LIST_PARALLEL !== undefined;
	fs.writeFileSync(
		path.join(WORK, partial ? 'results-partial.json' : 'results.json'),
		JSON.stringify(results, null, 2),
	);
	const markdown = render(results, {
		quick: QUICK,
		listParallel: LIST_PARALLEL,
		only: CASES.every((name) => ONLY.includes(name)) ? undefined : ONLY,
	});
	console.log(`\n${markdown}`);
	if (partial) {
		fs.writeFileSync(path.join(WORK, 'RESULTS.md'), markdown);
		log(
			'partial run: tables written to bench/.work/RESULTS.md (bench/RESULTS.md is left as it was)',
		);
	} else {
		fs.writeFileSync(path.join(BENCH, 'RESULTS.md'), markdown);
		log(`written to bench/RESULTS.md (${((Date.now() - startedAt) / 60000).toFixed(1)} min)`);
	}
}

/** `--only=queueBackfill`: the queue-mode case on its own cluster; its section appended to RESULTS.md. */
async function mainQueue() {
	const startedAt = Date.now();
	log('n8n runtime, npm pack; queue-mode cluster in bench/.work/queue');
	const runtime = lib.ensureRuntime({ quiet: true });
	const tarball = lib.packPackage({ quiet: true });
	const machine = describeMachine(runtime, BENCH);
	const loadBefore = loadAverage();
	const result = await queueBackfill.run({ runtime, tarball, workDir: WORK, sessions: QUICK ? 20 : 200, log });
	const totalMs = Date.now() - startedAt;
	fs.mkdirSync(WORK, { recursive: true });
	fs.writeFileSync(path.join(WORK, 'results-queue.json'), JSON.stringify({ machine, result, totalMs }, null, 2));
	const markdown = queueBackfill
		.renderSection(result, { machine, loadBefore, loadAfter: loadAverage(), totalMs, quick: QUICK })
		.join('\n');
	console.log(markdown);
	if (QUICK) {
		log('--quick: section not appended to bench/RESULTS.md');
	} else {
		fs.appendFileSync(path.join(BENCH, 'RESULTS.md'), markdown);
		log('appended to bench/RESULTS.md');
	}
}

/** `--render`: the tables again from bench/.work/results.json (no runs), into bench/RESULTS.md. */
if (flag('render') === true) {
	const results = JSON.parse(fs.readFileSync(path.join(WORK, 'results.json'), 'utf8'));
	fs.writeFileSync(
		path.join(BENCH, 'RESULTS.md'),
		render(results, { quick: QUICK, listParallel: LIST_PARALLEL }),
	);
	log('bench/RESULTS.md rendered again from bench/.work/results.json');
} else {
	(ONLY.includes(QUEUE_CASE) ? mainQueue : main)().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
