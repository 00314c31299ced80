/**
 * Unit21 "Add Media" against the Unit21 simulator, with files that really sit in n8n's
 * binary store: produced by the Veriff node's Download Media (the workflow users build),
 * stored directly through n8n-core's BinaryDataService, or held in memory.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import {
	binaryFilesOfExecution,
	credentialsSentTo,
	expectNoSecrets,
	inMemoryBinary,
	nodeRunner,
	params,
	sha256,
	storeBinary,
} from '../helpers/scenario';
import { DEMO, startUnit21Simulator, startVeriffSimulator } from '../helpers/simulators';

const U = DEMO.unit21;
const ORG = DEMO.credentials.unit21.orgName;

let u21: any;
let veriff: any;
/** Two Veriff images downloaded by the Veriff node (document-front, document-back). */
let veriffItems: INodeExecutionData[];
const unit21Node = nodeRunner('unit21', () => u21);
const veriffNode = nodeRunner('veriff', () => veriff);

beforeAll(async () => {
	u21 = await startUnit21Simulator({});
	veriff = await startVeriffSimulator({});
	const listed = await veriffNode.run({
		...params.veriffList(DEMO.veriff.sessionApproved, { contexts: 'document-front, document-back' }),
		captures: 'final',
		mediaTypes: ['image'],
	});
	expect(listed.error).toBeUndefined();
	expect(listed.items.map((i) => i.json.id)).toEqual([DEMO.veriff.media.documentFront, DEMO.veriff.media.documentBack]);
	const downloaded = await veriffNode.run(params.veriffDownload('={{ $json.id }}'), {
		input: listed.items.map(({ json }) => ({ json })),
	});
	expect(downloaded.error).toBeUndefined();
	veriffItems = downloaded.items.map(({ json, binary }) => ({ json, binary }));
});
afterAll(async () => {
	await u21?.close();
	await veriff?.close();
});
beforeEach(() => {
	u21.clearRequests();
	u21.clearUploads();
	u21.clearFaults();
});

/** What the simulator received for request `n`: path, headers, declared vs. actual size. */
const request = (n = 0) => u21.requests[n];

function expectStreamedWithKnownLength(n = 0) {
	const r = request(n);
	expect(r.headers['transfer-encoding']).toBeUndefined();
	expect(r.headers['content-length']).toBe(String(r.bodySize));
	expect(r.bodySize).toBeGreaterThan(0);
}

