/**
 * Bad input table: every id field of every operation, fed bad values by an expression in
 * the SECOND item (item 1) while the first item is fine. All items are validated before
 * any request, so the simulators must see nothing, and the error names the field and the
 * item. Then other bad parameters and bad credentials, and Continue On Fail with one bad
 * item among good ones.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { credentialsSentTo, expectNoSecrets, inMemoryBinary, nodeRunner, params, storeBinary } from '../helpers/scenario';
import type { NodeRunner, Vendor } from '../helpers/scenario';
import { DEMO, startSumsubSimulator, startUnit21Simulator, startVeriffSimulator } from '../helpers/simulators';

const V = DEMO.veriff;
const S = DEMO.sumsub;
const U = DEMO.unit21;

let veriff: any;
let sumsub: any;
let unit21: any;
beforeAll(async () => {
	[veriff, sumsub, unit21] = await Promise.all([startVeriffSimulator({}), startSumsubSimulator({}), startUnit21Simulator({})]);
});
afterAll(async () => {
	await Promise.all([veriff?.close(), sumsub?.close(), unit21?.close()]);
});
beforeEach(() => {
	for (const sim of [veriff, sumsub, unit21]) sim.clearRequests();
	unit21.clearUploads();
});
const requestsSeen = () => veriff.requests.length + sumsub.requests.length + unit21.requests.length;

const evidence = () => ({ data: inMemoryBinary(Buffer.from('evidence file\n'), 'evidence.txt', 'text/plain') });

const nodes: Record<Vendor, NodeRunner> = {
	veriff: nodeRunner('veriff', () => veriff),
	sumsub: nodeRunner('sumsub', () => sumsub),
	unit21: nodeRunner('unit21', () => unit21),
};

// ---------------------------------------------------------------------------------------
// Id fields
// ---------------------------------------------------------------------------------------

type Format = 'uuid' | 'hex' | 'pathSafe' | 'unit21EntityId';
interface IdField {
	operation: string;
	vendor: Vendor;
	field: string;
	label: string;
	format: Format;
	/** A value that is valid (item 0 uses it). */
	good: string;
	/** Parameters with the field read from `$json.v`. */
	parameters: IDataObject;
	/** Empty is allowed (optional field). */
	optional?: boolean;
}

