/**
 * The Sumsub action node against the Sumsub simulator, executed by n8n-core's real
 * WorkflowExecute. The simulator checks X-App-Token / X-App-Access-Ts / X-App-Access-Sig
 * over the path and query exactly as received, so a 200 means the signature was right.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { expectNoSecrets, pairedIndexes, sha256 } from '../helpers/assertions';
import { binaryBytes } from '../helpers/n8n';
import { nodeRunner } from '../helpers/scenario';
import { DEMO, startSumsubSimulator } from '../helpers/simulators';

const S = DEMO.sumsub;

let sim: any;

beforeAll(async () => {
	sim = await startSumsubSimulator({});
});
afterAll(async () => sim.close());
beforeEach(() => {
	sim.clearFaults();
	sim.clearRequests();
});

const { run, runOk } = nodeRunner('sumsub', () => sim, { noSecrets: true });

const videoCallData = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'videoIdent',
	operation: 'getVideoCallData',
	inspectionId: S.inspectionCompleted,
	output: 'single',
	options: {},
	...overrides,
});
const downloadRecording = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'videoIdent',
	operation: 'downloadRecording',
	applicantId: '={{ $json.applicantId }}',
	compositionMediaId: '={{ $json.compositionMediaId }}',
	binaryPropertyName: 'data',
	options: {},
	...overrides,
});
const getApplicant = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'applicant',
	operation: 'get',
	lookupBy: 'applicantId',
	applicantId: S.applicantCompleted,
	options: {},
	...overrides,
});

/** The compositions of the completed demo call, as the demo seed defines them (durations: the real recordings'). */
const COMPOSITIONS = [
	{ compositionCreatedAt: '2024-03-14 09:52:17', compositionDuration: 6, compositionMediaId: S.compositions[0] },
	{ compositionCreatedAt: '2024-03-14 10:03:45', compositionDuration: 3, compositionMediaId: S.compositions[1] },
];

/** The applicant exactly as the simulator serialises it. */
const applicantJson = (id: string) => JSON.parse(JSON.stringify(sim.applicants.get(id)));
const inspectionPath = (id: string) => `/resources/inspections/${id}?fields=videoIdentData`;

describe('Get Video Call Data', () => {
	it('returns Sumsub\'s whole body as one item and signs the path with its query', async () => {
		const items = await runOk(videoCallData());
		expect(items.map((item) => item.json)).toStrictEqual([
			{
				id: S.inspectionCompleted,
				videoIdentData: { reviewStatus: 'completed', moderatorDisplayName: 'Anna K.', compositions: COMPOSITIONS },
			},
		]);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(sim.requests).toHaveLength(1);
		expect(sim.requests[0]).toMatchObject({ method: 'GET', path: inspectionPath(S.inspectionCompleted), status: 200 });
		expect(sim.requests[0].headers['x-app-token']).toBe(DEMO.credentials.sumsub.appToken);
	});

	it('returns one item per composition with applicantId copied in (perComposition)', async () => {
		const items = await runOk(videoCallData({ output: 'perComposition', applicantId: S.applicantCompleted }));
		expect(items.map((item) => item.json)).toStrictEqual(
			COMPOSITIONS.map((composition) => ({
				inspectionId: S.inspectionCompleted,
				applicantId: S.applicantCompleted,
				compositionMediaId: composition.compositionMediaId,
				compositionCreatedAt: composition.compositionCreatedAt,
				compositionDuration: composition.compositionDuration,
				reviewStatus: 'completed',
				moderatorDisplayName: 'Anna K.',
			})),
		);
		expect(pairedIndexes(items)).toEqual([0, 0]);
		expect(sim.requests.map((r: { path: string }) => r.path)).toEqual([inspectionPath(S.inspectionCompleted)]);
	});

	it('perComposition without an applicant id gives applicantId null', async () => {
		const items = await runOk(videoCallData({ output: 'perComposition', applicantId: '' }));
		expect(items.map((item) => item.json.applicantId)).toEqual([null, null]);
		expect(items.map((item) => item.json.compositionMediaId)).toEqual(S.compositions);
	});

	it('an inspection without compositions: whole body in single mode, zero items per composition', async () => {
		const single = await runOk(videoCallData({ inspectionId: S.inspectionPending }));
		expect(single.map((item) => item.json)).toStrictEqual([{ id: S.inspectionPending, videoIdentData: { reviewStatus: 'pending' } }]);

		const result = await run(videoCallData({ inspectionId: S.inspectionPending, output: 'perComposition', applicantId: S.applicantPending }));
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
		expect(sim.requests.map((r: { path: string; status: number }) => [r.path, r.status])).toEqual([
			[inspectionPath(S.inspectionPending), 200],
			[inspectionPath(S.inspectionPending), 200],
		]);
	});

	it('keeps input order and pairedItem with several items in parallel', async () => {
		sim.injectFault({ path: inspectionPath(S.inspectionCompleted), delayMs: 400 });
		const input = [
			{ json: { inspectionId: S.inspectionCompleted, applicantId: S.applicantCompleted } },
			{ json: { inspectionId: S.inspectionPending, applicantId: S.applicantPending } },
			{ json: { inspectionId: S.inspectionCompleted, applicantId: S.applicantCompleted } },
		];
		const items = await runOk(
			videoCallData({
				inspectionId: '={{ $json.inspectionId }}',
				output: 'perComposition',
				applicantId: '={{ $json.applicantId }}',
				options: { requestsInParallel: 3 },
			}),
			{ input },
		);
		expect(items.map((item) => item.json.compositionMediaId)).toEqual([...S.compositions, ...S.compositions]);
		expect(pairedIndexes(items)).toEqual([0, 0, 2, 2]);
	});
});