describe('entity: files downloaded from Veriff', () => {
	it('uploads each Veriff file as multipart with its metadata under the same key', async () => {
		const result = await unit21Node.run(
			params.unit21('entity', U.entity, {
				mediaType: 'IMAGE_ID_CARD_FRONT',
				options: {
					customData: '{"veriffSessionId": "aea9ba6d-1b47-47fc-a4fc-f72b6d3584a7", "checked": true}',
					source: 'veriff',
					timestamp: '2024-03-14T10:15:27.000Z',
				},
			}),
			{ input: veriffItems },
		);

		expect(result.error).toBeUndefined();
		expect(u21.requests.map((r: any) => `${r.method} ${r.path}`)).toEqual([
			`PUT /v1/${ORG}/entities/${U.entity}/link-media`,
			`PUT /v1/${ORG}/entities/${U.entity}/link-media`,
		]);
		expect(u21.uploads).toHaveLength(2);
		for (const [n, item] of veriffItems.entries()) {
			const upload = u21.uploads.find((u: any) => u.files[0].fileName === item.binary!.data.fileName);
			expect(upload).toMatchObject({ objectType: 'entity', orgName: ORG, objectId: U.entity, form: 'multipart' });
			expect(upload.files).toHaveLength(1);
			const [file] = upload.files;
			// The same key "data" carries the file part and its JSON metadata part.
			expect(file.key).toBe('data');
			expect(file.fileName).toMatch(/^document-(front|back)-[0-9a-f-]{36}\.jpg$/);
			expect(file.mimeType).toBe('image/jpeg');
			expect(file.sha256).toBe(await veriff.mediaSha256(item.json.id));
			expect(file.size).toBe(item.binary!.data.bytes);
			expect(JSON.parse(file.metadataRaw)).toEqual({
				media_type: 'IMAGE_ID_CARD_FRONT',
				source: 'veriff',
				timestamp: 1710411327,
				// What the file is (Evidence Details, on by default), then the user's Custom Data.
				custom_data: {
					vendor: 'veriff',
					sessionId: DEMO.veriff.sessionApproved,
					context: item.json.context,
					mediaId: item.json.id,
					veriffSessionId: 'aea9ba6d-1b47-47fc-a4fc-f72b6d3584a7',
					checked: true,
				},
			});
			expectStreamedWithKnownLength(n);
		}

		expect(result.items).toEqual(
			veriffItems.map((item, n) => ({
				json: {
					objectType: 'entity',
					objectId: U.entity,
					files: [
						{
							binaryPropertyName: 'data',
							fileName: item.binary!.data.fileName,
							mimeType: 'image/jpeg',
							size: item.binary!.data.bytes,
							mediaType: 'IMAGE_ID_CARD_FRONT',
						},
					],
					response: {},
				},
				// The input file stays on the item for later steps.
				binary: item.binary,
				pairedItem: { item: n },
			})),
		);
		expectNoSecrets(result);
	});

	it('sends the request with the u21-key header and no other credential data', async () => {
		const result = await unit21Node.run(params.unit21('entity', U.entity2), { input: veriffItems.slice(0, 1) });
		expect(result.error).toBeUndefined();
		expect(request().headers['u21-key']).toBe(DEMO.credentials.unit21.apiKey);
		expect(request().path).toBe(`/v1/${ORG}/entities/${U.entity2}/link-media`);
		// mediaType "none" and no options: the metadata part holds only the evidence details (on by default).
		const evidence = {
			custom_data: { vendor: 'veriff', sessionId: DEMO.veriff.sessionApproved, context: 'document-front', mediaId: DEMO.veriff.media.documentFront },
		};
		expect(u21.uploads[0].files[0]).toMatchObject({ key: 'data', metadata: evidence });
		expect(u21.uploads[0].files[0].metadata).toStrictEqual(evidence);
		expect(JSON.parse(u21.uploads[0].files[0].metadataRaw)).toStrictEqual(evidence);
	});

	it('with Evidence Details off, mediaType "none" and no options: the file part only, no metadata part', async () => {
		const result = await unit21Node.run(params.unit21('entity', U.entity2, { options: { evidenceDetails: false } }), {
			input: veriffItems.slice(0, 1),
		});
		expect(result.error).toBeUndefined();
		expect(request().headers['u21-key']).toBe(DEMO.credentials.unit21.apiKey);
		expect(u21.uploads[0].files[0]).toMatchObject({ key: 'data', metadata: null, metadataRaw: null });
	});
});

