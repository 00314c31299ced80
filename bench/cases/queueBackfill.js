// Case 6 (only with --only=queueBackfill): a Veriff → Unit21 backfill in n8n's queue mode with one and with two workers.
'use strict';
/**
 * 200 Veriff sessions (3 final images of 100 KiB each) backfilled to Unit21, one execution per
 * session, started by a production webhook at main and run by the workers of a queue-mode n8n
 * (Postgres, Redis, binary data mode `database`; test/e2e/queue/cluster.js). First with one
 * worker, then with a second worker added (fresh sessions each phase). Measured per phase:
 * executions per minute (first delivery to last upload) and each worker's peak resident memory
 * (sampled every 250 ms during the phase).
 */
const crypto = require('node:crypto');
const path = require('node:path');

const { startQueueCluster } = require('../../test/e2e/queue/cluster');
const { startDemoSimulators } = require('../../scripts/lib/simulators');
const { demoCredentials, CREDENTIAL_IDS } = require('../../scripts/demo-setup');
const { DEMO } = require('../../simulators/demo-data');
const { table } = require('../tables');

const WORKFLOW_ID = 'kycBenchQueue001';
const WEBHOOK_PATH = 'kyc-bench-queue-backfill';
const IMAGE_BYTES = 100 * 1024;
const IMAGES_PER_SESSION = 3;
const MiB = 1024 * 1024;

