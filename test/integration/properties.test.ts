/**
 * Property-based checks (fast-check): whatever string arrives as an id (from an earlier
 * node, through an expression), the node either refuses it before any request with an
 * error naming the field and the item, or sends a request whose id path segment decodes
 * to exactly that string: no unescaped "/", "?", "#", no dot-segments, nothing spliced
 * into the path. Requests that are sent are also signed correctly (never a 401).
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import type { RunNodeResult } from '../helpers/n8n';
import { inMemoryBinary, nodeRunner, params } from '../helpers/scenario';
import { DEMO, startSumsubSimulator, startUnit21Simulator, startVeriffSimulator } from '../helpers/simulators';

jest.setTimeout(60_000);
const NUM_RUNS = 40;

/** Strings made of the characters that break paths and queries. */
const pathish = fc
	.array(
		fc.constantFrom('/', '.', '..', '../', '%2F', '%2e', '%', '%25', '?', '#', '&', '=', ';', '\\', ' ', '+', 'a', 'Z', '0', '-', '_', '~', 'é', '😀', '\u0000', '\n', '\t', '\u202e', '\uD800'),
		{ maxLength: 10 },
	)
	.map((parts) => parts.join(''));

const anyString = fc.oneof(fc.string(), fc.fullUnicodeString(), fc.unicodeString(), pathish);

interface FieldSpec {
	label: string;
	/** Runs the operation with the id taken from the item (`$json.v`). */
	run(value: string): Promise<RunNodeResult>;
	sim(): any;
	/** The path the request must have: its segments, with `null` at the id's place. */
	segments: Array<string | null>;
	/** What the id segment must decode to. */
	decoded(value: string): string;
}

/**
 * The property itself: refused with a clear message and no request, or a request whose id
 * segment decodes exactly to the value and that the vendor did not reject as unsigned.
 */
async function refusedOrSentExactly(spec: FieldSpec, value: string): Promise<void> {
	const sim = spec.sim();
	sim.clearRequests();
	const result = await spec.run(value);
	if (sim.requests.length === 0) {
		expect(result.error).toBeDefined();
		expect(result.error!.message.startsWith(`${spec.label} `)).toBe(true);
		expect(result.error!.message.endsWith('(item 0)')).toBe(true);
		return;
	}
	for (const request of sim.requests) {
		const raw: string = request.path;
		expect(raw.includes('?')).toBe(false);
		expect(raw.includes('#')).toBe(false);
		const segments = raw.split('/');
		expect(segments.length).toBe(spec.segments.length + 1);
		expect(segments[0]).toBe('');
		for (const [n, expected] of spec.segments.entries()) {
			const segment = segments[n + 1];
			expect(segment === '.' || segment === '..').toBe(false);
			if (expected === null) expect(decodeURIComponent(segment)).toBe(spec.decoded(value));
			else expect(segment).toBe(expected);
		}
		// The signature covers exactly what was sent.
		expect(request.status).not.toBe(401);
	}
	// A request that was sent ends in data or in the vendor's own "not found".
	if (result.error) expect(['404', '400']).toContain(String(result.error.httpCode));
}

/** Values every property is also checked with, whatever fast-check draws. */
const EXAMPLES = ['', '..', '../etc', 'a/b', '%2F', 'x?y=1', 'x#y', 'a\uD800', '\uDC00b', 'é/😀'];

async function assertProperty(spec: FieldSpec, values: fc.Arbitrary<string>): Promise<void> {
	await fc.assert(
		fc.asyncProperty(values, async (v) => await refusedOrSentExactly(spec, v)),
		{ numRuns: NUM_RUNS, examples: EXAMPLES.map((v) => [v]) },
	);
}

const item = (v: string, more: IDataObject = {}) => [{ json: { v, ...more } }];
const fromItem = '={{ $json.v }}';

describe('Veriff ids', () => {
	let veriff: any;
	const veriffNode = nodeRunner('veriff', () => veriff);
	beforeAll(async () => {
		veriff = await startVeriffSimulator({});
	});
	afterAll(async () => veriff?.close());

	const uuids = fc.oneof(fc.uuid(), fc.uuid().map((u) => u.toUpperCase()), fc.uuidV(4));

	it('sessionId (List Session Media)', async () => {
		const spec: FieldSpec = {
			label: 'Session ID',
			sim: () => veriff,
			run: async (v) => await veriffNode.run(params.veriffList(fromItem), { input: item(v) }),
			segments: ['v1', 'sessions', null, 'media'],
			decoded: (v) => v,
		};
		await assertProperty(spec, fc.oneof(anyString, uuids, fc.constant(DEMO.veriff.sessionApproved)));
	});

	it('mediaId (Download Media)', async () => {
		const spec: FieldSpec = {
			label: 'Media ID',
			sim: () => veriff,
			run: async (v) => await veriffNode.run(params.veriffDownload(fromItem), { input: item(v) }),
			segments: ['v1', 'media', null],
			decoded: (v) => v,
		};
		await assertProperty(spec, fc.oneof(anyString, uuids, fc.constant(DEMO.veriff.media.face)));
	});
});

