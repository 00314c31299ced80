/**
 * Downloads through the download thread (nodes/shared/download/thread.ts): with n8n's binary
 * data in filesystem mode the GET runs in a worker thread and the body reaches n8n's store
 * through reused shared slots. These runs check that the stored files are byte-exact (the
 * slots must never be overwritten before n8n has written them), that faults still give the
 * usual messages, and that n8n's own HTTP client is used when the thread is switched off.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { downloadThreadStats } from '../../nodes/shared/download/thread';
import { sha256 } from '../helpers/assertions';
import { binaryBytes } from '../helpers/n8n';
import { binaryFilesOfExecution, expectNoSecrets, nodeRunner, params } from '../helpers/scenario';
import { DEMO, startSumsubSimulator, startVeriffSimulator } from '../helpers/simulators';

jest.setTimeout(60_000);

const MiB = 1024 * 1024;
let veriff: any;
let sumsub: any;
const veriffNode = nodeRunner('veriff', () => veriff);
const sumsubNode = nodeRunner('sumsub', () => sumsub);

beforeAll(async () => {
	[veriff, sumsub] = await Promise.all([startVeriffSimulator({}), startSumsubSimulator({})]);
});
afterAll(async () => {
	await Promise.all([veriff?.close(), sumsub?.close()]);
});
afterEach(() => {
	delete process.env.KYC_MEDIA_DOWNLOAD_THREAD;
	delete process.env.HTTPS_PROXY;
	delete process.env.N8N_SSRF_PROTECTION_ENABLED;
	veriff.clearFaults();
});

function largeVideo(size: number): string {
	return veriff.addLargeVideo({ sessionId: DEMO.veriff.sessionApproved, size, mimetype: 'video/mp4' }).id;
}

describe('download thread', () => {
	it('stores a 48 MiB video byte for byte (many more chunks than shared slots)', async () => {
		const mediaId = largeVideo(48 * MiB + 12345);
		const before = downloadThreadStats().requests;
		const result = await veriffNode.run(params.veriffDownload(mediaId));
		expect(result.error).toBeUndefined();
		expect(downloadThreadStats().requests).toBe(before + 1);
		const binary = result.items[0].binary!.data;
		expect(binary.bytes).toBe(48 * MiB + 12345);
		expect(binary.mimeType).toBe('video/mp4');
		expect(binary.id).toMatch(/^filesystem/);
		expect(sha256(await binaryBytes(result.items[0]))).toBe(await veriff.mediaSha256(mediaId));
	});

	it('runs several downloads at once without mixing their bytes', async () => {
		const ids = [3 * MiB + 1, 5 * MiB, 2 * MiB + 77, 4 * MiB + 4096, 1 * MiB - 3].map(largeVideo);
		const before = downloadThreadStats().requests;
		const result = await veriffNode.run(params.veriffDownload('={{ $json.id }}', { requestsInParallel: 5 }), {
			input: ids.map((id) => ({ json: { id } })),
		});
		expect(result.error).toBeUndefined();
		expect(downloadThreadStats().requests).toBe(before + ids.length);
		expect(result.items.map((item) => item.json.mediaId)).toEqual(ids);
		for (const [index, item] of result.items.entries()) {
			expect(sha256(await binaryBytes(item))).toBe(await veriff.mediaSha256(ids[index]));
		}
	});

	it('reuses the shared memory of finished downloads (30 files, 3 at a time)', async () => {
		const ids = Array.from({ length: 30 }, (_, index) => largeVideo(2 * MiB + index));
		const before = downloadThreadStats();
		const result = await veriffNode.run(params.veriffDownload('={{ $json.id }}', { requestsInParallel: 3 }), {
			input: ids.map((id) => ({ json: { id } })),
		});
		expect(result.error).toBeUndefined();
		const after = downloadThreadStats();
		expect(after.requests - before.requests).toBe(30);
		// At most one ring per download under way: finished ones are reused.
		expect(after.ringsAllocated - before.ringsAllocated).toBeLessThanOrEqual(3);
		for (const [index, item] of result.items.entries()) {
			expect(sha256(await binaryBytes(item))).toBe(await veriff.mediaSha256(ids[index]));
		}
	});

	it('follows a redirect on the same origin with the signed headers', async () => {
		const mediaId = largeVideo(3 * MiB);
		veriff.clearRequests();
		veriff.injectFault({ path: `/v1/media/${mediaId}`, status: 302, headers: { location: `/v1/media/${mediaId}` }, body: '' });
		const result = await veriffNode.run(params.veriffDownload(mediaId));
		expect(result.error).toBeUndefined();
		expect(veriff.requests.map((request: { status: number }) => request.status)).toEqual([302, 200]);
		expect(sha256(await binaryBytes(result.items[0]))).toBe(await veriff.mediaSha256(mediaId));
	});

	it('follows a redirect to another origin without the vendor\'s signed headers', async () => {
		const bytes = Buffer.alloc(2 * MiB + 3, 'stored-elsewhere');
		const seenHeaders: Array<Record<string, unknown>> = [];
		const storage = createServer((req, res) => {
			seenHeaders.push(req.headers);
			res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(bytes.length) });
			res.end(bytes);
		});
		await new Promise<void>((resolve) => storage.listen(0, '127.0.0.1', resolve));
		try {
			const { port } = storage.address() as AddressInfo;
			const mediaId = largeVideo(MiB);
			veriff.injectFault({
				path: `/v1/media/${mediaId}`,
				status: 302,
				headers: { location: `http://127.0.0.1:${port}/bucket/${mediaId}?X-Amz-Signature=abc` },
				body: '',
			});
			const result = await veriffNode.run(params.veriffDownload(mediaId));
			expect(result.error).toBeUndefined();
			expect(sha256(await binaryBytes(result.items[0]))).toBe(sha256(bytes));
			expect(seenHeaders).toHaveLength(1);
			expect(Object.keys(seenHeaders[0]).filter((name) => /^x-/i.test(name))).toEqual([]);
		} finally {
			await new Promise((resolve) => storage.close(resolve));
		}
	});

	it('downloads a Sumsub recording through it too', async () => {
		const before = downloadThreadStats().requests;
		const result = await sumsubNode.run(params.sumsubRecording(DEMO.sumsub.applicantCompleted, DEMO.sumsub.compositions[1]));
		expect(result.error).toBeUndefined();
		expect(downloadThreadStats().requests).toBe(before + 1);
		expect(sha256(await binaryBytes(result.items[0]))).toBe(await sumsub.mediaSha256(DEMO.sumsub.compositions[1]));
	});

	it('a connection dropped mid-file fails the item clearly and leaves no partial file', async () => {
		const mediaId = largeVideo(8 * MiB);
		veriff.injectFault({ path: `/v1/media/${mediaId}`, truncate: true, times: 10 });
		const result = await veriffNode.run(params.veriffDownload(mediaId, { maxRetries: 0 }));
		expect(result.error?.message).toMatch(
			new RegExp(`^Downloading Veriff media ${mediaId} failed: the (connection dropped after \\d+ of ${8 * MiB} bytes: the transfer was cut short|transfer was cut short: received \\d+ of ${8 * MiB} bytes)$`),
		);
		expect(binaryFilesOfExecution(result.executionId).filter((file) => !isEmptyFile(file))).toEqual([]);
		expectNoSecrets(result);
	});

	it('answers errors with the vendor\'s words (wrong secret → 401 with code 1818)', async () => {
		const result = await veriffNode.run(params.veriffDownload(DEMO.veriff.media.face), {
			credentials: { sharedSecret: 'not-the-secret' },
		});
		expect(result.error?.message).toMatch(/^Downloading Veriff media .* failed: Veriff says ".+" \(code 1818, HTTP 401\)$/);
		expectNoSecrets(result);
	});

	it('is not used when switched off (KYC_MEDIA_DOWNLOAD_THREAD=off): n8n\'s client downloads the same bytes', async () => {
		process.env.KYC_MEDIA_DOWNLOAD_THREAD = 'off';
		const mediaId = largeVideo(6 * MiB);
		const before = downloadThreadStats().requests;
		const result = await veriffNode.run(params.veriffDownload(mediaId));
		expect(result.error).toBeUndefined();
		expect(downloadThreadStats().requests).toBe(before);
		expect(sha256(await binaryBytes(result.items[0]))).toBe(await veriff.mediaSha256(mediaId));
	});
});

describe('n8n\'s own HTTP client is used instead', () => {
	it.each([
		['a proxy is configured (HTTPS_PROXY)', 'HTTPS_PROXY', 'http://127.0.0.1:9'],
		['SSRF protection is on (N8N_SSRF_PROTECTION_ENABLED)', 'N8N_SSRF_PROTECTION_ENABLED', 'true'],
	])('when %s', async (_case, variable, value) => {
		// (The simulator is on http://, which HTTPS_PROXY does not apply to, so n8n's client reaches it.)
		const mediaId = largeVideo(2 * MiB);
		process.env[variable] = value;
		const before = downloadThreadStats().requests;
		const result = await veriffNode.run(params.veriffDownload(mediaId));
		delete process.env[variable];
		expect(result.error).toBeUndefined();
		expect(downloadThreadStats().requests).toBe(before);
		expect(sha256(await binaryBytes(result.items[0]))).toBe(await veriff.mediaSha256(mediaId));
	});
});

// The same checks on n8n's own client, whose body passes through guardedBody.ts: its idle watch
// waits until Timeout after the last data, so a slow but steady body is not cut.
describe('n8n\'s own HTTP client checks the body the same way (thread switched off)', () => {
	beforeEach(() => {
		process.env.KYC_MEDIA_DOWNLOAD_THREAD = 'off';
	});

	it('a body that stops for longer than Timeout fails with "no data arrived" and leaves no file', async () => {
		const mediaId = DEMO.veriff.media.face;
		veriff.injectFault({ path: `/v1/media/${mediaId}`, slowBodyMs: 2500, times: 10 });
		const before = downloadThreadStats().requests;
		const result = await veriffNode.run(params.veriffDownload(mediaId, { maxRetries: 0, timeoutSeconds: 1 }));
		expect(downloadThreadStats().requests).toBe(before);
		expect(result.error?.message).toMatch(new RegExp(`^Downloading Veriff media ${mediaId} failed: no data arrived for 1 s \\(received \\d+ bytes\\)$`));
		expect(binaryFilesOfExecution(result.executionId).filter((file) => !isEmptyFile(file))).toEqual([]);
	});

	it('a slow body whose pauses are each shorter than Timeout is stored whole', async () => {
		const mediaId = DEMO.veriff.media.face;
		// 4 chunks, 600 ms apart: 2.4 s in all with a Timeout of 1 s.
		veriff.injectFault({ path: `/v1/media/${mediaId}`, slowBodyMs: 600 });
		const started = Date.now();
		const result = await veriffNode.run(params.veriffDownload(mediaId, { maxRetries: 0, timeoutSeconds: 1 }));
		expect(result.error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
		expect(sha256(await binaryBytes(result.items[0]))).toBe(await veriff.mediaSha256(mediaId));
	});

	it('a connection reset mid-file fails the item clearly and leaves no partial file', async () => {
		const mediaId = largeVideo(4 * MiB);
		veriff.injectFault({ path: `/v1/media/${mediaId}`, reset: 'mid-body', times: 10 });
		const result = await veriffNode.run(params.veriffDownload(mediaId, { maxRetries: 0 }));
		expect(result.error?.message).toMatch(
			new RegExp(`^Downloading Veriff media ${mediaId} failed: the connection dropped after \\d+ of ${4 * MiB} bytes: the transfer was cut short$`),
		);
		expect(binaryFilesOfExecution(result.executionId).filter((file) => !isEmptyFile(file))).toEqual([]);
	});
});

function isEmptyFile(file: string): boolean {
	// The one-time check of n8n's binary data mode stores an empty file (and its metadata).
	return readFileSync(file).length === 0 || file.endsWith('.metadata');
}
