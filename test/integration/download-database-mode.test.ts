/**
 * n8n's "database" binary data mode (n8n's default in queue mode) with a cap of 16 MiB
 * (N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE). n8n's store reads a whole file into memory and only
 * then compares it with the cap; our download door refuses a file whose Content-Length is over
 * the cap before reading its body. Real node, n8n-core's request helpers and binary data
 * service, the vendor simulators over HTTP; the database table is the in-memory stand-in of
 * test/helpers/databaseBinaryStore.ts.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { downloadThreadStats } from '../../nodes/shared/download/thread';
import { sha256 } from '../helpers/assertions';
import { useDatabaseBinaryMode } from '../helpers/databaseBinaryStore';
import type { InMemoryDatabaseManager } from '../helpers/databaseBinaryStore';
import { binaryBytes } from '../helpers/n8n';
import { errorText, nodeRunner, params } from '../helpers/scenario';
import { DEMO, startSumsubSimulator, startVeriffSimulator } from '../helpers/simulators';

jest.setTimeout(60_000);

const MiB = 1024 * 1024;
const CAP_MIB = 16;
let veriff: any;
let sumsub: any;
let table: InMemoryDatabaseManager;
const veriffNode = nodeRunner('veriff', () => veriff);
const sumsubNode = nodeRunner('sumsub', () => sumsub);

/** Counts the bytes a simulator's server writes to its sockets (headers included) from now on, until read. */
function servedBytes(sim: { server: Server }): () => number {
	const sockets = new Map<Socket, number>();
	// Keep-alive sockets opened earlier serve later requests too: count from their current total.
	const onRequest = (req: IncomingMessage) => {
		if (!sockets.has(req.socket)) sockets.set(req.socket, req.socket.bytesWritten);
	};
	sim.server.on('request', onRequest);
	return () => {
		sim.server.off('request', onRequest);
		return [...sockets].reduce((sum, [socket, before]) => sum + socket.bytesWritten - before, 0);
	};
}

const previous = {
	mode: process.env.N8N_DEFAULT_BINARY_DATA_MODE,
	cap: process.env.N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE,
};

beforeAll(async () => {
	table = useDatabaseBinaryMode(CAP_MIB);
	[veriff, sumsub] = await Promise.all([startVeriffSimulator({}), startSumsubSimulator({})]);
});
afterAll(async () => {
	await Promise.all([veriff?.close(), sumsub?.close()]);
	process.env.N8N_DEFAULT_BINARY_DATA_MODE = previous.mode;
	if (previous.cap === undefined) delete process.env.N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE;
	else process.env.N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE = previous.cap;
});

function largeVideo(size: number): string {
	return veriff.addLargeVideo({ sessionId: DEMO.veriff.sessionApproved, size, mimetype: 'video/mp4' }).id;
}

