'use strict';
/**
 * Shared machinery for the vendor simulators (Veriff, Sumsub, Unit21).
 *
 * - {@link startSimulatorServer}: an HTTP server on 127.0.0.1 with a request recorder,
 *   fault injection (status, delay, reset, truncation, slow body, …) and global latency.
 *   Vendor files only supply a `handle(ctx)` function that returns a response descriptor.
 * - {@link Content}: a body that is either a fixed Buffer or generated on the fly from a
 *   deterministic pattern (so a 1 GiB video never sits in memory), with cached sha256.
 * - Tiny but valid JPEG / PNG generators, WebM / MP4 headers, id helpers, HMAC helpers.
 *
 * Node 20 built-ins only. Nothing here knows any vendor's rules.
 */
const http = require('node:http');
const crypto = require('node:crypto');
const zlib = require('node:zlib');
const { Readable, Transform, pipeline } = require('node:stream');

const JSON_TYPE = 'application/json; charset=utf-8';
const BLOCK_SIZE = 64 * 1024;
const EMPTY = Buffer.alloc(0);

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------
// Hashing / ids
// ---------------------------------------------------------------------------------------

/** Lowercase hex HMAC-SHA256. @param {string|Buffer} key @param {string|Buffer} message */
function hmacHex(key, message) {
	return crypto.createHmac('sha256', key).update(message).digest('hex');
}

/** Hex sha256 of a Buffer/string. */
function sha256Hex(data) {
	return crypto.createHash('sha256').update(data).digest('hex');
}

/**
 * Constant-time comparison of a received hex signature with the expected lowercase hex.
 * Hex is compared case-insensitively; anything that is not 64 hex chars is a mismatch.
 * @param {unknown} received header value (string | string[] | undefined)
 * @param {string} expected lowercase hex
 */
function hexSignatureMatches(received, expected) {
	if (typeof received !== 'string') return false;
	const candidate = received.trim().toLowerCase();
	if (!/^[0-9a-f]{64}$/.test(candidate) || expected.length !== 64) return false;
	return crypto.timingSafeEqual(Buffer.from(candidate, 'latin1'), Buffer.from(expected, 'latin1'));
}

