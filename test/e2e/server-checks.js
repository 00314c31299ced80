'use strict';
/**
 * Checks that need a running n8n: the credential Test buttons (through n8n's own credential
 * test endpoint, as the editor calls it), the webhook triggers of the published example
 * workflows (signed, unsigned and replayed deliveries), then the browser check.
 */
const assert = require('node:assert/strict');
const { createHash, createHmac } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const lib = require('../../scripts/lib/n8n');
const { CREDENTIAL_IDS, DEMO_SUMSUB_WEBHOOK_SECRET, UNIT21_ALERT_ACTION_PATH, unit21DemoAlertAction } = require('../../scripts/demo-setup');
const { setupOwner, login, restCall } = require('../../scripts/lib/rest');
const { DEMO } = require('../../simulators/demo-data');
const { assertExample5Effects, example5NodeCounts, EXAMPLE5_COUNTS_WEBHOOK } = require('./cases');
const { secretValuesIn } = require('./secrets');

const PORT = 5690;

async function check(report, name, fn) {
	const t = Date.now();
	try {
		await fn();
		report(name, undefined, (Date.now() - t) / 1000);
	} catch (error) {
		report(name, error, (Date.now() - t) / 1000);
	}
}

async function waitFor(predicate, timeoutMs = 20_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await predicate();
		if (value) return value;
		if (Date.now() > deadline) return value;
		await new Promise((r) => setTimeout(r, 300));
	}
}

const EXAMPLE5_ID = 'kycExample0005';
const CONTROL_ID = 'kycE2eNoDedupe1';
const CONTROL_PATH = 'kyc-e2e-unit21-no-dedupe/webhook';

/**
 * The control of the replay check: example 5 with both its guards off - the trigger's "Drop
 * Repeated Deliveries" and its Remove Duplicates node (the trigger wired straight to Get
 * Entity) - on its own webhook path. The same replay must then reach Unit21 once per call, so
 * the check shows it would notice a missing deduplication.
 */
function withoutRemoveDuplicates(example5) {
	const dedupe = 'Remove repeated calls';
	const text = JSON.stringify(example5).split(`$('${dedupe}')`).join("$('Unit21 alert action')");
	const workflow = JSON.parse(text);
	workflow.id = CONTROL_ID;
	workflow.name = 'e2e control: example 5 without Remove Duplicates';
	workflow.nodes = workflow.nodes
		.filter((node) => node.name !== dedupe)
		.map((node) =>
			node.webhookId
				? { ...node, webhookId: CONTROL_PATH.split('/')[0], id: `${node.id}-ctl`, parameters: { ...node.parameters, dropDuplicates: false } }
				: { ...node, id: `${node.id}-ctl` },
		);
	delete workflow.connections[dedupe];
	for (const from of Object.keys(workflow.connections)) {
		for (const output of workflow.connections[from].main) {
			for (const link of output) if (link.node === dedupe) link.node = 'Get Entity';
		}
	}
	assert.ok(!JSON.stringify(workflow).includes(dedupe), 'the control still mentions Remove Duplicates');
	return workflow;
}

/** flatted (n8n stores execution data with it), taken from the n8n runtime itself. */
function flattedOf(runtime) {
	return require(require.resolve('flatted', { paths: [path.dirname(runtime.n8n)] }));
}

