// A pass-through stream that fails a download arriving short, dropped or stalled (bodies from n8n's own HTTP client).
import { sleep } from 'n8n-workflow';
import { Transform, type Readable } from 'node:stream';

import { failBody } from './failBody';
import { transferFailure } from './transferErrors';

/**
 * Passes a response body through while checking that it arrives whole: fewer bytes than
 * Content-Length, a dropped connection, or no data for `idleTimeoutMs` fail the stream.
 * Nothing is buffered beyond what the consumer has not read yet.
 */
export function guardedBody(
	response: NodeJS.ReadableStream,
	expectedLength: number | undefined,
	idleTimeoutMs: number,
): Transform {
	// n8n's HTTP client answers a streamed request with a node Readable (an http.IncomingMessage).
	const body = response as Readable;
	let received = 0;
	let lastDataAt = Date.now();
	let failed = false;
	// Ends the idle watch (below) once the body has ended, failed or been given up.
	const stopWatch = new AbortController();
	const guard = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			received += chunk.length;
			lastDataAt = Date.now();
			callback(null, chunk);
		},
		flush(callback) {
			stopWatch.abort();
			if (expectedLength !== undefined && received !== expectedLength) {
				callback(transferFailure('short', received, expectedLength, idleTimeoutMs));
			} else {
				callback();
			}
		},
		destroy(error, callback) {
			stopWatch.abort();
			callback(error);
		},
	});
	// The guard fails with one clear reason; the raw error of the body ("aborted") is not passed on.
	const fail = (reason: Error) => {
		if (failed) return;
		failed = true;
		stopWatch.abort();
		failBody(guard, reason);
		if (!body.destroyed) body.destroy();
	};
	// The idle watch: one wait at a time, each until `idleTimeoutMs` after the last data seen.
	// n8n's sleep ends early once the watch is stopped (older n8n: it runs out, then sees the stop).
	const watchIdle = async () => {
		let wait = idleTimeoutMs;
		while (
			await sleep(wait, stopWatch.signal).then(
				() => !stopWatch.signal.aborted,
				() => false,
			)
		) {
			const quiet = Date.now() - lastDataAt;
			if (quiet >= idleTimeoutMs) return fail(transferFailure('idle', received, expectedLength, idleTimeoutMs));
			wait = idleTimeoutMs - quiet;
		}
	};
	void watchIdle();
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
		stopWatch.abort();
		if (!body.destroyed && !body.readableEnded) body.destroy();
	});
	body.pipe(guard);
	return guard;
}
