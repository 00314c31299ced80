// A pass-through stream that fails a download arriving short, dropped or stalled (bodies from n8n's own HTTP client).
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';

import { failBody } from './failBody';
import { transferFailure } from './transferErrors';

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
		failBody(guard, reason);
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