describe('entity: files from the binary store and from memory', () => {
	it('uploads several binary fields as several keys of one request', async () => {
		const front = Buffer.from('front side of an ID card, as a pretend PNG');
		const back = Buffer.from('back side of an ID card, as a pretend JPEG, a bit longer');
		const input = [
			{
				json: { customer: 'cust-1001' },
				binary: {
					front: await storeBinary(front, 'front.png', 'image/png'),
					back: await storeBinary(back, 'back.jpg', 'image/jpeg'),
				},
			},
		];
		const result = await unit21Node.run(
			params.unit21('entity', U.entity, {
				binaryPropertyName: 'front, back',
				mediaType: 'other',
				customMediaType: 'IMAGE_ID_CARD_SCAN',
				options: { source: 'branch-scanner' },
			}),
			{ input },
		);
		expect(result.error).toBeUndefined();
		expect(u21.requests).toHaveLength(1);
		expectStreamedWithKnownLength();
		const files = u21.uploads[0].files;
		expect(files.map((f: any) => [f.key, f.fileName, f.mimeType, f.sha256, f.metadata])).toEqual([
			['front', 'front.png', 'image/png', sha256(front), { media_type: 'IMAGE_ID_CARD_SCAN', source: 'branch-scanner' }],
			['back', 'back.jpg', 'image/jpeg', sha256(back), { media_type: 'IMAGE_ID_CARD_SCAN', source: 'branch-scanner' }],
		]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.files).toEqual([
			{ binaryPropertyName: 'front', fileName: 'front.png', mimeType: 'image/png', size: front.length, mediaType: 'IMAGE_ID_CARD_SCAN' },
			{ binaryPropertyName: 'back', fileName: 'back.jpg', mimeType: 'image/jpeg', size: back.length, mediaType: 'IMAGE_ID_CARD_SCAN' },
		]);
		expect(result.items[0].binary).toEqual(input[0].binary);
	});

	it('uploads a binary held in memory (no store id) and adds the missing extension', async () => {
		const pdf = Buffer.from('%PDF-1.4\n% a tiny pretend pdf\n%%EOF\n');
		const result = await unit21Node.run(params.unit21('entity', U.entity, { mediaType: 'IMAGE_PROFILE_PICTURE' }), {
			input: [{ json: {}, binary: { data: inMemoryBinary(pdf, 'bank-statement', 'application/pdf') } }],
		});
		expect(result.error).toBeUndefined();
		expectStreamedWithKnownLength();
		expect(u21.uploads[0].files).toMatchObject([
			{ key: 'data', fileName: 'bank-statement.pdf', mimeType: 'application/pdf', size: pdf.length, sha256: sha256(pdf), metadata: { media_type: 'IMAGE_PROFILE_PICTURE' } },
		]);
		expect(result.items[0].json.files).toEqual([
			{ binaryPropertyName: 'data', fileName: 'bank-statement.pdf', mimeType: 'application/pdf', size: pdf.length, mediaType: 'IMAGE_PROFILE_PICTURE' },
		]);
	});

	it('uses the File Name option instead of the binary file name', async () => {
		const result = await unit21Node.run(params.unit21('entity', U.entity, { options: { fileName: 'passport-front.jpg' } }), {
			input: veriffItems.slice(0, 1),
		});
		expect(result.error).toBeUndefined();
		expect(u21.uploads[0].files[0].fileName).toBe('passport-front.jpg');
		expect(u21.uploads[0].files[0].sha256).toBe(await veriff.mediaSha256(DEMO.veriff.media.documentFront));
	});

	it('sends the base64 JSON form when asked: an array of {media, name, media_type, custom_data}', async () => {
		const bytes = Buffer.from('a small text evidence file\n');
		const result = await unit21Node.run(
			params.unit21('entity', U.entity, {
				mediaType: 'IMAGE_FACE_IMAGE',
				options: { sendAs: 'base64Json', customData: '{"case": 17}' },
			}),
			{ input: [{ json: {}, binary: { data: await storeBinary(bytes, 'notes.txt', 'text/plain') } }] },
		);
		expect(result.error).toBeUndefined();
		expect(request().headers['content-type']).toMatch(/^application\/json/);
		expect(JSON.parse(request().body.toString('utf8'))).toEqual([
			{ media: bytes.toString('base64'), name: 'notes.txt', media_type: 'IMAGE_FACE_IMAGE', custom_data: { case: 17 } },
		]);
		expect(u21.uploads[0]).toMatchObject({ form: 'json', objectType: 'entity', objectId: U.entity });
		expect(u21.uploads[0].files[0].sha256).toBe(sha256(bytes));
		expect(result.items[0].json).toMatchObject({ objectType: 'entity', objectId: U.entity, response: {} });
	});
});

