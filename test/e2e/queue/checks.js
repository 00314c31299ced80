'use strict';
/**
 * The package in n8n's queue mode (scale-out): Postgres, Redis, a main `n8n start`, two
 * `n8n worker`s and one `n8n webhook` process, binary data mode `database` (cluster.js).
 * Checks, each reported through the e2e runner's `report()`:
 *  a. the example workflows, started by signed production webhooks (the backfill by the REST
 *     "run" endpoint, offloaded to the workers), run on the workers (their logs say so) and
 *     move the vendors' bytes unchanged;
 *  b. replay across processes: three deliveries, each sent to main and again to the webhook
 *     process, must give three executions (Veriff Trigger, Sumsub Trigger);
 *  d. Sumsub's rate limit (300 GET / 5 s, enforced by the simulator) with two executions of 300
 *     items on two workers at once: no item fails;
 *  c. a worker SIGKILLed mid-download: its execution ends in a visible error, the other worker
 *     runs the next one.
 */
const assert = require('node:assert/strict');
const { createHmac } = require('node:crypto');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { startDemoSimulators } = require('../../../scripts/lib/simulators');
const { demoCredentials, exampleWorkflows, CREDENTIAL_IDS, DEMO_SUMSUB_WEBHOOK_SECRET, UNIT21_ALERT_ACTION_PATH, unit21DemoAlertAction } = require('../../../scripts/demo-setup');
const { DEMO } = require('../../../simulators/demo-data');
const { example5NodeCounts, assertExample5Effects, EXAMPLE5_COUNTS_WEBHOOK } = require('../cases');
const { secretValuesIn } = require('../secrets');
const { startQueueCluster, QUEUE_PORTS } = require('./cluster');

const V = DEMO.veriff;
const S = DEMO.sumsub;

/** Example 2 writes recordings under this folder (the shipped example writes to .n8n-files/, relative to n8n's working folder). */
const FILES_DIR = '/tmp/kyc-media-queue';
const RATE_WORKFLOW_ID = 'kycQueueRate0001';
const RATE_PATH = 'kyc-queue-rate-limit';
const RATE_ITEMS = 300;

async function check(report, name, fn) {
	const t = Date.now();
	try {
		await fn();
		report(name, undefined, (Date.now() - t) / 1000);
	} catch (error) {
		report(name, error, (Date.now() - t) / 1000);
	}
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(predicate, timeoutMs, intervalMs = 400) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await predicate();
		if (value) return value;
		if (Date.now() > deadline) return value;
		await sleep(intervalMs);
	}
}

/** Example 2 as shipped, writing under FILES_DIR instead of the standard run's folder. */
function withFilesDir(workflow) {
	const text = JSON.stringify(workflow);
	assert.ok(text.includes("'.n8n-files/'"), 'example 2 no longer writes to .n8n-files/');
	return JSON.parse(text.split("'.n8n-files/'").join(`'${FILES_DIR}/recordings/'`));
}

/**
 * A webhook (n8n's own Webhook node) → 300 items → Sumsub Get Review Status of the demo
 * applicant, one request per item: the load for the rate-limit check.
 */