/** Deterministic UUID v4-shaped id derived from a name. */
function uuidFromName(name) {
	const h = crypto.createHash('sha256').update(`uuid:${name}`).digest();
	h[6] = (h[6] & 0x0f) | 0x40;
	h[8] = (h[8] & 0x3f) | 0x80;
	const x = h.subarray(0, 16).toString('hex');
	return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** Deterministic 24-char lowercase hex id (Mongo ObjectId shape) derived from a name. */
function objectIdFromName(name) {
	return crypto.createHash('sha256').update(`oid:${name}`).digest('hex').slice(0, 24);
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OBJECT_ID_RE = /^[0-9a-f]{24}$/;

// ---------------------------------------------------------------------------------------
// Deterministic content (fixed bytes or generated stream)
// ---------------------------------------------------------------------------------------

const blockCache = new Map();
/** A pseudo-random 64 KiB block derived from `seed` (sha256 in counter mode), cached. */
function patternBlock(seed) {
	let block = blockCache.get(seed);
	if (!block) {
		block = Buffer.allocUnsafe(BLOCK_SIZE);
		for (let i = 0, off = 0; off < BLOCK_SIZE; i++, off += 32) {
			crypto.createHash('sha256').update(`${seed}:${i}`).digest().copy(block, off);
		}
		blockCache.set(seed, block);
	}
	return block;
}

/**
 * A response/media body. Either fixed bytes (`{ bytes }`) or generated
 * (`{ seed, size, header? }`: `header` bytes followed by the repeated 64 KiB pattern block
 * of `seed`, cut to `size`). Generated content is produced chunk by chunk, never held whole.
 */
class Content {
	/** @param {{bytes?: Buffer, seed?: string, size?: number, header?: Buffer}} spec */
	constructor(spec) {
		if (spec.bytes) {
			this.fixed = Buffer.from(spec.bytes);
			this.size = this.fixed.length;
		} else {
			if (!Number.isSafeInteger(spec.size) || spec.size < 0) throw new Error('Content: size must be a non-negative integer');
			this.size = spec.size;
			this.block = patternBlock(String(spec.seed));
			this.header = spec.header || EMPTY;
			if (this.header.length > BLOCK_SIZE) throw new Error('Content: header larger than 64 KiB');
		}
		this._sha256 = null;
		this._hmac = new Map();
	}

	/** True when the bytes are held in memory. */
	get isFixed() {
		return !!this.fixed;
	}

	/** Bytes [offset, offset+length) as a Buffer (may share memory; never mutate it). */
	readAt(offset, length) {
		const end = Math.min(this.size, offset + length);
		if (this.fixed) return this.fixed.subarray(offset, end);
		const len = end - offset;
		const inBlock = offset % BLOCK_SIZE;
		if (inBlock + len <= BLOCK_SIZE && offset >= this.header.length) {
			return this.block.subarray(inBlock, inBlock + len);
		}
		const out = Buffer.allocUnsafe(len);
		for (let done = 0; done < len; ) {
			const pos = (offset + done) % BLOCK_SIZE;
			const n = Math.min(BLOCK_SIZE - pos, len - done);
			this.block.copy(out, done, pos, pos + n);
			done += n;
		}
		if (offset < this.header.length) {
			this.header.copy(out, 0, offset, Math.min(this.header.length, end));
		}
		return out;
	}

	/** A Readable of the whole content (64 KiB chunks, honours backpressure). */
	stream() {
		const content = this;
		let offset = 0;
		return new Readable({
			highWaterMark: BLOCK_SIZE,
			read() {
				if (offset >= content.size) {
					this.push(null);
					return;
				}
				const chunk = content.readAt(offset, BLOCK_SIZE);
				offset += chunk.length;
				this.push(chunk);
			},
		});
	}

	/**
	 * The whole content as one Buffer. Refuses above `limit` (default 64 MiB) so that
	 * nobody accidentally materialises a 1 GiB recording.
	 */
	bytes(limit = 64 * 1024 * 1024) {
		if (this.fixed) return this.fixed;
		if (this.size > limit) throw new Error(`Content of ${this.size} bytes is too large for bytes(); stream it`);
		return Buffer.from(this.readAt(0, this.size));
	}

	/** Feed the content to `update(chunk)` without blocking the event loop for long. */
	async _feed(update) {
		for (let offset = 0, n = 0; offset < this.size; n++) {
			const chunk = this.readAt(offset, BLOCK_SIZE);
			update(chunk);
			offset += chunk.length;
			if (n % 64 === 63) await new Promise(setImmediate);
		}
	}

	/** Hex sha256 of exactly what is served (cached). */
	async sha256() {
		if (!this._sha256) {
			const hash = crypto.createHash('sha256');
			await this._feed((c) => hash.update(c));
			this._sha256 = hash.digest('hex');
		}
		return this._sha256;
	}

	/** Hex HMAC-SHA256 of the content under `key` (cached per key). */
	async hmacSha256(key) {
		if (!this._hmac.has(key)) {
			const hmac = crypto.createHmac('sha256', key);
			await this._feed((c) => hmac.update(c));
			this._hmac.set(key, hmac.digest('hex'));
		}
		return this._hmac.get(key);
	}
}

// ---------------------------------------------------------------------------------------
// Tiny valid files
// ---------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();
function crc32(buf) {
	let c = 0xffffffff;
	for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

/** Four deterministic RGB colours derived from a label. */
function coloursFor(label) {
	const h = crypto.createHash('sha256').update(`colour:${label}`).digest();
	return [0, 1, 2, 3].map((i) => [h[i * 3], h[i * 3 + 1], h[i * 3 + 2]]);
}

/**
 * A valid 16x16 truecolour PNG made of four coloured 8x8 quadrants derived from `label`,
 * with a tEXt chunk naming it (so every label gives different bytes).
 * @param {string} label
 */
function tinyPng(label) {
	const colours = coloursFor(label);
	const size = 16;
	const raw = Buffer.alloc(size * (1 + size * 3));
	for (let y = 0; y < size; y++) {
		const row = y * (1 + size * 3);
		raw[row] = 0; // filter: none
		for (let x = 0; x < size; x++) {
			const [r, g, b] = colours[(y < 8 ? 0 : 2) + (x < 8 ? 0 : 1)];
			raw.set([r, g, b], row + 1 + x * 3);
		}
	}
	const chunk = (type, data) => {
		const len = Buffer.alloc(4);
		len.writeUInt32BE(data.length);
		const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(td));
		return Buffer.concat([len, td, crc]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(size, 0);
	ihdr.writeUInt32BE(size, 4);
	ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, RGB, deflate, no filter, no interlace
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('tEXt', Buffer.from(`Comment\0simulator ${label}`, 'latin1')),
		chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
		chunk('IEND', EMPTY),
	]);
}

/**
 * A valid baseline JPEG (16x16, YCbCr 4:4:4, four flat-coloured 8x8 blocks derived from
 * `label`, with a COM segment naming it). Flat blocks only need a DC coefficient, so the
 * encoder is tiny: quantisation 1, standard DC Huffman table, a one-symbol (EOB) AC table.
 * @param {string} label
 */
function tinyJpeg(label) {
	const colours = coloursFor(label);
	const seg = (marker, data) => {
		const len = Buffer.alloc(2);
		len.writeUInt16BE(data.length + 2);
		return Buffer.concat([Buffer.from([0xff, marker]), len, data]);
	};
	// Standard luminance DC table (ITU T.81 K.3): code lengths and symbols 0..11.
	const dcBits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
	const dcVals = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
	const dcCodes = new Map();
	for (let len = 1, code = 0, k = 0; len <= 16; len++, code <<= 1) {
		for (let i = 0; i < dcBits[len - 1]; i++, code++, k++) dcCodes.set(dcVals[k], { code, len });
	}
	// AC table: a single symbol 0x00 (EOB) with the 1-bit code "0".
	const acBits = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

	const bits = [];
	const put = (value, len) => {
		for (let i = len - 1; i >= 0; i--) bits.push((value >> i) & 1);
	};
	const pred = [0, 0, 0];
	for (const [r, g, b] of colours) {
		const ycc = [
			0.299 * r + 0.587 * g + 0.114 * b,
			128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
			128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
		];
		ycc.forEach((v, c) => {
			const dc = 8 * (Math.max(0, Math.min(255, Math.round(v))) - 128); // flat block DCT
			const diff = dc - pred[c];
			pred[c] = dc;
			const cat = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
			const { code, len } = dcCodes.get(cat);
			put(code, len);
			if (cat) put(diff > 0 ? diff : diff + (1 << cat) - 1, cat);
			put(0, 1); // EOB
		});
	}
	while (bits.length % 8) bits.push(1);
	const scan = [];
	for (let i = 0; i < bits.length; i += 8) {
		let byte = 0;
		for (let j = 0; j < 8; j++) byte = (byte << 1) | bits[i + j];
		scan.push(byte);
		if (byte === 0xff) scan.push(0x00); // byte stuffing
	}
	return Buffer.concat([
		Buffer.from([0xff, 0xd8]),
		seg(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])),
		seg(0xfe, Buffer.from(`simulator ${label}`, 'latin1')),
		seg(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)])),
		seg(0xc0, Buffer.from([8, 0, 16, 0, 16, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0])),
		seg(0xc4, Buffer.from([0x00, ...dcBits, ...dcVals, 0x10, ...acBits, 0x00])),
		seg(0xda, Buffer.from([3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0])),
		Buffer.from(scan),
		Buffer.from([0xff, 0xd9]),
	]);
}