const fromItem = '={{ $json.v }}';
const ID_FIELDS: IdField[] = [
	{ operation: 'Veriff listSessionMedia', vendor: 'veriff', field: 'sessionId', label: 'Session ID', format: 'uuid', good: V.sessionApproved, parameters: params.veriffList(fromItem) },
	{
		operation: 'Veriff listSessionMedia (specific attempt)',
		vendor: 'veriff',
		field: 'attemptId',
		label: 'Attempt ID',
		format: 'uuid',
		good: V.attempts.approvedLatest,
		parameters: params.veriffListAttempt(V.sessionApproved, fromItem),
	},
	{ operation: 'Veriff download', vendor: 'veriff', field: 'mediaId', label: 'Media ID', format: 'uuid', good: V.media.face, parameters: params.veriffDownload(fromItem) },
	{ operation: 'Veriff listAttempts', vendor: 'veriff', field: 'sessionId', label: 'Session ID', format: 'uuid', good: V.sessionApproved, parameters: params.veriffAttempts(fromItem) },
	{ operation: 'Veriff getDecision', vendor: 'veriff', field: 'sessionId', label: 'Session ID', format: 'uuid', good: V.sessionApproved, parameters: params.veriffDecision(fromItem) },
	{ operation: 'Sumsub getVideoCallData', vendor: 'sumsub', field: 'inspectionId', label: 'Inspection ID', format: 'hex', good: S.inspectionCompleted, parameters: params.sumsubVideoCall(fromItem) },
	{
		operation: 'Sumsub getVideoCallData (one item per recording)',
		vendor: 'sumsub',
		field: 'applicantId',
		label: 'Applicant ID',
		format: 'hex',
		good: S.applicantCompleted,
		parameters: params.sumsubVideoCallPer(S.inspectionCompleted, fromItem),
		optional: true,
	},
	{ operation: 'Sumsub downloadRecording', vendor: 'sumsub', field: 'applicantId', label: 'Applicant ID', format: 'hex', good: S.applicantCompleted, parameters: params.sumsubRecording(fromItem, S.compositions[1]) },
	{
		operation: 'Sumsub downloadRecording',
		vendor: 'sumsub',
		field: 'compositionMediaId',
		label: 'Composition Media ID',
		format: 'pathSafe',
		good: S.compositions[1],
		parameters: params.sumsubRecording(S.applicantCompleted, fromItem),
	},
	{ operation: 'Sumsub applicant get', vendor: 'sumsub', field: 'applicantId', label: 'Applicant ID', format: 'hex', good: S.applicantCompleted, parameters: params.sumsubApplicant(fromItem) },
	{ operation: 'Sumsub applicant getReviewStatus', vendor: 'sumsub', field: 'applicantId', label: 'Applicant ID', format: 'hex', good: S.applicantCompleted, parameters: params.sumsubReviewStatus(fromItem) },
	{ operation: 'Sumsub applicant getVerificationSteps', vendor: 'sumsub', field: 'applicantId', label: 'Applicant ID', format: 'hex', good: S.applicantCompleted, parameters: params.sumsubSteps(fromItem) },
	{ operation: 'Sumsub document list', vendor: 'sumsub', field: 'applicantId', label: 'Applicant ID', format: 'hex', good: S.applicantCompleted, parameters: params.sumsubDocuments(fromItem) },
	{
		operation: 'Sumsub document downloadImage',
		vendor: 'sumsub',
		field: 'applicantId',
		label: 'Applicant ID',
		format: 'hex',
		good: S.applicantCompleted,
		parameters: params.sumsubDownloadImage(fromItem, S.images.passportFront),
	},
	{
		operation: 'Sumsub document downloadImage',
		vendor: 'sumsub',
		field: 'imageId',
		label: 'Image ID',
		format: 'pathSafe',
		good: S.images.passportFront,
		parameters: params.sumsubDownloadImage(S.applicantCompleted, fromItem),
	},
	{ operation: 'Unit21 entity addMedia', vendor: 'unit21', field: 'entityId', label: 'Entity ID', format: 'pathSafe', good: U.entity, parameters: params.unit21('entity', fromItem) },
	{ operation: 'Unit21 event addMedia', vendor: 'unit21', field: 'eventId', label: 'Event ID', format: 'pathSafe', good: U.event, parameters: params.unit21('event', fromItem, { mediaType: 'IMAGE_CHECK_FRONT' }) },
	{ operation: 'Unit21 alert addMedia', vendor: 'unit21', field: 'alertId', label: 'Alert ID', format: 'pathSafe', good: U.alert, parameters: params.unit21('alert', fromItem) },
	{ operation: 'Unit21 case addMedia', vendor: 'unit21', field: 'caseId', label: 'Case ID', format: 'pathSafe', good: U.case, parameters: params.unit21('case', fromItem) },
	{ operation: 'Unit21 entity get', vendor: 'unit21', field: 'entityId', label: 'Entity ID', format: 'unit21EntityId', good: U.entity, parameters: params.unit21GetEntity(fromItem) },
	{
		operation: 'Unit21 entity upsert',
		vendor: 'unit21',
		field: 'entityId',
		label: 'Entity ID',
		format: 'unit21EntityId',
		good: U.entity,
		parameters: params.unit21UpsertEntity(fromItem, { customData: '{"kyc_verdict": "approved"}' }),
	},
];

