/**
 * The Sumsub node's document evidence — List Documents, Download Document Image, Get Review
 * Status, Get Verification Steps — against the Sumsub simulator over real HTTP, executed by
 * n8n-core's WorkflowExecute. The simulator checks every request's signature over the path as
 * received, so a 200 also means the request was signed right. Expected values are literals
 * from the demo seed (simulators/README.md) and VENDORS-EVIDENCE.md §1 and §4, never computed
 * by the package's own functions.
 */
import { createHmac } from 'node:crypto';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { pairedIndexes, sha256 } from '../helpers/assertions';
import { binaryBytes } from '../helpers/n8n';
import { binaryFilesOfExecution, nodeRunner, params } from '../helpers/scenario';
import { DEMO, startSumsubSimulator } from '../helpers/simulators';

const S = DEMO.sumsub;
const IMG = S.images;
const PREVIEW = S.previews;

let sim: any;
/** An applicant holding one image of every document type of VENDORS-EVIDENCE.md §4 (see beforeAll). */
let everyType: { applicantId: string; inspectionId: string; ids: Record<string, string> };

/** The document types of `everyType`, with the Unit21 media type §4 gives each (literal). */
const EVERY_TYPE: Array<{ name: string; spec: IDataObject; unit21MediaType: string }> = [
	{ name: 'passportFront', spec: { idDocType: 'PASSPORT', idDocSubType: 'FRONT_SIDE' }, unit21MediaType: 'IMAGE_PASSPORT_FRONT' },
	{ name: 'passportBack', spec: { idDocType: 'PASSPORT', idDocSubType: 'BACK_SIDE' }, unit21MediaType: 'IMAGE_PASSPORT_BACK' },
	{ name: 'idCardSingle', spec: { idDocType: 'ID_CARD', idDocSubType: null }, unit21MediaType: 'IMAGE_ID_CARD_FRONT' },
	{ name: 'driversFront', spec: { idDocType: 'DRIVERS', idDocSubType: 'FRONT_SIDE' }, unit21MediaType: 'IMAGE_DRIVERS_LICENSE_FRONT' },
	{ name: 'driversBack', spec: { idDocType: 'DRIVERS', idDocSubType: 'BACK_SIDE' }, unit21MediaType: 'IMAGE_DRIVERS_LICENSE_BACK' },
	{ name: 'driversSingle', spec: { idDocType: 'DRIVERS', idDocSubType: null }, unit21MediaType: 'IMAGE_DRIVERS_LICENSE_FRONT' },
	{ name: 'permitFront', spec: { idDocType: 'RESIDENCE_PERMIT', idDocSubType: 'FRONT_SIDE' }, unit21MediaType: 'IMAGE_ID_CARD_FRONT' },
	{ name: 'permitBack', spec: { idDocType: 'RESIDENCE_PERMIT', idDocSubType: 'BACK_SIDE' }, unit21MediaType: 'IMAGE_ID_CARD_BACK' },
	{ name: 'selfie', spec: { idDocType: 'SELFIE', source: 'liveness', mimetype: 'image/png' }, unit21MediaType: 'IMAGE_FACE_IMAGE' },
	{ name: 'videoSelfie', spec: { idDocType: 'VIDEO_SELFIE', source: 'videoident', mimetype: 'video/mp4', fileName: 'video-selfie.mp4' }, unit21MediaType: 'VIDEO_SELFIE' },
	{ name: 'videoidentFrame', spec: { idDocType: 'SELFIE', source: 'videoidentSnapshot', mimetype: 'image/png' }, unit21MediaType: 'IMAGE_FACE_IMAGE' },
	{ name: 'profile', spec: { idDocType: 'PROFILE_IMAGE', source: 'externaldb' }, unit21MediaType: 'IMAGE_PROFILE_PICTURE' },
	{ name: 'utilityBill', spec: { idDocType: 'UTILITY_BILL', mimetype: 'application/pdf', fileName: 'bill.pdf' }, unit21MediaType: 'DOCUMENT_UTILITY_BILL' },
	{ name: 'bankStatement', spec: { idDocType: 'BANK_STATEMENT', mimetype: 'application/pdf', fileName: 'statement.pdf' }, unit21MediaType: 'DOCUMENT_BANK_STATEMENT' },
	{ name: 'companyDoc', spec: { idDocType: 'COMPANY_DOC', source: 'nfc' }, unit21MediaType: 'DOCUMENT_COMPANY_DOC' },
];

beforeAll(async () => {
	sim = await startSumsubSimulator({});
	const { applicantId, inspectionId } = sim.addApplicant({ externalUserId: 'every-type-001', info: { country: 'AUT' } });
	const ids: Record<string, string> = {};
	for (const { name, spec } of EVERY_TYPE) {
		ids[name] = sim.addDocumentImage({ applicantId, country: 'AUT', addedDate: '2024-05-01 12:00:00', source: 'docapture', ...spec });
	}
	everyType = { applicantId, inspectionId, ids };
	// The first download of the process stores one empty file to learn n8n's binary data mode
	// (threadUsable.ts); let that happen here, not in an execution whose store is checked.
	const warmUp = await run(params.sumsubDownloadImage(S.applicantCompleted, IMG.passportFront));
	expect(warmUp.error).toBeUndefined();
});
afterAll(async () => sim.close());
beforeEach(() => {
	sim.clearFaults();
	sim.clearRequests();
	sim.setApplicantImagePath(true);
	sim.setInspectionImagePath(true);
	sim.setFileTypeStyle('mime');
});

const { run, runOk } = nodeRunner('sumsub', () => sim, { noSecrets: true });

const listDocuments = (more: IDataObject = {}) => params.sumsubDocuments(S.applicantCompleted, more);
const downloadImage = (options: IDataObject = {}, more: IDataObject = {}): IDataObject => ({
	...params.sumsubDownloadImage('={{ $json.applicantId }}', '={{ $json.imageId }}', options),
	...more,
});

