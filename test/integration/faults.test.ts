/**
 * Reliability table: each row injects one fault into a vendor simulator (sim.injectFault)
 * and runs one operation through real n8n-core. Rows say what must happen: success after
 * a retry, or a clear failure, how many requests the simulator saw, how long it took,
 * that no partial file is left in n8n's binary store, and that no secret leaks.
 */
import { statSync } from 'node:fs';

import type { IDataObject } from 'n8n-workflow';

import { binaryBytes } from '../helpers/n8n';
import type { RunNodeResult } from '../helpers/n8n';
import {
	binaryFilesOfExecution,
	credentialsSentTo,
	expectNoSecrets,
	nodeRunner,
	params,
	sha256,
	storeBinary,
} from '../helpers/scenario';
import { DEMO, startSumsubSimulator, startUnit21Simulator, startVeriffSimulator } from '../helpers/simulators';

jest.setTimeout(30_000);

const V = DEMO.veriff;
const S = DEMO.sumsub;
const U = DEMO.unit21;

let veriff: any;
let sumsub: any;
let unit21: any;
const uploadBytes = Buffer.from('%PDF-1.4\n% proof of address, scanned at the branch\n%%EOF\n');
let uploadBinary: IDataObject;

beforeAll(async () => {
	[veriff, sumsub, unit21] = await Promise.all([startVeriffSimulator({}), startSumsubSimulator({}), startUnit21Simulator({})]);
	uploadBinary = (await storeBinary(uploadBytes, 'proof-of-address.pdf', 'application/pdf')) as unknown as IDataObject;
});
afterAll(async () => {
	await Promise.all([veriff?.close(), sumsub?.close(), unit21?.close()]);
});
const veriffNode = nodeRunner('veriff', () => veriff);
const sumsubNode = nodeRunner('sumsub', () => sumsub);
const unit21Node = nodeRunner('unit21', () => unit21);

// ---------------------------------------------------------------------------------------
// Operations under test
// ---------------------------------------------------------------------------------------

type Kind = 'json' | 'download' | 'upload';
interface Operation {
	sim: () => any;
	kind: Kind;
	/** The path the fault is injected on (the operation's only request). */
	path: string;
	run(options: IDataObject, cancelAfterMs?: number): Promise<RunNodeResult>;
	/** Asserts the successful result is exactly what the simulator serves/received. */
	verify(result: RunNodeResult): Promise<void>;
}