/** EBML header + open-ended Segment: what a WebM file starts with. */
function webmHeader() {
	const el = (id, payload) => Buffer.concat([Buffer.from(id), Buffer.from([0x80 | payload.length]), payload]);
	const ebml = Buffer.concat([
		el([0x42, 0x86], Buffer.from([1])), // EBMLVersion
		el([0x42, 0xf7], Buffer.from([1])), // EBMLReadVersion
		el([0x42, 0xf2], Buffer.from([4])), // EBMLMaxIDLength
		el([0x42, 0xf3], Buffer.from([8])), // EBMLMaxSizeLength
		el([0x42, 0x82], Buffer.from('webm')), // DocType
		el([0x42, 0x87], Buffer.from([4])), // DocTypeVersion
		el([0x42, 0x85], Buffer.from([2])), // DocTypeReadVersion
	]);
	return Buffer.concat([
		Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x80 | ebml.length]),
		ebml,
		Buffer.from([0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), // Segment, unknown size
	]);
}

/** An `ftyp` box plus an `mdat` box header (64-bit size) spanning the rest of `totalSize`. */
function mp4Header(totalSize) {
	const ftyp = Buffer.alloc(32);
	ftyp.writeUInt32BE(32, 0);
	ftyp.write('ftypisom', 4, 'latin1');
	ftyp.writeUInt32BE(0x200, 12);
	ftyp.write('isomiso2avc1mp41', 16, 'latin1');
	const mdat = Buffer.alloc(16);
	mdat.writeUInt32BE(1, 0);
	mdat.write('mdat', 4, 'latin1');
	mdat.writeBigUInt64BE(BigInt(Math.max(16, totalSize - 32)), 8);
	return Buffer.concat([ftyp, mdat]);
}