describe('event, alert and case', () => {
	it('event: path in the organisation, media type required and sent', async () => {
		const result = await unit21Node.run(params.unit21('event', U.event, { mediaType: 'IMAGE_CHECK_FRONT' }), {
			input: veriffItems.slice(0, 1),
		});
		expect(result.error).toBeUndefined();
		expect(request().path).toBe(`/v1/${ORG}/events/${U.event}/link-media`);
		expect(u21.uploads[0]).toMatchObject({ objectType: 'event', objectId: U.event, orgName: ORG });
		expect(u21.uploads[0].files[0].metadata).toEqual({
			media_type: 'IMAGE_CHECK_FRONT',
			custom_data: { vendor: 'veriff', sessionId: DEMO.veriff.sessionApproved, context: 'document-front', mediaId: DEMO.veriff.media.documentFront },
		});
		expect(result.items[0].json).toMatchObject({ objectType: 'event', objectId: U.event });
	});

	it('event without a media type fails before any request', async () => {
		const result = await unit21Node.run(params.unit21('event', U.event, { mediaType: 'none' }), { input: veriffItems.slice(0, 1) });
		expect(result.error?.message).toBe('Media Type is required for events (item 0)');
		expect(u21.requests).toHaveLength(0);
		expectNoSecrets(result);
	});

	it.each([
		['alert', U.alert, `/v1/alerts/${U.alert}/link-media`],
		['case', U.case, `/v1/cases/${U.case}/link-media`],
	] as const)('%s: addressed by its Unit21 id, without the organisation in the path', async (resource, id, path) => {
		const result = await unit21Node.run(params.unit21(resource, id, { mediaType: 'IMAGE_PASSPORT_FRONT' }), {
			input: veriffItems.slice(1, 2),
		});
		expect(result.error).toBeUndefined();
		expect(request().path).toBe(path);
		expect(request().path).not.toContain(ORG);
		expectStreamedWithKnownLength();
		expect(u21.uploads[0]).toMatchObject({ objectType: resource, objectId: id });
		expect(u21.uploads[0].files[0].sha256).toBe(await veriff.mediaSha256(DEMO.veriff.media.documentBack));
		expect(result.items[0].json).toMatchObject({ objectType: resource, objectId: id, response: {} });
	});
});