const OPERATIONS: Record<string, Operation> = {
	'Veriff listSessionMedia': {
		sim: () => veriff,
		kind: 'json',
		path: `/v1/sessions/${V.sessionApproved}/media`,
		run: async (options, cancelAfterMs) => await veriffNode.run(params.veriffList(V.sessionApproved, options), { cancelAfterMs }),
		async verify(result) {
			expect(result.items.map((i) => i.json.id)).toEqual([
				V.media.documentFront,
				V.media.documentFrontPre,
				V.media.documentBack,
				V.media.documentBackPre,
				V.media.face,
				V.media.facePre,
				V.media.selfidVideo,
				V.media.documentNfc,
			]);
		},
	},
	'Veriff download': {
		sim: () => veriff,
		kind: 'download',
		path: `/v1/media/${V.media.selfidVideo}`,
		run: async (options, cancelAfterMs) => await veriffNode.run(params.veriffDownload(V.media.selfidVideo, options), { cancelAfterMs }),
		async verify(result) {
			expect(result.items).toHaveLength(1);
			expect(result.items[0].binary!.data.bytes).toBe(V.videoSize);
			expect(sha256(await binaryBytes(result.items[0]))).toBe(await veriff.mediaSha256(V.media.selfidVideo));
		},
	},
	'Sumsub getVideoCallData': {
		sim: () => sumsub,
		kind: 'json',
		path: `/resources/inspections/${S.inspectionCompleted}`,
		run: async (options, cancelAfterMs) => await sumsubNode.run(params.sumsubVideoCall(S.inspectionCompleted, options), { cancelAfterMs }),
		async verify(result) {
			expect(result.items).toHaveLength(1);
			expect(result.items[0].json.id).toBe(S.inspectionCompleted);
			const data = result.items[0].json.videoIdentData as { compositions: Array<{ compositionMediaId: string }> };
			expect(data.compositions.map((c) => c.compositionMediaId)).toEqual(S.compositions);
		},
	},
	'Sumsub downloadRecording': {
		sim: () => sumsub,
		kind: 'download',
		path: `/resources/videoIdent/applicant/${S.applicantCompleted}/media/${S.compositions[0]}`,
		run: async (options, cancelAfterMs) =>
			await sumsubNode.run(params.sumsubRecording(S.applicantCompleted, S.compositions[0], options), { cancelAfterMs }),
		async verify(result) {
			expect(result.items).toHaveLength(1);
			expect(result.items[0].binary!.data.bytes).toBe(S.compositionSizes[0]);
			expect(sha256(await binaryBytes(result.items[0]))).toBe(await sumsub.mediaSha256(S.compositions[0]));
		},
	},
	'Sumsub listDocuments': {
		sim: () => sumsub,
		kind: 'json',
		path: `/resources/applicants/${S.applicantCompleted}/metadata/resources`,
		run: async (options, cancelAfterMs) => await sumsubNode.run(params.sumsubDocuments(S.applicantCompleted, { options }), { cancelAfterMs }),
		async verify(result) {
			expect(result.items.map((i) => i.json.imageId)).toEqual([
				S.images.passportFront,
				S.images.rejected,
				S.images.selfie,
				S.images.idCardFront,
				S.images.idCardBack,
			]);
			expect(result.items.map((i) => i.json.unit21MediaType)).toEqual([
				'IMAGE_PASSPORT_FRONT',
				'IMAGE_ID_CARD_FRONT',
				'IMAGE_FACE_IMAGE',
				'IMAGE_ID_CARD_FRONT',
				'IMAGE_ID_CARD_BACK',
			]);
		},
	},
	'Sumsub downloadImage': {
		sim: () => sumsub,
		kind: 'download',
		path: `/resources/applicants/${S.applicantCompleted}/resources/${S.images.idCardFront}`,
		run: async (options, cancelAfterMs) =>
			await sumsubNode.run(params.sumsubDownloadImage(S.applicantCompleted, S.images.idCardFront, options), { cancelAfterMs }),
		async verify(result) {
			expect(result.items).toHaveLength(1);
			expect(result.items[0].binary!.data.mimeType).toBe('image/jpeg');
			expect(sha256(await binaryBytes(result.items[0]))).toBe(await sumsub.mediaSha256(S.images.idCardFront));
		},
	},
	'Unit21 entity addMedia': {
		sim: () => unit21,
		kind: 'upload',
		path: `/v1/${U.orgName}/entities/${U.entity}/link-media`,
		run: async (options, cancelAfterMs) =>
			await unit21Node.run(params.unit21('entity', U.entity, { mediaType: 'IMAGE_PROFILE_PICTURE', options }), {
				input: [{ json: {}, binary: { data: uploadBinary as never } }],
				cancelAfterMs,
			}),
		async verify() {
			expect(unit21.uploads).toHaveLength(1);
			expect(unit21.uploads[0].files[0]).toMatchObject({ fileName: 'proof-of-address.pdf', sha256: sha256(uploadBytes) });
		},
	},
	'Unit21 entity get': {
		sim: () => unit21,
		kind: 'json',
		path: `/v1/${U.orgName}/entities/${U.entity}`,
		run: async (options, cancelAfterMs) => await unit21Node.run(params.unit21GetEntity(U.entity, options), { cancelAfterMs }),
		async verify(result) {
			expect(result.items).toHaveLength(1);
			expect(result.items[0].json).toMatchObject({ entityId: U.entity, custom_data: { veriff_session_id: V.sessionApproved } });
		},
	},
	// An upsert is idempotent (Unit21 ignores an identical repeat), so it is resent like a read.
	'Unit21 entity upsert': {
		sim: () => unit21,
		kind: 'json',
		path: '/v1/entities/create',
		run: async (options, cancelAfterMs) =>
			await unit21Node.run(params.unit21UpsertEntity(U.entity2, { customData: '{"fault_row": "stored"}', options }), { cancelAfterMs }),
		async verify(result) {
			expect(result.items).toHaveLength(1);
			expect(result.items[0].json).toMatchObject({ entityId: U.entity2, previously_existed: true });
			expect(unit21.getEntityData(U.entity2).custom_data).toEqual({ veriff_session_id: V.sessionImagesOnly, fault_row: 'stored' });
		},
	},
};
const ENTITY = ['Unit21 entity get', 'Unit21 entity upsert'];
const GETS = [
	'Veriff listSessionMedia',
	'Veriff download',
	'Sumsub getVideoCallData',
	'Sumsub downloadRecording',
	'Sumsub listDocuments',
	'Sumsub downloadImage',
	...ENTITY,
];
const JSON_GETS = ['Veriff listSessionMedia', 'Sumsub getVideoCallData', 'Sumsub listDocuments', ...ENTITY];
const DOWNLOADS = ['Veriff download', 'Sumsub downloadRecording', 'Sumsub downloadImage'];
const UPLOAD = 'Unit21 entity addMedia';
const ALL = [...GETS, UPLOAD];