async function runServerChecks({ runtime, userFolder, sims, urls, examples, report, workDir, skipBrowser, secrets }) {
	const example5 = examples.find((e) => e.workflow.id === EXAMPLE5_ID).workflow;
	await lib.importWorkflow(runtime, userFolder, withoutRemoveDuplicates(example5));
	await lib.n8nCli(runtime, userFolder, ['publish:workflow', `--id=${CONTROL_ID}`]);
	for (const { workflow } of examples) {
		if (workflow.nodes.some((n) => n.webhookId)) await lib.n8nCli(runtime, userFolder, ['publish:workflow', `--id=${workflow.id}`]);
	}
	await require('./mcp').prepareMcpWorkflow(runtime, userFolder); // AI tools over MCP (test/e2e/mcp.js)
	const n8n = await lib.startN8n(runtime, userFolder, {
		port: PORT,
		brokerPort: PORT + 1,
		// n8n's default file access (~/.n8n-files), whatever this shell has set.
		env: { N8N_RESTRICT_FILE_ACCESS_TO: undefined },
	});
	try {
		assert.ok(await setupOwner(n8n.url), 'owner set up on the fresh instance');
		const cookie = await login(n8n.url);

		// ── Credential Test buttons ──────────────────────────────────────────────────────
		const credentialCases = [
			['Veriff', 'veriffApi', { ...DEMO.credentials.veriff, baseUrl: urls.veriff }, 'OK', /accepted/],
			['Veriff', 'veriffApi', { ...DEMO.credentials.veriff, sharedSecret: 'not-the-secret', baseUrl: urls.veriff }, 'Error', /^Wrong shared secret key/],
			['Veriff', 'veriffApi', { ...DEMO.credentials.veriff, apiKey: '11111111-2222-4333-8444-555555555555', baseUrl: urls.veriff }, 'Error', /^Wrong API key/],
			['Sumsub', 'sumsubApi', { ...DEMO.credentials.sumsub, baseUrl: urls.sumsub }, 'OK', /accepted/],
			['Sumsub', 'sumsubApi', { ...DEMO.credentials.sumsub, secretKey: 'not-the-secret', baseUrl: urls.sumsub }, 'Error', /^Wrong secret key/],
			['Sumsub', 'sumsubApi', { ...DEMO.credentials.sumsub, appToken: 'sbx:not-a-token', baseUrl: urls.sumsub }, 'Error', /^Wrong app token/],
			['Unit21', 'unit21Api', { ...DEMO.credentials.unit21, environment: 'custom', baseUrl: urls.unit21 }, 'OK', /accepted/],
			['Unit21', 'unit21Api', { ...DEMO.credentials.unit21, apiKey: 'not-the-key', environment: 'custom', baseUrl: urls.unit21 }, 'Error', /^Wrong API key/],
			['Unit21', 'unit21Api', { ...DEMO.credentials.unit21, orgName: 'other-org', environment: 'custom', baseUrl: urls.unit21 }, 'Error', /organization/i],
		];
		for (const [vendor, type, data, status, message] of credentialCases) {
			await check(report, `Credential Test button › ${vendor} ${status === 'OK' ? 'valid credentials pass' : `fails: ${message.source.replace(/[\^\\/]/g, '')}`}`, async () => {
				// The editor sends the stored credential's id with the data as edited in the form.
				const id = { veriffApi: CREDENTIAL_IDS.veriff, sumsubApi: CREDENTIAL_IDS.sumsub, unit21Api: CREDENTIAL_IDS.unit21 }[type];
				const res = await restCall(n8n.url, cookie, 'POST', '/credentials/test', { credentials: { id, name: 'test', type, data } });
				assert.equal(res.status, 200, JSON.stringify(res.body));
				assert.equal(res.body.data.status, status, JSON.stringify(res.body.data));
				assert.match(res.body.data.message, message);
				const secretFields = ['apiKey', 'sharedSecret', 'appToken', 'secretKey'].map((field) => data[field]).filter(Boolean);
				assert.deepEqual(secretValuesIn(JSON.stringify(res.body), secretFields), []);
			});
		}

		// ── Webhook triggers (published example workflows) ───────────────────────────────
		const executions = async () => (await restCall(n8n.url, cookie, 'GET', '/executions?limit=50')).body.data.results;
		const post = async (webhookPath, body, headers) => {
			const res = await fetch(`${n8n.url}/webhook/${webhookPath}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
			return { status: res.status, text: await res.text() };
		};
		const decision = JSON.stringify({
			status: 'success',
			verification: { id: DEMO.veriff.sessionApproved, attemptId: DEMO.veriff.attempts.approvedLatest, code: 9001, status: 'approved', vendorData: 'cust-1001' },
		});
		const veriffSig = (raw) => createHmac('sha256', DEMO.credentials.veriff.sharedSecret).update(raw).digest('hex');

		await check(report, 'Veriff Trigger › signed decision webhook starts example 1, which uploads to Unit21', async () => {
			sims.unit21.clearUploads?.();
			const before = (await executions()).length;
			const res = await post('kyc-demo-veriff-decision/webhook', decision, { 'X-HMAC-SIGNATURE': veriffSig(decision) });
			assert.equal(res.status, 200, res.text);
			const list = await waitFor(async () => {
				const all = await executions();
				return all.length > before && all[0].status !== 'running' && all[0].status !== 'new' ? all : undefined;
			});
			assert.ok(list, 'an execution was recorded');
			assert.equal(list[0].workflowId, 'kycExample0001');
			assert.equal(list[0].status, 'success');
			assert.equal(sims.unit21.uploads.length, 3);
		});
		for (const [label, headers, body] of [
			['unsigned', {}, decision],
			['wrong signature', { 'X-HMAC-SIGNATURE': veriffSig(`${decision} `) }, decision],
			['body changed after signing', { 'X-HMAC-SIGNATURE': veriffSig(decision) }, decision.replace('approved', 'declined')],
		]) {
			await check(report, `Veriff Trigger › ${label} webhook gets 401 and starts nothing`, async () => {
				const before = (await executions()).length;
				const res = await post('kyc-demo-veriff-decision/webhook', body, headers);
				assert.equal(res.status, 401);
				await new Promise((r) => setTimeout(r, 1000));
				assert.equal((await executions()).length, before);
			});
		}

		const sumsubPayload = JSON.stringify({
			applicantId: DEMO.sumsub.applicantCompleted,
			inspectionId: DEMO.sumsub.inspectionCompleted,
			correlationId: 'req-e2e-0001',
			type: 'videoIdentCompositionCompleted',
			reviewStatus: 'completed',
			createdAtMs: '2024-03-14 10:21:09.118',
		});
		const sumsubDigest = (raw, alg = 'sha512') => createHmac(alg, DEMO_SUMSUB_WEBHOOK_SECRET).update(raw).digest('hex');
		await check(report, 'Sumsub Trigger › signed delivery (HMAC_SHA512_HEX) starts example 2, answered {"received":true}, which writes both recordings into ~/.n8n-files; a replay of it is dropped', async () => {
			// n8n's default allowed folder (nothing else is allowed: no N8N_RESTRICT_FILE_ACCESS_TO).
			const filesDir = lib.filesFolder(userFolder);
			for (const file of fs.readdirSync(filesDir)) fs.rmSync(path.join(filesDir, file));
			const before = (await executions()).length;
			const headers = { 'X-Payload-Digest': sumsubDigest(sumsubPayload), 'X-Payload-Digest-Alg': 'HMAC_SHA512_HEX' };
			const res = await post('kyc-demo-sumsub-video-ident/webhook', sumsubPayload, headers);
			assert.equal(res.status, 200);
			assert.deepEqual(JSON.parse(res.text), { received: true });
			const list = await waitFor(async () => {
				const all = await executions();
				return all.length > before && !['running', 'new'].includes(all[0].status) ? all : undefined;
			});
			assert.ok(list, 'an execution was recorded');
			assert.equal(list[0].workflowId, 'kycExample0002');
			assert.equal(list[0].status, 'success');
			const written = fs.readdirSync(filesDir).sort();
			assert.equal(written.length, DEMO.sumsub.compositions.length, `files in ${filesDir}: ${written.join(', ')}`);
			for (const id of DEMO.sumsub.compositions) {
				const file = written.find((f) => f.includes(id));
				assert.ok(file, `recording ${id} in ${filesDir}`);
				assert.equal(createHash('sha256').update(fs.readFileSync(path.join(filesDir, file))).digest('hex'), await sims.sumsub.mediaSha256(id));
			}
			assert.equal((await post('kyc-demo-sumsub-video-ident/webhook', sumsubPayload, headers)).status, 200);
			await new Promise((r) => setTimeout(r, 1500));
			assert.equal((await executions()).length, before + 1, 'the replayed delivery started nothing');
		});
		await check(report, 'Sumsub Trigger › wrong digest gets 401 and starts nothing', async () => {
			const before = (await executions()).length;
			const res = await post('kyc-demo-sumsub-video-ident/webhook', sumsubPayload, { 'X-Payload-Digest': sumsubDigest(sumsubPayload, 'sha1'), 'X-Payload-Digest-Alg': 'HMAC_SHA256_HEX' });
			assert.equal(res.status, 401);
			await new Promise((r) => setTimeout(r, 1000));
			assert.equal((await executions()).length, before);
		});
		/** Executions of one workflow, newest first. */
		const executionsOf = async (workflowId) => (await executions()).filter((e) => e.workflowId === workflowId);
		/** Waits until `count` executions of the workflow exist and none is running; returns them. */
		const settled = async (workflowId, count) =>
			await waitFor(async () => {
				const list = await executionsOf(workflowId);
				return list.length >= count && list.every((e) => !['running', 'new', 'waiting'].includes(e.status)) ? list : undefined;
			}, 60_000);
		/**
		 * Three different deliveries, each sent twice, in the order A, B, A, C, B, C (a vendor's retry
		 * comes later than the next delivery), each after the executions so far have finished.
		 * Returns the executions the six deliveries started, oldest first, and the answers.
		 */
		const replaySix = async (workflowId, send) => {
			const before = (await executionsOf(workflowId)).length;
			const answers = [];
			const distinct = new Set();
			for (const n of [1, 2, 1, 3, 2, 3]) {
				answers.push(await send(n));
				distinct.add(n);
				assert.ok(await settled(workflowId, before + distinct.size), `the executions after delivery ${n} did not finish`);
			}
			await new Promise((r) => setTimeout(r, 1500));
			const list = await settled(workflowId, before);
			return { started: list.slice(0, list.length - before).reverse(), answers };
		};

		await check(report, 'Veriff Trigger › replay: 3 decisions, each delivered twice → exactly 3 executions of example 1 (3 × 3 files at Unit21)', async () => {
			sims.unit21.clearUploads();
			const { started, answers } = await replaySix('kycExample0001', async (n) => {
				const body = JSON.stringify({ ...JSON.parse(decision), verification: { ...JSON.parse(decision).verification, decisionTime: `2024-03-14T10:2${n}:00.000Z` } });
				const res = await post('kyc-demo-veriff-decision/webhook', body, { 'X-HMAC-SIGNATURE': veriffSig(body) });
				return res;
			});
			console.log(`      · 6 deliveries → ${started.length} executions (${[...new Set(started.map((e) => e.status))].join(', ')}); Unit21 received ${sims.unit21.uploads.length} files`);
			assert.deepEqual(answers.map((a) => [a.status, a.text]), Array(6).fill([200, '{"received":true}']));
			assert.equal(started.length, 3, `expected 3 executions, got ${started.length}`);
			assert.deepEqual([...new Set(started.map((e) => e.status))], ['success']);
			assert.equal(sims.unit21.uploads.length, 9);
		});
		await check(report, 'Sumsub Trigger › replay: 3 deliveries, each delivered twice → exactly 3 executions of example 2', async () => {
			const { started, answers } = await replaySix('kycExample0002', async (n) => {
				const body = JSON.stringify({ ...JSON.parse(sumsubPayload), correlationId: `req-e2e-replay-${n}` });
				return await post('kyc-demo-sumsub-video-ident/webhook', body, { 'X-Payload-Digest': sumsubDigest(body), 'X-Payload-Digest-Alg': 'HMAC_SHA512_HEX' });
			});
			console.log(`      · 6 deliveries → ${started.length} executions (${[...new Set(started.map((e) => e.status))].join(', ')})`);
			assert.deepEqual(answers.map((a) => a.status), Array(6).fill(200));
			assert.equal(started.length, 3, `expected 3 executions, got ${started.length}`);
			assert.deepEqual([...new Set(started.map((e) => e.status))], ['success']);
		});

		// ── Unit21 Trigger (example 5): signed, forged, filtered and repeated calls ──────
		const flatted = flattedOf(runtime);
		/** An execution as n8n stored it (its data is kept in flatted form). */
		const executionData = async (id) => {
			const res = await restCall(n8n.url, cookie, 'GET', `/executions/${id}`);
			assert.equal(res.status, 200, JSON.stringify(res.body).slice(0, 300));
			const { data } = res.body.data;
			return { data: typeof data === 'string' ? flatted.parse(data) : data };
		};
		const u21Url = (webhookPath) => `${n8n.url}/webhook/${webhookPath}`;
		/** Calls Unit21 would make against the Get Entity / create routes for the demo customer. */
		const vendorCalls = () => ({
			getEntity: sims.unit21.requests.filter((r) => r.method === 'GET' && r.path === `/v1/${DEMO.unit21.orgName}/entities/${DEMO.unit21.sumsubEntity}`).length,
			entityWrites: sims.unit21.entityWrites.filter((w) => w.entityId === DEMO.unit21.sumsubEntity).length,
			uploads: sims.unit21.uploads.length,
		});
		const resetVendorLogs = () => {
			sims.unit21.clearRequests();
			sims.unit21.clearUploads();
			sims.unit21.clearEntityWrites();
		};
		// Each click of the button has its own change_time; distinct from every other check's.
		let clicks = Math.floor(Date.now() / 1000) - 10_000;
		const click = () => unit21DemoAlertAction({ change_time: ++clicks });

		await check(report, 'Unit21 Trigger › signed "Pull KYC evidence" call starts example 5: accepted Sumsub images at the alert (same bytes, mapped media types), custom_data merged', async () => {
			resetVendorLogs();
			const before = (await executionsOf(EXAMPLE5_ID)).length;
			const res = await sims.unit21.sendWebhook(u21Url(UNIT21_ALERT_ACTION_PATH), click());
			assert.equal(res.status, 200, res.body);
			const list = await settled(EXAMPLE5_ID, before + 1);
			assert.ok(list, 'an execution was recorded');
			assert.equal(list[0].status, 'success');
			const execution = await executionData(list[0].id);
			const counts = example5NodeCounts(execution);
			assert.deepEqual(counts, EXAMPLE5_COUNTS_WEBHOOK, JSON.stringify(counts));
			await assertExample5Effects(sims, String(DEMO.unit21.alert));
			const calls = vendorCalls();
			console.log(`      · execution ${list[0].id}: ${Object.entries(counts).map(([node, n]) => `${node} ${n}`).join(' → ')}`);
			console.log(`      · Unit21 simulator: ${calls.getEntity} Get Entity, ${calls.uploads} files at alert ${DEMO.unit21.alert} (${sims.unit21.uploads.map((u) => u.files[0].metadata.media_type).join(', ')}), ${calls.entityWrites} entity upsert`);
		});

		for (const [label, tamper] of [
			['unsigned', 'unsigned'],
			['wrongly signed', 'wrong-signature'],
			['stale (signed an hour ago)', 'stale'],
			['altered after signing', 'body'],
			['malformed signature header', 'malformed'],
		]) {
			await check(report, `Unit21 Trigger › ${label} call gets 401 and starts nothing`, async () => {
				resetVendorLogs();
				const before = (await executions()).length;
				const res = await sims.unit21.sendWebhook(u21Url(UNIT21_ALERT_ACTION_PATH), click(), { tamper });
				assert.equal(res.status, 401, res.body);
				assert.deepEqual(res.json, { error_code: 'unauthorized', message: 'unit21-signature missing, wrong or too old' });
				await new Promise((r) => setTimeout(r, 1000));
				assert.equal((await executions()).length, before);
				assert.deepEqual(vendorCalls(), { getEntity: 0, entityWrites: 0, uploads: 0 });
			});
		}
		await check(report, 'Unit21 Trigger › a signed call of another button is answered 200 and starts nothing (action name filter)', async () => {
			const before = (await executions()).length;
			const res = await sims.unit21.sendWebhook(u21Url(UNIT21_ALERT_ACTION_PATH), unit21DemoAlertAction({ change_time: ++clicks, action_name: 'Close alert' }));
			assert.equal(res.status, 200, res.body);
			await new Promise((r) => setTimeout(r, 1000));
			assert.equal((await executions()).length, before);
		});

		/** Three clicks, each delivered twice (Unit21 sends a call up to three times): what got through. */
		const replay = async (workflowId, webhookPath) => {
			resetVendorLogs();
			const clicksSent = [click(), click(), click()];
			const { started, answers } = await replaySix(workflowId, async (n) => await sims.unit21.sendWebhook(u21Url(webhookPath), clicksSent[n - 1]));
			assert.deepEqual(answers.map((a) => a.status), Array(6).fill(200));
			const counts = [];
			for (const e of started) counts.push(example5NodeCounts(await executionData(e.id)));
			return {
				executions: started.length,
				statuses: [...new Set(started.map((e) => e.status))],
				reachedVendors: counts.filter((n) => n['Get Entity'] === 1).length,
				counts,
				calls: vendorCalls(),
			};
		};
		await check(report, 'Unit21 Trigger › replay: 3 clicks, each delivered twice → exactly 3 executions, each reaching Sumsub and Unit21', async () => {
			const result = await replay(EXAMPLE5_ID, UNIT21_ALERT_ACTION_PATH);
			console.log(`      · example 5: ${result.executions} executions (${result.statuses.join(', ')}), ${result.reachedVendors} reached Get Entity; Unit21 saw ${result.calls.getEntity} Get Entity, ${result.calls.uploads} files, ${result.calls.entityWrites} upserts`);
			assert.equal(result.executions, 3, `expected 3 executions, got ${result.executions}`);
			assert.deepEqual(result.statuses, ['success']);
			assert.deepEqual(result.counts, [EXAMPLE5_COUNTS_WEBHOOK, EXAMPLE5_COUNTS_WEBHOOK, EXAMPLE5_COUNTS_WEBHOOK]);
			assert.deepEqual(result.calls, { getEntity: 3, entityWrites: 3, uploads: 12 });
		});
		await check(report, 'Unit21 Trigger › control: the same replay with Drop Repeated Deliveries off and without Remove Duplicates reaches Unit21 6 times (the replay check can fail)', async () => {
			const result = await replay(CONTROL_ID, CONTROL_PATH);
			console.log(`      · without either guard: ${result.executions} executions (${result.statuses.join(', ')}), ${result.reachedVendors} reached Get Entity; Unit21 saw ${result.calls.getEntity} Get Entity, ${result.calls.uploads} files, ${result.calls.entityWrites} upserts`);
			assert.deepEqual(result.statuses, ['success']);
			assert.equal(result.executions, 6);
			assert.equal(result.reachedVendors, 6);
			assert.deepEqual(result.calls, { getEntity: 6, entityWrites: 6, uploads: 24 });
		});

		const reviewed = (answer, correlationId) =>
			JSON.stringify({
				applicantId: DEMO.sumsub.applicantCompleted,
				inspectionId: DEMO.sumsub.inspectionCompleted,
				correlationId,
				externalUserId: DEMO.sumsub.externalUserId,
				levelName: 'video-ident-level',
				type: 'applicantReviewed',
				reviewResult: answer === 'GREEN' ? { reviewAnswer: 'GREEN' } : { reviewAnswer: 'RED', rejectLabels: ['UNSATISFACTORY_PHOTOS'], reviewRejectType: 'RETRY' },
				reviewStatus: 'completed',
				createdAtMs: '2024-03-14 10:21:37.512',
			});
		await check(report, 'Sumsub Trigger › signed applicantReviewed GREEN starts example 4: the four accepted images reach Unit21', async () => {
			sims.unit21.clearUploads?.();
			const before = (await executions()).length;
			const body = reviewed('GREEN', 'req-e2e-review-green');
			const res = await post('kyc-demo-sumsub-reviewed/webhook', body, { 'X-Payload-Digest': sumsubDigest(body, 'sha256'), 'X-Payload-Digest-Alg': 'HMAC_SHA256_HEX' });
			assert.equal(res.status, 200, res.text);
			const list = await waitFor(async () => {
				const all = await executions();
				return all.length > before && !['running', 'new'].includes(all[0].status) ? all : undefined;
			});
			assert.ok(list, 'an execution was recorded');
			assert.equal(list[0].workflowId, 'kycExample0004');
			assert.equal(list[0].status, 'success');
			const images = DEMO.sumsub.images;
			const received = sims.unit21.uploads.map((u) => [u.objectId, u.files[0].metadata?.custom_data?.imageId, u.files[0].metadata?.media_type]);
			assert.deepEqual(
				received.sort((a, b) => a[1].localeCompare(b[1])),
				[
					['cust-1001', images.passportFront, 'IMAGE_PASSPORT_FRONT'],
					['cust-1001', images.selfie, 'IMAGE_FACE_IMAGE'],
					['cust-1001', images.idCardFront, 'IMAGE_ID_CARD_FRONT'],
					['cust-1001', images.idCardBack, 'IMAGE_ID_CARD_BACK'],
				],
			);
			for (const upload of sims.unit21.uploads) {
				const imageId = upload.files[0].metadata.custom_data.imageId;
				assert.equal(upload.files[0].sha256, await sims.sumsub.mediaSha256(imageId), `bytes of image ${imageId}`);
			}
		});
		await check(report, 'Sumsub Trigger › signed applicantReviewed RED is answered 200 and starts nothing (review answer filter)', async () => {
			const before = (await executions()).length;
			const body = reviewed('RED', 'req-e2e-review-red');
			const res = await post('kyc-demo-sumsub-reviewed/webhook', body, { 'X-Payload-Digest': sumsubDigest(body, 'sha256'), 'X-Payload-Digest-Alg': 'HMAC_SHA256_HEX' });
			assert.equal(res.status, 200, res.text);
			await new Promise((r) => setTimeout(r, 1500));
			assert.equal((await executions()).length, before);
		});
		await require('./mcp').runMcpChecks({ baseUrl: n8n.url, sims, secrets, check: (name, fn) => check(report, name, fn) });
		await check(report, 'n8n\'s own log of the running instance holds no secret', async () => {
			assert.deepEqual(secretValuesIn(n8n.output(), secrets), []);
		});

		if (!skipBrowser) {
			const { runBrowserChecks } = require('./browser');
			await runBrowserChecks({ baseUrl: n8n.url, check: (name, fn) => check(report, name, fn), screenshotDir: path.join(workDir, 'screenshots'), workDir });
		}
	} finally {
		await n8n.stop();
	}
}

module.exports = { runServerChecks };