/**
 * Generated video content of `size` bytes: a real container header followed by the
 * deterministic pattern of `seed`. Content need not be playable.
 * @param {{seed: string, size: number, mimetype: string}} o
 */
function videoContent({ seed, size, mimetype }) {
	const header = /mp4|quicktime/.test(mimetype) ? mp4Header(size) : /webm|matroska/.test(mimetype) ? webmHeader() : EMPTY;
	return new Content({ seed, size, header: header.subarray(0, Math.min(header.length, size)) });
}

// ---------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------

/**
 * @typedef {object} SimResponse
 * @property {number} status
 * @property {Record<string,string>} headers lowercase names
 * @property {Buffer|Content} body
 */

/** JSON response descriptor (`application/json; charset=utf-8`). */
function jsonResponse(status, value, headers = {}) {
	return { status, headers: { 'content-type': JSON_TYPE, ...lower(headers) }, body: Buffer.from(JSON.stringify(value)) };
}

/** Lowercase the names of a header object. */
function lower(headers) {
	const out = {};
	for (const [k, v] of Object.entries(headers || {})) out[k.toLowerCase()] = v;
	return out;
}

/** Body given in a fault (`object|string|Buffer`) as a response descriptor. */
function faultBodyResponse(status, body) {
	if (Buffer.isBuffer(body)) return { status, headers: { 'content-type': 'application/octet-stream' }, body };
	if (typeof body === 'string') return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from(body) };
	return jsonResponse(status, body);
}

/**
 * Split the raw request target into decoded path segments and query params.
 * Returns null when a segment is not valid percent-encoding.
 * @param {string} rawUrl req.url
 */
function parseTarget(rawUrl) {
	const q = rawUrl.indexOf('?');
	const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q);
	const query = new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1));
	try {
		const segments = rawPath.split('/').slice(1).map((s) => decodeURIComponent(s));
		return { rawPath, segments, query };
	} catch {
		return null;
	}
}

// ---------------------------------------------------------------------------------------
// Request body tap: lets a handler stream the body while the recorder keeps a copy
// ---------------------------------------------------------------------------------------

function createBodyTap(req, recordLimit) {
	const kept = [];
	let keptBytes = 0;
	let total = 0;
	const tap = new Transform({
		transform(chunk, _enc, cb) {
			total += chunk.length;
			if (keptBytes < recordLimit) {
				const part = chunk.subarray(0, recordLimit - keptBytes);
				kept.push(part);
				keptBytes += part.length;
			}
			cb(null, chunk);
		},
	});
	let ended = false;
	let failed = null;
	const done = new Promise((resolve) => {
		pipeline(req, tap, (err) => {
			failed = err || null;
			resolve();
		});
	});
	tap.on('end', () => (ended = true));
	return {
		stream: tap,
		/** Read the whole body into one Buffer (for JSON/HMAC). */
		async readAll() {
			const chunks = [];
			for await (const c of tap) chunks.push(c);
			return Buffer.concat(chunks);
		},
		/** Consume whatever the handler did not read; resolves when the body is over. */
		async drain() {
			if (!ended && !tap.destroyed) tap.resume();
			await done;
		},
		get failed() {
			return failed;
		},
		recorded: () => Buffer.concat(kept),
		total: () => total,
	};
}

// ---------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------