function rateLimitWorkflow() {
	return {
		id: RATE_WORKFLOW_ID,
		name: 'e2e queue: 300 Sumsub review status lookups',
		nodes: [
			{
				id: 'rate-webhook',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: RATE_PATH,
				parameters: { httpMethod: 'POST', path: RATE_PATH, options: {} },
			},
			{
				id: 'rate-items',
				name: 'Applicants',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: {
					mode: 'raw',
					jsonOutput: JSON.stringify({ applicants: Array.from({ length: RATE_ITEMS }, (_, i) => ({ n: i, applicantId: S.applicantCompleted })) }),
					options: {},
				},
			},
			{
				id: 'rate-split',
				name: 'One item per applicant',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [400, 0],
				parameters: { fieldToSplitOut: 'applicants', options: {} },
			},
			{
				id: 'rate-status',
				name: 'Get Review Status',
				type: 'n8n-nodes-kyc-media.sumsub',
				typeVersion: 1,
				position: [600, 0],
				credentials: { sumsubApi: { id: CREDENTIAL_IDS.sumsub, name: 'Sumsub' } },
				parameters: { resource: 'applicant', operation: 'getReviewStatus', applicantId: '={{ $json.applicantId }}', options: {} },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Applicants', type: 'main', index: 0 }]] },
			Applicants: { main: [[{ node: 'One item per applicant', type: 'main', index: 0 }]] },
			'One item per applicant': { main: [[{ node: 'Get Review Status', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** A Veriff session like the demo's approved one (3 final images of the newest attempt), with its own ids. */
function addApprovedVeriffSession(sim) {
	const demo = sim.sessions.get(V.sessionApproved).decision;
	const id = crypto.randomUUID();
	const attemptId = crypto.randomUUID();
	const jpeg = (context) => ({ context, mimetype: 'image/jpeg' });
	const { attempts } = sim.addSession({
		id,
		vendorData: 'cust-1001',
		attempts: [{ id: attemptId, status: 'approved', images: [jpeg('document-front'), jpeg('document-back'), jpeg('face')], videos: [] }],
		decision: { ...demo, id, attemptId },
	});
	const [front, back, face] = attempts[0].images;
	return { sessionId: id, attemptId, media: { front, back, face } };
}

function veriffDecision(session) {
	return JSON.stringify({
		status: 'success',
		verification: { id: session.sessionId, attemptId: session.attemptId, code: 9001, status: 'approved', vendorData: 'cust-1001' },
	});
}

async function runQueueChecks({ runtime, tarball, report, workDir, log = (line) => console.log(line) }) {
	const started = Date.now();
	fs.mkdirSync(path.dirname(workDir), { recursive: true });
	const simulators = await startDemoSimulators({ ports: { veriff: 0, sumsub: 0, unit21: 0 }, log: path.join(path.dirname(workDir), 'queue-simulators.log') });
	const { sims, urls } = simulators;
	const credentials = demoCredentials(urls, {});
	const secrets = credentials.flatMap((c) => Object.entries(c.data).filter(([k]) => /key|secret|token/i.test(k)).map(([, v]) => v));
	const examples = exampleWorkflows().map(({ workflow }) => (workflow.id === 'kycExample0002' ? withFilesDir(workflow) : workflow));
	const webhookExamples = examples.filter((w) => w.nodes.some((n) => n.webhookId)).map((w) => w.id);
	fs.rmSync(path.join(FILES_DIR, 'recordings'), { recursive: true, force: true });
	fs.mkdirSync(path.join(FILES_DIR, 'recordings'), { recursive: true });

	let cluster;
	const stopAll = async () => {
		await cluster?.stop().catch((error) => log(`[queue] stopping the cluster: ${error.message}`));
		await simulators.close();
	};
	const onSignal = (signal) => {
		log(`[queue] ${signal}: stopping n8n, Postgres and Redis`);
		stopAll().finally(() => process.exit(130));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		try {
			cluster = await startQueueCluster({
				runtime,
				tarball,
				workDir,
				workers: 2,
				webhook: true,
				credentials,
				workflows: [...examples, rateLimitWorkflow()],
				publish: [...webhookExamples, RATE_WORKFLOW_ID],
				webhookPaths: [
					'kyc-demo-veriff-decision/webhook',
					'kyc-demo-sumsub-video-ident/webhook',
					'kyc-demo-sumsub-reviewed/webhook',
					UNIT21_ALERT_ACTION_PATH,
					RATE_PATH,
				],
				env: { N8N_RESTRICT_FILE_ACCESS_TO: FILES_DIR },
				log,
			});
			report(`Queue mode › Postgres, Redis, main, 2 workers and a webhook process start (binary data mode database); ${webhookExamples.length + 1} workflows published`, undefined, (Date.now() - started) / 1000);
		} catch (error) {
			report('Queue mode › Postgres, Redis, main, 2 workers and a webhook process start', error, (Date.now() - started) / 1000);
			return;
		}
		const startupSeconds = (Date.now() - started) / 1000;

		// ── Helpers over main's REST API and the processes' logs ───────────────────────────
		const mainUrl = cluster.main.url;
		const webhookUrl = cluster.webhook.url;
		const executionsOf = async (workflowId) => {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const res = await cluster.rest('GET', `/executions?filter=${filter}&limit=100`);
			assert.equal(res.status, 200, JSON.stringify(res.body).slice(0, 300));
			return res.body.data.results.filter((e) => e.workflowId === workflowId);
		};
		const finished = (e) => !['running', 'new', 'waiting', 'unknown'].includes(e.status);
		/** Waits until `count` executions of the workflow exist and all have finished; returns them, newest first. */
		const settled = async (workflowId, count, timeoutMs = 90_000) => {
			const list = await waitFor(async () => {
				const all = await executionsOf(workflowId);
				return all.length >= count && all.every(finished) ? all : undefined;
			}, timeoutMs);
			if (!list) {
				const all = await executionsOf(workflowId);
				throw new Error(`expected ${count} finished executions of ${workflowId} within ${timeoutMs / 1000} s, got ${all.length}: ${all.map((e) => `${e.id} ${e.status}`).join(', ')}`);
			}
			return list;
		};
		const flatted = require(require.resolve('flatted', { paths: [path.dirname(runtime.n8n)] }));
		const executionData = async (id) => {
			const res = await cluster.rest('GET', `/executions/${id}`);
			assert.equal(res.status, 200, JSON.stringify(res.body).slice(0, 300));
			const { data } = res.body.data;
			return { ...res.body.data, data: typeof data === 'string' ? flatted.parse(data) : data };
		};
		/** Which worker logged "Worker started execution <id>" (undefined: none). */
		const workerOf = (executionId) => cluster.workers.find((w) => w?.startedExecutions().includes(String(executionId)))?.name;
		const assertOnWorker = (executionId) => {
			const worker = workerOf(executionId);
			assert.ok(worker, `no worker logged "Worker started execution ${executionId}" (main and the webhook process only enqueue)`);
			return worker;
		};
		const post = async (baseUrl, webhookPath, body, headers = {}) => {
			const res = await fetch(`${baseUrl}/webhook/${webhookPath}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
			return { status: res.status, text: await res.text() };
		};
		const veriffSig = (raw) => createHmac('sha256', DEMO.credentials.veriff.sharedSecret).update(raw).digest('hex');
		const sumsubDigest = (raw) => createHmac('sha512', DEMO_SUMSUB_WEBHOOK_SECRET).update(raw).digest('hex');
		const postVeriff = (baseUrl, body) => post(baseUrl, 'kyc-demo-veriff-decision/webhook', body, { 'X-HMAC-SIGNATURE': veriffSig(body) });
		const sumsubVideoIdent = (correlationId) =>
			JSON.stringify({
				applicantId: S.applicantCompleted,
				inspectionId: S.inspectionCompleted,
				correlationId,
				type: 'videoIdentCompositionCompleted',
				reviewStatus: 'completed',
				createdAtMs: '2024-03-14 10:21:09.118',
			});
		const postSumsub = (baseUrl, webhookPath, body) => post(baseUrl, webhookPath, body, { 'X-Payload-Digest': sumsubDigest(body), 'X-Payload-Digest-Alg': 'HMAC_SHA512_HEX' });
		const clearVendors = () => {
			for (const sim of Object.values(sims)) {
				sim.clearFaults();
				sim.clearRequests();
			}
			sims.unit21.clearUploads();
			sims.unit21.clearEntityWrites();
		};
		/** The Unit21 uploads of one Veriff session: each file's bytes equal to what Veriff served. */
		const assertVeriffBytesAtUnit21 = async (session) => {
			const files = sims.unit21.uploads.filter((u) => u.files[0].metadata?.custom_data?.sessionId === session.sessionId).map((u) => u.files[0]);
			assert.equal(files.length, 3, `files of session ${session.sessionId} at Unit21: ${files.length}`);
			const expected = Object.values(session.media).sort();
			assert.deepEqual(files.map((f) => f.metadata.custom_data.mediaId).sort(), expected);
			for (const file of files) {
				assert.equal(file.sha256, await sims.veriff.mediaSha256(file.metadata.custom_data.mediaId), `bytes of Veriff media ${file.metadata.custom_data.mediaId}`);
			}
		};

		const fresh = [];
		for (let i = 0; i < 8; i++) fresh.push(addApprovedVeriffSession(sims.veriff));
		const demoSession = { sessionId: V.sessionApproved, attemptId: V.attempts.approvedLatest, media: { front: V.media.documentFront, back: V.media.documentBack, face: V.media.face } };

		// ── a. The examples on the workers ─────────────────────────────────────────────────
		const ranOn = {};
		await check(report, 'Queue mode › example 1: signed Veriff decision at main\'s production URL → runs on a worker → Unit21 gets the 3 images byte for byte', async () => {
			clearVendors();
			const res = await postVeriff(mainUrl, veriffDecision(demoSession));
			assert.equal(res.status, 200, res.text);
			const [execution] = await settled('kycExample0001', 1);
			assert.equal(execution.status, 'success');
			ranOn[1] = assertOnWorker(execution.id);
			await assertVeriffBytesAtUnit21(demoSession);
			log(`      · execution ${execution.id} on ${ranOn[1]}`);
		});
		await check(report, 'Queue mode › example 2: signed Sumsub videoIdentCompositionCompleted at the webhook process → runs on a worker → recordings written intact', async () => {
			clearVendors();
			const res = await postSumsub(webhookUrl, 'kyc-demo-sumsub-video-ident/webhook', sumsubVideoIdent('req-queue-example2'));
			assert.equal(res.status, 200, res.text);
			const [execution] = await settled('kycExample0002', 1);
			assert.equal(execution.status, 'success');
			ranOn[2] = assertOnWorker(execution.id);
			for (const mediaId of S.compositions) {
				const dir = path.join(FILES_DIR, 'recordings');
				const file = fs.readdirSync(dir).find((f) => f.includes(mediaId));
				assert.ok(file, `recording ${mediaId} written to ${dir}`);
				const sha = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, file))).digest('hex');
				assert.equal(sha, await sims.sumsub.mediaSha256(mediaId), `bytes of recording ${mediaId}`);
			}
			log(`      · execution ${execution.id} on ${ranOn[2]}`);
		});
		await check(report, 'Queue mode › example 4: signed Sumsub applicantReviewed GREEN at main → runs on a worker → the 4 accepted images reach Unit21 byte for byte', async () => {
			clearVendors();
			const body = JSON.stringify({
				applicantId: S.applicantCompleted,
				inspectionId: S.inspectionCompleted,
				correlationId: 'req-queue-review-green',
				externalUserId: S.externalUserId,
				levelName: 'video-ident-level',
				type: 'applicantReviewed',
				reviewResult: { reviewAnswer: 'GREEN' },
				reviewStatus: 'completed',
				createdAtMs: '2024-03-14 10:21:37.512',
			});
			const res = await postSumsub(mainUrl, 'kyc-demo-sumsub-reviewed/webhook', body);
			assert.equal(res.status, 200, res.text);
			const [execution] = await settled('kycExample0004', 1);
			assert.equal(execution.status, 'success');
			ranOn[4] = assertOnWorker(execution.id);
			const uploads = sims.unit21.uploads;
			assert.equal(uploads.length, 4);
			const accepted = [S.images.passportFront, S.images.selfie, S.images.idCardFront, S.images.idCardBack];
			assert.deepEqual(uploads.map((u) => u.files[0].metadata.custom_data.imageId).sort(), [...accepted].sort());
			for (const upload of uploads) {
				const imageId = upload.files[0].metadata.custom_data.imageId;
				assert.equal(upload.files[0].sha256, await sims.sumsub.mediaSha256(imageId), `bytes of image ${imageId}`);
			}
			log(`      · execution ${execution.id} on ${ranOn[4]}`);
		});
		await check(report, 'Queue mode › example 5: signed Unit21 "Pull KYC evidence" call at main → runs on a worker → Sumsub images at the alert byte for byte', async () => {
			clearVendors();
			const res = await sims.unit21.sendWebhook(`${mainUrl}/webhook/${UNIT21_ALERT_ACTION_PATH}`, unit21DemoAlertAction({ change_time: Math.floor(Date.now() / 1000) }));
			assert.equal(res.status, 200, res.body);
			const [execution] = await settled('kycExample0005', 1);
			assert.equal(execution.status, 'success');
			ranOn[5] = assertOnWorker(execution.id);
			assert.deepEqual(example5NodeCounts(await executionData(execution.id)), EXAMPLE5_COUNTS_WEBHOOK);
			await assertExample5Effects(sims, String(DEMO.unit21.alert));
			log(`      · execution ${execution.id} on ${ranOn[5]}`);
		});
		await check(report, 'Queue mode › example 3 (manual backfill): REST "run" with OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true → runs on a worker → files of every attempt at Unit21', async () => {
			clearVendors();
			const res = await cluster.rest('POST', '/workflows/kycExample0003/run', { triggerToStartFrom: { name: 'Start backfill' } });
			assert.equal(res.status, 200, JSON.stringify(res.body).slice(0, 500));
			const executionId = res.body.data?.executionId;
			assert.ok(executionId, `no executionId in ${JSON.stringify(res.body).slice(0, 300)}`);
			const [execution] = await settled('kycExample0003', 1);
			assert.equal(String(execution.id), String(executionId));
			assert.equal(execution.status, 'success');
			assert.equal(execution.mode, 'manual');
			ranOn[3] = assertOnWorker(execution.id);
			assert.deepEqual([...new Set(sims.unit21.uploads.map((u) => u.objectId))].sort(), ['cust-1001', 'cust-1002']);
			const attemptsSeen = new Set(sims.unit21.uploads.map((u) => u.files[0].metadata.custom_data.veriffAttemptId));
			assert.ok(attemptsSeen.size >= 4, `files from every attempt (saw ${attemptsSeen.size})`);
			for (const upload of sims.unit21.uploads) {
				const mediaId = upload.files[0].metadata.custom_data.mediaId;
				assert.equal(upload.files[0].sha256, await sims.veriff.mediaSha256(mediaId), `bytes of Veriff media ${mediaId}`);
			}
			log(`      · execution ${execution.id} (mode manual) on ${ranOn[3]}, ${sims.unit21.uploads.length} files`);
		});
		// Which worker took which is up to Bull (either may take any job): shown, not checked.
		log(`      · examples ran on: ${Object.entries(ranOn).map(([n, w]) => `example ${n} → ${w}`).join(', ')}`);

		// ── b. Replay across processes ─────────────────────────────────────────────────────
		/** Sends each delivery to main, then the same bytes to the webhook process; counts the executions. */
		const replayAcrossProcesses = async (workflowId, send, deliveries) => {
			const before = (await executionsOf(workflowId)).length;
			const answers = [];
			for (const delivery of deliveries) {
				for (const baseUrl of [mainUrl, webhookUrl]) {
					const res = await send(baseUrl, delivery);
					answers.push(res.status);
					// Let whatever it started finish before the repeat arrives.
					await sleep(300);
					await settled(workflowId, before, 90_000);
				}
			}
			await sleep(1000);
			const list = (await settled(workflowId, before, 90_000)).slice(0, (await executionsOf(workflowId)).length - before);
			return { answers, executions: list.length, statuses: list.map((e) => e.status), workers: list.map((e) => workerOf(e.id) ?? 'no worker') };
		};
		await check(report, 'Queue mode › replay across processes: Veriff Trigger (example 1), 3 decisions each sent to main and again to the webhook process → exactly 3 executions', async () => {
			clearVendors();
			const sessions = fresh.slice(0, 3);
			const result = await replayAcrossProcesses('kycExample0001', (baseUrl, session) => postVeriff(baseUrl, veriffDecision(session)), sessions);
			log(`      · answers ${result.answers.join(' ')}; ${result.executions} executions (${result.statuses.join(', ')}) on ${result.workers.join(', ')}; Unit21 got ${sims.unit21.uploads.length} files`);
			assert.deepEqual(result.answers, [200, 200, 200, 200, 200, 200]);
			assert.equal(result.executions, 3, `expected 3 executions, got ${result.executions}`);
			assert.equal(sims.unit21.uploads.length, 9, `expected 9 files at Unit21 (3 per decision), got ${sims.unit21.uploads.length}`);
		});
		await check(report, 'Queue mode › replay across processes: Sumsub Trigger (example 2), 3 deliveries each sent to main and again to the webhook process → exactly 3 executions', async () => {
			clearVendors();
			const ids = ['a', 'b', 'c'].map((x) => `req-queue-replay-${x}-${Date.now()}`);
			const result = await replayAcrossProcesses('kycExample0002', (baseUrl, id) => postSumsub(baseUrl, 'kyc-demo-sumsub-video-ident/webhook', sumsubVideoIdent(id)), ids);
			log(`      · answers ${result.answers.join(' ')}; ${result.executions} executions (${result.statuses.join(', ')}) on ${result.workers.join(', ')}`);
			assert.deepEqual(result.answers, [200, 200, 200, 200, 200, 200]);
			assert.equal(result.executions, 3, `expected 3 executions, got ${result.executions}`);
		});

		// ── d. Sumsub's rate limit with two workers ────────────────────────────────────────
		await check(report, `Queue mode › Sumsub rate limit (300 GET / 5 s) with 2 workers: 2 × ${RATE_ITEMS} Get Review Status at once, one execution per worker → no item fails`, async () => {
			clearVendors();
			sims.sumsub.setRateLimit({ get: 300, post: 50, windowMs: 5000 });
			try {
				const t = Date.now();
				// One delivery at main, one at the webhook process, at the same moment.
				const answers = await Promise.all([post(mainUrl, RATE_PATH, '{"batch":1}'), post(webhookUrl, RATE_PATH, '{"batch":2}')]);
				assert.deepEqual(answers.map((a) => a.status), [200, 200], answers.map((a) => a.text).join(' | '));
				const list = await settled(RATE_WORKFLOW_ID, 2, 240_000);
				const seconds = (Date.now() - t) / 1000;
				const requests = sims.sumsub.requests.filter((r) => r.path.endsWith('/status'));
				const limited = requests.filter((r) => r.status === 429).length;
				const details = [];
				for (const e of list.slice(0, 2)) {
					const data = await executionData(e.id);
					const run = data.data.resultData.runData['Get Review Status']?.[0];
					details.push({
						id: e.id,
						status: e.status,
						worker: workerOf(e.id) ?? 'no worker',
						items: run?.data?.main?.[0]?.length ?? 0,
						error: run?.error?.message ?? data.data.resultData.error?.message,
						seconds: (Date.parse(e.stoppedAt) - Date.parse(e.startedAt)) / 1000,
					});
				}
				log(`      · ${details.map((d) => `execution ${d.id} on ${d.worker}: ${d.status}, ${d.items} items, ${d.seconds.toFixed(1)} s${d.error ? `, error: ${d.error}` : ''}`).join('; ')}`);
				log(`      · Sumsub simulator: ${requests.length} GET …/status, ${limited} answered 429; both done ${seconds.toFixed(1)} s after the deliveries`);
				assert.deepEqual(new Set(details.map((d) => d.worker)).size, 2, `both executions on one worker: ${details.map((d) => d.worker).join(', ')}`);
				assert.ok(!details.some((d) => d.worker === 'no worker'), 'an execution ran outside the workers');
				for (const d of details) {
					assert.equal(d.status, 'success', `execution ${d.id}: ${d.status} (${d.error})`);
					assert.equal(d.items, RATE_ITEMS, `execution ${d.id}: ${d.items} items`);
				}
			} finally {
				sims.sumsub.setRateLimit(null);
			}
		});

		// ── c. A worker killed mid-download ────────────────────────────────────────────────
		await check(report, 'Queue mode › a worker SIGKILLed mid-download: its execution ends in a visible error, the other worker runs the next execution', async () => {
			clearVendors();
			const [slow, next] = [fresh[3], fresh[4]];
			// The face image of `slow` trickles out: 4 chunks, 15 s apart.
			sims.veriff.injectFault({ method: 'GET', path: `/v1/media/${slow.media.face}`, slowBodyMs: 15_000, times: 1 });
			const before = (await executionsOf('kycExample0001')).length;
			assert.equal((await postVeriff(mainUrl, veriffDecision(slow))).status, 200);
			const downloading = await waitFor(() => sims.veriff.requests.some((r) => r.fault?.slowBodyMs && r.status === 200), 60_000, 200);
			assert.ok(downloading, 'the slow download did not start');
			const [stuck] = await executionsOf('kycExample0001');
			assert.equal(stuck.status, 'running');
			const victim = cluster.workers.find((w) => w.name === workerOf(stuck.id));
			assert.ok(victim, `no worker logged execution ${stuck.id}`);
			const survivor = cluster.workers.find((w) => w !== victim);
			await victim.kill();
			const killedAt = Date.now();
			log(`      · SIGKILL at ${new Date(killedAt).toISOString().slice(11, 23)} (log times in ${cluster.logDir})`);
			log(`      · execution ${stuck.id} downloading on ${victim.name}: SIGKILL (pid ${victim.pid})`);

			assert.equal((await postVeriff(mainUrl, veriffDecision(next))).status, 200);
			const ended = await waitFor(async () => (await executionsOf('kycExample0001')).find((e) => String(e.id) === String(stuck.id) && finished(e)), 180_000, 500);
			const errorSeconds = (Date.now() - killedAt) / 1000;
			assert.ok(ended, `execution ${stuck.id} still not finished ${errorSeconds.toFixed(0)} s after its worker was killed`);
			const list = await settled('kycExample0001', before + 2, 120_000);
			const afterKill = list.find((e) => String(e.id) === String(stuck.id));
			const nextExecution = list.find((e) => String(e.id) !== String(stuck.id));
			const data = await executionData(stuck.id);
			const message = data.data?.resultData?.error?.message ?? '';
			log(`      · execution ${stuck.id}: ${afterKill.status} ${errorSeconds.toFixed(0)} s after the kill ("${message}"); execution ${nextExecution.id} on ${workerOf(nextExecution.id) ?? 'no worker'}: ${nextExecution.status}`);
			assert.equal(afterKill.status, 'error', `execution ${stuck.id} is ${afterKill.status}`);
			assert.ok(message.length > 0, 'the failed execution carries no error message');
			assert.equal(nextExecution.status, 'success');
			assert.equal(workerOf(nextExecution.id), survivor.name);
			await assertVeriffBytesAtUnit21(next);
		});

		await check(report, 'Queue mode › the logs of main, the workers and the webhook process hold no secret', async () => {
			const logs = [cluster.main.output(), cluster.webhook.output(), ...cluster.workers.map((w) => w.output())].join('\n');
			assert.deepEqual(secretValuesIn(logs, secrets), []);
		});
		log(`[queue] start-up ${startupSeconds.toFixed(0)} s, checks ${((Date.now() - started) / 1000 - startupSeconds).toFixed(0)} s; logs in ${cluster.logDir}`);
	} finally {
		const t = Date.now();
		await stopAll();
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		log(`[queue] everything stopped (${((Date.now() - t) / 1000).toFixed(1)} s); queue part took ${((Date.now() - started) / 1000).toFixed(0)} s`);
	}
}

module.exports = { runQueueChecks, QUEUE_PORTS };