const paths = () => sim.requests.map((r: { path: string }) => r.path);
const metadataPath = (applicantId: string) => `/resources/applicants/${applicantId}/metadata/resources`;
const applicantImagePath = (applicantId: string, imageId: string) => `/resources/applicants/${applicantId}/resources/${imageId}`;
const inspectionImagePath = (inspectionId: string, imageId: string) => `/resources/inspections/${inspectionId}/resources/${imageId}`;

/** GET from the simulator directly, signed here the way Sumsub documents it (ts + method + path). */
async function sumsubDirect(path: string): Promise<any> {
	const { appToken, secretKey } = DEMO.credentials.sumsub;
	const ts = String(Math.floor(Date.now() / 1000));
	const response = await fetch(`${sim.url}${path}`, {
		headers: {
			'X-App-Token': appToken,
			'X-App-Access-Ts': ts,
			'X-App-Access-Sig': createHmac('sha256', secretKey).update(`${ts}GET${path}`).digest('hex'),
			Accept: 'application/json',
		},
	});
	expect(response.status).toBe(200);
	return JSON.parse(await response.text());
}

// ---------------------------------------------------------------------------------------
// The demo applicant's six images, written out from the demo seed (simulators/README.md)
// ---------------------------------------------------------------------------------------

type ImageName = 'deactivated' | 'passportFront' | 'rejected' | 'selfie' | 'idCardFront' | 'idCardBack';

/** Upload order = metadata order. */
const UPLOAD_ORDER: ImageName[] = ['deactivated', 'passportFront', 'rejected', 'selfie', 'idCardFront', 'idCardBack'];
const ACTIVE: ImageName[] = ['passportFront', 'rejected', 'selfie', 'idCardFront', 'idCardBack'];

const SEED: Record<ImageName, IDataObject> = {
	deactivated: {
		idDocType: 'PASSPORT', idDocSubType: null, fileName: 'passport-scan.png', mimeType: 'image/png', addedDate: '2024-03-14 09:43:58',
		attemptId: S.attempts.first, source: 'fileupload', deactivated: true, reviewAnswer: 'GREEN', rejectLabels: [], unit21MediaType: 'IMAGE_PASSPORT_FRONT',
	},
	passportFront: {
		idDocType: 'PASSPORT', idDocSubType: null, fileName: 'passport.jpg', mimeType: 'image/jpeg', addedDate: '2024-03-14 09:44:51',
		attemptId: S.attempts.first, source: 'docapture', deactivated: false, reviewAnswer: 'GREEN', rejectLabels: [], unit21MediaType: 'IMAGE_PASSPORT_FRONT',
	},
	rejected: {
		idDocType: 'ID_CARD', idDocSubType: 'FRONT_SIDE', fileName: 'id-card-front-blurry.jpg', mimeType: 'image/jpeg', addedDate: '2024-03-14 09:45:20',
		attemptId: S.attempts.first, source: 'docapture', deactivated: false, reviewAnswer: 'RED', rejectLabels: ['UNSATISFACTORY_PHOTOS'], unit21MediaType: 'IMAGE_ID_CARD_FRONT',
	},
	selfie: {
		idDocType: 'SELFIE', idDocSubType: null, fileName: 'selfie.png', mimeType: 'image/png', addedDate: '2024-03-14 09:46:12',
		attemptId: S.attempts.first, source: 'liveness', deactivated: false, reviewAnswer: 'GREEN', rejectLabels: [], unit21MediaType: 'IMAGE_FACE_IMAGE',
	},
	idCardFront: {
		idDocType: 'ID_CARD', idDocSubType: 'FRONT_SIDE', fileName: 'id-card-front.jpg', mimeType: 'image/jpeg', addedDate: '2024-03-14 10:05:31',
		attemptId: S.attempts.latest, source: 'docapture', deactivated: false, reviewAnswer: 'GREEN', rejectLabels: [], unit21MediaType: 'IMAGE_ID_CARD_FRONT',
	},
	idCardBack: {
		idDocType: 'ID_CARD', idDocSubType: 'BACK_SIDE', fileName: 'id-card-back.jpg', mimeType: 'image/jpeg', addedDate: '2024-03-14 10:05:58',
		attemptId: S.attempts.latest, source: 'docapture', deactivated: false, reviewAnswer: 'GREEN', rejectLabels: [], unit21MediaType: 'IMAGE_ID_CARD_BACK',
	},
};

/** The List Documents item DESIGN.md promises for a demo image (size = the bytes the simulator serves). */
function expectedItem(name: ImageName, extra: IDataObject = {}): IDataObject {
	const seed = SEED[name];
	return {
		imageId: IMG[name],
		previewId: PREVIEW[name],
		applicantId: S.applicantCompleted,
		idDocType: seed.idDocType,
		idDocSubType: seed.idDocSubType,
		country: 'DEU',
		fileName: seed.fileName,
		mimeType: seed.mimeType,
		size: sim.mediaBytes(IMG[name]).length,
		addedDate: seed.addedDate,
		attemptId: seed.attemptId,
		source: seed.source,
		deactivated: seed.deactivated,
		reviewAnswer: seed.reviewAnswer,
		rejectLabels: seed.rejectLabels,
		unit21MediaType: seed.unit21MediaType,
		...extra,
	};
}

const CONTRACT_FIELDS = [
	'imageId', 'previewId', 'applicantId', 'idDocType', 'idDocSubType', 'country', 'fileName', 'mimeType', 'size',
	'addedDate', 'attemptId', 'source', 'deactivated', 'reviewAnswer', 'rejectLabels', 'unit21MediaType',
];

const imageIds = (items: INodeExecutionData[]) => items.map((item) => item.json.imageId);

// ---------------------------------------------------------------------------------------
// List Documents
// ---------------------------------------------------------------------------------------

