// The workflows the benchmark compares: our nodes, Crypto + HTTP Request, for each case.
'use strict';
/**
 * The benchmark's workflows: each case once with this package's node and once with n8n's own
 * nodes (Crypto for the vendor's HMAC + HTTP Request), built on the e2e suite's chain builder.
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

/**
 * Sumsub's signature with n8n's own nodes (n8n's Code node may not `require('crypto')` unless
 * NODE_FUNCTION_ALLOW_BUILTIN allows it): a Set node puts the timestamp and the path on the item,
 * a Crypto node the hex HMAC-SHA256 of ts + "GET" + path into `signature`.
 */
function sumsubSignSteps(prefix, secret, pathExpression) {
	return [
		{
			name: `${prefix} request`,
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: {
				assignments: {
					assignments: [
						{ id: 'ts', name: 'ts', value: '={{ Math.floor(Date.now() / 1000) }}', type: 'number' },
						{ id: 'path', name: 'path', value: pathExpression, type: 'string' },
					],
				},
				includeOtherFields: true,
				options: {},
			},
		},
		{
			name: `Sign ${prefix.toLowerCase()}`,
			type: 'n8n-nodes-base.crypto',
			typeVersion: 1,
			parameters: {
				action: 'hmac',
				type: 'SHA256',
				value: "={{ $json.ts + 'GET' + $json.path }}",
				dataPropertyName: 'signature',
				secret,
				encoding: 'hex',
			},
		},
	];
}

/** HTTP Request 4.2: a signed Sumsub GET of `$json.path`; `options` adds batching or a file response. */
function sumsubGetStep(name, baseUrl, appToken, options) {
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'GET',
			url: `=${baseUrl}{{ $json.path }}`,
			sendHeaders: true,
			specifyHeaders: 'keypair',
			headerParameters: {
				parameters: [
					{ name: 'X-App-Token', value: appToken },
					{ name: 'X-App-Access-Ts', value: '={{ $json.ts }}' },
					{ name: 'X-App-Access-Sig', value: '={{ $json.signature }}' },
				],
			},
			options,
		},
	};
}

function buildWorkflows({ urls, credentials, ids, upload, listing, documents }) {
	const veriffCredential = {
		veriffApi: { id: credentials.veriff.id, name: credentials.veriff.name },
	};
	const unit21Credential = {
		unit21Api: { id: credentials.unit21.id, name: credentials.unit21.name },
	};
	const { apiKey, sharedSecret } = credentials.veriff.data;
	const unit21Key = credentials.unit21.data.apiKey;
	const org = credentials.unit21.data.orgName;

	// ── 1/2 (and 6, in database binary mode): one download ───────────────────────────────
	const downloadPair = (label, mediaId) => ({
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
	});
	const download = {};
	for (const [label, mediaId] of Object.entries(ids.downloads))
		download[label] = downloadPair(label, mediaId);
	const database = {};
	for (const [key, mediaId] of Object.entries(ids.database ?? {}))
		database[key] = downloadPair(`database mode ${key}`, mediaId);

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

	// ── 5: list and download the document images of many Sumsub applicants ────────────
	const sumsubCredential = {
		sumsubApi: { id: credentials.sumsub.id, name: credentials.sumsub.name },
	};
	const { appToken, secretKey } = credentials.sumsub.data;
	const applicantItems = documents.applicantIds.map((applicantId) => ({ applicantId }));
	const batching = documents.httpBatch ? { batching: { batch: documents.httpBatch } } : {};
	const fileResponse = {
		response: { response: { responseFormat: 'file', outputPropertyName: 'data' } },
	};
	const httpDocuments = (name, options) =>
		workflow(
			name,
			[
				...sumsubSignSteps(
					'List',
					secretKey,
					'=/resources/applicants/{{ $json.applicantId }}/metadata/resources',
				),
				sumsubGetStep('List', urls.sumsub, appToken, options),
				{
					name: 'One item per image',
					type: 'n8n-nodes-base.splitOut',
					typeVersion: 1,
					parameters: { fieldToSplitOut: 'items', options: {} },
				},
				...sumsubSignSteps(
					'Download',
					secretKey,
					"=/resources/applicants/{{ $('List request').item.json.applicantId }}/resources/{{ $json.id }}",
				),
				sumsubGetStep('Download', urls.sumsub, appToken, { ...options, ...fileResponse }),
			],
			{ items: applicantItems },
		);
	const docs = {
		ours: workflow(
			'bench documents (Sumsub node)',
			[
				{
					name: 'List',
					type: 'sumsub',
					credentials: sumsubCredential,
					parameters: {
						resource: 'document',
						operation: 'list',
						lookupBy: 'applicantId',
						applicantId: '={{ $json.applicantId }}',
						onlyActive: true,
						onlyAccepted: false,
						options: {},
					},
				},
				{
					name: 'Download',
					type: 'sumsub',
					credentials: sumsubCredential,
					parameters: {
						resource: 'document',
						operation: 'downloadImage',
						applicantId: '={{ $json.applicantId }}',
						imageId: '={{ $json.imageId }}',
						binaryPropertyName: 'data',
						options: {},
					},
				},
			],
			{ items: applicantItems },
		),
		http: httpDocuments('bench documents (Crypto + HTTP Request, batched)', batching),
		httpUnlimited: httpDocuments('bench documents (Crypto + HTTP Request, all at once)', {}),
	};

	return { download, uploads, lists, documents: docs, database };
}

module.exports = { buildWorkflows };