// ---------------------------------------------------------------------------------------
// Faults
// ---------------------------------------------------------------------------------------

interface Fault {
	inject: IDataObject;
	/** The operation's Options for this row (reliability settings). */
	options?: IDataObject;
	cancelAfterMs?: number;
}

const FAULTS: Record<string, Fault> = {
	'429 with Retry-After: 1, then success': { inject: { status: 429, headers: { 'Retry-After': '1' } } },
	'429 without Retry-After, then success': { inject: { status: 429 } },
	'429 forever, Max Retries 2': { inject: { status: 429, times: Infinity }, options: { maxRetries: 2 } },
	'Retry-After: 120 beyond Max Total Retry Wait of 5 s': {
		inject: { status: 429, headers: { 'Retry-After': '120' } },
		options: { maxRetryWaitSeconds: 5 },
	},
	'423 Locked, then success': { inject: { status: 423 } },
	'500': { inject: { status: 500 } },
	'503, then success': { inject: { status: 503 } },
	'502 once': { inject: { status: 502 } },
	'connection reset before the response': { inject: { reset: 'before-response' } },
	'connection reset in the middle of the body': { inject: { reset: 'mid-body' } },
	'body truncated (Content-Length not reached)': { inject: { truncate: true } },
	'server answers after 3 s, Timeout 1 s': { inject: { delayMs: 3000, times: Infinity }, options: { timeoutSeconds: 1, maxRetries: 1 } },
	'body stalls for 2 s, Timeout 1 s': { inject: { slowBodyMs: 2000 }, options: { timeoutSeconds: 1 } },
	'tampered response signature': { inject: { tamperSignature: true } },
	'cancelled during a Retry-After: 30 wait': { inject: { status: 429, headers: { 'Retry-After': '30' } }, cancelAfterMs: 500 },
};

type Expected =
	| { ok: true; requests: number; minMs?: number; maxMs?: number }
	| {
			ok: false;
			requests: number;
			message: RegExp;
			description?: RegExp;
			/** The description must NOT say this. */
			notDescription?: RegExp;
			maxMs?: number;
	  };

interface Row {
	fault: string;
	operation: string;
	expected: Expected;
}

const rowsFor = (fault: string, operations: string[], expected: Expected | ((operation: string) => Expected)): Row[] =>
	operations.map((operation) => ({ fault, operation, expected: typeof expected === 'function' ? expected(operation) : expected }));

const VENDOR_429 = /says "Too many requests\.?" \(code (1102|too-many-requests|rate_limit_exceeded), HTTP 429\)$/;
const VENDOR_500 = /says "(Something went wrong\.|Internal server error)" \(code (1102|internal-error|internal_server_error), HTTP 500\)$/;
const MAY_HAVE_BEEN_APPLIED = /sent in full before Unit21 failed, so it may have been applied: it was not resent/;
const DROPPED_AFTER_SENDING = /The connection dropped after the request was sent, so Unit21 may have applied it/;
const UPLOAD_DROPPED = /^Adding a file to Unit21 entity cust-1001 failed: the connection to Unit21 dropped before it answered \(connection reset\)$/;

