/**
 * Evidence chains into Unit21 with Media Type "From the Item": Sumsub List Documents →
 * Download Document Image → Unit21 Add Media, and Veriff Get Decision → List Session Media →
 * Download Media → Unit21 Add Media, each node run through n8n-core against its simulator
 * over real HTTP, the output of one node the input of the next. What Unit21 receives (media
 * types, custom_data) is checked at the Unit21 simulator against literals written from
 * VENDORS-EVIDENCE.md §4.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { binaryFilesOfExecution, credentialsSentTo, expectNoSecrets, nodeRunner, params, sha256, storeBinary } from '../helpers/scenario';
import { DEMO, startSumsubSimulator, startUnit21Simulator, startVeriffSimulator } from '../helpers/simulators';

const S = DEMO.sumsub;
const V = DEMO.veriff;
const U = DEMO.unit21;
const ORG = DEMO.credentials.unit21.orgName;

let sumsub: any;
let veriff: any;
let u21: any;
const sumsubNode = nodeRunner('sumsub', () => sumsub, { noSecrets: true });
const veriffNode = nodeRunner('veriff', () => veriff, { noSecrets: true });
const unit21Node = nodeRunner('unit21', () => u21, { noSecrets: true });

beforeAll(async () => {
	[sumsub, veriff, u21] = await Promise.all([startSumsubSimulator({}), startVeriffSimulator({}), startUnit21Simulator({})]);
});
afterAll(async () => {
	await Promise.all([sumsub?.close(), veriff?.close(), u21?.close()]);
});
beforeEach(() => {
	for (const sim of [sumsub, veriff, u21]) {
		sim.clearRequests();
		sim.clearFaults();
	}
	u21.clearUploads();
});

/** Only what the next node gets: json and binary (as n8n passes items along a connection). */
const passOn = (items: INodeExecutionData[]): INodeExecutionData[] => items.map(({ json, binary }) => ({ json, ...(binary ? { binary } : {}) }));

/** The upload that carried `fileName` (uploads run in parallel, so their order is not fixed). */
const uploadOf = (fileName: string) => {
	const upload = u21.uploads.find((u: any) => u.files[0].fileName === fileName);
	if (!upload) throw new Error(`no upload of ${fileName}; got ${u21.uploads.map((u: any) => u.files[0].fileName).join(', ')}`);
	return upload;
};

// ---------------------------------------------------------------------------------------
// Sumsub → Unit21
// ---------------------------------------------------------------------------------------

/** The demo applicant's accepted, active images and what Unit21 must receive for each (§4, literal). */
const SUMSUB_EXPECTED = [
	{
		name: 'passportFront',
		fileName: `PASSPORT-DEU-${S.images.passportFront}.jpg`,
		mediaType: 'IMAGE_PASSPORT_FRONT',
		evidence: { idDocType: 'PASSPORT', country: 'DEU', attemptId: S.attempts.first, source: 'docapture', reviewAnswer: 'GREEN', addedDate: '2024-03-14 09:44:51' },
	},
	{
		name: 'selfie',
		fileName: `SELFIE-DEU-${S.images.selfie}.png`,
		mediaType: 'IMAGE_FACE_IMAGE',
		evidence: { idDocType: 'SELFIE', country: 'DEU', attemptId: S.attempts.first, source: 'liveness', reviewAnswer: 'GREEN', addedDate: '2024-03-14 09:46:12' },
	},
	{
		name: 'idCardFront',
		fileName: `ID_CARD-FRONT_SIDE-DEU-${S.images.idCardFront}.jpg`,
		mediaType: 'IMAGE_ID_CARD_FRONT',
		evidence: {
			idDocType: 'ID_CARD', idDocSubType: 'FRONT_SIDE', country: 'DEU', attemptId: S.attempts.latest, source: 'docapture', reviewAnswer: 'GREEN', addedDate: '2024-03-14 10:05:31',
		},
	},
	{
		name: 'idCardBack',
		fileName: `ID_CARD-BACK_SIDE-DEU-${S.images.idCardBack}.jpg`,
		mediaType: 'IMAGE_ID_CARD_BACK',
		evidence: {
			idDocType: 'ID_CARD', idDocSubType: 'BACK_SIDE', country: 'DEU', attemptId: S.attempts.latest, source: 'docapture', reviewAnswer: 'GREEN', addedDate: '2024-03-14 10:05:58',
		},
	},
] as const;

const sumsubCustomData = (row: (typeof SUMSUB_EXPECTED)[number]): IDataObject => ({
	vendor: 'sumsub',
	applicantId: S.applicantCompleted,
	imageId: S.images[row.name],
	...row.evidence,
});

