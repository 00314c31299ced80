/**
 * The demo's media are evidence that looks like evidence, not placeholders: what the simulators
 * serve for the demo sessions (what `npm start` shows behind "View"), downloaded by our nodes
 * through n8n-core, is a SPECIMEN picture of what the listing says it is (passport page, ID card
 * front/back, face), and the videos are the short committed recordings whose containers agree
 * with the size and duration the vendors' listings give. Media of an explicit size (large
 * downloads in tests and the benchmark) are still generated.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeExecutionData } from 'n8n-workflow';

import { binaryBytes } from '../helpers/n8n';
import { nodeRunner, params, sha256 } from '../helpers/scenario';
import { DEMO, DEMO_VIDEOS, startSumsubSimulator, startVeriffSimulator } from '../helpers/simulators';
import { mp4Info, webmInfo } from '../helpers/video';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { imageDimensions } = require('../../simulators/common');

const V = DEMO.veriff;
const S = DEMO.sumsub;
const ASSETS = join(__dirname, '..', '..', 'simulators', 'assets');

let veriff: any;
let sumsub: any;
beforeAll(async () => {
	[veriff, sumsub] = await Promise.all([startVeriffSimulator({}), startSumsubSimulator({})]);
});
afterAll(async () => Promise.all([veriff?.close(), sumsub?.close()]));

const veriffNode = nodeRunner('veriff', () => veriff);
const sumsubNode = nodeRunner('sumsub', () => sumsub);

/** List Session Media of a session (latest attempt, all types), then Download Media of each file. */
async function listAndDownload(sessionId: string): Promise<Array<{ json: INodeExecutionData['json']; bytes: Buffer }>> {
	const listed = await veriffNode.runOk(params.veriffList(sessionId));
	const downloaded = await veriffNode.runOk(params.veriffDownload('={{ $json.id }}'), { input: listed });
	return await Promise.all(downloaded.map(async (item) => ({ json: item.json, bytes: await binaryBytes(item) })));
}

