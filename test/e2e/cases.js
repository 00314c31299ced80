'use strict';
/**
 * The workflows the end-to-end suite runs with `n8n execute`, each with what must hold
 * afterwards in n8n's execution output and in the simulators. Every operation of every
 * node appears at least once, plus the example workflows and the error paths.
 */
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { ensureRuntime, executeWorkflow, nodeResult } = require('../../scripts/lib/n8n');
const { DEMO } = require('../../simulators/demo-data');
const { chainWorkflow, sha256Step } = require('./workflow-builder');

const V = DEMO.veriff;
const S = DEMO.sumsub;
const U = DEMO.unit21;

function ok(execution, nodeName) {
	const result = nodeResult(execution, nodeName);
	assert.ok(result.ran, `node "${nodeName}" did not run; last node: ${execution.data.resultData.lastNodeExecuted}; error: ${execution.data.resultData.error?.message}`);
	assert.equal(result.error, undefined, `node "${nodeName}" failed: ${result.error?.message} — ${result.error?.description ?? ''}`);
	return result.items;
}

function failed(execution, nodeName) {
	const result = nodeResult(execution, nodeName);
	assert.ok(result.error, `node "${nodeName}" was expected to fail`);
	return result.error;
}

// ── Example 5, shared with the webhook checks (server-checks.js) ─────────────────────────

const EXAMPLE5_NODES = [
	'Try it with a sample alert action',
	'Unit21 alert action',
	'Sample alert action',
	'Remove repeated calls',
	'Get Entity',
	'List accepted documents',
	'Download Document Image',
	'Add to Unit21 alert',
	'Record evidence on the entity',
];
/** Items out of each node that ran (first output), as read back from an execution. */
function example5NodeCounts(execution) {
	const runData = execution.data.resultData.runData;
	return Object.fromEntries(EXAMPLE5_NODES.filter((name) => runData[name]).map((name) => [name, nodeResult(execution, name).items.length]));
}
const EXAMPLE5_COUNTS_AFTER_DEDUPE = {
	'Remove repeated calls': 1,
	'Get Entity': 1,
	// The demo applicant's six images: a deactivated one and a rejected one are left out.
	'List accepted documents': 4,
	'Download Document Image': 4,
	'Add to Unit21 alert': 4,
	'Record evidence on the entity': 1,
};
const EXAMPLE5_COUNTS_SAMPLE = { 'Try it with a sample alert action': 1, 'Sample alert action': 1, ...EXAMPLE5_COUNTS_AFTER_DEDUPE };
const EXAMPLE5_COUNTS_WEBHOOK = { 'Unit21 alert action': 1, ...EXAMPLE5_COUNTS_AFTER_DEDUPE };
/** A repeated call: the trigger started the workflow, Remove Duplicates let nothing through. */
const EXAMPLE5_COUNTS_REPEAT = { 'Unit21 alert action': 1, 'Remove repeated calls': 0 };

/**
 * What one run of example 5 leaves in the simulators (uploads and entity writes cleared before):
 * the four accepted Sumsub images at the alert, byte for byte, with the media types mapped from
 * the documents, and one upsert recording them in the entity's custom_data, merged.
 */
async function assertExample5Effects(sims, alertId) {
	const S = DEMO.sumsub;
	const U = DEMO.unit21;
	const uploads = sims.unit21.uploads;
	assert.equal(uploads.length, 4, `uploads: ${uploads.length}`);
	const received = uploads.map((u) => [u.objectType, u.objectId, u.files[0].metadata?.custom_data?.imageId, u.files[0].metadata?.media_type]);
	assert.deepEqual(
		received.sort((a, b) => a[2].localeCompare(b[2])),
		[
			['alert', alertId, S.images.selfie, 'IMAGE_FACE_IMAGE'],
			['alert', alertId, S.images.idCardFront, 'IMAGE_ID_CARD_FRONT'],
			['alert', alertId, S.images.idCardBack, 'IMAGE_ID_CARD_BACK'],
			['alert', alertId, S.images.passportFront, 'IMAGE_PASSPORT_FRONT'],
		].sort((a, b) => a[2].localeCompare(b[2])),
	);
	for (const upload of uploads) {
		const [file] = upload.files;
		const imageId = file.metadata.custom_data.imageId;
		assert.equal(file.sha256, await sims.sumsub.mediaSha256(imageId), `bytes of image ${imageId}`);
		assert.equal(file.metadata.source, 'sumsub');
		assert.equal(file.metadata.custom_data.vendor, 'sumsub');
	}
	const writes = sims.unit21.entityWrites;
	assert.deepEqual(writes.map((w) => [w.entityId, w.status, w.body.options.merge_custom_data]), [[U.sumsubEntity, 200, true]]);
	const customData = sims.unit21.getEntityData(U.sumsubEntity).custom_data;
	// Merged: what the entity held is still there.
	assert.equal(customData.sumsub_applicant_id, S.applicantCompleted);
	assert.equal(customData.kyc_evidence_alert_id, alertId);
	assert.equal(customData.kyc_evidence_vendor, 'sumsub');
	assert.ok(Math.abs(Date.parse(customData.kyc_evidence_attached_at) - Date.now()) < 120_000, customData.kyc_evidence_attached_at);
	assert.deepEqual([...customData.kyc_evidence_image_ids].sort(), [S.images.passportFront, S.images.selfie, S.images.idCardFront, S.images.idCardBack].sort());
	assert.deepEqual([...customData.kyc_evidence_media_types].sort(), ['IMAGE_FACE_IMAGE', 'IMAGE_ID_CARD_BACK', 'IMAGE_ID_CARD_FRONT', 'IMAGE_PASSPORT_FRONT']);
}