/** List Documents (accepted, active) → Download Document Image: the items Unit21 gets. */
async function sumsubImages(): Promise<INodeExecutionData[]> {
	const listed = await sumsubNode.runOk(params.sumsubDocuments(S.applicantCompleted, { onlyAccepted: true }));
	const downloaded = await sumsubNode.runOk(params.sumsubDownloadImage('={{ $json.applicantId }}', '={{ $json.imageId }}'), { input: passOn(listed) });
	return passOn(downloaded);
}

describe('Sumsub List Documents → Download Document Image → Unit21 (From the Item)', () => {
	it('each file arrives with the media type of its document and side, and what it is in custom_data', async () => {
		const input = await sumsubImages();
		expect(input.map((item) => item.json.unit21MediaType)).toEqual(SUMSUB_EXPECTED.map((row) => row.mediaType));

		const result = await unit21Node.run(params.unit21('entity', U.entity, { mediaType: 'fromItem', options: { source: 'sumsub' } }), { input });
		expect(result.error).toBeUndefined();
		expect(u21.uploads).toHaveLength(SUMSUB_EXPECTED.length);
		for (const row of SUMSUB_EXPECTED) {
			const upload = uploadOf(row.fileName);
			expect(upload).toMatchObject({ objectType: 'entity', orgName: ORG, objectId: U.entity, form: 'multipart' });
			const [file] = upload.files;
			expect(file.sha256).toBe(await sumsub.mediaSha256(S.images[row.name]));
			expect(file.mimeType).toBe(sumsub.mediaType(S.images[row.name]));
			expect(JSON.parse(file.metadataRaw)).toStrictEqual({ media_type: row.mediaType, source: 'sumsub', custom_data: sumsubCustomData(row) });
		}
		expect(result.items.map((item) => (item.json.files as IDataObject[])[0].mediaType)).toEqual(SUMSUB_EXPECTED.map((row) => row.mediaType));
		expect(result.items.map((item) => item.pairedItem)).toEqual(SUMSUB_EXPECTED.map((_, item) => ({ item })));
		expectNoSecrets(result, credentialsSentTo(u21, sumsub));
	});

	it('the keys of Custom Data (JSON) win over the evidence details; the other details stay', async () => {
		const input = (await sumsubImages()).slice(2, 3); // the ID card front
		const result = await unit21Node.run(
			params.unit21('entity', U.entity, { mediaType: 'fromItem', options: { customData: '{"country": "Germany", "caseRef": "KYC-17"}' } }),
			{ input },
		);
		expect(result.error).toBeUndefined();
		expect(u21.uploads[0].files[0].metadata).toStrictEqual({
			media_type: 'IMAGE_ID_CARD_FRONT',
			custom_data: { ...sumsubCustomData(SUMSUB_EXPECTED[2]), country: 'Germany', caseRef: 'KYC-17' },
		});
	});

	it('Evidence Details off: custom_data is only the user\'s (or absent), the media type still comes from the item', async () => {
		const input = (await sumsubImages()).slice(0, 2);
		const result = await unit21Node.run(
			params.unit21('entity', U.entity, { mediaType: 'fromItem', options: { evidenceDetails: false, customData: '{"caseRef": "KYC-18"}' } }),
			{ input: input.slice(0, 1) },
		);
		expect(result.error).toBeUndefined();
		expect(u21.uploads[0].files[0].metadata).toStrictEqual({ media_type: 'IMAGE_PASSPORT_FRONT', custom_data: { caseRef: 'KYC-18' } });

		u21.clearUploads();
		const bare = await unit21Node.run(params.unit21('entity', U.entity, { mediaType: 'fromItem', options: { evidenceDetails: false } }), {
			input: input.slice(1, 2),
		});
		expect(bare.error).toBeUndefined();
		expect(u21.uploads[0].files[0].metadata).toStrictEqual({ media_type: 'IMAGE_FACE_IMAGE' });
	});

	it('an event takes From the Item as its required media type; base64 JSON carries the same type and details', async () => {
		const input = (await sumsubImages()).slice(3, 4); // the ID card back
		const result = await unit21Node.run(params.unit21('event', U.event, { mediaType: 'fromItem', options: { sendAs: 'base64Json' } }), { input });
		expect(result.error).toBeUndefined();
		const [sent] = JSON.parse(u21.requests[0].body.toString('utf8'));
		expect(sent).toStrictEqual({
			media: (await sumsub.mediaBytes(S.images.idCardBack)).toString('base64'),
			name: SUMSUB_EXPECTED[3].fileName,
			media_type: 'IMAGE_ID_CARD_BACK',
			custom_data: sumsubCustomData(SUMSUB_EXPECTED[3]),
		});
		expect(u21.uploads[0]).toMatchObject({ objectType: 'event', objectId: U.event, form: 'json' });
	});

	it('overrides chosen in List Documents travel to Unit21', async () => {
		const listed = await sumsubNode.runOk(
			params.sumsubDocuments(S.applicantCompleted, { documentTypes: ['SELFIE'], options: { mediaTypeOverrides: '{"SELFIE": "IMAGE_SELFIE_LIVENESS"}' } }),
		);
		const downloaded = await sumsubNode.runOk(params.sumsubDownloadImage('={{ $json.applicantId }}', '={{ $json.imageId }}'), { input: passOn(listed) });
		const result = await unit21Node.run(params.unit21('entity', U.entity, { mediaType: 'fromItem' }), { input: passOn(downloaded) });
		expect(result.error).toBeUndefined();
		expect(u21.uploads[0].files[0].metadata.media_type).toBe('IMAGE_SELFIE_LIVENESS');
	});
});