const COMMON_BAD = ['', '   ', '../etc', 'a/b', '%2F', 'abc def'];
// Unit21 entity ids may hold "/", "%", "#", "?" (percent-encoded when sent, see unit21-entity.test.ts).
const COMMON_BAD_FOR = (format: Format) => (format === 'unit21EntityId' ? ['', '   ', 'abc def'] : COMMON_BAD);
const FORMAT_BAD: Record<Format, string[]> = {
	uuid: ['not-a-uuid', 'aea9ba6d1b4747fca4fcf72b6d3584a7', `${V.sessionApproved}/../x`, `${V.sessionApproved}?x=1`, ' aea9ba6d-1b47-47fc-a4fc-f72b6d3584a7'],
	hex: ['zzzzzzzzzzzzzzzzzzzzzzzz', 'd5eeb8109de18d3ba6c9ca2', V.sessionApproved, `${S.applicantCompleted}#`],
	pathSafe: ['..', '.', 'a\\b', 'tab\there', 'line\nbreak', '%2e%2E', 'x%5Cy', 'half\uD800pair'],
	unit21EntityId: ['..', '.', 'a\\b', 'tab\there', 'line\nbreak', 'half\uD800pair', 'Müller-1', '<cust>', 'a,b', 'a|b', 'x'.repeat(129)],
};

function expectedMessage(label: string, value: string, item: number): string {
	if (value.trim() === '') return `${label} is empty (item ${item})`;
	const shown = value.length > 60 ? `"${value.slice(0, 57)}…"` : `"${value}"`;
	return `${label} ${shown} is not valid (item ${item})`;
}

const ID_ROWS = ID_FIELDS.flatMap((f) =>
	[...COMMON_BAD_FOR(f.format), ...FORMAT_BAD[f.format]]
		.filter((value) => !(f.optional && value.trim() === ''))
		.map((value) => ({ ...f, value, shownValue: JSON.stringify(value) })),
);

describe('bad ids fail before any request, naming the field and the item', () => {
	it.each(ID_ROWS)('$operation $field = $shownValue', async ({ vendor, parameters, label, good, value }) => {
		const result = await nodes[vendor].run(parameters, {
			input: [
				{ json: { v: good }, binary: evidence() },
				{ json: { v: value }, binary: evidence() },
			],
		});
		expect(result.error?.message).toBe(expectedMessage(label, value, 1));
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(result.error?.description).toContain(`"${label}"`);
		expect(requestsSeen()).toBe(0);
		expect(result.items).toEqual([]);
		expectNoSecrets(result);
	});

	const BY_EXTERNAL_USER_ID: Array<[string, IDataObject]> = [
		['Sumsub applicant get', params.sumsubApplicantByExternal(fromItem)],
		['Sumsub document list', params.sumsubDocumentsByExternal(fromItem)],
	];
	const EXTERNAL_ROWS = BY_EXTERNAL_USER_ID.flatMap(([operation, parameters]) =>
		['', '   ', 'user\u0000001', 'user\n001', 'user\u007f', 'tab\there'].map((value) => ({ operation, parameters, value, shownValue: JSON.stringify(value) })),
	);

	it.each(EXTERNAL_ROWS)('$operation externalUserId = $shownValue', async ({ parameters, value }) => {
		const result = await nodes.sumsub.run(parameters, {
			input: [{ json: { v: S.externalUserId } }, { json: { v: value } }],
		});
		expect(result.error?.message).toBe('External User ID is empty or contains control characters (item 1)');
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(result.error?.description).toContain('"External User ID"');
		expect(requestsSeen()).toBe(0);
		expectNoSecrets(result);
	});

	it.each(BY_EXTERNAL_USER_ID)('%s externalUserId with half a surrogate pair', async (_operation, parameters) => {
		const result = await nodes.sumsub.run(parameters, {
			input: [{ json: { v: S.externalUserId } }, { json: { v: 'user-\uD83D' } }],
		});
		expect(result.error?.message).toBe('External User ID contains a broken character (item 1)');
		expect(requestsSeen()).toBe(0);
	});
});

// ---------------------------------------------------------------------------------------
// Other parameters
// ---------------------------------------------------------------------------------------