const ROWS: Row[] = [
	...rowsFor('429 with Retry-After: 1, then success', ALL, { ok: true, requests: 2, minMs: 950 }),
	...rowsFor('429 without Retry-After, then success', ALL, { ok: true, requests: 2, minMs: 240 }),
	...rowsFor('429 forever, Max Retries 2', ALL, { ok: false, requests: 3, message: VENDOR_429, description: /Tried 3 times\./ }),
	...rowsFor('Retry-After: 120 beyond Max Total Retry Wait of 5 s', ALL, {
		ok: false,
		requests: 1,
		message: VENDOR_429,
		description: /asked to wait longer than "Max Total Retry Wait" allows/,
		maxMs: 3000,
	}),
	...rowsFor('423 Locked, then success', [UPLOAD, ...ENTITY], { ok: true, requests: 2 }),
	...rowsFor('500', GETS, { ok: false, requests: 1, message: VENDOR_500, notDescription: /may have been applied/ }),
	...rowsFor('500', [UPLOAD], { ok: false, requests: 1, message: VENDOR_500, description: MAY_HAVE_BEEN_APPLIED }),
	...rowsFor('503, then success', ALL, { ok: true, requests: 2 }),
	...rowsFor('502 once', GETS, { ok: true, requests: 2 }),
	...rowsFor('502 once', [UPLOAD], { ok: false, requests: 1, message: /says "Bad gateway" \(code bad_gateway, HTTP 502\)$/, description: MAY_HAVE_BEEN_APPLIED }),
	...rowsFor('connection reset before the response', GETS, { ok: true, requests: 2 }),
	...rowsFor('connection reset before the response', [UPLOAD], { ok: false, requests: 1, message: UPLOAD_DROPPED, description: DROPPED_AFTER_SENDING }),
	...rowsFor('connection reset in the middle of the body', JSON_GETS, { ok: true, requests: 2 }),
	...rowsFor('connection reset in the middle of the body', DOWNLOADS, {
		ok: false,
		requests: 1,
		message: /failed: the connection dropped after \d+ of \d+ bytes: the transfer was cut short$/,
		description: /Nothing was kept of the partial file/,
	}),
	...rowsFor('connection reset in the middle of the body', [UPLOAD], { ok: false, requests: 1, message: UPLOAD_DROPPED, description: DROPPED_AFTER_SENDING }),
	...rowsFor('body truncated (Content-Length not reached)', JSON_GETS, { ok: true, requests: 2 }),
	...rowsFor('body truncated (Content-Length not reached)', DOWNLOADS, {
		ok: false,
		requests: 1,
		message: /failed: the connection dropped after \d+ of \d+ bytes: the transfer was cut short$/,
		description: /Nothing was kept of the partial file/,
	}),
	...rowsFor('body truncated (Content-Length not reached)', [UPLOAD], { ok: false, requests: 1, message: UPLOAD_DROPPED, description: DROPPED_AFTER_SENDING }),
	...rowsFor('server answers after 3 s, Timeout 1 s', GETS, (operation) => ({
		ok: false,
		requests: 2,
		message: new RegExp(`failed: no answer from ${operation.split(' ')[0]} within 1 s$`),
		description: /Tried 2 times\./,
		maxMs: 4500,
	})),
	...rowsFor('server answers after 3 s, Timeout 1 s', [UPLOAD], {
		ok: false,
		requests: 1,
		message: /failed: no answer from Unit21 within 1 s$/,
		description: DROPPED_AFTER_SENDING,
		maxMs: 2500,
	}),
	...rowsFor('body stalls for 2 s, Timeout 1 s', DOWNLOADS, {
		ok: false,
		requests: 1,
		message: /failed: no data arrived for 1 s \(received \d+ bytes\)$/,
		description: /Nothing was kept of the partial file/,
		maxMs: 2500,
	}),
	...rowsFor('tampered response signature', ['Veriff listSessionMedia'], {
		ok: false,
		requests: 1,
		message: /failed: the response's signature does not match its content$/,
		description: /may not come from Veriff or was changed on the way/,
	}),
	...rowsFor('cancelled during a Retry-After: 30 wait', ALL, { ok: false, requests: 1, message: /^The execution was cancelled$/, maxMs: 2000 }),
];