// ---------------------------------------------------------------------------------------
// Veriff → Unit21
// ---------------------------------------------------------------------------------------

describe('Veriff Get Decision → List Session Media → Download Media → Unit21 (From the Item)', () => {
	/** Final photos of the approved demo session, a passport (its decision says document.type PASSPORT). */
	async function veriffChain(listOptions: IDataObject = {}): Promise<INodeExecutionData[]> {
		const decision = await veriffNode.runOk(params.veriffDecision(V.sessionApproved));
		expect((decision[0].json.verification as IDataObject).document).toMatchObject({ type: 'PASSPORT' });
		const listed = await veriffNode.runOk(
			{ ...params.veriffList('={{ $json.sessionId }}', listOptions), mediaTypes: ['image'], captures: 'final' },
			{ input: passOn(decision) },
		);
		const downloaded = await veriffNode.runOk(params.veriffDownload('={{ $json.id }}'), { input: passOn(listed) });
		return passOn(downloaded);
	}

	const veriffCustomData = (context: string, mediaId: string) => ({ vendor: 'veriff', sessionId: V.sessionApproved, context, mediaId });

	it('the document type of the Get Decision item picks the passport types (PASSPORT → IMAGE_PASSPORT_FRONT)', async () => {
		const input = await veriffChain();
		expect(input.map((item) => [item.json.context, item.json.unit21MediaType])).toEqual([
			['document-front', 'IMAGE_PASSPORT_FRONT'],
			['document-back', 'IMAGE_PASSPORT_BACK'],
			['face', 'IMAGE_FACE_IMAGE'],
		]);

		const result = await unit21Node.run(params.unit21('entity', U.entity2, { mediaType: 'fromItem' }), { input });
		expect(result.error).toBeUndefined();
		const expected = [
			[V.media.documentFront, 'document-front', 'IMAGE_PASSPORT_FRONT'],
			[V.media.documentBack, 'document-back', 'IMAGE_PASSPORT_BACK'],
			[V.media.face, 'face', 'IMAGE_FACE_IMAGE'],
		];
		expect(u21.uploads).toHaveLength(3);
		for (const [id, context, mediaType] of expected) {
			const upload = uploadOf(`${context}-${id}.jpg`);
			expect(upload.objectId).toBe(U.entity2);
			expect(upload.files[0].sha256).toBe(await veriff.mediaSha256(id));
			expect(upload.files[0].metadata).toStrictEqual({ media_type: mediaType, custom_data: veriffCustomData(context, id) });
		}
		expectNoSecrets(result, credentialsSentTo(u21, veriff));
	});

	it('Document Type (for Unit21) chosen in List Session Media wins over the item', async () => {
		const input = await veriffChain({ documentType: 'DRIVERS_LICENSE' });
		const result = await unit21Node.run(params.unit21('entity', U.entity2, { mediaType: 'fromItem' }), { input: input.slice(0, 2) });
		expect(result.error).toBeUndefined();
		expect(uploadOf(`document-front-${V.media.documentFront}.jpg`).files[0].metadata.media_type).toBe('IMAGE_DRIVERS_LICENSE_FRONT');
		expect(uploadOf(`document-back-${V.media.documentBack}.jpg`).files[0].metadata.media_type).toBe('IMAGE_DRIVERS_LICENSE_BACK');
	});

	it('a specific attempt: its attemptId goes into custom_data too', async () => {
		const listed = await veriffNode.runOk({
			...params.veriffList(V.sessionApproved, { contexts: 'document-front' }),
			attempt: 'specific',
			attemptId: V.attempts.approvedSecond,
			mediaTypes: ['image'],
		});
		const downloaded = await veriffNode.runOk(params.veriffDownload('={{ $json.id }}'), { input: passOn(listed) });
		const result = await unit21Node.run(params.unit21('entity', U.entity, { mediaType: 'fromItem' }), { input: passOn(downloaded) });
		expect(result.error).toBeUndefined();
		expect(u21.uploads[0].files[0].metadata).toStrictEqual({
			media_type: 'IMAGE_ID_CARD_FRONT', // no Get Decision item upstream: an ID card
			custom_data: { vendor: 'veriff', sessionId: V.sessionApproved, attemptId: V.attempts.approvedSecond, context: 'document-front', mediaId: V.media.secondDocumentFront },
		});
	});

	it('NFC data (unit21MediaType null) fails before anything is sent, saying why', async () => {
		const listed = await veriffNode.runOk({ ...params.veriffList(V.sessionApproved), mediaTypes: ['nfcDocument'] });
		expect(listed.map((item) => item.json.unit21MediaType)).toEqual([null]);
		const downloaded = await veriffNode.runOk(params.veriffDownload('={{ $json.id }}'), { input: passOn(listed) });
		const result = await unit21Node.run(params.unit21('entity', U.entity, { mediaType: 'fromItem' }), { input: passOn(downloaded) });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('Media Type is "From the Item", but the item has no unit21MediaType (item 0)');
		expect(result.error?.description).toMatch(/no Unit21 media type \(e\.g\. NFC data\)/);
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(u21.requests).toEqual([]);
	});
});