describe('List Documents', () => {
	it('returns one item per active image in upload order, with exactly the contract fields', async () => {
		const items = await runOk(listDocuments());

		expect(items.map((item) => item.json)).toStrictEqual(ACTIVE.map((name) => expectedItem(name)));
		for (const item of items) {
			expect(Object.keys(item.json).sort()).toEqual([...CONTRACT_FIELDS].sort());
			expect(typeof item.json.size).toBe('number');
			expect(item.json.size).toBeGreaterThan(1000);
			expect(typeof item.json.imageId).toBe('string');
			expect(typeof item.json.previewId).toBe('string');
		}
		expect(pairedIndexes(items)).toEqual([0, 0, 0, 0, 0]);
		// One signed request; the simulator served sizes as integers and ids as strings.
		expect(sim.requests.map((r: { path: string; status: number }) => [r.path, r.status])).toEqual([[metadataPath(S.applicantCompleted), 200]]);
		expect(sim.imageMetadata(IMG.idCardBack).fileMetadata.fileSize).toBe(items[4].json.size);
	});

	it('gives every document type the Unit21 media type of VENDORS-EVIDENCE.md §4', async () => {
		const items = await runOk(params.sumsubDocuments(everyType.applicantId));
		expect(items.map((item) => [item.json.idDocType, item.json.idDocSubType, item.json.unit21MediaType])).toEqual(
			EVERY_TYPE.map(({ spec, unit21MediaType }) => [spec.idDocType, spec.idDocSubType ?? null, unit21MediaType]),
		);
		expect(imageIds(items)).toEqual(EVERY_TYPE.map(({ name }) => everyType.ids[name]));
		// Non-image evidence keeps its own MIME type and size.
		const bill = items.find((item) => item.json.idDocType === 'UTILITY_BILL')!;
		expect(bill.json).toMatchObject({ fileName: 'bill.pdf', mimeType: 'application/pdf', size: sim.mediaBytes(everyType.ids.utilityBill).length, country: 'AUT' });
	});

	describe('filters', () => {
		it.each([
			['Only Active Images off: the deactivated image too', { onlyActive: false }, UPLOAD_ORDER],
			['Only Accepted Images: the RED image is left out', { onlyAccepted: true }, ['passportFront', 'selfie', 'idCardFront', 'idCardBack']],
			['Document Types ID_CARD', { documentTypes: ['ID_CARD'] }, ['rejected', 'idCardFront', 'idCardBack']],
			['Document Types PASSPORT and SELFIE', { documentTypes: ['PASSPORT', 'SELFIE'] }, ['passportFront', 'selfie']],
			['Document Types PASSPORT, all images', { documentTypes: ['PASSPORT'], onlyActive: false }, ['deactivated', 'passportFront']],
			['Document Types DRIVERS (none there)', { documentTypes: ['DRIVERS'] }, []],
			['Sources liveness', { options: { sources: ['liveness'] } }, ['selfie']],
			['Sources docapture, accepted only', { onlyAccepted: true, options: { sources: ['docapture'] } }, ['passportFront', 'idCardFront', 'idCardBack']],
			['Sources fileupload (only the deactivated scan)', { onlyActive: false, options: { sources: ['fileupload'] } }, ['deactivated']],
			['Sources fileupload with Only Active on', { options: { sources: ['fileupload'] } }, []],
		] as Array<[string, IDataObject, ImageName[]]>)('%s', async (_label, more, expected) => {
			const items = await runOk(listDocuments(more));
			expect(items.map((item) => item.json)).toStrictEqual(expected.map((name) => expectedItem(name)));
			expect(paths()).toEqual([metadataPath(S.applicantCompleted)]);
		});

		it('Sources Video Ident also keeps "videoidentSnapshot" (prefix), NFC and External Database by name', async () => {
			const videoident = await runOk(params.sumsubDocuments(everyType.applicantId, { options: { sources: ['videoident'] } }));
			expect(videoident.map((item) => item.json.source)).toEqual(['videoident', 'videoidentSnapshot']);
			expect(imageIds(videoident)).toEqual([everyType.ids.videoSelfie, everyType.ids.videoidentFrame]);

			const others = await runOk(params.sumsubDocuments(everyType.applicantId, { options: { sources: ['nfc', 'externaldb'] } }));
			expect(imageIds(others)).toEqual([everyType.ids.profile, everyType.ids.companyDoc]);
		});
	});

	it('returns Sumsub\'s answer unchanged (every image, deactivated too) with the raw response option', async () => {
		const body = await sumsubDirect(metadataPath(S.applicantCompleted));
		expect(body.totalItems).toBe(6);
		expect(body.items.map((image: { id: string }) => image.id)).toEqual(UPLOAD_ORDER.map((name) => IMG[name]));
		sim.clearRequests();

		const items = await runOk(listDocuments({ options: { rawResponse: true } }));
		expect(items.map((item) => item.json)).toStrictEqual([{ applicantId: S.applicantCompleted, ...body }]);
		expect(paths()).toEqual([metadataPath(S.applicantCompleted)]);
	});

	it('finds the applicant by external user ID with one extra request', async () => {
		const items = await runOk(params.sumsubDocumentsByExternal(S.externalUserId));
		expect(items.map((item) => item.json)).toStrictEqual(ACTIVE.map((name) => expectedItem(name)));
		expect(sim.requests.map((r: { path: string; status: number }) => [r.path, r.status])).toEqual([
			[`/resources/applicants/-;externalUserId=${S.externalUserId}/one`, 200],
			[metadataPath(S.applicantCompleted), 200],
		]);
	});

	it('by an unknown external user ID: a 404 NodeApiError naming the external user ID, and no listing', async () => {
		const result = await run(params.sumsubDocumentsByExternal('nobody-999'));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			'Getting Sumsub applicant with external user ID nobody-999 failed: Sumsub says "Not found" (code not-found, HTTP 404)',
		);
		expect(result.error?.httpCode).toBe('404');
		expect(paths()).toEqual(['/resources/applicants/-;externalUserId=nobody-999/one']);
	});

	it('an applicant without documents: zero items, no error', async () => {
		const result = await run(params.sumsubDocuments(S.applicantPending));
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
		expect(paths()).toEqual([metadataPath(S.applicantPending)]);
	});

	it('an unknown applicant: 404 NodeApiError with Sumsub\'s message', async () => {
		const result = await run(params.sumsubDocuments(S.applicantUnknown));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			`Listing the document images of Sumsub applicant ${S.applicantUnknown} failed: Sumsub says "Not found" (code not-found, HTTP 404)`,
		);
		expect(result.error?.description).toMatch(/Sumsub does not know this id/);
	});

	it('Unit21 Media Type Overrides: a "type:side" key wins over a "type" key, keys in any case, the rest keeps the table', async () => {
		const overrides = JSON.stringify({
			'RESIDENCE_PERMIT:FRONT_SIDE': 'IMAGE_RESIDENCE_PERMIT_FRONT',
			residence_permit: 'IMAGE_RESIDENCE_PERMIT',
			UTILITY_BILL: 'IMAGE_PROOF_OF_ADDRESS',
			'passport:BACK_SIDE': 'IMAGE_PASSPORT_DATA_PAGE_BACK',
		});
		const items = await runOk(params.sumsubDocuments(everyType.applicantId, { options: { mediaTypeOverrides: overrides } }));
		const expected: Record<string, string> = {
			...Object.fromEntries(EVERY_TYPE.map(({ name, unit21MediaType }) => [name, unit21MediaType])),
			permitFront: 'IMAGE_RESIDENCE_PERMIT_FRONT',
			permitBack: 'IMAGE_RESIDENCE_PERMIT',
			utilityBill: 'IMAGE_PROOF_OF_ADDRESS',
			passportBack: 'IMAGE_PASSPORT_DATA_PAGE_BACK',
		};
		expect(items.map((item) => item.json.unit21MediaType)).toEqual(EVERY_TYPE.map(({ name }) => expected[name]));
	});

	it('Unit21 Media Type Overrides on the demo applicant: only the overridden rows change', async () => {
		const items = await runOk(listDocuments({ options: { mediaTypeOverrides: '{"ID_CARD:BACK_SIDE": "IMAGE_ID_CARD_REVERSE", "SELFIE": "IMAGE_SELFIE"}' } }));
		expect(items.map((item) => item.json)).toStrictEqual([
			expectedItem('passportFront'),
			expectedItem('rejected'),
			expectedItem('selfie', { unit21MediaType: 'IMAGE_SELFIE' }),
			expectedItem('idCardFront'),
			expectedItem('idCardBack', { unit21MediaType: 'IMAGE_ID_CARD_REVERSE' }),
		]);
	});

	it('fileType sent as an extension (jpg / png) still gives a MIME type', async () => {
		sim.setFileTypeStyle('extension');
		expect(sim.imageMetadata(IMG.passportFront).fileMetadata.fileType).toBe('jpg');
		expect(sim.imageMetadata(IMG.selfie).fileMetadata.fileType).toBe('png');
		const items = await runOk(listDocuments());
		expect(items.map((item) => item.json)).toStrictEqual(ACTIVE.map((name) => expectedItem(name)));
		expect(items.map((item) => item.json.mimeType)).toEqual(['image/jpeg', 'image/jpeg', 'image/png', 'image/jpeg', 'image/jpeg']);
	});

	it('reads answers the simulator does not serve by itself: numeric ids, a size as text, frames without idDocDef', async () => {
		// Served through a fault with a 200 body: shapes Sumsub's docs leave open (VENDORS-EVIDENCE.md §1.1).
		sim.injectFault({
			path: metadataPath(S.applicantCompleted),
			status: 200,
			body: {
				items: [
					{
						id: 1900000001,
						previewId: 1900000002,
						addedDate: '2024-08-13 14:12:41',
						fileMetadata: { fileName: 'frame-1.jpg', fileType: 'image/jpeg', fileSize: '845213', resolution: { width: 1920, height: 1080 } },
						reviewResult: { reviewAnswer: 'GREEN' },
						attemptId: 'aBcDe',
						source: 'videoidentSnapshot',
						deactivated: false,
					},
					{
						id: '1900000003',
						previewId: '1900000004',
						addedDate: '2024-08-13 14:12:42',
						fileMetadata: { fileName: 'liveness.png', fileType: 'PNG', fileSize: 1024 },
						idDocDef: null,
						reviewResult: null,
						attemptId: 'aBcDe',
						source: 'liveness',
						deactivated: false,
					},
					{
						id: '1900000005',
						previewId: '1900000006',
						addedDate: '2024-08-13 14:12:43',
						fileMetadata: { fileName: 'upload.jpeg', fileSize: 2048 },
						attemptId: 'aBcDe',
						source: 'docapture',
						deactivated: false,
					},
				],
				totalItems: 3,
			},
		});
		const items = await runOk(listDocuments());
		const common = { applicantId: S.applicantCompleted, idDocType: null, idDocSubType: null, country: null, attemptId: 'aBcDe', deactivated: false };
		expect(items.map((item) => item.json)).toStrictEqual([
			{
				...common, imageId: '1900000001', previewId: '1900000002', fileName: 'frame-1.jpg', mimeType: 'image/jpeg', size: 845213,
				addedDate: '2024-08-13 14:12:41', source: 'videoidentSnapshot', reviewAnswer: 'GREEN', rejectLabels: [], unit21MediaType: 'IMAGE_FACE_IMAGE',
			},
			{
				...common, imageId: '1900000003', previewId: '1900000004', fileName: 'liveness.png', mimeType: 'image/png', size: 1024,
				addedDate: '2024-08-13 14:12:42', source: 'liveness', reviewAnswer: null, rejectLabels: [], unit21MediaType: 'IMAGE_FACE_IMAGE',
			},
			{
				// No type and no face source: nothing Unit21 knows (From the Item will refuse it).
				...common, imageId: '1900000005', previewId: '1900000006', fileName: 'upload.jpeg', mimeType: 'image/jpeg', size: 2048,
				addedDate: '2024-08-13 14:12:43', source: 'docapture', reviewAnswer: null, rejectLabels: [], unit21MediaType: null,
			},
		]);
	});

	/** One metadata item served through a fault, with `fileMetadata` as given. */
	const oneImageServed = (fileMetadata: IDataObject) =>
		sim.injectFault({
			path: metadataPath(S.applicantCompleted),
			status: 200,
			body: {
				items: [
					{
						id: '1900000011', previewId: '1900000012', addedDate: '2024-08-13 14:12:41', fileMetadata,
						idDocDef: { country: 'GBR', idDocType: 'PASSPORT', idDocSubType: null }, reviewResult: { reviewAnswer: 'GREEN' },
						attemptId: 'aBcDe', source: 'docapture', deactivated: false,
					},
				],
				totalItems: 1,
			},
		});

	it('a fileSize that is missing gives size null (never NaN)', async () => {
		oneImageServed({ fileName: 'passport.jpg', fileType: 'image/jpeg' });
		const [item] = await runOk(listDocuments());
		expect(item.json.size).toBeNull();
	});

	// An unknown size is null, not 0 bytes.
	it('a fileSize of null gives size null, not 0 (an empty file)', async () => {
		oneImageServed({ fileName: 'passport.jpg', fileType: 'image/jpeg', fileSize: null });
		const [item] = await runOk(listDocuments());
		expect(item.json.size).toBeNull();
	});

	it('keeps input order and pairedItem with several applicants', async () => {
		sim.injectFault({ path: metadataPath(S.applicantCompleted), delayMs: 300, times: 1 });
		const input = [S.applicantCompleted, S.applicantPending, everyType.applicantId].map((applicantId) => ({ json: { applicantId } }));
		const items = await runOk(params.sumsubDocuments('={{ $json.applicantId }}', { options: { requestsInParallel: 3 } }), { input });
		expect(imageIds(items)).toEqual([...ACTIVE.map((name) => IMG[name]), ...EVERY_TYPE.map(({ name }) => everyType.ids[name])]);
		expect(pairedIndexes(items)).toEqual([...ACTIVE.map(() => 0), ...EVERY_TYPE.map(() => 2)]);
	});
});