/** Bytes a simulator's server writes to its sockets from now on (headers included). */
function bytesServedBy(sim) {
	const sockets = new Map();
	const onRequest = (req) => {
		if (!sockets.has(req.socket)) sockets.set(req.socket, req.socket.bytesWritten);
	};
	sim.server.on('request', onRequest);
	return () => {
		sim.server.off('request', onRequest);
		return [...sockets].reduce((sum, [socket, before]) => sum + socket.bytesWritten - before, 0);
	};
}

/**
 * `n8n execute` of a workflow once more, in n8n's "database" binary data mode (n8n's default in
 * queue mode) with N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE = capMiB, in the suite's user folder
 * (test/e2e/.work/n8n, where run.js installed the package and imported the workflows).
 */
async function executeInDatabaseMode(workflowId, capMiB, filesDir) {
	const userFolder = path.join(__dirname, '.work', 'n8n');
	const run = await executeWorkflow(ensureRuntime({ quiet: true }), userFolder, workflowId, {
		env: { N8N_DEFAULT_BINARY_DATA_MODE: 'database', N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE: String(capMiB), N8N_RESTRICT_FILE_ACCESS_TO: filesDir },
	});
	assert.ok(run.execution, `n8n printed no execution JSON (exit ${run.status}):\n${run.stderr.slice(-2000)}`);
	const secrets = Object.values(DEMO.credentials.veriff).filter((v) => typeof v === 'string' && v.length >= 6);
	assert.ok(!secrets.some((secret) => (JSON.stringify(run.execution) + run.stdout + run.stderr).includes(secret)), 'a secret appears in n8n\'s output');
	return run;
}