interface ParamRow {
	case: string;
	vendor: Vendor;
	parameters: IDataObject;
	input: () => Promise<INodeExecutionData[]>;
	message: string | RegExp;
}

const twoItems = (second: IDataObject, binaryOfSecond: boolean) => async (): Promise<INodeExecutionData[]> => [
	{ json: { v: 'ok' }, binary: evidence() },
	{ json: second, ...(binaryOfSecond ? { binary: evidence() } : {}) },
];

const PARAM_ROWS: ParamRow[] = [
	{
		case: 'Unit21: the binary field is missing on item 1',
		vendor: 'unit21',
		parameters: params.unit21('entity', U.entity),
		input: twoItems({}, false),
		message: 'Input Binary Field "data" does not exist on the item (item 1)',
	},
	{
		case: 'Unit21: one of several binary fields is missing',
		vendor: 'unit21',
		parameters: params.unit21('entity', U.entity, { binaryPropertyName: 'data, back' }),
		input: twoItems({}, true),
		message: 'Input Binary Field "back" does not exist on the item (item 0)',
	},
	{
		case: 'Unit21: the binary field list is empty',
		vendor: 'unit21',
		parameters: params.unit21('entity', U.entity, { binaryPropertyName: ' , ' }),
		input: twoItems({}, true),
		message: 'Input Binary Field(s) is empty (item 0)',
	},
	{
		case: 'Unit21: the file of item 1 is over 5 MB',
		vendor: 'unit21',
		parameters: params.unit21('entity', U.entity),
		input: async () => [
			{ json: {}, binary: evidence() },
			{ json: {}, binary: { data: await storeBinary(Buffer.alloc(5 * 1024 * 1024 + 1, 1), 'video.mp4', 'video/mp4') } },
		],
		message: `The file in "data" is 5.00 MB (5,242,881 bytes), over Unit21's 5 MB limit per file (item 1)`,
	},
	{
		case: 'Unit21: Custom Data of item 1 is not JSON',
		vendor: 'unit21',
		parameters: params.unit21('entity', U.entity, { options: { customData: '={{ $json.cd }}' } }),
		input: async () => [
			{ json: { cd: '{"source": "veriff"}' }, binary: evidence() },
			{ json: { cd: '{"source": veriff}' }, binary: evidence() },
		],
		message: 'Custom Data (JSON) is not a JSON object (item 1)',
	},
	{
		case: 'Unit21: event without media type on item 1',
		vendor: 'unit21',
		parameters: params.unit21('event', U.event, { mediaType: '={{ $json.mt }}' }),
		input: async () => [
			{ json: { mt: 'IMAGE_CHECK_FRONT' }, binary: evidence() },
			{ json: { mt: 'none' }, binary: evidence() },
		],
		message: 'Media Type is required for events (item 1)',
	},
	{
		case: 'Unit21: "Other" media type left empty for an event',
		vendor: 'unit21',
		parameters: params.unit21('event', U.event, { mediaType: 'other', customMediaType: '  ' }),
		input: twoItems({}, true),
		message: 'Other Media Type is empty (item 0)',
	},
	{
		case: 'Unit21: File Name with several binary fields',
		vendor: 'unit21',
		parameters: params.unit21('entity', U.entity, { binaryPropertyName: 'data, data', options: { fileName: 'x.pdf' } }),
		input: twoItems({}, true),
		message: 'File Name can only be set when one binary field is uploaded (item 0)',
	},
	...['{"kyc_verdict": approved}', 'not json', '[1, 2]', '"approved"', '42'].map(
		(customData): ParamRow => ({
			case: `Unit21 Create or Update Entity: Custom Data of item 1 = ${customData}`,
			vendor: 'unit21',
			parameters: params.unit21UpsertEntity(U.entity, { customData: '={{ $json.cd }}' }),
			input: async () => [{ json: { cd: '{"kyc_verdict": "approved"}' } }, { json: { cd: customData } }],
			message: 'Custom Data (JSON) is not a JSON object (item 1)',
		}),
	),
	{
		case: 'Unit21 Create or Update Entity: User or Business Data of item 1 is not JSON',
		vendor: 'unit21',
		parameters: params.unit21UpsertEntity(U.entity, { options: { profileData: '={{ $json.pd }}' } }),
		input: async () => [{ json: { pd: '{"first_name": "Lena"}' } }, { json: { pd: '{"first_name": Lena}' } }],
		message: 'User or Business Data (JSON) is not a JSON object (item 1)',
	},
	...['not a date', '2024-13-45', '31.12.2024 25:00'].map(
		(registeredAt): ParamRow => ({
			case: `Unit21 Create or Update Entity: Registered At of item 1 = ${registeredAt}`,
			vendor: 'unit21',
			parameters: params.unit21UpsertEntity(U.entity, { options: { registeredAt: '={{ $json.at }}' } }),
			input: async () => [{ json: { at: '2024-03-14T09:40:00.000Z' } }, { json: { at: registeredAt } }],
			message: `Registered At "${registeredAt}" is not a date (item 1)`,
		}),
	),
	{
		case: 'Veriff download: output field name with a space',
		vendor: 'veriff',
		parameters: params.veriffDownload(V.media.face, {}, 'my file'),
		input: twoItems({}, false),
		message: 'Put Output File in Field "my file" is not a valid field name (item 0)',
	},
	{
		case: 'Sumsub downloadRecording: output field name with a dot',
		vendor: 'sumsub',
		parameters: { ...params.sumsubRecording(S.applicantCompleted, S.compositions[1]), binaryPropertyName: 'data.video' },
		input: twoItems({}, false),
		message: 'Put Output File in Field "data.video" is not a valid field name (item 0)',
	},
	...['[1, 2]', '"IMAGE_PASSPORT_FRONT"', '{"PASSPORT": 5}', '{"ID_CARD:BACK_SIDE": null}', '{"SELFIE": {"type": "IMAGE_FACE_IMAGE"}}'].map(
		(overrides): ParamRow => ({
			case: `Sumsub List Documents: Unit21 Media Type Overrides of item 1 = ${overrides}`,
			vendor: 'sumsub',
			parameters: params.sumsubDocuments(S.applicantCompleted, { options: { mediaTypeOverrides: '={{ $json.o }}' } }),
			input: async () => [{ json: { o: '{"PASSPORT": "IMAGE_PASSPORT_DATA_PAGE"}' } }, { json: { o: overrides } }],
			message: 'Unit21 Media Type Overrides (JSON) is not a JSON object of texts (item 1)',
		}),
	),
	{
		case: 'Sumsub downloadImage: output field name with a space',
		vendor: 'sumsub',
		parameters: params.sumsubDownloadImage(S.applicantCompleted, S.images.passportFront, {}, 'my image'),
		input: twoItems({}, false),
		message: 'Put Output File in Field "my image" is not a valid field name (item 0)',
	},
	{
		case: 'Unit21: Media Type From the Item, item 1 has no unit21MediaType',
		vendor: 'unit21',
		parameters: params.unit21('entity', U.entity, { mediaType: 'fromItem' }),
		input: async () => [
			{ json: { unit21MediaType: 'IMAGE_FACE_IMAGE' }, binary: evidence() },
			{ json: { v: 'no type' }, binary: evidence() },
		],
		message: 'Media Type is "From the Item", but the item has no unit21MediaType (item 1)',
	},
	{
		case: 'Unit21: Media Type From the Item, item 0 is NFC data (unit21MediaType null)',
		vendor: 'unit21',
		parameters: params.unit21('event', U.event, { mediaType: 'fromItem' }),
		input: async () => [
			{ json: { unit21MediaType: null, context: 'document-nfc' }, binary: evidence() },
			{ json: { unit21MediaType: 'IMAGE_FACE_IMAGE' }, binary: evidence() },
		],
		message: 'Media Type is "From the Item", but the item has no unit21MediaType (item 0)',
	},
	{
		case: 'Veriff listSessionMedia: no media type chosen',
		vendor: 'veriff',
		parameters: { ...params.veriffList(V.sessionApproved), mediaTypes: [] },
		input: twoItems({}, false),
		message: 'Media Types is empty (item 0)',
	},
];