/**
 * @typedef {object} Fault
 * @property {string} [method] HTTP method to match (case-insensitive)
 * @property {string|RegExp} [path] string: equal to the path with query OR the path without
 *   query; RegExp: tested against the path with query
 * @property {number} [times=1] how many requests it applies to (Infinity allowed)
 * @property {number} [status] answer with this status and the vendor's error body
 * @property {object|string|Buffer} [body] body to send instead of the vendor's error body
 * @property {Record<string,string>} [headers] extra/overriding response headers
 * @property {number} [delayMs] wait before responding
 * @property {'before-response'|'mid-body'} [reset] reset the connection (RST) before
 *   anything is sent / after the headers and half of the body
 * @property {boolean} [truncate] correct Content-Length, half the bytes, then FIN
 * @property {boolean} [tamperSignature] (Veriff) wrong response signature
 * @property {number} [slowBodyMs] pause this long before each body chunk
 */

/**
 * @typedef {object} RecordedRequest
 * @property {string} method
 * @property {string} path path with query, exactly as received
 * @property {Record<string, string|string[]>} headers lowercase names
 * @property {Buffer} body first `recordBodyLimit` bytes of the request body
 * @property {number} bodySize full body size in bytes
 * @property {number|null} status response status (null: connection reset before a response)
 * @property {Date} at
 * @property {object} [fault] the fault applied to this request, if any
 */

/**
 * Start an HTTP server on 127.0.0.1 that records requests, applies faults and delegates
 * normal handling to `options.handle`.
 *
 * @param {object} options
 * @param {string} options.name vendor name (for logs)
 * @param {number} [options.port=0]
 * @param {(ctx: object) => Promise<SimResponse>|SimResponse} options.handle
 * @param {(status: number, ctx: object) => SimResponse} options.errorResponse vendor-shaped error
 * @param {(res: SimResponse, ctx: object) => Promise<SimResponse|void>|SimResponse|void} [options.decorate]
 *   last touch before sending (e.g. response signing); runs for every response
 * @param {number} [options.recordBodyLimit=8 MiB] request bytes kept per recorded request
 * @param {(line: {vendor: string, method: string, path: string, status: number|null, ms: number}) => void} [options.log]
 */