describe('Download Video Call Recording', () => {
	it('downloads each recording from perComposition items with the default expressions, byte for byte', async () => {
		const listed = await runOk(videoCallData({ output: 'perComposition', applicantId: S.applicantCompleted }));
		sim.clearRequests();
		const items = await runOk(downloadRecording(), { input: listed });

		expect(items).toHaveLength(2);
		expect(pairedIndexes(items)).toEqual([0, 1]);
		const types = ['video/mp4', 'video/webm'];
		const extensions = ['mp4', 'webm'];
		for (const [i, id] of S.compositions.entries()) {
			const binary = items[i].binary!.data;
			expect(binary.mimeType).toBe(types[i]);
			expect(binary.fileName).toBe(`sumsub-video-ident-${id}.${extensions[i]}`);
			const bytes = await binaryBytes(items[i]);
			expect(bytes.length).toBe(S.compositionSizes[i]);
			expect(sha256(bytes)).toBe(await sim.mediaSha256(id));
			expect(items[i].json).toStrictEqual({ ...listed[i].json, applicantId: S.applicantCompleted, compositionMediaId: id });
		}
		expect(sim.requests.map((r: { path: string; status: number }) => [r.path, r.status])).toEqual(
			S.compositions.map((id: string) => [`/resources/videoIdent/applicant/${S.applicantCompleted}/media/${id}`, 200]),
		);
	});

	it('uses the File Name option and a custom binary property, keeping input binaries', async () => {
		const first = await runOk(
			downloadRecording({ applicantId: S.applicantCompleted, compositionMediaId: S.compositions[1] }),
			{ input: [{ json: { ticket: 'T-1' } }] },
		);
		const items = await runOk(
			downloadRecording({
				applicantId: S.applicantCompleted,
				compositionMediaId: S.compositions[0],
				binaryPropertyName: 'recording',
				options: { fileName: 'call.mp4' },
			}),
			{ input: first },
		);
		const item = items[0];
		expect(Object.keys(item.binary!).sort()).toEqual(['data', 'recording']);
		expect(item.binary!.recording.fileName).toBe('call.mp4');
		expect(item.binary!.recording.mimeType).toBe('video/mp4');
		expect(sha256(await binaryBytes(item, 'recording'))).toBe(await sim.mediaSha256(S.compositions[0]));
		expect(sha256(await binaryBytes(item, 'data'))).toBe(await sim.mediaSha256(S.compositions[1]));
		expect(item.json).toStrictEqual({ ticket: 'T-1', applicantId: S.applicantCompleted, compositionMediaId: S.compositions[0] });
	});

	it('a recording of another applicant → 404 NodeApiError', async () => {
		const result = await run(downloadRecording({ applicantId: S.applicantPending, compositionMediaId: S.compositions[0] }));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			`Downloading Sumsub recording ${S.compositions[0]} failed: Sumsub says "Not found" (code not-found, HTTP 404)`,
		);
		expect(result.error?.httpCode).toBe('404');
	});
});