describe('other bad parameters fail before any request', () => {
	it.each(PARAM_ROWS)('$case', async ({ vendor, parameters, input, message }) => {
		const result = await nodes[vendor].run(parameters, { input: await input() });
		if (typeof message === 'string') expect(result.error?.message).toBe(message);
		else expect(result.error?.message).toMatch(message);
		expect(requestsSeen()).toBe(0);
		expectNoSecrets(result);
	});

	// Text that is not JSON at all: n8n's jsonParse rethrows a bare SyntaxError unless given a fallback value.
	it.each(['{"PASSPORT": ', '{PASSPORT: IMAGE_PASSPORT_FRONT}', 'not json'])(
		'Sumsub List Documents: Unit21 Media Type Overrides of item 1 that is not JSON at all (%j) names the field and the item',
		async (overrides) => {
			const result = await nodes.sumsub.run(params.sumsubDocuments(S.applicantCompleted, { options: { mediaTypeOverrides: '={{ $json.o }}' } }), {
				input: [{ json: { o: '{"PASSPORT": "IMAGE_PASSPORT_DATA_PAGE"}' } }, { json: { o: overrides } }],
			});
			expect(requestsSeen()).toBe(0);
			expect(result.error?.message).toBe('Unit21 Media Type Overrides (JSON) is not a JSON object of texts (item 1)');
			expect(result.error?.context?.itemIndex).toBe(1);
		},
	);
});

