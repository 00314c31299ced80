/**
 * With n8n's binary data kept in memory ("default" mode), n8n's store collects every chunk
 * of a download before it builds the file: the download thread's reused slots would be
 * overwritten under it. Such instances must get n8n's own HTTP client, and the right bytes.
 */
import { Container } from '@n8n/di';
import { BinaryDataConfig } from 'n8n-core';

import { downloadThreadStats } from '../../nodes/shared/download/thread';
import { sha256 } from '../helpers/assertions';
import { binaryBytes } from '../helpers/n8n';
import { nodeRunner, params } from '../helpers/scenario';
import { DEMO, startVeriffSimulator } from '../helpers/simulators';

jest.setTimeout(60_000);

let veriff: any;
const veriffNode = nodeRunner('veriff', () => veriff);

beforeAll(async () => {
	// Before n8n-core's binary data service starts (it reads the mode once).
	Container.get(BinaryDataConfig).mode = 'default';
	veriff = await startVeriffSimulator({});
});
afterAll(async () => {
	await veriff?.close();
});

it('downloads through n8n\'s HTTP client when binary data stays in memory', async () => {
	const size = 12 * 1024 * 1024 + 5;
	const mediaId = veriff.addLargeVideo({ sessionId: DEMO.veriff.sessionApproved, size, mimetype: 'video/mp4' }).id;
	const result = await veriffNode.run(params.veriffDownload(mediaId));
	expect(result.error).toBeUndefined();
	const binary = result.items[0].binary!.data;
	expect(binary.id).toBeUndefined();
	expect(binary.bytes).toBe(size);
	expect(downloadThreadStats().requests).toBe(0);
	expect(sha256(await binaryBytes(result.items[0]))).toBe(await veriff.mediaSha256(mediaId));
});