describe('Sumsub ids', () => {
	let sumsub: any;
	const sumsubNode = nodeRunner('sumsub', () => sumsub);
	beforeAll(async () => {
		sumsub = await startSumsubSimulator({});
	});
	afterAll(async () => sumsub?.close());

	const hexIds = fc.oneof(fc.hexaString({ minLength: 24, maxLength: 24 }), fc.hexaString({ minLength: 23, maxLength: 25 }));

	it('applicantId (Get Applicant)', async () => {
		const spec: FieldSpec = {
			label: 'Applicant ID',
			sim: () => sumsub,
			run: async (v) => await sumsubNode.run(params.sumsubApplicant(fromItem), { input: item(v) }),
			segments: ['resources', 'applicants', null, 'one'],
			decoded: (v) => v,
		};
		await assertProperty(spec, fc.oneof(anyString, hexIds, fc.constant(DEMO.sumsub.applicantCompleted)));
	});

	it('externalUserId (Get Applicant by external user id): any text is sent, encoded', async () => {
		const spec: FieldSpec = {
			label: 'External User ID',
			sim: () => sumsub,
			run: async (v) => await sumsubNode.run(params.sumsubApplicantByExternal(fromItem), { input: item(v) }),
			segments: ['resources', 'applicants', null, 'one'],
			decoded: (v) => `-;externalUserId=${v}`,
		};
		await assertProperty(spec, fc.oneof(anyString, fc.constant(DEMO.sumsub.externalUserId), fc.constant('user/../../admin?x=1#y')));
	});

	it('compositionMediaId (Download Video Call Recording)', async () => {
		const spec: FieldSpec = {
			label: 'Composition Media ID',
			sim: () => sumsub,
			run: async (v) => await sumsubNode.run(params.sumsubRecording(DEMO.sumsub.applicantCompleted, fromItem), { input: item(v) }),
			segments: ['resources', 'videoIdent', 'applicant', DEMO.sumsub.applicantCompleted, 'media', null],
			decoded: (v) => v,
		};
		await assertProperty(spec, fc.oneof(anyString, hexIds, fc.constant(DEMO.sumsub.compositions[1])));
	});

	it('imageId (Download Document Image, applicant path only)', async () => {
		const imageIds = fc.oneof(fc.integer({ min: 1, max: 999999999999 }).map(String), fc.constant(DEMO.sumsub.images.idCardBack), fc.constant(DEMO.sumsub.previews.selfie));
		const spec: FieldSpec = {
			label: 'Image ID',
			sim: () => sumsub,
			run: async (v) =>
				await sumsubNode.run(params.sumsubDownloadImage(DEMO.sumsub.applicantCompleted, fromItem, { imagePath: 'applicant' }), { input: item(v) }),
			segments: ['resources', 'applicants', DEMO.sumsub.applicantCompleted, 'resources', null],
			decoded: (v) => v,
		};
		await assertProperty(spec, fc.oneof(anyString, imageIds));
	});
});

describe('Unit21 ids', () => {
	let unit21: any;
	const unit21Node = nodeRunner('unit21', () => unit21);
	beforeAll(async () => {
		unit21 = await startUnit21Simulator({});
	});
	afterAll(async () => unit21?.close());

	it('entityId (Add Media to Entity)', async () => {
		const binary = { data: inMemoryBinary(Buffer.from('evidence\n'), 'evidence.txt', 'text/plain') };
		const spec: FieldSpec = {
			label: 'Entity ID',
			sim: () => unit21,
			run: async (v) => await unit21Node.run(params.unit21('entity', fromItem), { input: [{ json: { v }, binary }] }),
			segments: ['v1', DEMO.unit21.orgName, 'entities', null, 'link-media'],
			decoded: (v) => v,
		};
		await assertProperty(spec, fc.oneof(anyString, fc.constant(DEMO.unit21.entity), fc.constant('cust;1001'), fc.constant('ü-ñ')));
	});
});
