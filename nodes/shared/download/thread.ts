// The download thread: signed GETs run in a worker thread and reach n8n's store through reused shared memory.
import path from 'node:path';
import { Worker } from 'node:worker_threads';

import type { VendorResponse } from '../transport/types';
import { failBody } from './failBody';
import { ringsAllocated } from './rings';
import { ThreadBody } from './threadBody';

/*
 * Large downloads run their HTTP GET in a worker thread (thread.worker.js) and reach n8n's
 * binary data store through a few reused shared-memory slots. The main thread then never
 * allocates the body's bytes, so V8 does not run full collections of n8n's large heap for
 * every ~64 MB received (bench/README.md, "What the profiles show").
 *
 * Messages, main → thread: start {id, url, headers, timeoutMs}; stream {id, ring, slotSize}
 * (2xx: copy the body into the ring); readErrorBody {id, limit}; free {id, slots}; abort {id}.
 * Thread → main: head {id, status, headers}; chunk {id, slot, length}; end {id, received};
 * errorBody {id, body}; failed {id, stage: 'request' | 'body', code?, message?, reason?, received?}.
 *
 * Used only where it changes nothing else (threadUsable.ts): n8n stores binary data on
 * local disk (the store then writes each chunk before asking for the next, which is what makes
 * reusing slots safe), and no proxy or SSRF filter of n8n's HTTP client would apply.
 */

const ERROR_BODY_LIMIT = 1024 * 1024;

/** An answer's headers as node's http module gives them (lower-case names). */
type Headers = VendorResponse['headers'];

export type FromThread =
	| { type: 'head'; id: number; status: number; headers: Headers }
	| { type: 'chunk'; id: number; slot: number; length: number }
	| { type: 'end'; id: number; received: number }
	| { type: 'errorBody'; id: number; body: Uint8Array }
	| {
			type: 'failed';
			id: number;
			stage: 'request' | 'body';
			code?: string;
			message?: string;
			reason?: 'idle' | 'dropped';
			received?: number;
	  };

type Listener = (message: FromThread | { type: 'threadStopped'; message: string }) => void;

export class DownloadThread {
	private readonly worker: Worker;
	private readonly listeners = new Map<number, Listener>();
	private nextId = 1;
	stopped = false;

	constructor() {
		this.worker = new Worker(path.join(__dirname, 'thread.worker.js'), {
			// A small young generation makes V8 free the socket's dead read buffers often,
			// which keeps the thread's memory flat however large the file.
			resourceLimits: { maxYoungGenerationSizeMb: 4 },
		});
		this.worker.unref();
		this.worker.on('message', (message: FromThread) => this.listeners.get(message.id)?.(message));
		const stop = (reason: string) => {
			if (this.stopped) return;
			this.stopped = true;
			if (current === this) current = undefined;
			// A thread that stops on its own is a fault: n8n's own HTTP client takes over.
			threadFault = reason;
			for (const listener of [...this.listeners.values()]) listener({ type: 'threadStopped', message: reason });
			this.listeners.clear();
		};
		this.worker.on('error', (error) => stop(error.message));
		this.worker.on('exit', (code) => stop(`it exited with code ${code}`));
	}

	/** Registers a download; the thread keeps the process alive only while downloads run. */
	open(listener: Listener): number {
		const id = this.nextId++;
		this.listeners.set(id, listener);
		if (this.listeners.size === 1) this.worker.ref();
		return id;
	}

	close(id: number): void {
		if (!this.listeners.delete(id)) return;
		this.post({ type: 'abort', id });
		if (this.listeners.size === 0) this.worker.unref();
	}

	post(message: Record<string, unknown>): void {
		if (!this.stopped) this.worker.postMessage(message);
	}
}

let current: DownloadThread | undefined;
let threadFault: string | undefined;
let requestsSent = 0;

/** What the download thread has done in this process (for tests and diagnostics). */
export function downloadThreadStats(): { requests: number; ringsAllocated: number } {
	return { requests: requestsSent, ringsAllocated: ringsAllocated() };
}

/** True once the thread stopped on its own (a fault): downloads then go through n8n's client. */
export function downloadThreadFaulted(): boolean {
	return threadFault !== undefined;
}

function thread(): DownloadThread {
	current ??= new DownloadThread();
	return current;
}

export interface ThreadResponse {
	statusCode: number;
	headers: Headers;
	/** The body: a stream for 2xx answers, the (first MiB of the) error answer otherwise. */
	body: ThreadBody | Buffer;
}

/**
 * Sends a signed GET from the download thread. Resolves when the answer's head arrives, or
 * with undefined when the thread stopped before that (the request can then go another way:
 * n8n's client); rejects like n8n's HTTP client would, with the network error's code (ECONNREFUSED, …).
 */
export async function sendInDownloadThread(
	request: { url: string; headers: Record<string, string>; timeoutMs: number },
	signal?: AbortSignal,
): Promise<ThreadResponse | undefined> {
	const downloads = thread();
	return await new Promise<ThreadResponse | undefined>((resolve, reject) => {
		let body: ThreadBody | undefined;
		let status = 0;
		let headers: Headers = {};
		const onAbort = () => {
			if (body) failBody(body, new Error('The execution was cancelled'));
			else {
				downloads.close(id);
				reject(new Error('The execution was cancelled'));
			}
		};
		const id = downloads.open((message) => {
			switch (message.type) {
				case 'head':
					status = message.status;
					headers = message.headers;
					if (status >= 200 && status < 300) {
						const length = Number(headers['content-length']);
						const expected = headers['content-length'] !== undefined && Number.isFinite(length) ? length : undefined;
						body = new ThreadBody(downloads, id, expected, request.timeoutMs, () =>
							signal?.removeEventListener('abort', onAbort),
						);
						resolve({ statusCode: status, headers, body });
					} else {
						downloads.post({ type: 'readErrorBody', id, limit: ERROR_BODY_LIMIT });
					}
					return;
				case 'errorBody':
					downloads.close(id);
					signal?.removeEventListener('abort', onAbort);
					resolve({ statusCode: status, headers, body: Buffer.from(message.body) });
					return;
				case 'failed':
					if (message.stage === 'request') {
						downloads.close(id);
						signal?.removeEventListener('abort', onAbort);
						reject(Object.assign(new Error(message.message ?? 'request failed'), { code: message.code }));
						return;
					}
					body?.fail(message.reason ?? 'dropped', message.received ?? 0);
					return;
				case 'threadStopped':
					signal?.removeEventListener('abort', onAbort);
					if (body) failBody(body, new Error(`the download thread stopped: ${message.message}`));
					else resolve(undefined);
					return;
				default:
					body?.receive(message);
			}
		});
		signal?.addEventListener('abort', onAbort, { once: true });
		requestsSent++;
		downloads.post({ type: 'start', id, url: request.url, headers: request.headers, timeoutMs: request.timeoutMs });
	});
}