// ---------------------------------------------------------------------------------------
// Credentials
// ---------------------------------------------------------------------------------------

interface CredentialRow {
	case: string;
	vendor: Vendor;
	credentials: IDataObject;
	parameters: IDataObject;
	message: string;
}

const someOperation: Record<Vendor, IDataObject> = {
	veriff: params.veriffDecision(V.sessionApproved),
	sumsub: params.sumsubApplicant(S.applicantCompleted),
	unit21: params.unit21('entity', U.entity),
};
const CREDENTIAL_ROWS: CredentialRow[] = [
	...['ftp://x', 'stationapi.veriff.com', 'javascript:alert(1)'].map((baseUrl) => ({
		case: `Veriff Base URL ${baseUrl}`,
		vendor: 'veriff' as const,
		credentials: { baseUrl },
		parameters: someOperation.veriff,
		message: 'The Base URL of the Veriff credential must start with http:// or https:// (item 0)',
	})),
	...['ftp://x', 'api.sumsub.com'].map((baseUrl) => ({
		case: `Sumsub Base URL ${baseUrl}`,
		vendor: 'sumsub' as const,
		credentials: { baseUrl },
		parameters: someOperation.sumsub,
		message: 'The Base URL of the Sumsub credential must start with http:// or https:// (item 0)',
	})),
	...['ftp://x', 'api.unit21.com', ''].map((baseUrl) => ({
		case: `Unit21 custom Base URL ${JSON.stringify(baseUrl)}`,
		vendor: 'unit21' as const,
		credentials: { baseUrl },
		parameters: someOperation.unit21,
		message: 'The Base URL of the Unit21 credential must start with http:// or https:// (item 0)',
	})),
	{ case: 'Veriff empty Shared Secret Key', vendor: 'veriff', credentials: { sharedSecret: '' }, parameters: someOperation.veriff, message: 'The Shared Secret Key of the Veriff credential is empty (item 0)' },
	{ case: 'Sumsub empty Secret Key', vendor: 'sumsub', credentials: { secretKey: '' }, parameters: someOperation.sumsub, message: 'The Secret Key of the Sumsub credential is empty (item 0)' },
	{ case: 'Unit21 empty API Key', vendor: 'unit21', credentials: { apiKey: '' }, parameters: someOperation.unit21, message: 'The API Key of the Unit21 credential is empty (item 0)' },
	{ case: 'Unit21 empty Organization Name', vendor: 'unit21', credentials: { orgName: '' }, parameters: someOperation.unit21, message: 'Organization Name (of the Unit21 credential) is empty (item 0)' },
	{
		case: 'Unit21 Organization Name with a slash',
		vendor: 'unit21',
		credentials: { orgName: 'demo-org/../admin' },
		parameters: someOperation.unit21,
		message: 'Organization Name (of the Unit21 credential) "demo-org/../admin" is not valid (item 0)',
	},
];

