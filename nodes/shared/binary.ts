import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';

import { ThreadBody } from './downloadThread';
import { header } from './http';
import { transferFailure } from './transferErrors';
import type { VendorResponse } from './http';

/**
 * Passes a response body through while checking that it arrives whole: fewer bytes than
 * Content-Length, a dropped connection, or no data for `idleTimeoutMs` fail the stream.
 * Nothing is buffered beyond what the consumer has not read yet.
 */
export function guardedBody(
	body: IncomingMessage,
	expectedLength: number | undefined,
	idleTimeoutMs: number,
): Transform {
	let received = 0;
	let timer: NodeJS.Timeout | undefined;
	let lastDataAt = Date.now();
	let failed = false;
	const guard = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			received += chunk.length;
			lastDataAt = Date.now();
			armTimer();
			callback(null, chunk);
		},
		flush(callback) {
			clearTimeout(timer);
			if (expectedLength !== undefined && received !== expectedLength) {
				callback(transferFailure('short', received, expectedLength, idleTimeoutMs));
			} else {
				callback();
			}
		},
		destroy(error, callback) {
			clearTimeout(timer);
			callback(error);
		},
	});
	// The guard fails with one clear reason; the raw error of the body ("aborted") is not passed on.
	const fail = (reason: Error) => {
		if (failed) return;
		failed = true;
		clearTimeout(timer);
		guard.destroy(reason);
		if (!body.destroyed) body.destroy();
	};
	const armTimer = () => {
		clearTimeout(timer);
		timer = setTimeout(() => fail(transferFailure('idle', received, expectedLength, idleTimeoutMs)), idleTimeoutMs);
	};
	armTimer();
	body.on('error', (error: NodeJS.ErrnoException) => {
		// The HTTP client's own socket timeout has the same length: silence that long is a timeout.
		if (Date.now() - lastDataAt >= idleTimeoutMs - 50) {
			return fail(transferFailure('idle', received, expectedLength, idleTimeoutMs));
		}
		const dropped = error.code === 'ECONNRESET' || /aborted/i.test(error.message);
		fail(dropped ? transferFailure('dropped', received, expectedLength, idleTimeoutMs) : new Error(error.message));
	});
	// A consumer that gives up (or fails) must not leave the response open.
	guard.on('close', () => {
		clearTimeout(timer);
		if (!body.destroyed && !body.readableEnded) body.destroy();
	});
	body.pipe(guard);
	return guard;
}

/**
 * Streams a download response into n8n's binary data store (in filesystem mode straight to
 * disk). If the transfer fails, the partial file is removed by n8n's store and the item fails.
 */
export async function storeDownload(
	ctx: IExecuteFunctions,
	response: VendorResponse,
	options: { fileName: string; mimeType: string; idleTimeoutMs: number; what: string; itemIndex: number },
): Promise<IBinaryData> {
	const lengthHeader = header(response.headers, 'content-length');
	const expected = lengthHeader !== undefined && lengthHeader !== '' ? Number(lengthHeader) : undefined;
	// A body from the download thread is checked there (idle time, length) already.
	const body =
		response.body instanceof ThreadBody
			? response.body
			: guardedBody(response.body as IncomingMessage, Number.isFinite(expected) ? expected : undefined, options.idleTimeoutMs);
	try {
		const stored = await ctx.helpers.prepareBinaryData(body, options.fileName, options.mimeType);
		if (body instanceof ThreadBody) body.recycle();
		return stored;
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `${options.what} failed: ${(error as Error).message}`, {
			itemIndex: options.itemIndex,
			description: 'Nothing was kept of the partial file. Run the item again to retry the download.',
		});
	}
}

const EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/jpg': 'jpg',
	'image/png': 'png',
	'image/heif': 'heif',
	'image/heic': 'heic',
	'image/webp': 'webp',
	'image/gif': 'gif',
	'image/tiff': 'tiff',
	'application/pdf': 'pdf',
	'application/json': 'json',
	'application/octet-stream': 'bin',
	'video/webm': 'webm',
	'video/mp4': 'mp4',
	'video/quicktime': 'mov',
	'text/plain': 'txt',
};

/** File extension for the MIME types the vendors document; "bin" otherwise. */
export function extensionFor(mimeType: string): string {
	return EXTENSIONS[mimeType.split(';')[0].trim().toLowerCase()] ?? 'bin';
}

/** A file name safe for any file system and for Unit21 (which needs an extension). */
export function safeFileName(base: string, mimeType: string): string {
	const cleaned = base.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 120) || 'file';
	return `${cleaned}.${extensionFor(mimeType)}`;
}