// ---------------------------------------------------------------------------------------
// Items without a media type
// ---------------------------------------------------------------------------------------

describe('From the Item on items without unit21MediaType', () => {
	const file = async () => ({ data: await storeBinary(Buffer.from('%PDF-1.4\n%%EOF\n'), 'scan.pdf', 'application/pdf') });

	it('names the item and tells where the type comes from; nothing is sent, even for the good item before it', async () => {
		const input = [
			{ json: { unit21MediaType: 'IMAGE_PROFILE_PICTURE' }, binary: await file() },
			{ json: { customer: 'c-1' }, binary: await file() },
		];
		const result = await unit21Node.run(params.unit21('entity', U.entity, { mediaType: 'fromItem' }), { input });
		expect(result.error?.message).toBe('Media Type is "From the Item", but the item has no unit21MediaType (item 1)');
		expect(result.error?.description).toBe(
			'Put Sumsub List Documents or Veriff List Session Media (then a download) before this node, or choose a media type.',
		);
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(u21.requests).toEqual([]);
		expect(result.items).toEqual([]);
	});

	it.each([
		['an empty text', ''],
		['blanks', '   '],
		['a number', 7],
	])('unit21MediaType as %s is refused too', async (_label, value) => {
		const result = await unit21Node.run(params.unit21('entity', U.entity, { mediaType: 'fromItem' }), {
			input: [{ json: { unit21MediaType: value }, binary: await file() }],
		});
		expect(result.error?.message).toBe('Media Type is "From the Item", but the item has no unit21MediaType (item 0)');
		expect(u21.requests).toEqual([]);
	});

	it('with Continue On Fail the item without a type becomes an error item; the others are uploaded with theirs', async () => {
		const input = [
			{ json: { unit21MediaType: 'IMAGE_PROFILE_PICTURE' }, binary: await file() },
			{ json: { unit21MediaType: null }, binary: await file() },
			{ json: { unit21MediaType: 'DOCUMENT_UTILITY_BILL' }, binary: await file() },
		];
		const result = await unit21Node.run(params.unit21('entity', U.entity, { mediaType: 'fromItem' }), { input, continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.error ?? (item.json.files as IDataObject[])[0].mediaType)).toEqual([
			'IMAGE_PROFILE_PICTURE',
			'Media Type is "From the Item", but the item has no unit21MediaType (item 1)',
			'DOCUMENT_UTILITY_BILL',
		]);
		expect(u21.uploads.map((u: any) => u.files[0].metadata.media_type).sort()).toEqual(['DOCUMENT_UTILITY_BILL', 'IMAGE_PROFILE_PICTURE']);
		expect(binaryFilesOfExecution(result.executionId)).toEqual([]);
	});
});
