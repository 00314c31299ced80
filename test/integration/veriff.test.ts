/**
 * The Veriff action node against the Veriff simulator, executed by n8n-core's real
 * WorkflowExecute (parameters, expressions, credential signing, binary store are n8n's own).
 */
import { createHmac } from 'node:crypto';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { expectNoSecrets, pairedIndexes, sha256 } from '../helpers/assertions';
import { binaryBytes, TestCredentialsHelper } from '../helpers/n8n';
import { nodeRunner } from '../helpers/scenario';
import { DEMO, startVeriffSimulator } from '../helpers/simulators';

const V = DEMO.veriff;
const M = V.media;
const VIDEO_SIZE = 5 * 1024 * 1024; // big enough that the download really streams
const ALL_TYPES = ['image', 'video', 'nfcDocument'];

let sim: any;

beforeAll(async () => {
	sim = await startVeriffSimulator({ videoSize: VIDEO_SIZE });
});
afterAll(async () => sim.close());
beforeEach(() => {
	sim.clearFaults();
	sim.clearRequests();
});

const { run, runOk } = nodeRunner('veriff', () => sim, { noSecrets: true });

const list = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'media',
	operation: 'listSessionMedia',
	sessionId: V.sessionApproved,
	attempt: 'latest',
	mediaTypes: ALL_TYPES,
	captures: 'all',
	options: {},
	...overrides,
});
const download = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'media',
	operation: 'download',
	mediaId: '={{ $json.id }}',
	binaryPropertyName: 'data',
	options: {},
	...overrides,
});
const listAttempts = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'session',
	operation: 'listAttempts',
	sessionId: V.sessionApproved,
	options: {},
	...overrides,
});
const getDecision = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'session',
	operation: 'getDecision',
	sessionId: V.sessionApproved,
	options: {},
	...overrides,
});

/** GET from the simulator directly, signed here the way Veriff documents it (HMAC of the id). */
async function veriffDirect(path: string, signedId: string): Promise<unknown> {
	const { apiKey, sharedSecret } = DEMO.credentials.veriff;
	const response = await fetch(`${sim.url}/v1/${path}`, {
		headers: {
			'X-AUTH-CLIENT': apiKey,
			'X-HMAC-SIGNATURE': createHmac('sha256', sharedSecret).update(signedId).digest('hex'),
			'Content-Type': 'application/json',
		},
	});
	expect(response.status).toBe(200);
	return JSON.parse(await response.text());
}

type Kind = 'image' | 'video' | 'nfcDocument';
type DocumentKind = 'PASSPORT' | 'ID_CARD' | 'DRIVERS_LICENSE';

/**
 * VENDORS-EVIDENCE.md §4 (Veriff context → Unit21 media_type), written out for the contexts of
 * the demo sessions: document photos by the session's document type (an ID card when unknown),
 * every other context the same whatever the document. NFC data has no Unit21 type (null).
 */
const UNIT21_TYPE_OF_CONTEXT: Record<string, string | null | Record<DocumentKind, string>> = {
	'document-front': { PASSPORT: 'IMAGE_PASSPORT_FRONT', ID_CARD: 'IMAGE_ID_CARD_FRONT', DRIVERS_LICENSE: 'IMAGE_DRIVERS_LICENSE_FRONT' },
	'document-front-pre': { PASSPORT: 'IMAGE_PASSPORT_FRONT', ID_CARD: 'IMAGE_ID_CARD_FRONT', DRIVERS_LICENSE: 'IMAGE_DRIVERS_LICENSE_FRONT' },
	'document-back': { PASSPORT: 'IMAGE_PASSPORT_BACK', ID_CARD: 'IMAGE_ID_CARD_BACK', DRIVERS_LICENSE: 'IMAGE_DRIVERS_LICENSE_BACK' },
	'document-back-pre': { PASSPORT: 'IMAGE_PASSPORT_BACK', ID_CARD: 'IMAGE_ID_CARD_BACK', DRIVERS_LICENSE: 'IMAGE_DRIVERS_LICENSE_BACK' },
	face: 'IMAGE_FACE_IMAGE',
	'face-pre': 'IMAGE_FACE_IMAGE',
	selfid_video: 'VIDEO_SELFIE',
	'document-nfc': null,
};

function unit21TypeOf(context: string, documentKind: DocumentKind): string | null {
	if (!(context in UNIT21_TYPE_OF_CONTEXT)) throw new Error(`no expected Unit21 media type written down for context ${context}`);
	const entry = UNIT21_TYPE_OF_CONTEXT[context];
	return entry === null || typeof entry === 'string' ? entry : entry[documentKind];
}