describe('database binary data mode, cap 16 MiB', () => {
	it('refuses a 32 MiB Veriff video from its Content-Length, before reading its body', async () => {
		const mediaId = largeVideo(32 * MiB);
		const served = servedBytes(veriff);
		const bufferedBefore = table.buffered.length;
		const result = await veriffNode.run(params.veriffDownload(mediaId));

		expect(result.error?.message).toBe(
			`Downloading Veriff media ${mediaId} failed: the file is 32 MiB (33554432 bytes), over the 16 MiB that n8n stores in "database" binary data mode; raise N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE to store it (item 0)`,
		);
		expect(result.error?.description).toContain('The download was stopped before its body was read');
		// n8n's store never got the body (only the one-off empty probe file, in the first test).
		expect(table.buffered.slice(bufferedBefore).filter((n) => n > 0)).toEqual([]);
		// The simulator got to write little of the 32 MiB before the connection was dropped
		// (what the kernel's socket buffers took in).
		expect(served()).toBeLessThan(8 * MiB);
		expect(downloadThreadStats().requests).toBe(0);
	});

	it('with Continue On Fail: an error item for the file over the cap, the next file is still downloaded', async () => {
		const big = largeVideo(20 * MiB);
		const small = largeVideo(3 * MiB + 7);
		const result = await veriffNode.run(params.veriffDownload('={{ $json.id }}'), {
			input: [{ json: { id: big } }, { json: { id: small } }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.error).toBe(
			`Downloading Veriff media ${big} failed: the file is 20 MiB (20971520 bytes), over the 16 MiB that n8n stores in "database" binary data mode; raise N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE to store it (item 0)`,
		);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[1].binary!.data.id).toMatch(/^database:/);
		expect(sha256(await binaryBytes(result.items[1]))).toBe(await veriff.mediaSha256(small));
	});

	it('still downloads a file under the cap byte for byte, and one of exactly 16 MiB (n8n accepts size = cap)', async () => {
		for (const size of [12 * MiB + 12345, 16 * MiB]) {
			const mediaId = largeVideo(size);
			const result = await veriffNode.run(params.veriffDownload(mediaId));
			expect(result.error).toBeUndefined();
			const binary = result.items[0].binary!.data;
			expect(binary.id).toMatch(/^database:/);
			expect(binary.bytes).toBe(size);
			expect(sha256(await binaryBytes(result.items[0]))).toBe(await veriff.mediaSha256(mediaId));
		}
		expect(downloadThreadStats().requests).toBe(0);
	});

	it('refuses a Sumsub Video Ident recording and a document image over the cap the same way', async () => {
		const { applicantId } = sumsub.addApplicant({});
		const recording = sumsub.addRecording({ applicantId, size: 24 * MiB, durationSec: 60, mimetype: 'video/mp4' });
		const imageId = sumsub.addDocumentImage({ applicantId, mimetype: 'image/tiff', size: 20 * MiB + 1 });
		const servedRecording = servedBytes(sumsub);
		const result = await sumsubNode.run(params.sumsubRecording(applicantId, recording.compositionMediaId));
		expect(errorText(result)).toMatch(
			/^Downloading Sumsub recording .* failed: the file is 24 MiB \(25165824 bytes\), over the 16 MiB that n8n stores in "database" binary data mode; raise N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE to store it \(item 0\)/,
		);
		expect(servedRecording()).toBeLessThan(8 * MiB);

		const servedImage = servedBytes(sumsub);
		const image = await sumsubNode.run(params.sumsubDownloadImage(applicantId, imageId));
		expect(errorText(image)).toMatch(
			/ failed: the file is 20 MiB \(20971521 bytes\), over the 16 MiB that n8n stores in "database" binary data mode; raise N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE to store it \(item 0\)/,
		);
		expect(servedImage()).toBeLessThan(8 * MiB);
	});

	it('leaves a file without Content-Length to n8n\'s own check (which refuses it only after reading it)', async () => {
		// Veriff redirects to file storage, which answers chunked: no Content-Length.
		const size = 17 * MiB;
		const storage = createServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'video/mp4' });
			const block = Buffer.alloc(MiB, 7);
			for (let i = 0; i < size / MiB; i++) res.write(block);
			res.end();
		});
		await new Promise<void>((resolve) => storage.listen(0, '127.0.0.1', resolve));
		try {
			const { port } = storage.address() as AddressInfo;
			const mediaId = largeVideo(MiB);
			veriff.injectFault({ path: `/v1/media/${mediaId}`, status: 302, headers: { location: `http://127.0.0.1:${port}/file` }, body: '' });
			const result = await veriffNode.run(params.veriffDownload(mediaId));
			expect(result.error?.message).toMatch(
				/^Downloading Veriff media .* failed: Failed to write binary file .* because its size of 17 MB exceeds the max size limit of 16 MB set for `database` mode/,
			);
			expect(table.buffered[table.buffered.length - 1]).toBe(size);
		} finally {
			veriff.clearFaults();
			await new Promise((resolve) => storage.close(resolve));
		}
	});
});
