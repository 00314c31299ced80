// Case 5, list and download the document images of many Sumsub applicants (our node, Crypto + HTTP Request): run, table.
'use strict';
const { specimenImage } = require('../../simulators/common');
const { assertNodeOk, fileSha256 } = require('../measure');
const { cleanBinaryData, binaryFile } = require('../workspace');
const { log, sec, mib, ratio } = require('../format');
const { med, table, spreadOf, ratioTo, workflowHeader, workflowRow } = require('../tables');

/** Sumsub's simulator waits this long before every answer (as in case 4). */
const LATENCY_MS = 50;
/** Sumsub's documented limit for GET requests, which the simulator enforces in this case (429 above it). */
const SUMSUB_LIMIT = { get: 300, post: 50, windowMs: 5000 };
/** HTTP Request's batching that keeps it under that limit (50 requests a second at most). */
const HTTP_BATCH = { batchSize: 50, batchInterval: 1000 };

/** The images every applicant gets: a passport page, both sides of an ID card, a selfie. */
const DOCUMENTS = [
	{
		idDocType: 'PASSPORT',
		idDocSubType: null,
		kind: 'passport',
		fileName: 'passport.jpg',
		source: 'docapture',
	},
	{
		idDocType: 'ID_CARD',
		idDocSubType: 'FRONT_SIDE',
		kind: 'idFront',
		fileName: 'id-card-front.jpg',
		source: 'docapture',
	},
	{
		idDocType: 'ID_CARD',
		idDocSubType: 'BACK_SIDE',
		kind: 'idBack',
		fileName: 'id-card-back.jpg',
		source: 'docapture',
	},
	{
		idDocType: 'SELFIE',
		idDocSubType: null,
		kind: 'selfie',
		fileName: 'selfie.jpg',
		source: 'liveness',
	},
];

/** The same SPECIMEN JPEG with a comment segment (FF FE) after SOI holding `text`: other bytes, same picture. */
function withComment(jpeg, text) {
	const comment = Buffer.from(text, 'latin1');
	const header = Buffer.from([0xff, 0xfe, 0, 0]);
	header.writeUInt16BE(comment.length + 2, 2);
	return Buffer.concat([jpeg.subarray(0, 2), header, comment, jpeg.subarray(2)]);
}

/**
 * `config.documentApplicants` Sumsub applicants, each with the four images of DOCUMENTS (JPEG,
 * 9–23 KB, every file's bytes its own; all active and GREEN, so the node's default filter keeps
 * them all, as HTTP Request does); returns `{applicantIds, imageIds}`.
 */
function seed({ sumsub }, config) {
	const pictures = Object.fromEntries(
		DOCUMENTS.map((d) => [
			d.kind,
			specimenImage({ kind: d.kind, label: 'BENCH', format: 'jpeg' }).bytes,
		]),
	);
	const applicantIds = [];
	const imageIds = [];
	for (let i = 0; i < config.documentApplicants; i++) {
		const { applicantId } = sumsub.addApplicant({ externalUserId: `bench-documents-${i}` });
		applicantIds.push(applicantId);
		for (const doc of DOCUMENTS) {
			imageIds.push(
				sumsub.addDocumentImage({
					applicantId,
					idDocType: doc.idDocType,
					idDocSubType: doc.idDocSubType,
					fileName: doc.fileName,
					mimetype: 'image/jpeg',
					source: doc.source,
					bytes: withComment(pictures[doc.kind], `bench ${applicantId} ${doc.kind}`),
				}),
			);
		}
	}
	return { applicantIds, imageIds };
}

// The nodes of each stage (our workflow has only List and Download; the others sign for HTTP Request).
const LIST_NODES = ['List request', 'Sign list', 'List', 'One item per image'];
const DOWNLOAD_NODES = ['Download request', 'Sign download', 'Download'];
const stageMs = (nodeMs, names) =>
	names.reduce((sum, name) => sum + (Number.isFinite(nodeMs[name]) ? nodeMs[name] : 0), 0);

/**
 * Every downloaded file is one of the seeded images, each exactly once, with the bytes Sumsub
 * served; Sumsub answered one listing per applicant and one download per image.
 */
async function checkRun(run, variant, sumsub, expectedSha, applicants) {
	const items = assertNodeOk(run, 'Download');
	const imageIdOf = (item) => String(variant === 'ours' ? item.json.imageId : item.json.id);
	const seen = new Set(items.map(imageIdOf));
	if (items.length !== applicants.imageIds.length || seen.size !== items.length)
		throw new Error(
			`documents ${variant}: ${items.length} files (${seen.size} different), expected ${applicants.imageIds.length}`,
		);
	for (const item of items) {
		const imageId = imageIdOf(item);
		if (!(imageId in expectedSha))
			throw new Error(`documents ${variant}: unexpected image ${imageId}`);
		if ((await fileSha256(binaryFile(item.binary?.data))) !== expectedSha[imageId])
			throw new Error(
				`documents ${variant}: image ${imageId} stored with other bytes than Sumsub served`,
			);
	}
	const ok = (re) => sumsub.requests.filter((q) => q.status === 200 && re.test(q.path)).length;
	const lists = ok(/\/metadata\/resources$/);
	const downloads = ok(/\/applicants\/[0-9a-f]{24}\/resources\/\d+$/);
	if (lists !== applicants.applicantIds.length || downloads !== applicants.imageIds.length)
		throw new Error(
			`documents ${variant}: Sumsub answered ${lists} listings and ${downloads} downloads, expected ${applicants.applicantIds.length} and ${applicants.imageIds.length}`,
		);
	return items.length;
}