// ---------------------------------------------------------------------------------------
// Download Document Image
// ---------------------------------------------------------------------------------------

const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png' };

/** The file name promised for an image downloaded from its List Documents item. */
const listedFileName = (name: ImageName) =>
	`${[SEED[name].idDocType, SEED[name].idDocSubType, 'DEU'].filter(Boolean).join('-')}-${IMG[name]}.${EXTENSION[SEED[name].mimeType as string]}`;

describe('Download Document Image', () => {
	it('downloads every listed image byte for byte with the default expressions, MIME type and file name from type/side/country/id', async () => {
		const listed = await runOk(listDocuments());
		sim.clearRequests();
		const items = await runOk(downloadImage(), { input: listed });

		expect(items).toHaveLength(ACTIVE.length);
		expect(pairedIndexes(items)).toEqual([0, 1, 2, 3, 4]);
		expect(items.map((item) => item.binary!.data.fileName)).toEqual([
			`PASSPORT-DEU-${IMG.passportFront}.jpg`,
			`ID_CARD-FRONT_SIDE-DEU-${IMG.rejected}.jpg`,
			`SELFIE-DEU-${IMG.selfie}.png`,
			`ID_CARD-FRONT_SIDE-DEU-${IMG.idCardFront}.jpg`,
			`ID_CARD-BACK_SIDE-DEU-${IMG.idCardBack}.jpg`,
		]);
		for (const [i, name] of ACTIVE.entries()) {
			const binary = items[i].binary!.data;
			expect(binary.fileName).toBe(listedFileName(name));
			expect(binary.mimeType).toBe(SEED[name].mimeType);
			expect(binary.mimeType).toBe(sim.mediaType(IMG[name]));
			const bytes = await binaryBytes(items[i]);
			expect(bytes.length).toBe(listed[i].json.size);
			expect(sha256(bytes)).toBe(await sim.mediaSha256(IMG[name]));
			// The listing item goes on unchanged (its ids are the downloaded image's).
			expect(items[i].json).toStrictEqual(listed[i].json);
		}
		// The current (applicant) path only, no applicant lookup; binary content asked for with Accept */*.
		expect(sim.requests.map((r: { path: string; status: number }) => [r.path, r.status])).toEqual(
			ACTIVE.map((name) => [applicantImagePath(S.applicantCompleted, IMG[name]), 200]),
		);
		expect(sim.imageRequestCounts()).toEqual({ applicant: { requests: 5, ok: 5 }, inspection: { requests: 0, ok: 0 } });
		for (const request of sim.requests) expect(request.headers.accept).toBe('*/*');
	});

	it('downloads the thumbnail when given the previewId (half-size image, same type)', async () => {
		const [listed] = await runOk(listDocuments({ documentTypes: ['SELFIE'] }));
		sim.clearRequests();
		const [item] = await runOk(downloadImage({}, { imageId: '={{ $json.previewId }}' }), { input: [listed] });
		const bytes = await binaryBytes(item);
		expect(sha256(bytes)).toBe(await sim.mediaSha256(PREVIEW.selfie));
		expect(sha256(bytes)).not.toBe(await sim.mediaSha256(IMG.selfie));
		expect(bytes.length).toBeLessThan(listed.json.size as number);
		expect(item.binary!.data.mimeType).toBe('image/png');
		// The item describes the full image, not this preview: the neutral name.
		expect(item.binary!.data.fileName).toBe(`sumsub-${PREVIEW.selfie}.png`);
		expect(item.json).toStrictEqual({ ...listed.json, imageId: PREVIEW.selfie });
		expect(paths()).toEqual([applicantImagePath(S.applicantCompleted, PREVIEW.selfie)]);
	});

	it('an id given directly (no List Documents item): file sumsub-<id>.<ext>, MIME type from the answer, input binaries kept', async () => {
		const first = await runOk(params.sumsubDownloadImage(S.applicantCompleted, IMG.passportFront), { input: [{ json: { ticket: 'T-9' } }] });
		const items = await runOk(params.sumsubDownloadImage(S.applicantCompleted, IMG.selfie, {}, 'selfie'), { input: first });
		const item = items[0];
		expect(Object.keys(item.binary!).sort()).toEqual(['data', 'selfie']);
		expect(item.binary!.data.fileName).toBe(`sumsub-${IMG.passportFront}.jpg`);
		expect(item.binary!.selfie).toMatchObject({ fileName: `sumsub-${IMG.selfie}.png`, mimeType: 'image/png' });
		expect(sha256(await binaryBytes(item, 'selfie'))).toBe(await sim.mediaSha256(IMG.selfie));
		expect(sha256(await binaryBytes(item, 'data'))).toBe(await sim.mediaSha256(IMG.passportFront));
		expect(item.json).toStrictEqual({ ticket: 'T-9', applicantId: S.applicantCompleted, imageId: IMG.selfie });
	});

	it('a numeric Image ID (as requiredIdDocsStatus gives it) is sent as text', async () => {
		const items = await runOk(params.sumsubDownloadImage(S.applicantCompleted, `={{ ${IMG.idCardBack} }}`));
		expect(items[0].json.imageId).toBe(IMG.idCardBack);
		expect(sha256(await binaryBytes(items[0]))).toBe(await sim.mediaSha256(IMG.idCardBack));
	});

	it('uses the File Name option when set', async () => {
		const items = await runOk(params.sumsubDownloadImage(S.applicantCompleted, IMG.idCardFront, { fileName: 'front.jpg' }));
		expect(items[0].binary!.data).toMatchObject({ fileName: 'front.jpg', mimeType: 'image/jpeg' });
	});

	describe('image paths', () => {
		it('falls back to the inspection path when the applicant path answers 404 (one applicant lookup)', async () => {
			sim.setApplicantImagePath(false);
			const items = await runOk(params.sumsubDownloadImage(S.applicantCompleted, IMG.idCardBack));
			expect(sha256(await binaryBytes(items[0]))).toBe(await sim.mediaSha256(IMG.idCardBack));
			expect(items[0].binary!.data.mimeType).toBe('image/jpeg');
			expect(sim.imageRequestCounts()).toEqual({ applicant: { requests: 1, ok: 0 }, inspection: { requests: 1, ok: 1 } });
			expect(sim.requests.map((r: { path: string; status: number }) => [r.path, r.status])).toEqual([
				[applicantImagePath(S.applicantCompleted, IMG.idCardBack), 404],
				[`/resources/applicants/${S.applicantCompleted}/one`, 200],
				[inspectionImagePath(S.inspectionCompleted, IMG.idCardBack), 200],
			]);
		});

		it('falls back for every item of a List Documents run, each file intact', async () => {
			const listed = await runOk(listDocuments({ documentTypes: ['ID_CARD'], onlyAccepted: true }));
			sim.setApplicantImagePath(false);
			sim.clearRequests();
			const items = await runOk(downloadImage({ requestsInParallel: 1 }), { input: listed });
			expect(items.map((item) => item.binary!.data.fileName)).toEqual([listedFileName('idCardFront'), listedFileName('idCardBack')]);
			for (const [i, name] of (['idCardFront', 'idCardBack'] as const).entries()) {
				expect(sha256(await binaryBytes(items[i]))).toBe(await sim.mediaSha256(IMG[name]));
			}
			expect(sim.imageRequestCounts()).toEqual({ applicant: { requests: 2, ok: 0 }, inspection: { requests: 2, ok: 2 } });
		});

		it('Image Path "Applicant Only": a 404 there fails the item, no fallback, no file', async () => {
			sim.setApplicantImagePath(false);
			const result = await run(params.sumsubDownloadImage(S.applicantCompleted, IMG.idCardBack, { imagePath: 'applicant' }));
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe(
				`Downloading Sumsub document image ${IMG.idCardBack} failed: Sumsub says "HTTP 404 Not Found" (HTTP 404)`,
			);
			expect(result.error?.httpCode).toBe('404');
			expect(result.items).toEqual([]);
			expect(sim.imageRequestCounts()).toEqual({ applicant: { requests: 1, ok: 0 }, inspection: { requests: 0, ok: 0 } });
			expect(paths()).toEqual([applicantImagePath(S.applicantCompleted, IMG.idCardBack)]);
			expect(binaryFilesOfExecution(result.executionId)).toEqual([]);
		});

		it('Image Path "Inspection Only": looks up the inspection and uses only the older path', async () => {
			const items = await runOk(params.sumsubDownloadImage(S.applicantCompleted, IMG.passportFront, { imagePath: 'inspection' }));
			expect(sha256(await binaryBytes(items[0]))).toBe(await sim.mediaSha256(IMG.passportFront));
			expect(sim.imageRequestCounts()).toEqual({ applicant: { requests: 0, ok: 0 }, inspection: { requests: 1, ok: 1 } });
			expect(paths()).toEqual([
				`/resources/applicants/${S.applicantCompleted}/one`,
				inspectionImagePath(S.inspectionCompleted, IMG.passportFront),
			]);
		});

		it('Image Path "Inspection Only" with that path off: 404, the applicant path is not tried', async () => {
			sim.setInspectionImagePath(false);
			const result = await run(params.sumsubDownloadImage(S.applicantCompleted, IMG.passportFront, { imagePath: 'inspection' }));
			expect(result.error?.httpCode).toBe('404');
			expect(sim.imageRequestCounts()).toEqual({ applicant: { requests: 0, ok: 0 }, inspection: { requests: 1, ok: 0 } });
		});
	});

	it('an unknown applicant: the fallback\'s applicant lookup fails with 404, naming the applicant', async () => {
		const result = await run(params.sumsubDownloadImage(S.applicantUnknown, IMG.passportFront));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(`Getting Sumsub applicant ${S.applicantUnknown} failed: Sumsub says "Not found" (code not-found, HTTP 404)`);
		expect(sim.requests.map((r: { path: string; status: number }) => [r.path, r.status])).toEqual([
			[applicantImagePath(S.applicantUnknown, IMG.passportFront), 404],
			[`/resources/applicants/${S.applicantUnknown}/one`, 404],
		]);
		expect(binaryFilesOfExecution(result.executionId)).toEqual([]);
	});

	it('an image of another applicant is not served (404 on both paths)', async () => {
		const result = await run(params.sumsubDownloadImage(everyType.applicantId, IMG.passportFront));
		expect(result.error?.message).toBe(
			`Downloading Sumsub document image ${IMG.passportFront} failed: Sumsub says "HTTP 404 Not Found" (HTTP 404)`,
		);
		expect(sim.imageRequestCounts()).toEqual({ applicant: { requests: 1, ok: 0 }, inspection: { requests: 1, ok: 0 } });
		expect(binaryFilesOfExecution(result.executionId)).toEqual([]);
	});

	it('continueOnFail: an unknown image becomes an error item, the others keep their files', async () => {
		const input = [IMG.passportFront, S.imageUnknown, IMG.selfie].map((imageId) => ({ json: { applicantId: S.applicantCompleted, imageId } }));
		const result = await run(downloadImage({ requestsInParallel: 1 }), { input, continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(pairedIndexes(result.items)).toEqual([0, 1, 2]);
		expect(result.items[1].json).toStrictEqual({
			error: `Downloading Sumsub document image ${S.imageUnknown} failed: Sumsub says "HTTP 404 Not Found" (HTTP 404)`,
			errorDescription: expect.stringMatching(/^Sumsub does not know this id\. .*correlationId [0-9a-f]{32} \(quote it to Sumsub support\)$/),
			httpCode: '404',
		});
		expect(result.items[1].binary).toBeUndefined();
		expect(sha256(await binaryBytes(result.items[0]))).toBe(await sim.mediaSha256(IMG.passportFront));
		expect(sha256(await binaryBytes(result.items[2]))).toBe(await sim.mediaSha256(IMG.selfie));
	});
});

// ---------------------------------------------------------------------------------------
// Get Review Status
// ---------------------------------------------------------------------------------------

describe('Get Review Status', () => {
	it('a completed GREEN review: Sumsub\'s fields plus the answer fields at the top level', async () => {
		const items = await runOk(params.sumsubReviewStatus(S.applicantCompleted));
		expect(items.map((item) => item.json)).toStrictEqual([
			{
				applicantId: S.applicantCompleted,
				reviewId: S.reviewCompleted,
				attemptId: S.attempts.latest,
				attemptCnt: 2,
				levelName: 'video-ident-level',
				createDate: '2024-03-14 10:05:02+0000',
				reviewDate: '2024-03-14 10:21:37+0000',
				elapsedSincePendingMs: 925000,
				elapsedSinceQueuedMs: 925000,
				reprocessing: false,
				priority: 0,
				reviewStatus: 'completed',
				reviewResult: { reviewAnswer: 'GREEN' },
				reviewAnswer: 'GREEN',
				rejectLabels: [],
				reviewRejectType: null,
				moderationComment: null,
				clientComment: null,
			},
		]);
		expect(paths()).toEqual([`/resources/applicants/${S.applicantCompleted}/status`]);
	});

	it('a RED review (VENDORS-EVIDENCE.md §1.4 example): labels, reject type and both comments', async () => {
		const reviewResult = {
			reviewAnswer: 'RED',
			rejectLabels: ['UNSATISFACTORY_PHOTOS', 'SCREENSHOTS'],
			reviewRejectType: 'RETRY',
			clientComment: 'Screenshots are not accepted.',
			moderationComment: 'We do not accept screenshots. Please upload an original photo.',
		};
		const { applicantId } = sim.addApplicant({ review: { reviewStatus: 'completed', reviewDate: '2024-09-10 15:23:13+0000', reviewResult } });
		const [item] = await runOk(params.sumsubReviewStatus(applicantId));
		expect(item.json).toMatchObject({ applicantId, reviewStatus: 'completed', reviewResult });
		expect({
			reviewAnswer: item.json.reviewAnswer,
			rejectLabels: item.json.rejectLabels,
			reviewRejectType: item.json.reviewRejectType,
			moderationComment: item.json.moderationComment,
			clientComment: item.json.clientComment,
		}).toStrictEqual({
			reviewAnswer: 'RED',
			rejectLabels: ['UNSATISFACTORY_PHOTOS', 'SCREENSHOTS'],
			reviewRejectType: 'RETRY',
			moderationComment: 'We do not accept screenshots. Please upload an original photo.',
			clientComment: 'Screenshots are not accepted.',
		});
	});

	it('a pending review has no answer yet: the answer fields are null / empty', async () => {
		const body = await sumsubDirect(`/resources/applicants/${S.applicantPending}/status`);
		expect(body).not.toHaveProperty('reviewResult');
		const [item] = await runOk(params.sumsubReviewStatus(S.applicantPending));
		expect(item.json).toStrictEqual({
			applicantId: S.applicantPending,
			...body,
			reviewStatus: 'pending',
			reviewAnswer: null,
			rejectLabels: [],
			reviewRejectType: null,
			moderationComment: null,
			clientComment: null,
		});
	});

	it('reads the applicant ID from the item by default (e.g. a Sumsub Trigger item) and keeps pairing', async () => {
		const input = [S.applicantPending, S.applicantCompleted].map((applicantId) => ({ json: { applicantId, type: 'applicantReviewed' } }));
		const items = await runOk(params.sumsubReviewStatus('={{ $json.applicantId }}'), { input });
		expect(items.map((item) => [item.json.applicantId, item.json.reviewStatus])).toEqual([
			[S.applicantPending, 'pending'],
			[S.applicantCompleted, 'completed'],
		]);
		expect(pairedIndexes(items)).toEqual([0, 1]);
	});

	it('an unknown applicant: 404 NodeApiError', async () => {
		const result = await run(params.sumsubReviewStatus(S.applicantUnknown));
		expect(result.error?.message).toBe(
			`Getting the review status of Sumsub applicant ${S.applicantUnknown} failed: Sumsub says "Not found" (code not-found, HTTP 404)`,
		);
	});
});

// ---------------------------------------------------------------------------------------
// Get Verification Steps
// ---------------------------------------------------------------------------------------

describe('Get Verification Steps', () => {
	const green = (imageId: string) => ({ imageId, reviewAnswer: 'GREEN', rejectLabels: [] });
	const stepOf = (step: string, idDocType: string, ids: string[]) => ({
		applicantId: S.applicantCompleted,
		step,
		submitted: true,
		idDocType,
		country: 'DEU',
		reviewAnswer: 'GREEN',
		rejectLabels: [],
		moderationComment: null,
		clientComment: null,
		imageIds: ids,
		images: ids.map(green),
	});

	it('one item per step of the level, image ids as strings, front side first', async () => {
		const items = await runOk(params.sumsubSteps(S.applicantCompleted));
		expect(items.map((item) => item.json)).toStrictEqual([
			stepOf('IDENTITY', 'PASSPORT', [IMG.passportFront]),
			stepOf('IDENTITY2', 'ID_CARD', [IMG.idCardFront, IMG.idCardBack]),
			stepOf('SELFIE', 'SELFIE', [IMG.selfie]),
		]);
		expect(pairedIndexes(items)).toEqual([0, 0, 0]);
		expect(paths()).toEqual([`/resources/applicants/${S.applicantCompleted}/requiredIdDocsStatus`]);
	});

	it('"One Item": Sumsub\'s answer unchanged (image ids stay numbers there)', async () => {
		const body = await sumsubDirect(`/resources/applicants/${S.applicantCompleted}/requiredIdDocsStatus`);
		expect(body.IDENTITY2.imageIds).toEqual([Number(IMG.idCardFront), Number(IMG.idCardBack)]);
		const items = await runOk(params.sumsubSteps(S.applicantCompleted, 'single'));
		expect(items.map((item) => item.json)).toStrictEqual([{ applicantId: S.applicantCompleted, ...body }]);
	});

	it('steps with nothing uploaded (null) are submitted: false', async () => {
		const items = await runOk(params.sumsubSteps(S.applicantPending));
		const empty = (step: string) => ({
			applicantId: S.applicantPending,
			step,
			submitted: false,
			idDocType: null,
			country: null,
			reviewAnswer: null,
			rejectLabels: [],
			moderationComment: null,
			clientComment: null,
			imageIds: [],
			images: [],
		});
		expect(items.map((item) => item.json)).toStrictEqual([empty('IDENTITY'), empty('SELFIE')]);
	});

	it('a RED step (VENDORS-EVIDENCE.md §1.3 example): the step\'s answer and each image\'s own result', async () => {
		const { applicantId } = sim.addApplicant({ info: { country: 'LVA' } });
		const redResult = {
			moderationComment: 'Please upload a photo of the front of your ID card.',
			clientComment: 'One side of the document is missing.',
			reviewAnswer: 'RED',
			rejectLabels: ['DOCUMENT_PAGE_MISSING', 'FRONT_SIDE_MISSING'],
			reviewRejectType: 'RETRY',
		};
		const front = sim.addDocumentImage({ applicantId, idDocType: 'ID_CARD', idDocSubType: 'FRONT_SIDE', addedDate: '2024-01-01 10:00:00', reviewResult: redResult });
		const back = sim.addDocumentImage({ applicantId, idDocType: 'ID_CARD', idDocSubType: 'BACK_SIDE', addedDate: '2024-01-01 10:00:05' });
		const items = await runOk(params.sumsubSteps(applicantId));
		expect(items.map((item) => item.json)).toStrictEqual([
			{
				applicantId,
				step: 'IDENTITY',
				submitted: true,
				idDocType: 'ID_CARD',
				country: 'LVA',
				reviewAnswer: 'RED',
				rejectLabels: ['DOCUMENT_PAGE_MISSING', 'FRONT_SIDE_MISSING'],
				moderationComment: 'Please upload a photo of the front of your ID card.',
				clientComment: 'One side of the document is missing.',
				imageIds: [front, back],
				images: [
					{ imageId: front, ...redResult },
					{ imageId: back, reviewAnswer: 'GREEN', rejectLabels: [] },
				],
			},
			{
				applicantId,
				step: 'SELFIE',
				submitted: false,
				idDocType: null,
				country: null,
				reviewAnswer: null,
				rejectLabels: [],
				moderationComment: null,
				clientComment: null,
				imageIds: [],
				images: [],
			},
		]);
		for (const id of [front, back]) expect(typeof id).toBe('string');
	});

	it('the image ids of a step download with Download Document Image', async () => {
		const [identity2] = (await runOk(params.sumsubSteps(S.applicantCompleted))).filter((item) => item.json.step === 'IDENTITY2');
		const input = (identity2.json.imageIds as string[]).map((imageId) => ({ json: { applicantId: S.applicantCompleted, imageId } }));
		const items = await runOk(downloadImage(), { input });
		for (const [i, id] of [IMG.idCardFront, IMG.idCardBack].entries()) {
			expect(sha256(await binaryBytes(items[i]))).toBe(await sim.mediaSha256(id));
		}
	});
});
