// Case 3, many files from n8n to Unit21 entities (our node, HTTP Request multipart): run, table.
'use strict';
const { DEMO } = require('../../simulators/demo-data');
const { MiB, assertNodeOk } = require('../measure');
const { cleanBinaryData } = require('../workspace');
const { log, sec, mib, ratio } = require('../format');
const { med, table, spreadOf, ratioTo, workflowHeader, workflowRow } = require('../tables');

/** The media type both workflows send; checkUploads expects it in every file's metadata. */
const UPLOAD_MEDIA_TYPE = 'IMAGE_FACE_IMAGE';

/**
 * One Unit21 entity and one Veriff video per file; returns the workflows' items
 * `[{id: mediaId, entityId}]`.
 */
function seed({ veriff, unit21 }, config) {
	// Unit21's simulator keeps each received file (up to 5 MiB); keep only size and sha256.
	const keepUpload = unit21.uploads.push.bind(unit21.uploads);
	unit21.uploads.push = (...uploads) => {
		for (const upload of uploads) for (const file of upload.files) file.bytes = null;
		return keepUpload(...uploads);
	};
	const { sessionId } = veriff.addSession({
		vendorData: 'bench-uploads',
		attempts: [{ status: 'approved', images: [], videos: [] }],
	});
	const items = [];
	for (let i = 1; i <= config.uploadFiles; i++) {
		const entityId = `bench-${String(i).padStart(4, '0')}`;
		unit21.addEntity(DEMO.unit21.orgName, entityId);
		const media = veriff.addLargeVideo({
			sessionId,
			size: config.uploadFileBytes,
			mimetype: 'video/mp4',
		});
		items.push({ id: media.id, entityId });
	}
	return items;
}

/** Every entity got exactly its file, intact, as one multipart part with the metadata. */
function checkUploads(uploads, expectedByEntity, variant) {
	if (uploads.length !== expectedByEntity.size)
		throw new Error(
			`uploads ${variant}: Unit21 received ${uploads.length} uploads, expected ${expectedByEntity.size}`,
		);
	for (const upload of uploads) {
		const [file] = upload.files;
		if (upload.files.length !== 1 || upload.form !== 'multipart')
			throw new Error(`uploads ${variant}: expected one multipart file per request`);
		if (file.sha256 !== expectedByEntity.get(upload.objectId))
			throw new Error(
				`uploads ${variant}: entity ${upload.objectId} got other bytes than Veriff served`,
			);
		if (file.metadata?.media_type !== UPLOAD_MEDIA_TYPE)
			throw new Error(`uploads ${variant}: metadata ${file.metadataRaw} lacks the media_type`);
	}
}

/**
 * The two workflows alternately, each run checked against what Unit21 received.
 * @returns `{ours: run[], http: run[]}`
 */
async function run({ config, execute, sims: { veriff, unit21 }, workflows, expectedSha }, items) {
	const expectedByEntity = new Map(items.map((i) => [i.entityId, expectedSha[i.id]]));
	const results = { ours: [], http: [] };
	for (let r = 0; r < config.uploadRuns; r++) {
		for (const variant of ['ours', 'http']) {
			unit21.clearUploads();
			unit21.clearRequests();
			veriff.clearRequests();
			const run = await execute(workflows.uploads[variant].id);
			assertNodeOk(run, 'Upload');
			checkUploads(unit21.uploads, expectedByEntity, variant);
			results[variant].push({
				wallMs: run.wallMs,
				peakBytes: run.peakBytes,
				nodeMs: run.nodeMs.Upload,
				fetchMs: run.nodeMs['Fetch files'],
			});
			unit21.clearUploads();
			cleanBinaryData();
			log(
				`uploads ${variant}: upload node ${sec(run.nodeMs.Upload)}, fetch ${sec(run.nodeMs['Fetch files'])}, wall ${sec(run.wallMs)}, peak ${mib(run.peakBytes)}`,
			);
		}
	}
	return results;
}

/** `--profile` names of this case. */
function profileTargets(workflows) {
	return {
		'uploads-ours': { workflow: workflows.uploads.ours, nodeName: 'Upload' },
		'uploads-http': { workflow: workflows.uploads.http, nodeName: 'Upload' },
	};
}

/** The uploads table and its target (nothing if the case did not run). */
function renderSection({ uploads, config }) {
	const lines = [];
	const targets = [];
	if (!uploads.ours?.length) return { lines, targets };
	const n = config.uploadFiles;
	const totalMiB = (n * config.uploadFileBytes) / MiB;
	lines.push(`## 3. Add ${n} files of ${mib(config.uploadFileBytes)} to Unit21 entities`, '');
	lines.push(
		`${n} items, each with a ${mib(config.uploadFileBytes)} video already in n8n's binary store (downloaded from Veriff by our`,
	);
	lines.push(
		'Download Media node earlier in the same workflow), one link-media request per item to its own entity,',
	);
	lines.push(
		"multipart with the file part and a JSON metadata part under the same key. Measured: the upload node's executionTime.",
		'',
	);
	const columns = [
		['Upload node', spreadOf('nodeMs', sec)],
		['Throughput', (runs) => `${(totalMiB / (med(runs, 'nodeMs') / 1000)).toFixed(0)} MiB/s`],
		['Fetch node (same in both)', spreadOf('fetchMs', sec)],
		['Wall time', spreadOf('wallMs', sec)],
		['Peak RSS', spreadOf('peakBytes', mib)],
		['Upload × HTTP Request', ratioTo('nodeMs', uploads.http)],
	];
	lines.push(
		table(workflowHeader(columns), [
			workflowRow(columns, 'Unit21 node: Add Media to Entity', uploads.ours),
			workflowRow(columns, 'HTTP Request (multipart form-data)', uploads.http),
		]),
		'',
	);
	const ours = med(uploads.ours, 'nodeMs');
	const http = med(uploads.http, 'nodeMs');
	targets.push([
		'Uploads no slower than the HTTP Request workflow',
		`upload node ${sec(ours)} vs ${sec(http)} (${ratio(ours, http)})`,
		ours <= http,
	]);
	return { lines, targets };
}

module.exports = { UPLOAD_MEDIA_TYPE, seed, run, profileTargets, renderSection };
