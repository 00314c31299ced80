// The download thread's worker script: runs signed GETs and copies bodies into the shared slots (see thread.ts).
// @ts-check
'use strict';
/*
 * The download thread (see thread.ts): runs the HTTP GET of large downloads away
 * from n8n's main thread and copies the body into shared memory slots that the main thread
 * hands, one after the other, to n8n's binary data store.
 *
 * Why a thread: every read from a socket is a new 64 KiB buffer. On n8n's main thread, with
 * its large heap, V8 runs a full garbage collection each time ~64 MB of such buffers pile up
 * (bench/README.md, "What the profiles show"). Here the heap is tiny and the main
 * thread only ever sees the same few reused slots.
 *
 * Plain JavaScript so that it runs as is (in n8n and under the tests); the messages are
 * described in thread.ts.
 */
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
const https = require('node:https');

if (!parentPort) throw new Error('thread.worker.js runs as a worker thread only');
const port = parentPort;

/**
 * @typedef {object} Download
 * @property {import('node:http').ClientRequest} request
 * @property {import('node:http').IncomingMessage} [response]
 * @property {number} timeoutMs
 * @property {number} received
 * @property {Buffer} [ring] shared memory, `slots` slots of `slotSize` bytes
 * @property {number} slotSize
 * @property {boolean[]} slotFree
 * @property {number} slot the slot being filled
 * @property {number} filled bytes in that slot
 * @property {Buffer[]} pending chunks waiting for a free slot
 * @property {boolean} ended the response has ended (pending may still hold data)
 * @property {NodeJS.Timeout} [idleTimer]
 * @property {boolean} done
 */

/** @type {Map<number, Download>} */
const downloads = new Map();

port.on('message', (message) => {
	switch (message.type) {
		case 'start':
			return start(message.id, message.url, message.headers, message.timeoutMs);
		case 'stream':
			return stream(message.id, message.ring, message.slotSize);
		case 'free':
			return free(message.id, message.slots);
		case 'readErrorBody':
			return readErrorBody(message.id, message.limit);
		case 'abort':
			return finish(message.id);
	}
});

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/**
 * Sends the GET, following redirects as n8n's HTTP client does (at most 5). A redirect to
 * another origin (e.g. a pre-signed storage URL) is followed without the vendor's signed
 * headers: the signature is for the vendor only.
 * @param {number} id @param {string} url @param {Record<string,string>} headers @param {number} timeoutMs
 * @param {number} [redirects]
 */
function start(id, url, headers, timeoutMs, redirects = 0) {
	const client = url.startsWith('https:') ? https : http;
	let request;
	try {
		request = client.request(url, { method: 'GET', headers, timeout: timeoutMs });
	} catch (error) {
		return failed(id, 'request', error);
	}
	/** @type {Download} */
	const download = {
		request,
		timeoutMs,
		received: 0,
		slotSize: 0,
		slotFree: [],
		slot: 0,
		filled: 0,
		pending: [],
		ended: false,
		done: false,
	};
	downloads.set(id, download);
	// Before the answer starts: the socket's own timeout. After: our idle timer (while paused
	// because n8n's disk is slower, the server is not to blame).
	request.on('timeout', () => {
		if (!download.response) {
			const error = Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' });
			request.destroy(error);
		}
	});
	request.on('error', (error) => {
		if (download.done) return;
		if (!download.response) failed(id, 'request', error);
	});
	request.on('response', (response) => {
		const location = response.headers.location;
		if (REDIRECTS.has(response.statusCode ?? 0) && location && redirects < MAX_REDIRECTS) {
			let next;
			try {
				next = new URL(location, url);
			} catch {
				next = undefined;
			}
			if (next && (next.protocol === 'http:' || next.protocol === 'https:')) {
				response.resume();
				download.done = true;
				downloads.delete(id);
				const sameOrigin = next.origin === new URL(url).origin;
				return start(id, next.toString(), sameOrigin ? headers : {}, timeoutMs, redirects + 1);
			}
		}
		download.response = response;
		response.pause();
		request.setTimeout(0);
		port.postMessage({ type: 'head', id, status: response.statusCode, headers: response.headers });
	});
	request.end();
}