function buildCases({ sims, credentialIds, examples, filesDir }) {
	const veriff = { veriffApi: { id: credentialIds.veriff, name: 'Veriff' } };
	const sumsub = { sumsubApi: { id: credentialIds.sumsub, name: 'Sumsub' } };
	const unit21 = { unit21Api: { id: credentialIds.unit21, name: 'Unit21' } };
	const cases = [];
	const add = (name, workflow, check, before) => cases.push({ name, workflow, check, before });
	// A 32 MiB video in a session of its own (the demo sessions' listings stay as they are).
	const databaseModeMedia = sims.veriff.addLargeVideo({
		sessionId: sims.veriff.addSession({ attempts: [{ status: 'approved', images: [], videos: [] }] }).sessionId,
		size: 32 * 1024 * 1024,
		mimetype: 'video/mp4',
	}).id;

	// ── Veriff ────────────────────────────────────────────────────────────────────────
	add(
		'Veriff › List Session Media (latest attempt, final captures) → Download Media → SHA-256 equals what Veriff served',
		chainWorkflow('e2e veriff list+download', [
			{ name: 'List', type: 'veriff', credentials: veriff, parameters: { resource: 'media', operation: 'listSessionMedia', sessionId: V.sessionApproved, captures: 'final' } },
			{ name: 'Download', type: 'veriff', credentials: veriff, parameters: { resource: 'media', operation: 'download' } },
			sha256Step(),
		]),
		async (execution) => {
			const listed = ok(execution, 'List');
			assert.ok(listed.length >= 4, `expected images, video and NFC, got ${listed.length}`);
			for (const { json } of listed) {
				assert.ok(!/-pre(-|$)/.test(json.context), `first capture ${json.context} should be left out`);
				assert.equal(typeof json.size, 'number');
				assert.equal(json.sessionId, V.sessionApproved);
			}
			assert.ok(listed.some((i) => i.json.type === 'video' && typeof i.json.duration === 'number'), 'video with numeric duration');
			assert.ok(listed.some((i) => i.json.type === 'nfcDocument'), 'NFC document listed');
			const downloaded = ok(execution, 'Download');
			for (const item of downloaded) {
				assert.match(item.binary.data.fileName, new RegExp(`^${item.json.context}-${item.json.id}\\.`));
				assert.equal(item.binary.data.mimeType, item.json.mimetype);
			}
			const hashed = ok(execution, 'SHA-256');
			assert.equal(hashed.length, listed.length);
			for (const item of hashed) {
				assert.equal(item.json.sha256, await sims.veriff.mediaSha256(item.json.id), `bytes of ${item.json.context}`);
			}
		},
	);
	add(
		'Veriff › List Session Media (all attempts) tags every file with its attemptId',
		chainWorkflow('e2e veriff all attempts', [
			{ name: 'List', type: 'veriff', credentials: veriff, parameters: { resource: 'media', operation: 'listSessionMedia', sessionId: V.sessionApproved, attempt: 'all', mediaTypes: ['image'] } },
		]),
		async (execution) => {
			const items = ok(execution, 'List');
			const attempts = new Set(items.map((i) => i.json.attemptId));
			assert.deepEqual([...attempts].sort(), [V.attempts.approvedLatest, V.attempts.approvedSecond, V.attempts.approvedFirst].sort());
			assert.ok(items.every((i) => i.json.type === 'image'));
		},
	);
	add(
		'Veriff › List Attempts (newest first) and Get Decision',
		chainWorkflow('e2e veriff attempts+decision', [
			{ name: 'Attempts', type: 'veriff', credentials: veriff, parameters: { resource: 'session', operation: 'listAttempts', sessionId: V.sessionApproved } },
			{ name: 'Decision', type: 'veriff', credentials: veriff, parameters: { resource: 'session', operation: 'getDecision', sessionId: '={{ $json.sessionId }}' } },
		]),
		async (execution) => {
			const attempts = ok(execution, 'Attempts');
			assert.deepEqual(attempts.map((i) => i.json.attemptId), [V.attempts.approvedLatest, V.attempts.approvedSecond, V.attempts.approvedFirst]);
			const decisions = ok(execution, 'Decision');
			assert.equal(decisions.length, 3);
			assert.equal(decisions[0].json.verification.status, 'approved');
			assert.equal(decisions[0].json.sessionId, V.sessionApproved);
		},
	);
	add(
		'Veriff › wrong shared secret: Veriff\'s code 1818 and message in n8n\'s error',
		chainWorkflow('e2e veriff wrong secret', [
			{ name: 'Decision', type: 'veriff', credentials: { veriffApi: { id: 'e2eVeriffBadSec', name: 'Veriff wrong secret' } }, parameters: { resource: 'session', operation: 'getDecision', sessionId: V.sessionApproved } },
		]),
		async (execution) => {
			const error = failed(execution, 'Decision');
			assert.match(error.message, /code 1818, HTTP 401/);
			assert.match(error.description, /Shared Secret Key/);
		},
	);
	add(
		'Veriff › unknown session: 404 with Veriff\'s message; Continue On Fail keeps the run going',
		chainWorkflow(
			'e2e veriff 404 continue',
			[
				{ name: 'Decision', type: 'veriff', credentials: veriff, onError: 'continueRegularOutput', parameters: { resource: 'session', operation: 'getDecision', sessionId: '={{ $json.sessionId }}' } },
			],
			{ items: [{ sessionId: V.sessionUnknown }, { sessionId: V.sessionApproved }] },
		),
		async (execution) => {
			const items = ok(execution, 'Decision');
			assert.equal(items.length, 2);
			assert.match(items[0].json.error, /HTTP 404/);
			assert.equal(items[1].json.verification.status, 'approved');
		},
	);
	add(
		'Veriff › server error 500: the vendor message reaches the execution',
		chainWorkflow('e2e veriff 500', [
			{ name: 'List', type: 'veriff', credentials: veriff, parameters: { resource: 'media', operation: 'listSessionMedia', sessionId: V.sessionApproved } },
		]),
		async (execution) => {
			const error = failed(execution, 'List');
			assert.match(error.message, /Veriff says "Vendor is down for maintenance" \(code 9999, HTTP 500\)/);
			assert.equal(sims.veriff.requests.length, 1, 'a 500 is not retried');
		},
		() => sims.veriff.injectFault({ path: /\/media/, status: 500, body: { status: 'fail', code: '9999', message: 'Vendor is down for maintenance' } }),
	);
	add(
		'Veriff › invalid Session ID fails before any request, naming the field and the item',
		chainWorkflow('e2e veriff bad id', [
			{ name: 'List', type: 'veriff', credentials: veriff, parameters: { resource: 'media', operation: 'listSessionMedia', sessionId: '../../etc/passwd' } },
		]),
		async (execution) => {
			const error = failed(execution, 'List');
			assert.match(error.message, /Session ID .* is not valid \(item 0\)/);
			assert.equal(sims.veriff.requests.length, 0);
		},
	);

	const databaseModeWorkflow = chainWorkflow('e2e veriff download database mode', [
		{ name: 'Download', type: 'veriff', credentials: veriff, parameters: { resource: 'media', operation: 'download', mediaId: databaseModeMedia } },
		sha256Step(),
	]);
	add(
		'Veriff › Download Media of 32 MiB in "database" binary mode with a 16 MiB cap: refused from its Content-Length before the body is read (filesystem mode and a 64 MiB cap download it intact)',
		databaseModeWorkflow,
		async (execution) => {
			// This run is the suite's usual one (filesystem mode): the file arrives whole.
			assert.equal(ok(execution, 'SHA-256')[0].json.sha256, await sims.veriff.mediaSha256(databaseModeMedia));
			const again = async (capMiB) => {
				const served = bytesServedBy(sims.veriff);
				const result = await executeInDatabaseMode(databaseModeWorkflow.id, capMiB, filesDir);
				return { ...result, served: served() };
			};

			const refused = await again(16);
			const error = failed(refused.execution, 'Download');
			assert.equal(
				error.message,
				`Downloading Veriff media ${databaseModeMedia} failed: the file is 32 MiB (33554432 bytes), over the 16 MiB that n8n stores in "database" binary data mode; raise N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE to store it (item 0)`,
			);
			// Only what the kernel's socket buffers took in before the connection was dropped.
			assert.ok(refused.served < 8 * 1024 * 1024, `the simulator served ${refused.served} bytes of 33554432`);

			const stored = await again(64);
			const [item] = ok(stored.execution, 'Download');
			assert.match(item.binary.data.id, /^database:/);
			assert.equal(ok(stored.execution, 'SHA-256')[0].json.sha256, await sims.veriff.mediaSha256(databaseModeMedia));
		},
	);

	// ── Sumsub ────────────────────────────────────────────────────────────────────────
	add(
		'Sumsub › Get Applicant (by external user ID) → Get Video Call Data (one item per recording) → Download Video Call Recording',
		chainWorkflow('e2e sumsub chain', [
			{ name: 'Applicant', type: 'sumsub', credentials: sumsub, parameters: { resource: 'applicant', operation: 'get', lookupBy: 'externalUserId', externalUserId: S.externalUserId } },
			{ name: 'Call', type: 'sumsub', credentials: sumsub, parameters: { resource: 'videoIdent', operation: 'getVideoCallData', inspectionId: '={{ $json.inspectionId }}', output: 'perComposition', applicantId: '={{ $json.id }}' } },
			{ name: 'Recording', type: 'sumsub', credentials: sumsub, parameters: { resource: 'videoIdent', operation: 'downloadRecording' } },
			sha256Step(),
		]),
		async (execution) => {
			const applicant = ok(execution, 'Applicant')[0].json;
			assert.equal(applicant.id, S.applicantCompleted);
			assert.equal(applicant.inspectionId, S.inspectionCompleted);
			const compositions = ok(execution, 'Call');
			assert.deepEqual(compositions.map((i) => i.json.compositionMediaId), S.compositions);
			const hashed = ok(execution, 'SHA-256');
			for (const item of hashed) {
				assert.equal(item.json.sha256, await sims.sumsub.mediaSha256(item.json.compositionMediaId));
			}
			assert.ok(sims.sumsub.requests.some((r) => r.path === `/resources/inspections/${S.inspectionCompleted}?fields=videoIdentData`));
		},
	);
	add(
		'Sumsub › Get Applicant (by applicant ID) and Get Video Call Data (single item)',
		chainWorkflow('e2e sumsub single', [
			{ name: 'Applicant', type: 'sumsub', credentials: sumsub, parameters: { resource: 'applicant', operation: 'get', lookupBy: 'applicantId', applicantId: S.applicantCompleted } },
			{ name: 'Call', type: 'sumsub', credentials: sumsub, parameters: { resource: 'videoIdent', operation: 'getVideoCallData', inspectionId: '={{ $json.inspectionId }}' } },
		]),
		async (execution) => {
			const call = ok(execution, 'Call');
			assert.equal(call.length, 1);
			assert.equal(call[0].json.id, S.inspectionCompleted);
			assert.equal(call[0].json.videoIdentData.compositions.length, S.compositions.length);
		},
	);
	add(
		'Sumsub › wrong secret key: Sumsub\'s description and errorName in n8n\'s error',
		chainWorkflow('e2e sumsub wrong secret', [
			{ name: 'Applicant', type: 'sumsub', credentials: { sumsubApi: { id: 'e2eSumsubBadSec', name: 'Sumsub wrong secret' } }, parameters: { resource: 'applicant', operation: 'get', lookupBy: 'applicantId', applicantId: S.applicantCompleted } },
		]),
		async (execution) => {
			const error = failed(execution, 'Applicant');
			assert.match(error.message, /Sumsub says ".*signature.*" \(code [a-z-]+, HTTP 401\)/i);
			assert.match(error.description, /Secret Key/);
		},
	);
	add(
		'Sumsub › unknown applicant: 404 with correlationId in the description',
		chainWorkflow('e2e sumsub 404', [
			{ name: 'Applicant', type: 'sumsub', credentials: sumsub, parameters: { resource: 'applicant', operation: 'get', lookupBy: 'applicantId', applicantId: S.applicantUnknown } },
		]),
		async (execution) => {
			const error = failed(execution, 'Applicant');
			assert.match(error.message, /HTTP 404/);
			assert.match(error.description, /correlationId req-/);
		},
	);
	add(
		'Sumsub › 503 then success: retried and the run succeeds',
		chainWorkflow('e2e sumsub 503 retry', [
			{ name: 'Call', type: 'sumsub', credentials: sumsub, parameters: { resource: 'videoIdent', operation: 'getVideoCallData', inspectionId: S.inspectionCompleted } },
		]),
		async (execution) => {
			ok(execution, 'Call');
			assert.equal(sims.sumsub.requests.length, 2);
		},
		() => sims.sumsub.injectFault({ path: /inspections/, status: 503, times: 1 }),
	);

	add(
		'Sumsub › Get Review Status → Get Verification Steps (a completed GREEN applicant and a pending one)',
		chainWorkflow(
			'e2e sumsub review status+steps',
			[
				{ name: 'Review', type: 'sumsub', credentials: sumsub, parameters: { resource: 'applicant', operation: 'getReviewStatus' } },
				{ name: 'Steps', type: 'sumsub', credentials: sumsub, parameters: { resource: 'applicant', operation: 'getVerificationSteps' } },
			],
			{ items: [{ applicantId: S.applicantCompleted }, { applicantId: S.applicantPending }] },
		),
		async (execution) => {
			const [completed, pending] = ok(execution, 'Review').map((i) => i.json);
			assert.equal(completed.applicantId, S.applicantCompleted);
			assert.equal(completed.reviewStatus, 'completed');
			assert.equal(completed.reviewAnswer, 'GREEN');
			assert.equal(completed.reviewId, S.reviewCompleted);
			assert.equal(completed.attemptId, S.attempts.latest);
			assert.equal(completed.attemptCnt, 2);
			assert.deepEqual(completed.rejectLabels, []);
			assert.equal(pending.applicantId, S.applicantPending);
			assert.equal(pending.reviewStatus, 'pending');
			assert.equal(pending.reviewAnswer, null, 'no answer before the review is completed');

			const steps = ok(execution, 'Steps').map((i) => i.json);
			const of = (applicantId) => Object.fromEntries(steps.filter((s) => s.applicantId === applicantId).map((s) => [s.step, s]));
			const done = of(S.applicantCompleted);
			assert.deepEqual(Object.keys(done), ['IDENTITY', 'IDENTITY2', 'SELFIE']);
			assert.deepEqual(done.IDENTITY.imageIds, [S.images.passportFront]);
			assert.deepEqual(done.IDENTITY2.imageIds, [S.images.idCardFront, S.images.idCardBack], 'front side first; the superseded rejected front is not counted');
			assert.deepEqual(done.SELFIE.imageIds, [S.images.selfie]);
			for (const step of Object.values(done)) {
				assert.equal(step.submitted, true);
				assert.equal(step.reviewAnswer, 'GREEN');
				assert.ok(step.images.every((image) => image.reviewAnswer === 'GREEN' && typeof image.imageId === 'string'));
			}
			const waiting = of(S.applicantPending);
			assert.deepEqual(Object.keys(waiting).sort(), ['IDENTITY', 'SELFIE']);
			assert.ok(Object.values(waiting).every((s) => s.submitted === false && s.reviewAnswer === null && s.imageIds.length === 0));
			const paths = sims.sumsub.requests.map((r) => r.path);
			for (const applicantId of [S.applicantCompleted, S.applicantPending]) {
				assert.ok(paths.includes(`/resources/applicants/${applicantId}/status`));
				assert.ok(paths.includes(`/resources/applicants/${applicantId}/requiredIdDocsStatus`));
			}
		},
	);

	// ── Unit21 ────────────────────────────────────────────────────────────────────────
	const downloadFront = [
		{ name: 'Download', type: 'veriff', credentials: veriff, parameters: { resource: 'media', operation: 'download', mediaId: V.media.documentFront } },
	];
	for (const [resource, idParameter, objectId, mediaType] of [
		['entity', 'entityId', U.entity, 'IMAGE_ID_CARD_FRONT'],
		['event', 'eventId', U.event, 'IMAGE_ID_CARD_FRONT'],
		['alert', 'alertId', U.alert, 'IMAGE_ID_CARD_FRONT'],
		['case', 'caseId', U.case, 'none'],
	]) {
		add(
			`Unit21 › Add Media to ${resource[0].toUpperCase()}${resource.slice(1)} (multipart, streamed): Unit21 received the same bytes and metadata`,
			chainWorkflow(`e2e unit21 ${resource}`, [
				...downloadFront,
				{ name: 'Unit21', type: 'unit21', credentials: unit21, parameters: { resource, operation: 'addMedia', [idParameter]: objectId, mediaType, options: { source: 'veriff', customData: '{"case":"e2e"}' } } },
			]),
			async (execution) => {
				const out = ok(execution, 'Unit21')[0].json;
				assert.equal(out.objectType, resource);
				assert.equal(out.objectId, objectId);
				assert.equal(sims.unit21.uploads.length, 1);
				const upload = sims.unit21.uploads[0];
				assert.equal(upload.objectType, resource);
				assert.equal(upload.objectId, objectId);
				assert.equal(upload.form, 'multipart');
				assert.ok(upload.requestHeaders['content-length'], 'sent with a known length');
				const [file] = upload.files;
				assert.equal(file.sha256, await sims.veriff.mediaSha256(V.media.documentFront));
				assert.equal(file.key, 'data');
				assert.match(file.fileName, /\.jpg$/);
				assert.deepEqual(file.metadata, { ...(mediaType !== 'none' ? { media_type: mediaType } : {}), source: 'veriff', custom_data: { case: 'e2e' } });
			},
		);
	}
	add(
		'Unit21 › Add Media to Entity as base64 JSON',
		chainWorkflow('e2e unit21 base64', [
			...downloadFront,
			{ name: 'Unit21', type: 'unit21', credentials: unit21, parameters: { resource: 'entity', operation: 'addMedia', entityId: U.entity2, mediaType: 'IMAGE_ID_CARD_FRONT', options: { sendAs: 'base64Json' } } },
		]),
		async (execution) => {
			ok(execution, 'Unit21');
			const upload = sims.unit21.uploads[0];
			assert.equal(upload.form, 'json');
			assert.equal(upload.files[0].sha256, await sims.veriff.mediaSha256(V.media.documentFront));
			assert.equal(upload.files[0].metadata?.media_type ?? upload.files[0].mediaType, 'IMAGE_ID_CARD_FRONT');
		},
	);
	add(
		'Unit21 › wrong API key: Unit21\'s error_code and message in n8n\'s error',
		chainWorkflow('e2e unit21 401', [
			...downloadFront,
			{ name: 'Unit21', type: 'unit21', credentials: { unit21Api: { id: 'e2eUnit21BadKey', name: 'Unit21 wrong key' } }, parameters: { resource: 'entity', operation: 'addMedia', entityId: U.entity, mediaType: 'none' } },
		]),
		async (execution) => {
			const error = failed(execution, 'Unit21');
			assert.match(error.message, /Unit21 says ".+" \(code [a-z_]+, HTTP 401\)/);
			assert.equal(sims.unit21.uploads.length, 0);
		},
	);
	add(
		'Unit21 › 500 after the upload was sent: reported, not resent',
		chainWorkflow('e2e unit21 500', [
			...downloadFront,
			{ name: 'Unit21', type: 'unit21', credentials: unit21, parameters: { resource: 'entity', operation: 'addMedia', entityId: U.entity, mediaType: 'none' } },
		]),
		async (execution) => {
			const error = failed(execution, 'Unit21');
			assert.match(error.description, /may have been applied: it was not resent/);
			assert.equal(sims.unit21.requests.filter((r) => r.method === 'PUT').length, 1);
		},
		() => sims.unit21.injectFault({ method: 'PUT', status: 500 }),
	);
	add(
		'Unit21 › Add Media to Event without a media type fails before any request',
		chainWorkflow('e2e unit21 event needs type', [
			...downloadFront,
			{ name: 'Unit21', type: 'unit21', credentials: unit21, parameters: { resource: 'event', operation: 'addMedia', eventId: U.event, mediaType: 'none' } },
		]),
		async (execution) => {
			const error = failed(execution, 'Unit21');
			assert.match(error.message, /Media Type is required for events \(item 0\)/);
			assert.equal(sims.unit21.requests.length, 0);
		},
	);
	const oddEntityId = 'e2e/acct#7?x=1';
	add(
		'Unit21 › Get Entity (id with "/ # ?" percent-encoded) → Create or Update Entity: custom_data merged',
		chainWorkflow('e2e unit21 entity get+upsert', [
			{ name: 'Get', type: 'unit21', credentials: unit21, parameters: { resource: 'entity', operation: 'get', entityId: oddEntityId } },
			{
				name: 'Upsert',
				type: 'unit21',
				credentials: unit21,
				parameters: { resource: 'entity', operation: 'upsert', entityId: '={{ $json.entityId }}', customData: '={{ JSON.stringify({ kyc_verdict: "approved", seen_before: $json.custom_data.keep }) }}' },
			},
		]),
		async (execution) => {
			const got = ok(execution, 'Get');
			assert.equal(got.length, 1);
			assert.deepEqual(got[0].json.custom_data, { keep: 'me' });
			assert.equal(sims.unit21.requests[0].path, `/v1/${U.orgName}/entities/e2e%2Facct%237%3Fx%3D1`);
			const upserted = ok(execution, 'Upsert');
			assert.equal(upserted[0].json.entityId, oddEntityId);
			assert.equal(upserted[0].json.previously_existed, true);
			assert.deepEqual(sims.unit21.entityWrites.map((w) => [w.entityId, w.status, w.body.options]), [
				[oddEntityId, 200, { upsert_on_conflict: true, merge_custom_data: true }],
			]);
			assert.deepEqual(sims.unit21.getEntityData(oddEntityId).custom_data, { keep: 'me', kyc_verdict: 'approved', seen_before: 'me' });
		},
		() => {
			sims.unit21.clearEntityWrites();
			sims.unit21.addEntity(U.orgName, oddEntityId, { data: { custom_data: { keep: 'me' } } });
		},
	);
	add(
		'Unit21 › Create or Update Entity with Fail if the Entity Exists: Unit21\'s 409 in n8n\'s error, sent once',
		chainWorkflow('e2e unit21 upsert 409', [
			{ name: 'Upsert', type: 'unit21', credentials: unit21, parameters: { resource: 'entity', operation: 'upsert', entityId: U.entity2, customData: '{"x": 1}', options: { failIfExists: true } } },
		]),
		async (execution) => {
			const error = failed(execution, 'Upsert');
			assert.match(error.message, /Unit21 says ".*already exists.*" \(code conflict, HTTP 409\)/);
			assert.equal(sims.unit21.requests.length, 1);
			assert.equal(sims.unit21.getEntityData(U.entity2).custom_data.x, undefined);
		},
	);

	// ── The example workflows, as shipped ─────────────────────────────────────────────
	const example = (file) => examples.find((e) => e.file === file).workflow;
	add(
		'Example 1 › Veriff approved session → List final captures → Download → Unit21 entity (media types from the items)',
		example('veriff-decision-to-unit21.json'),
		async (execution) => {
			ok(execution, 'Add to Unit21 entity');
			const files = sims.unit21.uploads.map((u) => ({ entity: u.objectId, ...u.files[0] }));
			assert.equal(files.length, 3);
			assert.ok(files.every((f) => f.entity === 'cust-1001'));
			const byType = Object.fromEntries(files.map((f) => [f.metadata.media_type, f]));
			// The demo decision says PASSPORT: List Session Media reads it from the Get Decision item.
			assert.deepEqual(Object.keys(byType).sort(), ['IMAGE_FACE_IMAGE', 'IMAGE_PASSPORT_BACK', 'IMAGE_PASSPORT_FRONT']);
			assert.equal(byType.IMAGE_PASSPORT_FRONT.sha256, await sims.veriff.mediaSha256(V.media.documentFront));
			assert.equal(byType.IMAGE_PASSPORT_BACK.sha256, await sims.veriff.mediaSha256(V.media.documentBack));
			assert.equal(byType.IMAGE_FACE_IMAGE.sha256, await sims.veriff.mediaSha256(V.media.face));
			// Evidence details go into custom_data by default.
			assert.deepEqual(byType.IMAGE_PASSPORT_FRONT.metadata.custom_data, {
				vendor: 'veriff',
				sessionId: V.sessionApproved,
				context: 'document-front',
				mediaId: V.media.documentFront,
			});
		},
	);
	add(
		'Example 2 › Sumsub Video Ident → one item per recording → download → written to disk intact',
		example('sumsub-video-ident-recordings.json'),
		async (execution) => {
			const written = ok(execution, 'Write recording to disk');
			assert.deepEqual(
				written.map((item) => item.json.fileName),
				S.compositions.map((id, i) => `.n8n-files/${S.applicantCompleted}-sumsub-video-ident-${id}.${['mp4', 'webm'][i]}`),
			);
			// In n8n's default allowed folder, ~/.n8n-files (no N8N_RESTRICT_FILE_ACCESS_TO set).
			for (const mediaId of S.compositions) {
				const file = fs.readdirSync(filesDir).find((f) => f.includes(mediaId));
				assert.ok(file, `recording ${mediaId} written to ${filesDir}`);
				const sha = crypto.createHash('sha256').update(fs.readFileSync(path.join(filesDir, file))).digest('hex');
				assert.equal(sha, await sims.sumsub.mediaSha256(mediaId));
			}
		},
	);
	add(
		'Example 3 › Backfill: two sessions, all attempts → Unit21 entities',
		example('veriff-backfill-to-unit21.json'),
		async (execution) => {
			const out = ok(execution, 'Add to Unit21 entity');
			const entities = new Set(sims.unit21.uploads.map((u) => u.objectId));
			assert.deepEqual([...entities].sort(), ['cust-1001', 'cust-1002']);
			assert.equal(out.length, sims.unit21.uploads.length);
			const attemptsSeen = new Set(sims.unit21.uploads.map((u) => u.files[0].metadata.custom_data.veriffAttemptId));
			assert.ok(attemptsSeen.size >= 4, `files from every attempt (saw ${attemptsSeen.size})`);
		},
	);
	add(
		'Example 5 › sample "Pull KYC evidence" click → Remove Duplicates → Get Entity → accepted Sumsub documents → Unit21 alert → custom_data merged',
		example('unit21-alert-action-kyc-evidence.json'),
		async (execution) => {
			const counts = example5NodeCounts(execution);
			assert.deepEqual(counts, EXAMPLE5_COUNTS_SAMPLE, JSON.stringify(counts));
			await assertExample5Effects(sims, ok(execution, 'Sample alert action')[0].json.unit21Id);
		},
		() => sims.unit21.clearEntityWrites(),
	);
	add(
		'Example 4 › Sumsub GREEN review (sample) → List accepted documents → Download → Unit21 entity (media types from the items)',
		example('sumsub-documents-to-unit21.json'),
		async (execution) => {
			const expected = {
				[S.images.passportFront]: 'IMAGE_PASSPORT_FRONT',
				[S.images.idCardFront]: 'IMAGE_ID_CARD_FRONT',
				[S.images.idCardBack]: 'IMAGE_ID_CARD_BACK',
				[S.images.selfie]: 'IMAGE_FACE_IMAGE',
			};
			const listed = ok(execution, 'List accepted documents');
			assert.deepEqual(listed.map((i) => i.json.imageId).sort(), Object.keys(expected).sort(), 'only the active, accepted images');
			assert.ok(listed.every((i) => i.json.applicantId === S.applicantCompleted));
			assert.equal(ok(execution, 'Download Document Image').length, 4);
			const out = ok(execution, 'Add to Unit21 entity');
			assert.equal(out.length, 4);

			// Exactly the four images reached Unit21, one upload each, to the demo user's entity.
			const files = sims.unit21.uploads.map((u) => ({ entity: u.objectId, count: u.files.length, ...u.files[0] }));
			assert.equal(files.length, 4);
			assert.ok(files.every((f) => f.entity === 'cust-1001' && f.count === 1));
			const byImage = Object.fromEntries(files.map((f) => [f.metadata.custom_data.imageId, f]));
			assert.deepEqual(Object.keys(byImage).sort(), Object.keys(expected).sort());
			for (const [imageId, mediaType] of Object.entries(expected)) {
				const file = byImage[imageId];
				assert.equal(file.sha256, await sims.sumsub.mediaSha256(imageId), `bytes of image ${imageId}`);
				assert.equal(file.metadata.media_type, mediaType, `media type of image ${imageId}`);
				assert.equal(file.metadata.source, 'sumsub');
				assert.equal(file.metadata.custom_data.vendor, 'sumsub');
				assert.equal(file.metadata.custom_data.applicantId, S.applicantCompleted);
				assert.equal(file.metadata.custom_data.reviewAnswer, 'GREEN');
				assert.equal(file.mimeType, sims.sumsub.mediaType(imageId));
			}
			assert.deepEqual(byImage[S.images.idCardBack].metadata.custom_data, {
				vendor: 'sumsub',
				applicantId: S.applicantCompleted,
				imageId: S.images.idCardBack,
				idDocType: 'ID_CARD',
				idDocSubType: 'BACK_SIDE',
				country: 'DEU',
				attemptId: S.attempts.latest,
				source: 'docapture',
				reviewAnswer: 'GREEN',
				addedDate: '2024-03-14 10:05:58',
			});
			// The deactivated and the rejected image were never downloaded.
			for (const imageId of [S.images.deactivated, S.images.rejected]) {
				assert.ok(!sims.sumsub.requests.some((r) => r.path.endsWith(`/resources/${imageId}`)), `image ${imageId} was not downloaded`);
			}
		},
	);
	return cases;
}

module.exports = {
	buildCases,
	example5NodeCounts,
	assertExample5Effects,
	EXAMPLE5_COUNTS_WEBHOOK,
	EXAMPLE5_COUNTS_REPEAT,
};
