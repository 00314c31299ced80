// The workflows the benchmark compares: our nodes, Crypto + HTTP Request, for each case.
'use strict';
/**
 * The benchmark's workflows: each case once with this package's node and once with n8n's own
 * nodes (Crypto for Veriff's HMAC + HTTP Request), built on the e2e suite's chain builder.
 */
const { chainWorkflow } = require('../test/e2e/workflow-builder');

let counter = 0;

/** A chain workflow with a bench id (16 characters, like n8n's own ids). */
function workflow(name, steps, options) {
	const built = chainWorkflow(name, steps, options);
	const id = `kycBench${String(++counter).padStart(8, '0')}`;
	const rename = (value) => (typeof value === 'string' ? value.replace(built.id, id) : value);
	built.nodes = built.nodes.map((node) => ({ ...node, id: rename(node.id) }));
	return { ...built, id };
}

/** Crypto node (typeVersion 1): hex HMAC-SHA256 of `value` with Veriff's shared secret into `signature`. */
function veriffSignStep(secret, value) {
	return {
		name: 'Sign',
		type: 'n8n-nodes-base.crypto',
		typeVersion: 1,
		parameters: {
			action: 'hmac',
			type: 'SHA256',
			value,
			dataPropertyName: 'signature',
			secret,
			encoding: 'hex',
		},
	};
}

/** The two Veriff headers, the signature taken from the Crypto node's output. */
function veriffHeaders(apiKey) {
	return {
		sendHeaders: true,
		specifyHeaders: 'keypair',
		headerParameters: {
			parameters: [
				{ name: 'X-AUTH-CLIENT', value: apiKey },
				{ name: 'X-HMAC-SIGNATURE', value: '={{ $json.signature }}' },
			],
		},
	};
}

function buildWorkflows({ urls, credentials, ids, upload, listing }) {
	const veriffCredential = {
		veriffApi: { id: credentials.veriff.id, name: credentials.veriff.name },
	};
	const unit21Credential = {
		unit21Api: { id: credentials.unit21.id, name: credentials.unit21.name },
	};
	const { apiKey, sharedSecret } = credentials.veriff.data;
	const unit21Key = credentials.unit21.data.apiKey;
	const org = credentials.unit21.data.orgName;

	// ── 1/2: one download ─────────────────────────────────────────────────────────────
	const download = {};
	for (const [label, mediaId] of Object.entries(ids.downloads)) {
		download[label] = {
			ours: workflow(`bench download ${label} (Veriff node)`, [
				{
					name: 'Download',
					type: 'veriff',
					credentials: veriffCredential,
					parameters: {
						resource: 'media',
						operation: 'download',
						mediaId,
						binaryPropertyName: 'data',
						options: {},
					},
				},
			]),
			http: workflow(`bench download ${label} (Crypto + HTTP Request)`, [
				veriffSignStep(sharedSecret, mediaId),
				{
					name: 'Download',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					parameters: {
						method: 'GET',
						url: `${urls.veriff}/v1/media/${mediaId}`,
						...veriffHeaders(apiKey),
						options: {
							response: { response: { responseFormat: 'file', outputPropertyName: 'data' } },
						},
					},
				},
			]),
		};
	}

	// ── 3: many files already in n8n → Unit21 ────────────────────────────────────────────
	// The files come from Veriff in the same workflow (our Download Media for both), so the
	// upload node is measured on binaries that sit in n8n's binary store.
	const uploadItems = upload.items; // [{id: mediaId, entityId}]
	const fetchStep = {
		name: 'Fetch files',
		type: 'veriff',
		credentials: veriffCredential,
		parameters: {
			resource: 'media',
			operation: 'download',
			mediaId: '={{ $json.id }}',
			binaryPropertyName: 'data',
			options: {},
		},
	};
	const metadata = JSON.stringify({ media_type: upload.mediaType, source: 'veriff' });
	const uploads = {
		ours: workflow(
			'bench uploads (Unit21 node)',
			[
				fetchStep,
				{
					name: 'Upload',
					type: 'unit21',
					credentials: unit21Credential,
					parameters: {
						resource: 'entity',
						operation: 'addMedia',
						entityId: '={{ $json.entityId }}',
						binaryPropertyName: 'data',
						mediaType: upload.mediaType,
						options: { source: 'veriff' },
					},
				},
			],
			{ items: uploadItems },
		),
		http: workflow(
			'bench uploads (HTTP Request multipart)',
			[
				fetchStep,
				{
					name: 'Upload',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					parameters: {
						method: 'PUT',
						url: `=${urls.unit21}/v1/${org}/entities/{{ encodeURIComponent($json.entityId) }}/link-media`,
						sendHeaders: true,
						specifyHeaders: 'keypair',
						headerParameters: { parameters: [{ name: 'u21-key', value: unit21Key }] },
						sendBody: true,
						contentType: 'multipart-form-data',
						bodyParameters: {
							parameters: [
								{ parameterType: 'formBinaryData', name: 'data', inputDataFieldName: 'data' },
								{ parameterType: 'formData', name: 'data', value: metadata },
							],
						},
						options: {},
					},
				},
			],
			{ items: uploadItems },
		),
	};

	// ── 4: list the media of many sessions ──────────────────────────────────────────────
	const sessionItems = listing.sessionIds.map((sessionId) => ({ sessionId }));
	const listStep = (name, options) => ({
		name,
		type: 'veriff',
		credentials: veriffCredential,
		parameters: {
			resource: 'media',
			operation: 'listSessionMedia',
			sessionId: '={{ $json.sessionId }}',
			attempt: 'latest',
			mediaTypes: ['image', 'video', 'nfcDocument'],
			captures: 'all',
			options,
		},
	});
	const lists = {
		ours: workflow(
			'bench listing (Veriff node)',
			[listStep('List', listing.parallel ? { requestsInParallel: listing.parallel } : {})],
			{
				items: sessionItems,
			},
		),
		oursSerial: workflow(
			'bench listing (Veriff node, one at a time)',
			[listStep('List', { requestsInParallel: 1 })],
			{
				items: sessionItems,
			},
		),
		http: workflow(
			'bench listing (Crypto + HTTP Request)',
			[
				veriffSignStep(sharedSecret, '={{ $json.sessionId }}'),
				{
					name: 'List',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					parameters: {
						method: 'GET',
						url: `=${urls.veriff}/v1/sessions/{{ $json.sessionId }}/media`,
						...veriffHeaders(apiKey),
						options: {},
					},
				},
			],
			{ items: sessionItems },
		),
	};

	return { download, uploads, lists };
}

module.exports = { buildWorkflows };