describe('input errors (nothing is sent)', () => {
	it('a file over 5 MB names the field and the item', async () => {
		const big = await storeBinary(Buffer.alloc(5 * 1024 * 1024 + 1, 7), 'huge.mp4', 'video/mp4');
		const result = await unit21Node.run(params.unit21('entity', U.entity), { input: [{ json: {}, binary: { data: big } }] });
		expect(result.error?.message).toMatch(/^The file in "data" is 5\.00 MB \(5,242,881 bytes\), over Unit21's 5 MB limit per file \(item 0\)$/);
		expect(result.error?.description).toMatch(/Nothing was uploaded/);
		expect(u21.requests).toHaveLength(0);
		expectNoSecrets(result);
	});

	it('exactly 5 MB is still accepted and arrives whole', async () => {
		const bytes = Buffer.alloc(5 * 1024 * 1024, 3);
		const result = await unit21Node.run(params.unit21('entity', U.entity), {
			input: [{ json: {}, binary: { data: await storeBinary(bytes, 'max.mp4', 'video/mp4') } }],
		});
		expect(result.error).toBeUndefined();
		expectStreamedWithKnownLength();
		expect(u21.uploads[0].files[0]).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
	});

	it('a missing binary field is named, with the fields the item has', async () => {
		const result = await unit21Node.run(params.unit21('entity', U.entity, { binaryPropertyName: 'data, selfie' }), {
			input: veriffItems.slice(0, 1),
		});
		expect(result.error?.message).toBe('Input Binary Field "selfie" does not exist on the item (item 0)');
		expect(result.error?.description).toBe('The item has these binary fields: data.');
		expect(u21.requests).toHaveLength(0);
		expectNoSecrets(result);
	});

	it.each([
		['not JSON', '{"veriffSessionId": '],
		['an array', '[1, 2]'],
		['a string', '"text"'],
	])('Custom Data that is %s fails', async (_what, customData) => {
		const result = await unit21Node.run(params.unit21('entity', U.entity, { options: { customData } }), { input: veriffItems.slice(0, 1) });
		expect(result.error?.message).toBe('Custom Data (JSON) is not a JSON object (item 0)');
		expect(u21.requests).toHaveLength(0);
		expectNoSecrets(result);
	});
});

describe('vendor errors', () => {
	it('a placeholder entity: Unit21 message and error code', async () => {
		const result = await unit21Node.run(params.unit21('entity', U.placeholderEntity), { input: veriffItems.slice(0, 1) });
		expect(result.error?.message).toBe(
			`Adding a file to Unit21 entity ${U.placeholderEntity} failed: Unit21 says "Entity ${U.placeholderEntity} is a placeholder entity; placeholder entities cannot be updated" (code placeholder_entity, HTTP 409)`,
		);
		expect(result.error?.httpCode).toBe('409');
		expect(u21.requests).toHaveLength(1);
		expect(u21.uploads).toHaveLength(0);
		expectNoSecrets(result, credentialsSentTo(u21));
	});

	it('an unknown entity: 404 resource_not_found with a hint about ids', async () => {
		const result = await unit21Node.run(params.unit21('entity', U.entityUnknown), { input: veriffItems.slice(0, 1) });
		expect(result.error?.message).toContain(`Unit21 says "Entity ${U.entityUnknown} not found" (code resource_not_found, HTTP 404)`);
		expect(result.error?.description).toContain('not unit21_id');
		expect(u21.requests).toHaveLength(1);
		expectNoSecrets(result, credentialsSentTo(u21));
	});

	it('a wrong API key: 401 unauthorized, and the wrong key is not shown either', async () => {
		const wrongKey = 'u21-wrong-0000000000000000000000000000';
		const result = await unit21Node.run(params.unit21('entity', U.entity), {
			credentials: { apiKey: wrongKey },
			input: veriffItems.slice(0, 1),
		});
		expect(result.error?.message).toContain('Unit21 says "Invalid API key" (code unauthorized, HTTP 401)');
		expect(result.error?.description).toContain('Check the API Key of the Unit21 credential');
		expect(u21.requests).toHaveLength(1);
		expect(u21.uploads).toHaveLength(0);
		expectNoSecrets(result, [wrongKey, ...credentialsSentTo(u21)]);
	});

	it('an organisation the key does not belong to: 403 forbidden', async () => {
		const result = await unit21Node.run(params.unit21('entity', U.entity), {
			credentials: { orgName: 'other-org' },
			input: veriffItems.slice(0, 1),
		});
		expect(request().path).toBe(`/v1/other-org/entities/${U.entity}/link-media`);
		expect(result.error?.message).toContain("(code forbidden, HTTP 403)");
		expect(result.error?.description).toContain('Organization Name');
		expectNoSecrets(result, credentialsSentTo(u21));
	});
});

describe('continue on fail', () => {
	it('turns the failing item into an error item and keeps order and pairing', async () => {
		const input = [U.entity, U.entityUnknown, U.entity2].map((entityId, n) => ({
			json: { entityId },
			binary: veriffItems[n % 2].binary,
		}));
		const result = await unit21Node.run(params.unit21('entity', '={{ $json.entityId }}'), { input, continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json).toMatchObject({ objectType: 'entity', objectId: U.entity, response: {} });
		expect(result.items[2].json).toMatchObject({ objectType: 'entity', objectId: U.entity2, response: {} });
		expect(result.items[1].json.error).toBe(
			`Adding a file to Unit21 entity ${U.entityUnknown} failed: Unit21 says "Entity ${U.entityUnknown} not found" (code resource_not_found, HTTP 404)`,
		);
		expect(result.items[1].json.httpCode).toBe('404');
		expect(result.items[1].binary).toBeUndefined();
		expect(u21.uploads.map((u: any) => u.objectId).sort()).toEqual([U.entity, U.entity2].sort());
		expectNoSecrets(result, credentialsSentTo(u21));
	});

	it('an input error of one item does not stop the others', async () => {
		const input = [
			{ json: {}, binary: veriffItems[0].binary },
			{ json: {} },
			{ json: {}, binary: veriffItems[1].binary },
		];
		const result = await unit21Node.run(params.unit21('entity', U.entity), { input, continueOnFail: true });
		expect(result.items.map((i) => i.json.error ?? 'ok')).toEqual([
			'ok',
			'Input Binary Field "data" does not exist on the item (item 1)',
			'ok',
		]);
		expect(u21.uploads).toHaveLength(2);
		expect(binaryFilesOfExecution(result.executionId)).toEqual([]);
		expectNoSecrets(result, credentialsSentTo(u21));
	});
});
