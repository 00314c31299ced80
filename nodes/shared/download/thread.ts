// The download thread: signed GETs run in a worker thread and reach n8n's store through reused shared memory.
import type { IExecuteFunctions } from 'n8n-workflow';
import type { IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';

import { transferFailure } from './transferErrors';

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
 * Used only where it changes nothing else (downloadThreadUsable): n8n stores binary data on
 * local disk (the store then writes each chunk before asking for the next, which is what makes
 * reusing slots safe), and no proxy or SSRF filter of n8n's HTTP client would apply.
 */

const SLOT_SIZE = 512 * 1024;
const SLOTS = 8;
const MAX_SLOTS_PER_VIEW = SLOTS / 2;
const ERROR_BODY_LIMIT = 1024 * 1024;

type FromThread =
	| { type: 'head'; id: number; status: number; headers: IncomingHttpHeaders }
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

class DownloadThread {
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
let ringsAllocated = 0;

/** What the download thread has done in this process (for tests and diagnostics). */
export function downloadThreadStats(): { requests: number; ringsAllocated: number } {
	return { requests: requestsSent, ringsAllocated };
}

/** Raised when the thread is gone before the answer started: the request can go another way (n8n's client). */
export class DownloadThreadUnavailable extends Error {}

function thread(): DownloadThread {
	current ??= new DownloadThread();
	return current;
}

export interface ThreadResponse {
	statusCode: number;
	headers: IncomingHttpHeaders;
	/** The body: a stream for 2xx answers, the (first MiB of the) error answer otherwise. */
	body: ThreadBody | Buffer;
}

/**
 * Sends a signed GET from the download thread. Resolves when the answer's head arrives;
 * rejects like n8n's HTTP client would, with the network error's code (ECONNREFUSED, …).
 */
export async function sendInDownloadThread(
	request: { url: string; headers: Record<string, string>; timeoutMs: number },
	signal?: AbortSignal,
): Promise<ThreadResponse> {
	const downloads = thread();
	return await new Promise<ThreadResponse>((resolve, reject) => {
		let body: ThreadBody | undefined;
		let status = 0;
		let headers: IncomingHttpHeaders = {};
		const onAbort = () => {
			if (body) body.destroy(new Error('The execution was cancelled'));
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
					if (body) body.destroy(new Error(`the download thread stopped: ${message.message}`));
					else reject(new DownloadThreadUnavailable(message.message));
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

/**
 * The body of a 2xx answer as a byte stream whose chunks are views of reused shared slots.
 * A slot goes back to the thread once the consumer has asked for the chunk after the next
 * one: n8n's store has then written it (it writes each chunk before reading another).
 */
export class ThreadBody extends Readable {
	private readonly ring: SharedArrayBuffer;
	private readonly slotSize: number;
	private readonly ready: Array<{ slot: number; length: number }> = [];
	/** Slots of the chunks pushed so far and not yet given back, one array per chunk. */
	private handedOut: number[][] = [];
	private ended = false;
	private wanted = false;
	private finished = false;
	private recycled = false;

	constructor(
		private readonly downloads: DownloadThread,
		private readonly id: number,
		private readonly expectedLength: number | undefined,
		private readonly idleTimeoutMs: number,
		private readonly onClose: () => void,
	) {
		// Object mode: each read() returns exactly one slot's view (in byte mode Node may join
		// two chunks into a new buffer, which is the allocation this class exists to avoid).
		// One chunk buffered ahead at most, so the consumer holds no more than two.
		super({ objectMode: true, highWaterMark: 1 });
		const slotSize = slotSizeFor(expectedLength);
		this.slotSize = slotSize;
		this.ring = takeRing(slotSize);
		downloads.post({ type: 'stream', id, ring: this.ring, slotSize });
	}

	receive(message: FromThread): void {
		if (message.type === 'chunk') {
			this.ready.push({ slot: message.slot, length: message.length });
		} else if (message.type === 'end') {
			this.ended = true;
			this.finished = true;
			this.downloads.close(this.id);
			if (this.expectedLength !== undefined && message.received !== this.expectedLength) {
				this.destroy(transferFailure('short', message.received, this.expectedLength, this.idleTimeoutMs));
				return;
			}
		}
		if (this.wanted) this.deliver();
	}

	/**
	 * Called once n8n's store has finished with this body (prepareBinaryData resolved): every
	 * chunk is then written, so the ring may serve another download. Not before: the stream
	 * ends while the store is still writing its last chunk. After a failure a write may still
	 * be reading the ring, so it is left to the garbage collector.
	 */
	recycle(): void {
		if (!this.ended || this.recycled) return;
		this.recycled = true;
		giveBackRing(this.slotSize, this.ring);
	}

	fail(reason: 'idle' | 'dropped', received: number): void {
		this.finished = true;
		this.downloads.close(this.id);
		this.destroy(transferFailure(reason, received, this.expectedLength, this.idleTimeoutMs));
	}

	override _read(): void {
		this.wanted = true;
		this.deliver();
	}

	private deliver(): void {
		if (this.destroyed) return;
		// The consumer asks for more: everything but the chunk it may still be writing is done.
		const done: number[] = [];
		while (this.handedOut.length > 1) done.push(...(this.handedOut.shift() as number[]));
		if (done.length > 0 && !this.finished) this.downloads.post({ type: 'free', id: this.id, slots: done });
		const first = this.ready.shift();
		if (first) {
			// Full slots that follow each other in the ring go out as one view: one larger write
			// for n8n's store when the disk is behind. At most half the ring, so that the thread
			// always has slots to fill while the store holds the last view it was given
			// (a view of the whole ring deadlocked: nothing could be freed until it was written,
			// and nothing more could arrive).
			const slots = [first.slot];
			let length = first.length;
			while (
				slots.length < MAX_SLOTS_PER_VIEW &&
				this.ready.length > 0 &&
				this.ready[0].slot === slots[slots.length - 1] + 1 &&
				length % this.slotSize === 0
			) {
				const next = this.ready.shift() as { slot: number; length: number };
				slots.push(next.slot);
				length += next.length;
			}
			this.wanted = false;
			this.handedOut.push(slots);
			this.push(Buffer.from(this.ring, first.slot * this.slotSize, length));
		} else if (this.ended) {
			this.wanted = false;
			this.push(null);
		}
	}

	override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
		this.downloads.close(this.id);
		this.onClose();
		callback(error);
	}
}

/** Slots of a power-of-two size, so that rings can be reused: small files get small ones. */
function slotSizeFor(expectedLength: number | undefined): number {
	if (expectedLength === undefined) return SLOT_SIZE;
	let size = 64 * 1024;
	while (size < expectedLength && size < SLOT_SIZE) size *= 2;
	return size;
}

// Shared memory is not counted by V8 as memory pressure: rings dropped after each download
// would pile up until some unrelated garbage collection. Finished rings are kept for the
// next downloads instead, a few per slot size.
const idleRings = new Map<number, SharedArrayBuffer[]>();
const IDLE_RINGS_PER_SIZE = 4;

function takeRing(slotSize: number): SharedArrayBuffer {
	const idle = idleRings.get(slotSize)?.pop();
	if (idle) return idle;
	ringsAllocated++;
	return new SharedArrayBuffer(slotSize * SLOTS);
}

function giveBackRing(slotSize: number, ring: SharedArrayBuffer): void {
	const idle = idleRings.get(slotSize) ?? [];
	if (idle.length < IDLE_RINGS_PER_SIZE) idle.push(ring);
	idleRings.set(slotSize, idle);
}

const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy'];

let storeWritesToDisk: Promise<boolean> | undefined;

/**
 * True when a download may run in the download thread: n8n keeps binary data on local disk
 * (checked once per process by storing an empty file), and n8n's HTTP client would not send
 * it through a proxy or an SSRF filter, which the thread does not replicate. Setting
 * KYC_MEDIA_DOWNLOAD_THREAD=off turns the thread off.
 */
export async function downloadThreadUsable(ctx: IExecuteFunctions): Promise<boolean> {
	if (process.env.KYC_MEDIA_DOWNLOAD_THREAD === 'off') return false;
	if (PROXY_VARIABLES.some((name) => Boolean(process.env[name]))) return false;
	if (/^(true|1)$/i.test(process.env.N8N_SSRF_PROTECTION_ENABLED ?? '')) return false;
	if (threadFault !== undefined || typeof SharedArrayBuffer === 'undefined') return false;
	storeWritesToDisk ??= ctx.helpers
		.prepareBinaryData(Buffer.alloc(0), 'kyc-media-binary-mode-check', 'application/octet-stream')
		.then((stored) => /^filesystem/.test(String(stored.id ?? '')))
		.catch(() => false);
	return await storeWritesToDisk;
}