/**
 * The three workflows alternately, with 50 ms latency; the two compared ones with Sumsub's rate
 * limit enforced by the simulator (our node keeps under it by itself, HTTP Request by batching),
 * the third (HTTP Request sending everything at once) with the limit switched off.
 * @returns `{ours: run[], http: run[], httpUnlimited: run[]}`
 */
async function run({ config, execute, sims: { sumsub }, workflows, expectedSha }, applicants) {
	sumsub.setLatency(LATENCY_MS);
	try {
		const results = { ours: [], http: [], httpUnlimited: [] };
		for (let r = 0; r < config.documentRuns; r++) {
			for (const variant of ['ours', 'http', 'httpUnlimited']) {
				// A fresh window of the simulator's limit for every run.
				sumsub.setRateLimit(variant === 'httpUnlimited' ? null : SUMSUB_LIMIT);
				sumsub.clearRequests();
				const limitedBefore = sumsub.rateLimitStats().limited;
				const run = await execute(workflows.documents[variant].id);
				const files = await checkRun(run, variant, sumsub, expectedSha, applicants);
				const listMs = stageMs(run.nodeMs, LIST_NODES);
				const downloadMs = stageMs(run.nodeMs, DOWNLOAD_NODES);
				results[variant].push({
					wallMs: run.wallMs,
					peakBytes: run.peakBytes,
					listMs,
					downloadMs,
					chainMs: listMs + downloadMs,
					files,
					rateLimited: sumsub.rateLimitStats().limited - limitedBefore,
					limitOff: variant === 'httpUnlimited',
				});
				cleanBinaryData();
				log(
					`documents ${variant}: list ${sec(listMs)}, download ${sec(downloadMs)}, wall ${sec(run.wallMs)}, peak ${mib(run.peakBytes)}, 429s ${sumsub.rateLimitStats().limited - limitedBefore}`,
				);
			}
		}
		return results;
	} finally {
		sumsub.setLatency(0);
		sumsub.setRateLimit(null);
	}
}

/** `--profile` names of this case (latency and rate limit on, as in the case). */
function profileTargets(workflows, { sumsub }) {
	const conditions = {
		before: () => {
			sumsub.setLatency(LATENCY_MS);
			sumsub.setRateLimit(SUMSUB_LIMIT);
		},
		after: () => {
			sumsub.setLatency(0);
			sumsub.setRateLimit(null);
		},
	};
	return {
		'documents-ours': { workflow: workflows.documents.ours, nodeName: 'Download', ...conditions },
		'documents-http': { workflow: workflows.documents.http, nodeName: 'Download', ...conditions },
	};
}

/** The documents table and its target (nothing if the case did not run). */
function renderSection({ documents, config }) {
	const lines = [];
	const targets = [];
	if (!documents?.ours?.length) return { lines, targets };
	const n = config.documentApplicants;
	const files = n * DOCUMENTS.length;
	lines.push(`## 5. List and download the document images of ${n} Sumsub applicants`, '');
	lines.push(
		`${n} items, one GET …/metadata/resources each, then one GET …/resources/{imageId} per image (${files} JPEGs of`,
	);
	lines.push(
		`9–23 KB: passport, ID card front and back, selfie); every request signed, ${LATENCY_MS} ms latency per answer, and Sumsub's`,
	);
	lines.push(
		`limit of ${SUMSUB_LIMIT.get} GET requests per ${SUMSUB_LIMIT.windowMs / 1000} s enforced by the simulator (429 above it). Our nodes keep under it by`,
	);
	lines.push(
		`themselves; HTTP Request with batching (${HTTP_BATCH.batchSize} items every ${HTTP_BATCH.batchInterval} ms), after a Set node (timestamp, path) and a Crypto node`,
	);
	lines.push(
		"(HMAC) per request (n8n's Code node may not `require('crypto')` by default). The last row sends everything at once",
	);
	lines.push(
		"with the limit switched off (Sumsub would answer 429). Measured: the nodes' executionTime per stage.",
		'',
	);
	const columns = [
		['List stage', spreadOf('listMs', sec)],
		['Download stage', spreadOf('downloadMs', sec)],
		['All nodes', spreadOf('chainMs', sec)],
		['Files per second', (runs) => `${(files / (med(runs, 'chainMs') / 1000)).toFixed(0)}/s`],
		['Wall time', spreadOf('wallMs', sec)],
		['Peak RSS', spreadOf('peakBytes', mib)],
		[
			'429s (most in a run)',
			(runs) =>
				runs.some((r) => r.limitOff)
					? 'limit off'
					: String(Math.max(...runs.map((r) => r.rateLimited))),
		],
		['All nodes × HTTP Request (batched)', ratioTo('chainMs', documents.http)],
	];
	lines.push(
		table(workflowHeader(columns), [
			workflowRow(columns, 'Sumsub node: List Documents → Download Document Image', documents.ours),
			workflowRow(
				columns,
				`Set + Crypto + HTTP Request, batched (${HTTP_BATCH.batchSize}/${HTTP_BATCH.batchInterval} ms), Split Out`,
				documents.http,
			),
			workflowRow(columns, 'The same, all at once (rate limit off)', documents.httpUnlimited),
		]),
		'',
	);
	const ours = med(documents.ours, 'chainMs');
	const http = med(documents.http, 'chainMs');
	targets.push([
		"Documents (list + download) no slower than HTTP Request within Sumsub's rate limit",
		`all nodes ${sec(ours)} vs ${sec(http)} (${ratio(ours, http)})`,
		ours <= http,
	]);
	return { lines, targets };
}

module.exports = { seed, run, profileTargets, renderSection, HTTP_BATCH };