/**
 * The normalized item DESIGN.md promises for one file, built from what the simulator holds;
 * `unit21MediaType` from the table above (the input item of these runs names no document: ID card).
 */
function expectedFile(id: string, type: Kind, extra: IDataObject = {}, documentKind: DocumentKind = 'ID_CARD'): IDataObject {
	const record = sim.media.get(id);
	const file: IDataObject = {
		id,
		type,
		name: record.name,
		context: record.context,
		mimetype: record.mimetype,
		size: record.content.size,
		url: `${sim.url}/v1/media/${id}`,
		sessionId: record.sessionId,
	};
	if (type === 'video') file.duration = Number(record.duration);
	file.unit21MediaType = unit21TypeOf(record.context, documentKind);
	return { ...file, ...extra };
}

const APPROVED_LATEST: Array<[string, Kind]> = [
	[M.documentFront, 'image'],
	[M.documentFrontPre, 'image'],
	[M.documentBack, 'image'],
	[M.documentBackPre, 'image'],
	[M.face, 'image'],
	[M.facePre, 'image'],
	[M.selfidVideo, 'video'],
	[M.documentNfc, 'nfcDocument'],
];

const ids = (items: INodeExecutionData[]) => items.map((item) => item.json.id);
const path = (request: { path: string }) => request.path;