/** Streams a 2xx body into the ring. @param {number} id @param {SharedArrayBuffer} ring @param {number} slotSize */
function stream(id, ring, slotSize) {
	const download = downloads.get(id);
	if (!download?.response) return;
	const { response } = download;
	// A Buffer view: Buffer#copy is a plain memcpy (TypedArray#set on shared memory is slower).
	download.ring = Buffer.from(ring);
	download.slotSize = slotSize;
	download.slotFree = Array.from({ length: ring.byteLength / slotSize }, () => true);
	armIdleTimer(id, download);
	response.on('data', (chunk) => {
		download.received += chunk.length;
		armIdleTimer(id, download);
		download.pending.push(chunk);
		pump(id, download);
	});
	response.on('end', () => {
		download.ended = true;
		clearTimeout(download.idleTimer);
		pump(id, download);
	});
	response.on('aborted', () => dropped(id, download));
	response.on('error', () => dropped(id, download));
	response.on('close', () => {
		if (!response.complete) dropped(id, download);
	});
	response.resume();
}

/** Copies pending chunks into free slots; pauses the response while no slot is free. */
function pump(/** @type {number} */ id, /** @type {Download} */ download) {
	const { ring, slotSize } = download;
	if (!ring || download.done) return;
	while (download.pending.length > 0) {
		if (!download.slotFree[download.slot]) {
			download.response?.pause();
			return;
		}
		const chunk = download.pending[0];
		const length = Math.min(slotSize - download.filled, chunk.length);
		chunk.copy(ring, download.slot * slotSize + download.filled, 0, length);
		download.filled += length;
		if (length === chunk.length) download.pending.shift();
		else download.pending[0] = chunk.subarray(length);
		if (download.filled === slotSize) hand(id, download);
	}
	if (download.ended) {
		if (download.filled > 0) {
			if (!download.slotFree[download.slot]) return;
			hand(id, download);
		}
		port.postMessage({ type: 'end', id, received: download.received });
		finish(id);
		return;
	}
	download.response?.resume();
}

/** Hands the filled slot to the main thread and moves to the next one. */
function hand(/** @type {number} */ id, /** @type {Download} */ download) {
	download.slotFree[download.slot] = false;
	port.postMessage({ type: 'chunk', id, slot: download.slot, length: download.filled });
	download.slot = (download.slot + 1) % download.slotFree.length;
	download.filled = 0;
}

function free(/** @type {number} */ id, /** @type {number[]} */ slots) {
	const download = downloads.get(id);
	if (!download) return;
	for (const slot of slots) download.slotFree[slot] = true;
	pump(id, download);
}

/** Reads an error answer (at most `limit` bytes kept) and sends it whole. */
function readErrorBody(/** @type {number} */ id, /** @type {number} */ limit) {
	const download = downloads.get(id);
	if (!download?.response) return;
	/** @type {Buffer[]} */
	const chunks = [];
	let size = 0;
	const send = () => {
		if (download.done) return;
		const body = Buffer.concat(chunks).subarray(0, limit);
		port.postMessage({ type: 'errorBody', id, body });
		finish(id);
	};
	download.response.on('data', (chunk) => {
		if (size < limit) chunks.push(chunk);
		size += chunk.length;
	});
	download.response.on('end', send);
	download.response.on('error', send);
	download.response.on('close', send);
	download.response.resume();
}

function armIdleTimer(/** @type {number} */ id, /** @type {Download} */ download) {
	clearTimeout(download.idleTimer);
	download.idleTimer = setTimeout(() => {
		if (download.done) return;
		port.postMessage({ type: 'failed', id, stage: 'body', reason: 'idle', received: download.received });
		finish(id);
	}, download.timeoutMs);
}

function dropped(/** @type {number} */ id, /** @type {Download} */ download) {
	if (download.done || download.ended) return;
	port.postMessage({ type: 'failed', id, stage: 'body', reason: 'dropped', received: download.received });
	finish(id);
}

/** @param {number} id @param {'request'} stage @param {unknown} error */
function failed(id, stage, error) {
	const { code, message } = /** @type {{ code?: string; message?: string }} */ (error ?? {});
	port.postMessage({ type: 'failed', id, stage, code, message: String(message ?? error) });
	finish(id);
}

/** Forgets a download and closes its connection if it is still open. */
function finish(/** @type {number} */ id) {
	const download = downloads.get(id);
	if (!download) return;
	download.done = true;
	clearTimeout(download.idleTimer);
	downloads.delete(id);
	if (!download.ended && !download.request.destroyed) download.request.destroy();
}