describe('Get Applicant', () => {
	it('by applicant ID', async () => {
		const items = await runOk(getApplicant());
		expect(items.map((item) => item.json)).toStrictEqual([applicantJson(S.applicantCompleted)]);
		expect(items[0].json.inspectionId).toBe(S.inspectionCompleted);
		expect(sim.requests.map((r: { path: string }) => r.path)).toEqual([`/resources/applicants/${S.applicantCompleted}/one`]);
	});

	it('by external user ID', async () => {
		const items = await runOk(getApplicant({ lookupBy: 'externalUserId', externalUserId: S.externalUserIdPending }));
		expect(items.map((item) => item.json)).toStrictEqual([applicantJson(S.applicantPending)]);
		expect(sim.requests.map((r: { path: string }) => r.path)).toEqual([
			`/resources/applicants/-;externalUserId=${S.externalUserIdPending}/one`,
		]);
	});

	it('by an external user ID with characters that need escaping: percent-encoded on the wire and correctly signed', async () => {
		const externalUserId = 'user 1/ä;x=y';
		const { applicantId } = sim.addApplicant({ externalUserId, info: { firstName: 'Jörg' } });
		const items = await runOk(getApplicant({ lookupBy: 'externalUserId', externalUserId }));
		expect(items.map((item) => item.json)).toStrictEqual([applicantJson(applicantId)]);
		expect(items[0].json.externalUserId).toBe(externalUserId);
		expect(sim.requests).toHaveLength(1);
		// 200 from the simulator means the signature over exactly this path was accepted.
		expect(sim.requests[0]).toMatchObject({
			path: '/resources/applicants/-;externalUserId=user%201%2F%C3%A4%3Bx%3Dy/one',
			status: 200,
		});
	});

	it('refuses an external user ID with control characters before any request', async () => {
		const result = await run(getApplicant({ lookupBy: 'externalUserId', externalUserId: 'a\nb' }));
		expect(result.error?.message).toBe('External User ID is empty or contains control characters (item 0)');
		expect(sim.requests).toEqual([]);
	});
});