describe('bad credentials fail before any request', () => {
	it.each(CREDENTIAL_ROWS)('$case', async ({ vendor, credentials, parameters, message }) => {
		const result = await nodes[vendor].run(parameters, { credentials, input: [{ json: {}, binary: evidence() }] });
		expect(result.error?.message).toBe(message);
		expect(requestsSeen()).toBe(0);
		expectNoSecrets(result);
	});

	it('an alert or case needs no Organization Name', async () => {
		const result = await nodes.unit21.run(params.unit21('alert', U.alert), { credentials: { orgName: '' }, input: [{ json: {}, binary: evidence() }] });
		expect(result.error).toBeUndefined();
		expect(unit21.requests.map((r: any) => r.path)).toEqual([`/v1/alerts/${U.alert}/link-media`]);
	});
});

// ---------------------------------------------------------------------------------------
// Continue On Fail: one bad item among good ones
// ---------------------------------------------------------------------------------------

const COF_ROWS = [
	{
		operation: 'Veriff download',
		vendor: 'veriff' as const,
		parameters: params.veriffDownload(fromItem),
		values: [V.media.face, '../etc', V.media.documentBack],
		error: 'Media ID "../etc" is not valid (item 1)',
		sim: () => veriff,
	},
	{
		operation: 'Sumsub downloadRecording',
		vendor: 'sumsub' as const,
		parameters: params.sumsubRecording(S.applicantCompleted, fromItem),
		values: [S.compositions[1], 'a/b', S.compositions[1]],
		error: 'Composition Media ID "a/b" is not valid (item 1)',
		sim: () => sumsub,
	},
	{
		operation: 'Sumsub downloadImage',
		vendor: 'sumsub' as const,
		parameters: params.sumsubDownloadImage(S.applicantCompleted, fromItem),
		values: [S.images.passportFront, '../resources', S.images.selfie],
		error: 'Image ID "../resources" is not valid (item 1)',
		sim: () => sumsub,
	},
	{
		operation: 'Unit21 entity addMedia',
		vendor: 'unit21' as const,
		parameters: params.unit21('entity', fromItem),
		values: [U.entity, '%2F', U.entity2],
		error: 'Entity ID "%2F" is not valid (item 1)',
		sim: () => unit21,
	},
];

describe('continue on fail with item 1 bad', () => {
	it.each(COF_ROWS)('$operation: items 0 and 2 succeed, item 1 is an error item, order kept', async ({ vendor, parameters, values, error, sim }) => {
		const result = await nodes[vendor].run(parameters, {
			input: values.map((v) => ({ json: { v }, binary: evidence() })),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[1].json).toEqual({ error, errorDescription: expect.stringContaining('must be') });
		for (const n of [0, 2]) {
			expect(result.items[n].json.error).toBeUndefined();
			expect(result.items[n].json.v).toBe(vendor === 'unit21' ? undefined : values[n]);
		}
		if (vendor === 'unit21') {
			expect(result.items.map((i) => i.json.objectId)).toEqual([values[0], undefined, values[2]]);
		} else {
			for (const n of [0, 2]) expect(Object.keys(result.items[n].binary ?? {})).toContain('data');
		}
		expect(sim().requests).toHaveLength(2);
		expect(requestsSeen()).toBe(2);
		expectNoSecrets(result, credentialsSentTo(sim()));
	});
});