/** Example 3's download and upload nodes, started per session by a webhook instead of a manual list. */
function backfillWorkflow() {
	const veriff = { veriffApi: { id: CREDENTIAL_IDS.veriff, name: 'Veriff' } };
	const unit21 = { unit21Api: { id: CREDENTIAL_IDS.unit21, name: 'Unit21' } };
	return {
		id: WORKFLOW_ID,
		name: 'bench: queue-mode backfill, one Veriff session per execution',
		nodes: [
			{ id: 'q-hook', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: WEBHOOK_PATH, parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, options: {} } },
			{
				id: 'q-list',
				name: 'List media of all attempts',
				type: 'n8n-nodes-kyc-media.veriff',
				typeVersion: 1,
				position: [200, 0],
				credentials: veriff,
				parameters: { resource: 'media', operation: 'listSessionMedia', sessionId: '={{ $json.body.sessionId }}', attempt: 'all', mediaTypes: ['image'], captures: 'final', options: {} },
			},
			{
				id: 'q-download',
				name: 'Download Media',
				type: 'n8n-nodes-kyc-media.veriff',
				typeVersion: 1,
				position: [400, 0],
				credentials: veriff,
				parameters: { resource: 'media', operation: 'download', mediaId: '={{ $json.id }}', binaryPropertyName: 'data', options: {} },
			},
			{
				id: 'q-upload',
				name: 'Add to Unit21 entity',
				type: 'n8n-nodes-kyc-media.unit21',
				typeVersion: 1,
				position: [600, 0],
				credentials: unit21,
				parameters: { resource: 'entity', operation: 'addMedia', entityId: "={{ $('Webhook').item.json.body.entityId }}", binaryPropertyName: 'data', mediaType: 'none', options: { source: 'veriff' } },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'List media of all attempts', type: 'main', index: 0 }]] },
			'List media of all attempts': { main: [[{ node: 'Download Media', type: 'main', index: 0 }]] },
			'Download Media': { main: [[{ node: 'Add to Unit21 entity', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** `count` sessions of one approved attempt with 3 final images; returns their ids. */
function seedSessions(veriff, count) {
	const ids = [];
	for (let i = 0; i < count; i++) {
		const image = (context) => ({ context, mimetype: 'image/jpeg', bytes: crypto.randomBytes(IMAGE_BYTES) });
		const { sessionId } = veriff.addSession({
			vendorData: DEMO.unit21.entity,
			attempts: [{ status: 'approved', images: [image('document-front'), image('document-back'), image('face')], videos: [] }],
		});
		ids.push(sessionId);
	}
	return ids;
}

/** Resident memory (VmRSS) of a process in bytes, or undefined once it is gone. */
function rss(pid) {
	try {
		const match = /^VmRSS:\s+(\d+) kB/m.exec(require('node:fs').readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One phase: every session delivered to main's webhook (20 at a time), timed until Unit21 has every file. */
async function phase(cluster, sims, sessionIds, log) {
	const workers = cluster.workers.filter(Boolean);
	const peaks = Object.fromEntries(workers.map((w) => [w.name, { start: rss(w.pid) ?? 0, peak: 0 }]));
	const sampler = setInterval(() => {
		for (const w of workers) peaks[w.name].peak = Math.max(peaks[w.name].peak, rss(w.pid) ?? 0);
	}, 250);
	const startedBefore = Object.fromEntries(workers.map((w) => [w.name, w.startedExecutions().length]));
	sims.unit21.clearUploads();
	sims.unit21.clearRequests();
	sims.veriff.clearRequests();
	const expectedFiles = sessionIds.length * IMAGES_PER_SESSION;
	const started = Date.now();
	try {
		let next = 0;
		await Promise.all(
			Array.from({ length: 20 }, async () => {
				while (next < sessionIds.length) {
					const sessionId = sessionIds[next++];
					const res = await fetch(`${cluster.main.url}/webhook/${WEBHOOK_PATH}`, {
						method: 'POST',
						headers: { 'Content-Type': 'application/json' },
						body: JSON.stringify({ sessionId, entityId: DEMO.unit21.entity }),
					});
					await res.text();
					if (res.status !== 200) throw new Error(`delivery of session ${sessionId}: HTTP ${res.status}`);
				}
			}),
		);
		const deliveredMs = Date.now() - started;
		const deadline = Date.now() + 30 * 60_000;
		while (sims.unit21.uploads.length < expectedFiles && Date.now() < deadline) await sleep(250);
		const wallMs = Date.now() - started;
		if (sims.unit21.uploads.length < expectedFiles) throw new Error(`only ${sims.unit21.uploads.length} of ${expectedFiles} files reached Unit21 in 30 minutes`);
		// Every file arrived intact.
		for (const upload of sims.unit21.uploads) {
			const { sha256, metadata } = upload.files[0];
			if (sha256 !== (await sims.veriff.mediaSha256(metadata.custom_data.mediaId))) throw new Error(`bytes of Veriff media ${metadata.custom_data.mediaId} differ at Unit21`);
		}
		const byWorker = Object.fromEntries(workers.map((w) => [w.name, w.startedExecutions().length - startedBefore[w.name]]));
		const result = {
			workers: workers.length,
			executions: sessionIds.length,
			files: expectedFiles,
			deliveredMs,
			wallMs,
			perMinute: (sessionIds.length / wallMs) * 60_000,
			byWorker,
			memory: Object.fromEntries(workers.map((w) => [w.name, peaks[w.name]])),
		};
		log(
			`queue backfill, ${workers.length} worker(s): ${sessionIds.length} executions in ${(wallMs / 1000).toFixed(1)} s = ${result.perMinute.toFixed(0)}/min; ` +
				`${Object.entries(byWorker).map(([n, c]) => `${n} ${c}`).join(', ')}; peak RSS ${Object.entries(result.memory).map(([n, m]) => `${n} ${(m.peak / MiB).toFixed(0)} MiB`).join(', ')}`,
		);
		return result;
	} finally {
		clearInterval(sampler);
	}
}

/** Runs both phases on one cluster (the second worker joins for phase two). */
async function run({ runtime, tarball, workDir, sessions = 200, log = console.log }) {
	const noBodies = { recordBodyLimit: 0 };
	const simulators = await startDemoSimulators({ ports: { veriff: 0, sumsub: 0, unit21: 0 }, options: { veriff: noBodies, sumsub: noBodies, unit21: noBodies } });
	const { sims } = simulators;
	let cluster;
	// Ctrl-C or a kill stops n8n, Postgres and Redis too.
	const onSignal = () => {
		log('stopping n8n, Postgres and Redis');
		Promise.resolve(cluster?.stop())
			.catch(() => undefined)
			.finally(() => process.exit(130));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		const first = seedSessions(sims.veriff, sessions);
		const second = seedSessions(sims.veriff, sessions);
		const t = Date.now();
		cluster = await startQueueCluster({
			runtime,
			tarball,
			workDir: path.join(workDir, 'queue'),
			workers: 1,
			webhook: false,
			credentials: demoCredentials(simulators.urls, {}),
			workflows: [backfillWorkflow()],
			publish: [WORKFLOW_ID],
			webhookPaths: [WEBHOOK_PATH],
			log,
		});
		const startupMs = Date.now() - t;
		// A few executions first, so that first-run costs are not measured.
		await phase(cluster, sims, seedSessions(sims.veriff, 5), () => undefined);
		const one = await phase(cluster, sims, first, log);
		await cluster.startWorker(1);
		await phase(cluster, sims, seedSessions(sims.veriff, 5), () => undefined);
		const two = await phase(cluster, sims, second, log);
		return { sessions, imageBytes: IMAGE_BYTES, startupMs, one, two, postgres: cluster.postgres.version.replace(/^postgres \(PostgreSQL\)/, 'PostgreSQL'), redis: cluster.redis.version.replace(/^Redis server v=(\S+).*$/, 'Redis $1'), concurrency: 10 };
	} finally {
		await cluster?.stop();
		await simulators.close();
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
	}
}

/** The section appended to bench/RESULTS.md. */
function renderSection(result, { machine, loadBefore, loadAfter, totalMs }) {
	const row = (label, p) => [
		label,
		String(p.executions),
		`${(p.wallMs / 1000).toFixed(1)} s`,
		p.perMinute.toFixed(0),
		Object.entries(p.byWorker).map(([n, c]) => `${n} ${c}`).join(', '),
		Object.entries(p.memory).map(([n, m]) => `${n} ${(m.peak / MiB).toFixed(0)} MiB`).join(', '),
	];
	return [
		'',
		'## Queue mode: Veriff → Unit21 backfill with one and two workers',
		'',
		`\`node bench/run.js --only=queueBackfill\` (${(totalMs / 60000).toFixed(1)} minutes, ${machine.date}; load average before / after ${loadBefore.toFixed(2)} / ${loadAfter.toFixed(2)}).`,
		`n8n ${machine.n8nVersion} in queue mode: main \`n8n start\` + \`n8n worker\`s (concurrency ${result.concurrency}), ${result.postgres}, ${result.redis},`,
		'binary data mode `database`. One execution per session: a production webhook at main → List Session Media (all attempts, final',
		`images) → Download → Unit21 Add Media to Entity; ${result.sessions} sessions of ${IMAGES_PER_SESSION} images × ${result.imageBytes / 1024} KiB per phase, delivered 20 at a`,
		'time; timed from the first delivery until Unit21 has every file (each checked byte for byte). The second worker joins for the',
		`second phase (fresh sessions). Peak memory: the highest resident set of each worker sampled every 250 ms during the phase. Cluster start-up ${(result.startupMs / 1000).toFixed(0)} s (not counted).`,
		'',
		table(['Workers', 'Executions', 'Time', 'Executions / min', 'Executions per worker', 'Worker peak memory'], [row('1', result.one), row('2', result.two)]),
		'',
		`Two workers: ${(result.two.perMinute / result.one.perMinute).toFixed(2)}× the executions per minute of one, on ${machine.cores} cores shared with main, Postgres, Redis and the simulators.`,
		'',
	];
}

module.exports = { run, renderSection, WORKFLOW_ID };