describe('errors', () => {
	it.each([
		{
			label: 'wrong app token',
			credentials: { appToken: 'sbx:not-the-token-of-this-app' },
			message: `Getting Sumsub applicant ${S.applicantCompleted} failed: Sumsub says "App token is invalid or missing" (code app-token-invalid, HTTP 401)`,
			description: /App Token of the Sumsub credential/,
		},
		{
			label: 'wrong secret key (signature mismatch)',
			credentials: { secretKey: 'not-the-secret-key-of-this-app' },
			message: `Getting Sumsub applicant ${S.applicantCompleted} failed: Sumsub says "Request signature mismatch" (code signature-mismatch, HTTP 401)`,
			description: /Secret Key of the Sumsub credential/,
		},
	])('$label → 401 NodeApiError with Sumsub\'s description and errorName', async ({ credentials, message, description }) => {
		const result = await run(getApplicant(), { credentials });
		expect(result.items).toEqual([]);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toMatch(description);
		expect(result.error?.description).toMatch(/correlationId req-[0-9a-f-]{36}/);
		expect(result.error?.httpCode).toBe('401');
		expect(sim.requests.map((r: { status: number }) => r.status)).toEqual([401]);
		expectNoSecrets([result.error], Object.values(credentials));
	});

	it('404 → NodeApiError whose description carries the correlationId', async () => {
		const result = await run(getApplicant({ applicantId: S.applicantUnknown }));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			`Getting Sumsub applicant ${S.applicantUnknown} failed: Sumsub says "Not found" (code not-found, HTTP 404)`,
		);
		expect(result.error?.description).toMatch(/Sumsub does not know this id/);
		expect(result.error?.description).toMatch(/errorCode 404, correlationId req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12} \(quote it to Sumsub support\)/);
		expect(result.error?.httpCode).toBe('404');
	});

	it('a 500 → NodeApiError with Sumsub\'s description, not retried', async () => {
		sim.injectFault({ path: inspectionPath(S.inspectionCompleted), status: 500 });
		const result = await run(videoCallData());
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			`Getting video call data of inspection ${S.inspectionCompleted} failed: Sumsub says "Internal server error" (code internal-error, HTTP 500)`,
		);
		expect(sim.requests).toHaveLength(1);
	});

	describe('invalid ids fail before any request, naming the field and the item', () => {
		const valid = { inspectionId: S.inspectionCompleted, applicantId: S.applicantCompleted, compositionMediaId: S.compositions[0] };
		const operations = [
			{ op: 'Get Video Call Data', parameters: videoCallData({ inspectionId: '={{ $json.inspectionId }}' }), field: 'inspectionId', label: 'Inspection ID' },
			{
				op: 'Get Video Call Data (perComposition)',
				parameters: videoCallData({ output: 'perComposition', applicantId: '={{ $json.applicantId }}' }),
				field: 'applicantId',
				label: 'Applicant ID',
				skipEmpty: true, // optional there
			},
			{ op: 'Download Video Call Recording', parameters: downloadRecording(), field: 'applicantId', label: 'Applicant ID' },
			{ op: 'Get Applicant', parameters: getApplicant({ applicantId: '={{ $json.applicantId }}' }), field: 'applicantId', label: 'Applicant ID' },
		];
		const badValues: Array<[string, string]> = [
			['not-hex-not-hex-not-hex!', '"not-hex-not-hex-not-hex!" is not valid'],
			['d5eeb8109de18d3ba6c9ca2', '"d5eeb8109de18d3ba6c9ca2" is not valid'], // 23 chars
			['', 'is empty'],
			['../x', '"../x" is not valid'],
		];
		const cases = operations.flatMap(({ skipEmpty, ...operation }) =>
			badValues
				.filter(([bad]) => !(skipEmpty && bad === ''))
				.map(([bad, shown]) => ({ ...operation, bad, message: `${operation.label} ${shown} (item 1)`, hint: /24-character hexadecimal/ })),
		);
		cases.push(
			...[
				['../x', '"../x" is not valid'],
				['a/b', '"a/b" is not valid'],
				['', 'is empty'],
			].map(([bad, shown]) => ({
				op: 'Download Video Call Recording',
				parameters: downloadRecording(),
				field: 'compositionMediaId',
				label: 'Composition Media ID',
				bad,
				message: `Composition Media ID ${shown} (item 1)`,
				hint: /without "\/", "\\", "\.\."/,
			})),
		);

		it.each(cases)('$op with $field = "$bad"', async ({ parameters, field, bad, message, hint }) => {
			const input = [{ json: { ...valid } }, { json: { ...valid, [field]: bad } }];
			const result = await run(parameters, { input });
			expect(result.error?.message).toBe(message);
			expect(result.error?.description).toMatch(hint);
			expect(result.items).toEqual([]);
			expect(sim.requests).toEqual([]);
		});
	});

	it('continueOnFail: failing items become error items, the others go on', async () => {
		const input = [S.applicantCompleted, S.applicantUnknown, 'not-an-id', S.applicantPending].map((applicantId) => ({
			json: { applicantId },
		}));
		const result = await run(getApplicant({ applicantId: '={{ $json.applicantId }}' }), { input, continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(pairedIndexes(result.items)).toEqual([0, 1, 2, 3]);
		expect(result.items[0].json).toStrictEqual(applicantJson(S.applicantCompleted));
		expect(result.items[1].json).toStrictEqual({
			error: `Getting Sumsub applicant ${S.applicantUnknown} failed: Sumsub says "Not found" (code not-found, HTTP 404)`,
			errorDescription: expect.stringMatching(/correlationId req-/),
			httpCode: '404',
		});
		expect(result.items[2].json).toStrictEqual({
			error: 'Applicant ID "not-an-id" is not valid (item 2)',
			errorDescription: '"Applicant ID" must be a 24-character hexadecimal id such as 5e9412223cc1813b4db0b0e4.',
		});
		expect(result.items[3].json).toStrictEqual(applicantJson(S.applicantPending));
		expect(sim.requests).toHaveLength(3); // the invalid item was never sent
	});
});