async function startSimulatorServer(options) {
	const requests = [];
	const faults = [];
	let latencyMs = 0;
	const recordLimit = options.recordBodyLimit ?? 8 * 1024 * 1024;
	const sockets = new Set();

	const takeFault = (req) => {
		const pathOnly = req.url.split('?')[0];
		for (const f of faults) {
			if (f.remaining <= 0) continue;
			if (f.method && f.method.toUpperCase() !== req.method) continue;
			if (f.path instanceof RegExp ? !f.path.test(req.url) : f.path && f.path !== req.url && f.path !== pathOnly) continue;
			f.remaining -= 1;
			return f;
		}
		return null;
	};

	async function onRequest(req, res) {
		const started = Date.now();
		const entry = {
			method: req.method,
			path: req.url,
			headers: { ...req.headers },
			body: EMPTY,
			bodySize: 0,
			status: null,
			at: new Date(),
		};
		requests.push(entry);
		res.on('error', () => {});
		res.on('close', () => {
			if (options.log) options.log({ vendor: options.name, method: entry.method, path: entry.path, status: entry.status, ms: Date.now() - started });
		});
		const fault = takeFault(req);
		if (fault) entry.fault = describeFault(fault);
		const body = createBodyTap(req, recordLimit);
		const ctx = { req, method: req.method, url: req.url, headers: req.headers, fault, readBody: body.readAll, bodyStream: body.stream };
		const finishBody = async () => {
			await body.drain();
			entry.body = body.recorded();
			entry.bodySize = body.total();
		};

		if (fault && fault.reset === 'before-response') {
			await finishBody();
			const wait = latencyMs + (fault.delayMs || 0);
			if (wait) await sleep(wait);
			resetSocket(req.socket);
			return;
		}

		let response;
		try {
			if (fault && fault.status) {
				response = fault.body !== undefined ? faultBodyResponse(fault.status, fault.body) : options.errorResponse(fault.status, ctx);
			} else {
				response = await options.handle(ctx);
			}
		} catch (err) {
			if (body.failed) return; // client went away while we read the body
			process.stderr.write(`[${options.name}-simulator] handler error: ${err && err.stack}\n`);
			response = options.errorResponse(500, ctx);
		}
		await finishBody();
		if (body.failed || req.socket.destroyed) return;
		if (options.decorate) response = (await options.decorate(response, ctx)) || response;
		if (fault && fault.headers) Object.assign(response.headers, lower(fault.headers));
		const wait = latencyMs + ((fault && fault.delayMs) || 0);
		if (wait) await sleep(wait);
		entry.status = response.status;
		await deliver(req, res, response, fault);
	}

	const server = http.createServer((req, res) => {
		onRequest(req, res).catch((err) => {
			process.stderr.write(`[${options.name}-simulator] ${err && err.stack}\n`);
			req.socket.destroy();
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	server.on('clientError', (_err, socket) => socket.destroy());
	server.keepAliveTimeout = 5000;

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port || 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const url = `http://127.0.0.1:${server.address().port}`;

	return {
		/** Base URL, no trailing slash. */
		url,
		/** @type {RecordedRequest[]} */
		requests,
		/** The underlying http.Server. */
		server,
		/** Forget recorded requests (keeps the same array object). */
		clearRequests() {
			requests.length = 0;
		},
		/**
		 * Queue a fault; the first matching fault with remaining uses wins.
		 * @param {Fault} fault
		 * @returns {Fault & {remaining: number}} the stored fault (its `remaining` counts down)
		 */
		injectFault(fault = {}) {
			const stored = { ...fault, remaining: fault.times ?? 1 };
			faults.push(stored);
			return stored;
		},
		/** Remove every fault. */
		clearFaults() {
			faults.length = 0;
		},
		/** Add `ms` of latency before every response (0 to turn off). */
		setLatency(ms) {
			latencyMs = Math.max(0, Number(ms) || 0);
		},
		/** Close the server, destroying open sockets. */
		async close() {
			for (const s of sockets) s.destroy();
			await new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

function describeFault(f) {
	const out = {};
	for (const k of ['status', 'delayMs', 'reset', 'truncate', 'tamperSignature', 'slowBodyMs']) if (f[k] !== undefined) out[k] = f[k];
	return out;
}

/** Abort the TCP connection with RST where supported (ECONNRESET on the client). */
function resetSocket(socket) {
	if (!socket || socket.destroyed) return;
	if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
	else socket.destroy();
}

function waitWritable(res) {
	return new Promise((resolve) => {
		const done = () => {
			res.off('drain', done);
			res.off('close', done);
			resolve();
		};
		res.on('drain', done);
		res.on('close', done);
	});
}

/** Send a response descriptor, applying truncate / mid-body reset / slow body. */
async function deliver(req, res, response, fault) {
	const content = response.body instanceof Content ? response.body : new Content({ bytes: response.body || EMPTY });
	const headers = { ...response.headers };
	if (headers['content-length'] === undefined) headers['content-length'] = String(content.size);
	const cutShort = !!fault && (fault.truncate || fault.reset === 'mid-body');
	const limit = cutShort ? Math.floor(content.size / 2) : content.size;
	const slow = (fault && fault.slowBodyMs) || 0;
	const chunkSize = slow ? Math.max(1, Math.min(16 * 1024, Math.ceil(content.size / 4))) : BLOCK_SIZE;

	res.writeHead(response.status, headers);
	if (req.method === 'HEAD') return void res.end();
	if (!cutShort && !slow && content.isFixed) return void res.end(content.fixed);
	res.flushHeaders();
	for (let offset = 0; offset < limit; ) {
		if (slow) await sleep(slow);
		if (res.destroyed || req.socket.destroyed) return;
		const piece = content.readAt(offset, Math.min(chunkSize, limit - offset));
		offset += piece.length;
		if (!res.write(piece)) await waitWritable(res);
	}
	if (!cutShort) return void res.end();
	// Let the half body reach the client before cutting the connection.
	await new Promise((resolve) => res.write(EMPTY, () => resolve()));
	await sleep(30);
	if (fault.reset === 'mid-body') resetSocket(req.socket);
	else req.socket.end(); // FIN after a short body: the client sees a premature close
}

module.exports = {
	JSON_TYPE,
	BLOCK_SIZE,
	sleep,
	hmacHex,
	sha256Hex,
	hexSignatureMatches,
	uuidFromName,
	objectIdFromName,
	UUID_RE,
	OBJECT_ID_RE,
	Content,
	tinyPng,
	tinyJpeg,
	webmHeader,
	mp4Header,
	videoContent,
	jsonResponse,
	parseTarget,
	lower,
	startSimulatorServer,
};