describe('fault table', () => {
	beforeEach(() => {
		for (const sim of [veriff, sumsub, unit21]) {
			sim.clearFaults();
			sim.clearRequests();
		}
		unit21.clearUploads();
	});

	it.each(ROWS)('$fault → $operation', async ({ fault: faultName, operation: operationName, expected }) => {
		const fault = FAULTS[faultName];
		const operation = OPERATIONS[operationName];
		const sim = operation.sim();
		sim.injectFault({ path: operation.path, ...fault.inject });

		const started = Date.now();
		const result = await operation.run(fault.options ?? {}, fault.cancelAfterMs);
		const elapsed = Date.now() - started;

		expect(sim.requests.map((r: any) => r.path.split('?')[0])).toEqual(Array(expected.requests).fill(operation.path));
		if (expected.ok) {
			expect(result.error).toBeUndefined();
			await operation.verify(result);
			if (expected.minMs !== undefined) expect(elapsed).toBeGreaterThanOrEqual(expected.minMs);
		} else {
			expect(result.error).toBeDefined();
			expect(result.error!.message).toMatch(expected.message);
			if (expected.description) expect(result.error!.description).toMatch(expected.description);
			if (expected.notDescription) expect(String(result.error!.description ?? '')).not.toMatch(expected.notDescription);
			expect(result.items).toEqual([]);
			if (operation.kind === 'download') expect(binaryFilesOfExecution(result.executionId)).toEqual([]);
			if (operation.kind === 'upload') expect(unit21.uploads.length).toBeLessThanOrEqual(1);
			// Neither the secrets nor the signatures computed with them.
			expectNoSecrets(result, credentialsSentTo(sim));
		}
		if (expected.maxMs !== undefined) expect(elapsed).toBeLessThan(expected.maxMs);
	});
});