/** A real JPEG or PNG of the given size whose embedded comment names the SPECIMEN kind it was drawn as. */
function expectSpecimen(bytes: Buffer, mimetype: string, kind: string, context: string, [width, height]: [number, number]): void {
	if (mimetype === 'image/png') {
		expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
	} else {
		expect(mimetype).toBe('image/jpeg');
		expect([bytes[0], bytes[1], bytes.at(-2), bytes.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
	}
	expect(imageDimensions(bytes)).toEqual({ width, height });
	expect(bytes.toString('latin1')).toContain(`simulator specimen ${kind} VERIFF ${context} `);
	// A drawn picture of a few KB: neither a 16x16 placeholder nor a bloated file.
	expect(bytes.length).toBeGreaterThan(3_000);
	expect(bytes.length).toBeLessThan(40_000);
}

describe('Veriff demo sessions', () => {
	it('the approved session (its decision names a PASSPORT): passport data page, back cover and face, each its own picture', async () => {
		const files = await listAndDownload(V.sessionApproved);
		const images = files.filter((f) => f.json.type === 'image');
		expect(images.map((f) => f.json.context)).toEqual(['document-front', 'document-front-pre', 'document-back', 'document-back-pre', 'face', 'face-pre']);
		const expected: Record<string, [string, [number, number]]> = {
			'document-front': ['passport', [240, 320]],
			'document-front-pre': ['passport', [240, 320]],
			'document-back': ['passportBack', [240, 320]],
			'document-back-pre': ['passportBack', [240, 320]],
			face: ['selfie', [200, 240]],
			'face-pre': ['selfie', [200, 240]],
		};
		for (const { json, bytes } of images) {
			const [kind, size] = expected[json.context as string];
			expectSpecimen(bytes, json.mimetype as string, kind, json.context as string, size);
			expect(json.size).toBe(bytes.length);
		}
		expect(new Set(images.map((f) => sha256(f.bytes))).size).toBe(images.length);
	});

	it('a session without a decision: an ID card, front (PNG) and back, and the face', async () => {
		const files = await listAndDownload(V.sessionImagesOnly);
		expect(files.map((f) => [f.json.context, f.json.mimetype])).toEqual([
			['document-front', 'image/png'],
			['document-back', 'image/jpeg'],
			['face', 'image/jpeg'],
		]);
		expectSpecimen(files[0].bytes, 'image/png', 'idFront', 'document-front', [320, 200]);
		expectSpecimen(files[1].bytes, 'image/jpeg', 'idBack', 'document-back', [320, 200]);
		expectSpecimen(files[2].bytes, 'image/jpeg', 'selfie', 'face', [200, 240]);
	});

	it('the selfie video is the committed 4.5 s WebM, listed with its real size and duration', async () => {
		const video = (await listAndDownload(V.sessionApproved)).find((f) => f.json.type === 'video')!;
		const asset = readFileSync(join(ASSETS, 'veriff-selfie-video.webm'));
		expect(video.bytes.equals(asset)).toBe(true);
		expect(sha256(asset)).toBe(DEMO_VIDEOS.veriffSelfie.sha256);
		expect(video.json).toMatchObject({ context: 'selfid_video', mimetype: 'video/webm', size: asset.length, duration: 4.5 });
		const info = webmInfo(asset);
		expect(info.docType).toBe('webm');
		expect(info.durationSeconds).toBeCloseTo(4.5, 2);
		expect(info.codecs).toEqual(['V_VP8']);
		expect([info.width, info.height]).toEqual([240, 320]);
	});

	it('sessions added by tests and the benchmark keep 16x16 placeholders, which cost nothing to make in bulk', async () => {
		const { attempts } = veriff.addSession({ attempts: [{ images: [{ context: 'document-front' }, { context: 'face', mimetype: 'image/png' }] }] });
		for (const id of attempts[0].images) expect(imageDimensions(veriff.mediaBytes(id))).toEqual({ width: 16, height: 16 });
	});

	it('an explicit video size still serves generated content of exactly that size', async () => {
		const size = 3 * 1024 * 1024 + 5;
		const sim = await startVeriffSimulator({ videoSize: size });
		try {
			const listed = await nodeRunner('veriff', () => sim).runOk(params.veriffList(V.sessionApproved, {}));
			const item = listed.find((i) => i.json.type === 'video')!;
			expect(item.json.size).toBe(size);
			const [downloaded] = await nodeRunner('veriff', () => sim).runOk(params.veriffDownload(V.media.selfidVideo));
			const bytes = await binaryBytes(downloaded);
			expect(bytes.length).toBe(size);
			expect(sha256(bytes)).toBe(await sim.mediaSha256(V.media.selfidVideo));
		} finally {
			await sim.close();
		}
	});
});

describe('Sumsub demo Video Ident recordings', () => {
	it('are the committed MP4 (H.264, index before the data, so it plays while loading) and WebM, with the durations the call data lists', async () => {
		const [call] = await sumsubNode.runOk(params.sumsubVideoCall(S.inspectionCompleted));
		const compositions = (call.json.videoIdentData as { compositions: Array<{ compositionMediaId: string; compositionDuration: number }> }).compositions;
		expect(compositions.map((c) => [c.compositionMediaId, c.compositionDuration])).toEqual([
			[S.compositions[0], 6],
			[S.compositions[1], 3],
		]);
		const files = ['sumsub-video-ident-1.mp4', 'sumsub-video-ident-2.webm'];
		for (const [i, id] of S.compositions.entries()) {
			const [item] = await sumsubNode.runOk(params.sumsubRecording(S.applicantCompleted, id));
			const bytes = await binaryBytes(item);
			expect(bytes.equals(readFileSync(join(ASSETS, files[i])))).toBe(true);
			expect(bytes.length).toBe(S.compositionSizes[i]);
			expect(bytes.length).toBeLessThan(100_000);
		}
		const mp4 = mp4Info(readFileSync(join(ASSETS, files[0])));
		expect(mp4.boxes[0]).toBe('ftyp');
		expect(mp4.boxes.indexOf('moov')).toBeGreaterThan(0);
		expect(mp4.boxes.indexOf('moov')).toBeLessThan(mp4.boxes.indexOf('mdat'));
		expect(mp4.durationSeconds).toBeCloseTo(compositions[0].compositionDuration, 2);
		expect(mp4.codecs).toEqual(['avc1']);
		const webm = webmInfo(readFileSync(join(ASSETS, files[1])));
		expect(webm.durationSeconds).toBeCloseTo(compositions[1].compositionDuration, 2);
		expect(webm.codecs).toEqual(['V_VP8']);
	});

	it('an explicit video size replaces the first recording with generated content of that size', async () => {
		const size = 2 * 1024 * 1024 + 3;
		const sim = await startSumsubSimulator({ videoSize: size });
		try {
			const runner = nodeRunner('sumsub', () => sim);
			const [first] = await runner.runOk(params.sumsubRecording(S.applicantCompleted, S.compositions[0]));
			const bytes = await binaryBytes(first);
			expect(bytes.length).toBe(size);
			expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
			const [second] = await runner.runOk(params.sumsubRecording(S.applicantCompleted, S.compositions[1]));
			expect((await binaryBytes(second)).equals(readFileSync(join(ASSETS, 'sumsub-video-ident-2.webm')))).toBe(true);
		} finally {
			await sim.close();
		}
	});
});