describe('List Session Media', () => {
	describe('latest attempt', () => {
		it('returns one item per file with exactly the normalized fields (images, video, NFC)', async () => {
			const items = await runOk(list());

			expect(items.map((item) => item.json)).toStrictEqual(APPROVED_LATEST.map(([id, type]) => expectedFile(id, type)));
			expect(pairedIndexes(items)).toEqual(new Array(8).fill(0));
			// The literal values the demo seed promises, not only what the simulator holds.
			const video = items[6].json;
			expect(video).toMatchObject({ context: 'selfid_video', mimetype: 'video/webm', size: VIDEO_SIZE, duration: 4.5, unit21MediaType: 'VIDEO_SELFIE' });
			expect(items[7].json).toMatchObject({ context: 'document-nfc', mimetype: 'application/octet-stream', size: 3072, unit21MediaType: null });
			// No Get Decision item upstream: the document is taken for an ID card.
			expect(items.map((item) => item.json.unit21MediaType)).toEqual([
				'IMAGE_ID_CARD_FRONT',
				'IMAGE_ID_CARD_FRONT',
				'IMAGE_ID_CARD_BACK',
				'IMAGE_ID_CARD_BACK',
				'IMAGE_FACE_IMAGE',
				'IMAGE_FACE_IMAGE',
				'VIDEO_SELFIE',
				null,
			]);
			expect(Object.keys(items[0].json).sort()).toEqual(['context', 'id', 'mimetype', 'name', 'sessionId', 'size', 'type', 'unit21MediaType', 'url']);
			expect(Object.keys(video).sort()).toEqual(
				['context', 'duration', 'id', 'mimetype', 'name', 'sessionId', 'size', 'type', 'unit21MediaType', 'url'],
			);
			// One signed request, to the latest attempt's media list.
			expect(sim.requests.map(path)).toEqual([`/v1/sessions/${V.sessionApproved}/media`]);
			expect(sim.requests[0].status).toBe(200);
		});

		it('turns size and duration sent as strings into numbers', async () => {
			// What Veriff sent: strings.
			const raw = (await veriffDirect(`sessions/${V.sessionApproved}/media`, V.sessionApproved)) as any;
			expect(raw.videos[0].size).toBe(String(VIDEO_SIZE));
			expect(raw.videos[0].duration).toBe('4.5');

			const items = await runOk(list({ mediaTypes: ['video'] }));
			expect(items).toHaveLength(1);
			expect(items[0].json.size).toBe(VIDEO_SIZE);
			expect(items[0].json.duration).toBe(4.5);
		});

		it('handles a session without nfcDocuments (absent) and a size sent as a string', async () => {
			const raw = (await veriffDirect(`sessions/${V.sessionImagesOnly}/media`, V.sessionImagesOnly)) as any;
			expect(raw).not.toHaveProperty('nfcDocuments');
			expect(typeof raw.images[2].size).toBe('string');

			const items = await runOk(list({ sessionId: V.sessionImagesOnly }));
			expect(items.map((item) => item.json)).toStrictEqual([
				expectedFile(M.imagesOnlyDocumentFront, 'image'),
				expectedFile(M.imagesOnlyDocumentBack, 'image'),
				expectedFile(M.imagesOnlyFace, 'image'),
			]);
			expect(items[0].json.mimetype).toBe('image/png');
			expect(typeof items[2].json.size).toBe('number');
		});

		it('returns zero items for empty arrays and nfcDocuments: null', async () => {
			const raw = (await veriffDirect(`sessions/${V.sessionEmpty}/media`, V.sessionEmpty)) as any;
			expect(raw).toEqual({ status: 'success', images: [], videos: [], nfcDocuments: null });
			sim.clearRequests();

			const result = await run(list({ sessionId: V.sessionEmpty }));
			expect(result.error).toBeUndefined();
			expect(result.items).toEqual([]);
			expect(sim.requests.map(path)).toEqual([`/v1/sessions/${V.sessionEmpty}/media`]);
		});
	});

	describe('all attempts', () => {
		it('lists the attempts, then each attempt\'s media, newest attempt first, every file with its attemptId', async () => {
			const items = await runOk(list({ attempt: 'all' }));

			const A = V.attempts;
			expect(items.map((item) => item.json)).toStrictEqual([
				// newest attempt (GET /attempts/{id}/media carries images and videos)
				...APPROVED_LATEST.filter(([, type]) => type !== 'nfcDocument').map(([id, type]) =>
					expectedFile(id, type, { attemptId: A.approvedLatest }),
				),
				expectedFile(M.secondFace, 'image', { attemptId: A.approvedSecond }),
				expectedFile(M.secondDocumentFront, 'image', { attemptId: A.approvedSecond }),
				expectedFile(M.firstFace, 'image', { attemptId: A.approvedFirst }),
				expectedFile(M.firstDocumentFront, 'image', { attemptId: A.approvedFirst }),
			]);
			expect(pairedIndexes(items)).toEqual(new Array(items.length).fill(0));
			// One /attempts, then one /attempts/{id}/media per attempt, nothing else.
			expect(sim.requests.map(path)).toEqual([
				`/v1/sessions/${V.sessionApproved}/attempts`,
				`/v1/attempts/${A.approvedLatest}/media`,
				`/v1/attempts/${A.approvedSecond}/media`,
				`/v1/attempts/${A.approvedFirst}/media`,
			]);
			expect(sim.requests.every((request: { status: number }) => request.status === 200)).toBe(true);
		});
	});

	describe('specific attempt', () => {
		it('lists only that attempt\'s media with one request', async () => {
			const items = await runOk(list({ attempt: 'specific', attemptId: V.attempts.approvedSecond }));
			expect(items.map((item) => item.json)).toStrictEqual([
				expectedFile(M.secondFace, 'image', { attemptId: V.attempts.approvedSecond }),
				expectedFile(M.secondDocumentFront, 'image', { attemptId: V.attempts.approvedSecond }),
			]);
			expect(sim.requests.map(path)).toEqual([`/v1/attempts/${V.attempts.approvedSecond}/media`]);
		});
	});

	describe('filters', () => {
		it.each([
			['only videos', { mediaTypes: ['video'] }, [M.selfidVideo]],
			['only NFC documents', { mediaTypes: ['nfcDocument'] }, [M.documentNfc]],
			['images and videos', { mediaTypes: ['image', 'video'] }, APPROVED_LATEST.slice(0, 7).map(([id]) => id)],
			[
				'final captures (no "-pre")',
				{ captures: 'final' },
				[M.documentFront, M.documentBack, M.face, M.selfidVideo, M.documentNfc],
			],
			['first captures (only "-pre")', { mediaTypes: ['image', 'video'], captures: 'first' }, [M.documentFrontPre, M.documentBackPre, M.facePre]],
			['final images only', { mediaTypes: ['image'], captures: 'final' }, [M.documentFront, M.documentBack, M.face]],
			['contexts option', { options: { contexts: 'document-front, face' } }, [M.documentFront, M.face]],
			['contexts option with first captures', { captures: 'first', options: { contexts: 'face-pre,face' } }, [M.facePre]],
		])('%s', async (_label, overrides, expected) => {
			const items = await runOk(list(overrides as IDataObject));
			expect(ids(items)).toEqual(expected);
			const byId = new Map(APPROVED_LATEST);
			expect(items.map((item) => item.json)).toStrictEqual(expected.map((id) => expectedFile(id, byId.get(id)!)));
		});

		it('refuses an empty Media Types selection before any request', async () => {
			const result = await run(list({ mediaTypes: [] }));
			expect(result.error?.message).toBe('Media Types is empty (item 0)');
			expect(sim.requests).toHaveLength(0);
		});
	});

	describe('Unit21 media type (option Document Type, default: from the item)', () => {
		const approved = (documentKind: DocumentKind) => APPROVED_LATEST.map(([id, type]) => expectedFile(id, type, {}, documentKind));

		it('reads verification.document.type of a Get Decision item upstream (PASSPORT → IMAGE_PASSPORT_FRONT / _BACK)', async () => {
			const decision = await runOk(getDecision());
			expect((decision[0].json.verification as IDataObject).document).toMatchObject({ type: 'PASSPORT' });
			const items = await runOk(list({ sessionId: '={{ $json.sessionId }}' }), { input: decision.map(({ json }) => ({ json })) });
			expect(items.map((item) => item.json)).toStrictEqual(approved('PASSPORT'));
			expect(items.slice(0, 4).map((item) => item.json.unit21MediaType)).toEqual([
				'IMAGE_PASSPORT_FRONT',
				'IMAGE_PASSPORT_FRONT',
				'IMAGE_PASSPORT_BACK',
				'IMAGE_PASSPORT_BACK',
			]);
		});

		it('per item: each input item\'s own document type; a decision not yet made (verification null) means an ID card', async () => {
			const input = [
				{ json: { sessionId: V.sessionApproved, verification: { document: { type: 'DRIVERS_LICENSE', country: 'GB' } } } },
				{ json: { sessionId: V.sessionApproved, verification: null } },
				{ json: { sessionId: V.sessionApproved, verification: { document: { type: 'RESIDENCE_PERMIT' } } } },
				{ json: { sessionId: V.sessionApproved, verification: { document: { type: 'PASSPORT' } } } },
			];
			const items = await runOk(list({ sessionId: '={{ $json.sessionId }}', mediaTypes: ['image'], captures: 'final' }), { input });
			const finals: Array<[string, Kind]> = [[M.documentFront, 'image'], [M.documentBack, 'image'], [M.face, 'image']];
			expect(items.map((item) => item.json)).toStrictEqual(
				(['DRIVERS_LICENSE', 'ID_CARD', 'ID_CARD', 'PASSPORT'] as DocumentKind[]).flatMap((kind) => finals.map(([id, type]) => expectedFile(id, type, {}, kind))),
			);
			expect(pairedIndexes(items)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
		});

		it.each([
			['DRIVERS_LICENSE', 'DRIVERS_LICENSE'],
			['ID_CARD', 'ID_CARD'],
			['RESIDENCE_PERMIT', 'ID_CARD'],
			['PASSPORT', 'PASSPORT'],
		] as Array<[string, DocumentKind]>)('chosen as %s: wins over the Get Decision item', async (documentType, kind) => {
			const decision = await runOk(getDecision());
			const items = await runOk(list({ sessionId: '={{ $json.sessionId }}', options: { documentType } }), { input: decision.map(({ json }) => ({ json })) });
			expect(items.map((item) => item.json)).toStrictEqual(approved(kind));
		});

		it('all attempts: every attempt\'s photos get the session\'s document type', async () => {
			const decision = await runOk(getDecision());
			const items = await runOk(list({ sessionId: '={{ $json.sessionId }}', attempt: 'all', mediaTypes: ['image'], captures: 'final' }), {
				input: decision.map(({ json }) => ({ json })),
			});
			expect(items.map((item) => [item.json.context, item.json.unit21MediaType, item.json.attemptId])).toEqual([
				['document-front', 'IMAGE_PASSPORT_FRONT', V.attempts.approvedLatest],
				['document-back', 'IMAGE_PASSPORT_BACK', V.attempts.approvedLatest],
				['face', 'IMAGE_FACE_IMAGE', V.attempts.approvedLatest],
				['face', 'IMAGE_FACE_IMAGE', V.attempts.approvedSecond],
				['document-front', 'IMAGE_PASSPORT_FRONT', V.attempts.approvedSecond],
				['face', 'IMAGE_FACE_IMAGE', V.attempts.approvedFirst],
				['document-front', 'IMAGE_PASSPORT_FRONT', V.attempts.approvedFirst],
			]);
		});
	});

	describe('raw response', () => {
		it('returns Veriff\'s body unchanged (latest attempt)', async () => {
			const body = await veriffDirect(`sessions/${V.sessionApproved}/media`, V.sessionApproved);
			const items = await runOk(list({ options: { rawResponse: true } }));
			expect(items).toHaveLength(1);
			expect(items[0].json).toStrictEqual(body);
			expect((items[0].json as any).videos[0].size).toBe(String(VIDEO_SIZE)); // not normalized
		});

		it('returns one item per attempt with its attemptId (all attempts)', async () => {
			const A = V.attempts;
			const bodies = [];
			for (const attemptId of [A.approvedLatest, A.approvedSecond, A.approvedFirst]) {
				bodies.push({ attemptId, ...((await veriffDirect(`attempts/${attemptId}/media`, attemptId)) as object) });
			}
			const items = await runOk(list({ attempt: 'all', options: { rawResponse: true } }));
			expect(items.map((item) => item.json)).toStrictEqual(bodies);
		});
	});

	describe('several input items', () => {
		it('keeps input order and pairedItem while running items in parallel', async () => {
			// The first item's answer is held back, so with parallel requests it finishes last.
			sim.injectFault({ path: `/v1/sessions/${V.sessionApproved}/media`, delayMs: 600 });
			const input = [V.sessionApproved, V.sessionImagesOnly, V.sessionEmpty, V.sessionApproved].map((sessionId) => ({
				json: { sessionId },
			}));
			const items = await runOk(list({ sessionId: '={{ $json.sessionId }}', options: { requestsInParallel: 4 } }), { input });

			const approved = APPROVED_LATEST.map(([id]) => id);
			const imagesOnly = [M.imagesOnlyDocumentFront, M.imagesOnlyDocumentBack, M.imagesOnlyFace];
			expect(ids(items)).toEqual([...approved, ...imagesOnly, ...approved]);
			expect(pairedIndexes(items)).toEqual([...new Array(8).fill(0), 1, 1, 1, ...new Array(8).fill(3)]);
			expect(items.map((item) => item.json.sessionId)).toEqual([
				...new Array(8).fill(V.sessionApproved),
				...new Array(3).fill(V.sessionImagesOnly),
				...new Array(8).fill(V.sessionApproved),
			]);
			// All four requests were under way before the held-back answer came.
			expect(sim.requests).toHaveLength(4);
			const arrivals = sim.requests.map((request: { at: Date }) => request.at.getTime());
			expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(500);
		});

		it('reads the credential from n8n once for the whole run, not once per item', async () => {
			const input = Array.from({ length: 20 }, () => ({ json: { sessionId: V.sessionImagesOnly } }));
			const readsBefore = TestCredentialsHelper.decryptedReads;
			const items = await runOk(list({ sessionId: '={{ $json.sessionId }}' }), { input });
			expect(items).toHaveLength(20 * 3);
			expect(sim.requests).toHaveLength(20);
			expect(TestCredentialsHelper.decryptedReads - readsBefore).toBe(1);
		});
	});
});

describe('Download Media', () => {
	it('downloads every listed file byte for byte (images, 5 MiB webm video, NFC) with type and derived name', async () => {
		const listed = await runOk(list());
		sim.clearRequests();
		const items = await runOk(download(), { input: listed });

		expect(items).toHaveLength(APPROVED_LATEST.length);
		expect(pairedIndexes(items)).toEqual(APPROVED_LATEST.map((_, i) => i));
		const extension: Record<string, string> = { 'image/jpeg': 'jpg', 'video/webm': 'webm', 'application/octet-stream': 'bin' };
		for (const [i, [id]] of APPROVED_LATEST.entries()) {
			const item = items[i];
			const record = sim.media.get(id);
			const binary = item.binary!.data;
			expect(binary.mimeType).toBe(record.mimetype);
			expect(binary.fileName).toBe(`${record.context}-${id}.${extension[record.mimetype]}`);
			const bytes = await binaryBytes(item, 'data');
			expect(bytes.length).toBe(record.content.size);
			expect(sha256(bytes)).toBe(await sim.mediaSha256(id));
			// The listing item goes on, with the media id added.
			expect(item.json).toStrictEqual({ ...listed[i].json, mediaId: id });
		}
		expect(items[6].binary!.data.fileName).toBe(`selfid_video-${M.selfidVideo}.webm`);
		expect((await binaryBytes(items[6])).length).toBe(VIDEO_SIZE);
		expect(sim.requests.map(path)).toEqual(APPROVED_LATEST.map(([id]) => `/v1/media/${id}`));
	});

	it('takes the MIME type from Content-Type (PNG) and names the file veriff-<id> when the item is not the listing item', async () => {
		const items = await runOk(download({ mediaId: M.imagesOnlyDocumentFront }), { input: [{ json: { customer: 'c-17' } }] });
		const binary = items[0].binary!.data;
		expect(binary.mimeType).toBe('image/png');
		expect(binary.fileName).toBe(`veriff-${M.imagesOnlyDocumentFront}.png`);
		expect(sha256(await binaryBytes(items[0]))).toBe(await sim.mediaSha256(M.imagesOnlyDocumentFront));
		expect(items[0].json).toStrictEqual({ customer: 'c-17', mediaId: M.imagesOnlyDocumentFront });
	});

	it('does not trust the context of an item that describes another file', async () => {
		const items = await runOk(download({ mediaId: M.face }), {
			input: [{ json: { id: M.documentFront, context: 'document-front' } }],
		});
		expect(items[0].binary!.data.fileName).toBe(`veriff-${M.face}.jpg`);
		expect(sha256(await binaryBytes(items[0]))).toBe(await sim.mediaSha256(M.face));
	});

	it('downloads NFC data served as application/json', async () => {
		const { sessionId, attempts } = sim.addSession({
			attempts: [{ images: [], videos: [], nfcDocuments: [{ context: 'document-nfc', mimetype: 'application/json' }] }],
		});
		const nfcId = attempts[0].nfcDocuments[0];
		const listed = await runOk(list({ sessionId }));
		expect(listed.map((item) => item.json)).toStrictEqual([expectedFile(nfcId, 'nfcDocument')]);

		const items = await runOk(download(), { input: listed });
		const binary = items[0].binary!.data;
		expect(binary.mimeType).toBe('application/json');
		expect(binary.fileName).toBe(`document-nfc-${nfcId}.json`);
		const bytes = await binaryBytes(items[0]);
		expect(sha256(bytes)).toBe(await sim.mediaSha256(nfcId));
		expect(JSON.parse(bytes.toString('utf8'))).toMatchObject({ context: 'document-nfc', documentId: nfcId });
	});

	it('uses the File Name option when set', async () => {
		const items = await runOk(download({ mediaId: M.documentFront, options: { fileName: 'passport-front.jpg' } }));
		expect(items[0].binary!.data.fileName).toBe('passport-front.jpg');
		expect(items[0].binary!.data.mimeType).toBe('image/jpeg');
		expect(sha256(await binaryBytes(items[0]))).toBe(await sim.mediaSha256(M.documentFront));
	});

	it('writes to a custom binary property and keeps the input json and binaries', async () => {
		const first = await runOk(download({ mediaId: M.face }), { input: [{ json: { customer: 'c-17', note: 'keep me' } }] });
		const second = await runOk(download({ mediaId: M.documentBack, binaryPropertyName: 'documentBack' }), { input: first });

		const item = second[0];
		expect(Object.keys(item.binary!).sort()).toEqual(['data', 'documentBack']);
		expect(item.binary!.data).toStrictEqual(first[0].binary!.data);
		expect(sha256(await binaryBytes(item, 'data'))).toBe(await sim.mediaSha256(M.face));
		expect(sha256(await binaryBytes(item, 'documentBack'))).toBe(await sim.mediaSha256(M.documentBack));
		expect(item.binary!.documentBack.fileName).toBe(`veriff-${M.documentBack}.jpg`);
		expect(item.json).toStrictEqual({ customer: 'c-17', note: 'keep me', mediaId: M.documentBack });
	});

	it('refuses a binary property name that is not an identifier, before any request', async () => {
		const result = await run(download({ mediaId: M.face, binaryPropertyName: 'a b' }));
		expect(result.error?.message).toBe('Put Output File in Field "a b" is not a valid field name (item 0)');
		expect(sim.requests).toHaveLength(0);
	});
});

describe('List Attempts', () => {
	it('returns one item per attempt, newest first, createdTime null when Veriff leaves it out', async () => {
		const items = await runOk(listAttempts());
		const A = V.attempts;
		expect(items.map((item) => item.json)).toStrictEqual([
			{ sessionId: V.sessionApproved, attemptId: A.approvedLatest, status: 'approved', createdTime: '2024-03-14T10:15:27.322Z' },
			{ sessionId: V.sessionApproved, attemptId: A.approvedSecond, status: 'resubmission_requested', createdTime: '2024-03-14T10:02:11.908Z' },
			{ sessionId: V.sessionApproved, attemptId: A.approvedFirst, status: 'resubmission_requested', createdTime: null },
		]);
		expect(pairedIndexes(items)).toEqual([0, 0, 0]);
		expect(sim.requests.map(path)).toEqual([`/v1/sessions/${V.sessionApproved}/attempts`]);
	});

	it('returns Veriff\'s body unchanged with the raw option', async () => {
		const body = await veriffDirect(`sessions/${V.sessionApproved}/attempts`, V.sessionApproved);
		expect((body as any).verifications[2]).not.toHaveProperty('createdTime');
		const items = await runOk(listAttempts({ options: { rawResponse: true } }));
		expect(items.map((item) => item.json)).toStrictEqual([body]);
	});
});

describe('Get Decision', () => {
	it('returns the verification of a decided session, with the session id added', async () => {
		const body = (await veriffDirect(`sessions/${V.sessionApproved}/decision`, V.sessionApproved)) as IDataObject;
		const items = await runOk(getDecision());
		expect(items).toHaveLength(1);
		expect(items[0].json).toStrictEqual({ sessionId: V.sessionApproved, ...body });
		expect(items[0].json.verification).toMatchObject({ id: V.sessionApproved, status: 'approved', code: 9001 });
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('returns verification: null for an undecided session', async () => {
		const items = await runOk(getDecision({ sessionId: V.sessionImagesOnly }));
		expect(items[0].json).toStrictEqual({
			sessionId: V.sessionImagesOnly,
			status: 'success',
			verification: null,
			technicalData: { ip: null },
		});
	});
});

describe('errors', () => {
	const otherKey = '0b7f6a52-59c4-4f0e-8d51-6c2a0e4e7f11';

	it.each([
		{
			label: 'wrong API key',
			parameters: list(),
			credentials: { apiKey: otherKey },
			httpCode: '401',
			message: `Listing media of session ${V.sessionApproved} failed: Veriff says "Integration not found." (code 1803, HTTP 401)`,
			description: /API Key of the Veriff credential/,
		},
		{
			label: 'wrong shared secret',
			parameters: getDecision(),
			credentials: { sharedSecret: 'not-the-secret-of-this-integration' },
			httpCode: '401',
			message: new RegExp(`^Getting the decision of session ${V.sessionApproved} failed: Veriff says "Signature .* does not match .*" \\(code 1818, HTTP 401\\)$`),
			description: /Shared Secret Key of the Veriff credential/,
		},
		{
			label: 'unknown session (404)',
			parameters: listAttempts({ sessionId: V.sessionUnknown }),
			httpCode: '404',
			message: `Listing attempts of session ${V.sessionUnknown} failed: Veriff says "Session not found." (code 1102, HTTP 404)`,
			description: /Veriff does not know this id/,
		},
		{
			label: 'unknown media (404)',
			parameters: download({ mediaId: M.unknown }),
			httpCode: '404',
			message: `Downloading Veriff media ${M.unknown} failed: Veriff says "Media not found." (code 1102, HTTP 404)`,
			description: /Veriff does not know this id/,
		},
	])('$label → NodeApiError with Veriff\'s message and code', async ({ parameters, credentials: creds, httpCode, message, description }) => {
		const result = await run(parameters, { credentials: creds });
		expect(result.items).toEqual([]);
		const error = result.error!;
		expect(error.name).toBe('NodeApiError');
		if (typeof message === 'string') expect(error.message).toBe(message);
		else expect(error.message).toMatch(message);
		expect(error.description).toMatch(description);
		expect(error.httpCode).toBe(httpCode);
		expect(sim.requests).toHaveLength(1); // 401 and 404 are not retried
		expectNoSecrets([error], ['not-the-secret-of-this-integration']);
	});

	it('a 500 from Veriff → NodeApiError with the vendor message, not retried', async () => {
		sim.injectFault({ path: `/v1/sessions/${V.sessionApproved}/media`, status: 500 });
		const result = await run(list());
		expect(result.error!.name).toBe('NodeApiError');
		expect(result.error!.message).toBe(
			`Listing media of session ${V.sessionApproved} failed: Veriff says "Something went wrong." (code 1102, HTTP 500)`,
		);
		expect(result.error!.httpCode).toBe('500');
		expect(sim.requests.map((r: { status: number }) => r.status)).toEqual([500]);
	});

	it('continueOnFail: the failing item becomes an error item, the others go on', async () => {
		const input = [V.sessionImagesOnly, V.sessionUnknown, V.sessionApproved].map((sessionId) => ({ json: { sessionId } }));
		const result = await run(getDecision({ sessionId: '={{ $json.sessionId }}' }), { input, continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(pairedIndexes(result.items)).toEqual([0, 1, 2]);
		expect(result.items[0].json).toMatchObject({ sessionId: V.sessionImagesOnly, verification: null });
		expect(result.items[1].json).toStrictEqual({
			error: `Getting the decision of session ${V.sessionUnknown} failed: Veriff says "Session not found." (code 1102, HTTP 404)`,
			errorDescription: expect.stringMatching(/Veriff does not know this id/),
			httpCode: '404',
		});
		expect(result.items[2].json).toMatchObject({ sessionId: V.sessionApproved, verification: { status: 'approved' } });
		expect(sim.requests).toHaveLength(3);
	});

	describe('invalid ids fail before any request, naming the field and the item', () => {
		const valid = { sessionId: V.sessionApproved, id: M.face, attemptId: V.attempts.approvedSecond };
		const operations = [
			{ op: 'List Session Media', parameters: list({ sessionId: '={{ $json.sessionId }}' }), field: 'sessionId', label: 'Session ID' },
			{ op: 'List Session Media (specific attempt)', parameters: list({ attempt: 'specific', attemptId: '={{ $json.attemptId }}' }), field: 'attemptId', label: 'Attempt ID' },
			{ op: 'Download Media', parameters: download(), field: 'id', label: 'Media ID' },
			{ op: 'List Attempts', parameters: listAttempts({ sessionId: '={{ $json.sessionId }}' }), field: 'sessionId', label: 'Session ID' },
			{ op: 'Get Decision', parameters: getDecision({ sessionId: '={{ $json.sessionId }}' }), field: 'sessionId', label: 'Session ID' },
		];
		const badValues: Array<[string, string]> = [
			['not-a-uuid', '"not-a-uuid" is not valid'],
			['', 'is empty'],
			['../x', '"../x" is not valid'],
			[`${V.sessionApproved}/../x`, `"${V.sessionApproved}/../x" is not valid`],
		];
		const cases = operations.flatMap((operation) =>
			badValues.map(([bad, shown]) => ({ ...operation, bad, message: `${operation.label} ${shown} (item 1)` })),
		);

		it.each(cases)('$op with $field = "$bad"', async ({ parameters, field, bad, message }) => {
			// Item 0 is valid: it must not be sent either, because validation comes first.
			const input = [{ json: { ...valid } }, { json: { ...valid, [field]: bad } }];
			const result = await run(parameters, { input });
			expect(result.error?.message).toBe(message);
			expect(result.error?.description).toMatch(/a UUID such as/);
			expect(result.items).toEqual([]);
			expect(sim.requests).toEqual([]);
		});

		it('with continueOnFail the invalid item becomes an error item and the valid one is sent', async () => {
			const input = [{ json: { sessionId: '../x' } }, { json: { sessionId: V.sessionImagesOnly } }];
			const result = await run(listAttempts({ sessionId: '={{ $json.sessionId }}' }), { input, continueOnFail: true });
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json)).toStrictEqual([
				{ error: 'Session ID "../x" is not valid (item 0)', errorDescription: '"Session ID" must be a UUID such as aea9ba6d-1b47-47fc-a4fc-f72b6d3584a7.' },
				{ sessionId: V.sessionImagesOnly, attemptId: V.attempts.imagesOnly, status: 'submitted', createdTime: '2024-04-02T08:44:10.000Z' },
			]);
			expect(pairedIndexes(result.items)).toEqual([0, 1]);
			expect(sim.requests.map(path)).toEqual([`/v1/sessions/${V.sessionImagesOnly}/attempts`]);
		});
	});

	describe('response signature', () => {
		it.each([
			['List Session Media', list(), `/v1/sessions/${V.sessionApproved}/media`, `Listing media of session ${V.sessionApproved}`],
			['List Attempts', listAttempts(), `/v1/sessions/${V.sessionApproved}/attempts`, `Listing attempts of session ${V.sessionApproved}`],
			['Get Decision', getDecision(), `/v1/sessions/${V.sessionApproved}/decision`, `Getting the decision of session ${V.sessionApproved}`],
		])('%s rejects a tampered X-HMAC-SIGNATURE', async (_op, parameters, faultPath, what) => {
			sim.injectFault({ path: faultPath, tamperSignature: true });
			const result = await run(parameters);
			expect(result.items).toEqual([]);
			expect(result.error?.message).toBe(`${what} failed: the response's signature does not match its content`);
			expect(result.error?.description).toMatch(/Verify Response Signature/);
			expect(sim.requests.map(path)).toEqual([faultPath]);
		});

		it('accepts a tampered signature with Verify Response Signature off', async () => {
			sim.injectFault({ path: `/v1/sessions/${V.sessionApproved}/media`, tamperSignature: true });
			const items = await runOk(list({ options: { verifyResponseSignature: false } }));
			expect(sim.requests[0].fault).toEqual({ tamperSignature: true });
			expect(items.map((item) => item.json)).toStrictEqual(APPROVED_LATEST.map(([id, type]) => expectedFile(id, type)));
		});

		it('rejects a response with the signature missing', async () => {
			sim.injectFault({ path: `/v1/sessions/${V.sessionApproved}/attempts`, headers: { 'x-hmac-signature': '', 'vrf-hmac-signature': '' } });
			const result = await run(listAttempts());
			expect(result.error?.message).toBe(
				`Listing attempts of session ${V.sessionApproved} failed: the response's signature does not match its content`,
			);
		});
	});
});