describe('continue on fail under faults', () => {
	beforeEach(() => {
		veriff.clearFaults();
		veriff.clearRequests();
	});

	it('a download cut short becomes an error item; the other items keep their files', async () => {
		veriff.injectFault({ path: `/v1/media/${V.media.documentBack}`, reset: 'mid-body' });
		const ids = [V.media.documentFront, V.media.documentBack, V.media.face];
		const result = await veriffNode.run(params.veriffDownload('={{ $json.id }}', { requestsInParallel: 1 }), {
			input: ids.map((id) => ({ json: { id } })),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[1]).toEqual({
			json: {
				error: expect.stringMatching(/^Downloading Veriff media .* failed: the connection dropped after \d+ of \d+ bytes/),
				errorDescription: 'Nothing was kept of the partial file. Run the item again to retry the download.',
			},
			pairedItem: { item: 1 },
		});
		for (const n of [0, 2]) expect(sha256(await binaryBytes(result.items[n]))).toBe(await veriff.mediaSha256(ids[n]));
		// Two stored files (with their metadata), none for the failed item.
		expect(binaryFilesOfExecution(result.executionId).filter((f) => !f.endsWith('.metadata'))).toHaveLength(2);
		expectNoSecrets(result, credentialsSentTo(veriff));
	});
});

describe('Sumsub document images: errors on the binary route never become files', () => {
	const image = S.images.idCardFront;
	const applicantPath = `/resources/applicants/${S.applicantCompleted}/resources/${image}`;
	const inspectionPath = `/resources/inspections/${S.inspectionCompleted}/resources/${image}`;
	const lookupPath = `/resources/applicants/${S.applicantCompleted}/one`;
	const download = (options: IDataObject = {}) => sumsubNode.run(params.sumsubDownloadImage(S.applicantCompleted, image, options));
	const statuses = () => sumsub.requests.map((r: any) => [r.path, r.status]);

	beforeEach(() => {
		sumsub.clearFaults();
		sumsub.clearRequests();
		sumsub.setApplicantImagePath(true);
		sumsub.setInspectionImagePath(true);
	});
	beforeAll(async () => {
		// The first download of the process stores one empty file to learn n8n's binary data mode
		// (threadUsable.ts); let that happen in an execution of its own, not in a checked one.
		expect((await download()).error).toBeUndefined();
	});
	afterAll(() => {
		sumsub.setApplicantImagePath(true);
		sumsub.setInspectionImagePath(true);
	});

	/** The item failed, nothing is left in n8n's binary store, and no secret shows. */
	function expectNoFile(result: RunNodeResult) {
		expect(result.items).toEqual([]);
		expect(binaryFilesOfExecution(result.executionId)).toEqual([]);
		expectNoSecrets(result, credentialsSentTo(sumsub));
	}

	it.each([
		['both paths switched off', () => (sumsub.setApplicantImagePath(false), sumsub.setInspectionImagePath(false))],
		[
			'a 404 injected on both paths',
			() => {
				sumsub.injectFault({ path: applicantPath, status: 404 });
				sumsub.injectFault({ path: inspectionPath, status: 404 });
			},
		],
	])('the plain JSON 404 on both paths (%s) → a clear 404 error after the fallback, no file', async (_how, arrange) => {
		arrange();
		const result = await download();
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(`Downloading Sumsub document image ${image} failed: Sumsub says "HTTP 404 Not Found" (HTTP 404)`);
		expect(result.error?.description).toMatch(/^Sumsub does not know this id\. .* correlationId [0-9a-f]{32} \(quote it to Sumsub support\)$/);
		expect(result.error?.httpCode).toBe('404');
		expect(statuses()).toEqual([
			[applicantPath, 404],
			[lookupPath, 200],
			[inspectionPath, 404],
		]);
		expectNoFile(result);
	});

	const SUMSUB_404_AS_200 = { description: 'HTTP 404 Not Found', code: 404, correlationId: 'b628a7fb9d2c4e1f8a3b5c7d9e0f1a2b' };

	it.each(['application/json', 'application/json; charset=utf-8', 'application/problem+json'])(
		'a 200 answered with %s on the image route fails with Sumsub\'s message: no file, no fallback, not retried',
		async (contentType) => {
			sumsub.injectFault({ path: applicantPath, status: 200, body: SUMSUB_404_AS_200, headers: { 'content-type': contentType } });
			const result = await download();
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe(
				`Downloading Sumsub document image ${image} failed: Sumsub answered with a message instead of the file: "HTTP 404 Not Found"`,
			);
			expect(result.error?.description).toBe('correlationId b628a7fb9d2c4e1f8a3b5c7d9e0f1a2b (quote it to Sumsub support) No file was stored.');
			expect(statuses()).toEqual([[applicantPath, 200]]);
			expect(sumsub.imageRequestCounts()).toEqual({ applicant: { requests: 1, ok: 1 }, inspection: { requests: 0, ok: 0 } });
			expectNoFile(result);
		},
	);

	it('a 200 JSON in Sumsub\'s full error shape names its errorName; on the inspection path too', async () => {
		sumsub.injectFault({
			path: inspectionPath,
			status: 200,
			body: { description: 'Image is not available', code: 200, correlationId: 'req-0d6c5e2a-1b3f-4c8d-9e7a-2f4b6d8c0a1e', errorCode: 4004, errorName: 'image-not-available' },
		});
		const result = await download({ imagePath: 'inspection' });
		expect(result.error?.message).toBe(
			`Downloading Sumsub document image ${image} failed: Sumsub answered with a message instead of the file: "Image is not available" (code image-not-available)`,
		);
		expect(result.error?.description).toBe(
			'errorCode 4004, correlationId req-0d6c5e2a-1b3f-4c8d-9e7a-2f4b6d8c0a1e (quote it to Sumsub support) No file was stored.',
		);
		expect(statuses()).toEqual([
			[lookupPath, 200],
			[inspectionPath, 200],
		]);
		expectNoFile(result);
	});

	it('with Continue On Fail the JSON answer is an error item without binary; the next image is downloaded', async () => {
		sumsub.injectFault({ path: applicantPath, status: 200, body: SUMSUB_404_AS_200 });
		const input = [image, S.images.idCardBack].map((imageId) => ({ json: { applicantId: S.applicantCompleted, imageId } }));
		const result = await sumsubNode.run(params.sumsubDownloadImage('={{ $json.applicantId }}', '={{ $json.imageId }}', { requestsInParallel: 1 }), {
			input,
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toEqual({
			json: {
				error: `Downloading Sumsub document image ${image} failed: Sumsub answered with a message instead of the file: "HTTP 404 Not Found"`,
				errorDescription: 'correlationId b628a7fb9d2c4e1f8a3b5c7d9e0f1a2b (quote it to Sumsub support) No file was stored.',
			},
			pairedItem: { item: 0 },
		});
		expect(sha256(await binaryBytes(result.items[1]))).toBe(await sumsub.mediaSha256(S.images.idCardBack));
		expect(binaryFilesOfExecution(result.executionId).filter((f) => !f.endsWith('.metadata'))).toHaveLength(1);
	});

	it('502, 503 and 504 in a row on the image route are retried, then the file arrives intact', async () => {
		for (const status of [502, 503, 504]) sumsub.injectFault({ path: applicantPath, status });
		const result = await download();
		expect(result.error).toBeUndefined();
		expect(statuses()).toEqual([
			[applicantPath, 502],
			[applicantPath, 503],
			[applicantPath, 504],
			[applicantPath, 200],
		]);
		expect(sha256(await binaryBytes(result.items[0]))).toBe(await sumsub.mediaSha256(image));
	});

	it('a 503 on the inspection path after the fallback is retried too', async () => {
		sumsub.setApplicantImagePath(false);
		sumsub.injectFault({ path: inspectionPath, status: 503 });
		const result = await download();
		expect(result.error).toBeUndefined();
		expect(statuses()).toEqual([
			[applicantPath, 404],
			[lookupPath, 200],
			[inspectionPath, 503],
			[inspectionPath, 200],
		]);
		expect(sha256(await binaryBytes(result.items[0]))).toBe(await sumsub.mediaSha256(image));
	});

	it('List Documents → Download Document Image with one image cut short: that item fails, the others keep their files', async () => {
		const listed = await sumsubNode.run(params.sumsubDocuments(S.applicantCompleted, { onlyAccepted: true }));
		expect(listed.error).toBeUndefined();
		sumsub.clearRequests();
		sumsub.injectFault({ path: `/resources/applicants/${S.applicantCompleted}/resources/${S.images.selfie}`, truncate: true });
		const result = await sumsubNode.run(params.sumsubDownloadImage('={{ $json.applicantId }}', '={{ $json.imageId }}', { requestsInParallel: 1 }), {
			input: listed.items.map(({ json }) => ({ json })),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.imageId ?? 'error')).toEqual([S.images.passportFront, 'error', S.images.idCardFront, S.images.idCardBack]);
		expect(result.items[1]).toEqual({
			json: {
				error: expect.stringMatching(
					new RegExp(`^Downloading Sumsub document image ${S.images.selfie} failed: the connection dropped after \\d+ of \\d+ bytes: the transfer was cut short$`),
				),
				errorDescription: 'Nothing was kept of the partial file. Run the item again to retry the download.',
			},
			pairedItem: { item: 1 },
		});
		for (const n of [0, 2, 3]) {
			expect(sha256(await binaryBytes(result.items[n]))).toBe(await sumsub.mediaSha256(result.items[n].json.imageId));
		}
		expect(binaryFilesOfExecution(result.executionId).filter((f) => !f.endsWith('.metadata'))).toHaveLength(3);
		expectNoSecrets(result, credentialsSentTo(sumsub));
	});

	it('List Documents: 429 with Retry-After, then success (the listing is whole, in order)', async () => {
		sumsub.injectFault({ path: `/resources/applicants/${S.applicantCompleted}/metadata/resources`, status: 429, headers: { 'Retry-After': '1' } });
		const started = Date.now();
		const result = await sumsubNode.run(params.sumsubDocumentsByExternal(S.externalUserId));
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.imageId)).toEqual([S.images.passportFront, S.images.rejected, S.images.selfie, S.images.idCardFront, S.images.idCardBack]);
		expect(statuses()).toEqual([
			[`/resources/applicants/-;externalUserId=${S.externalUserId}/one`, 200],
			[`/resources/applicants/${S.applicantCompleted}/metadata/resources`, 429],
			[`/resources/applicants/${S.applicantCompleted}/metadata/resources`, 200],
		]);
	});
});

// A download cut short before n8n's binary store has started reading the body (it first creates
// the directory and opens the file) used to emit 'error' on a stream with no listener yet: an
// uncaught exception in n8n (download/failBody.ts). Many cut-short downloads in parallel widen
// that window; before the fix this failed in nearly every run.
describe('downloads cut short in parallel (race reproduction)', () => {
	const ROUNDS = 10;
	const ITEMS = 30;

	it.each([
		{
			operation: 'Veriff download',
			sim: () => veriff,
			path: `/v1/media/${V.media.selfidVideo}`,
			run: (input: Array<{ json: IDataObject }>) =>
				veriffNode.run(params.veriffDownload(V.media.selfidVideo, { requestsInParallel: 10 }), { input, continueOnFail: true }),
		},
	])('$operation: every item fails cleanly, nothing is left, no unhandled error', async ({ sim, path, run }) => {
		for (let round = 0; round < ROUNDS; round++) {
			sim().clearFaults();
			sim().injectFault({ path, reset: 'mid-body', times: Infinity });
			const result = await run(Array.from({ length: ITEMS }, () => ({ json: {} })));
			sim().clearFaults();
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => String(item.json.error))).toEqual(
				Array(ITEMS).fill(expect.stringMatching(/failed: the connection dropped after \d+ of \d+ bytes: the transfer was cut short$/)),
			);
			expect(binaryFilesOfExecution(result.executionId).filter((f) => !f.endsWith('.metadata') && statSync(f).size > 0)).toEqual([]);
		}
	});
});
