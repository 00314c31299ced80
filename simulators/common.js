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
 * - {@link specimenImage}: small generated document images (ID card, passport page, selfie,
 *   generic page) marked SPECIMEN, as PNG or baseline JPEG (own encoders, zlib only).
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
 * A response/media body. Either fixed bytes (`{ bytes }`), fixed bytes made on first use
 * (`{ lazy: () => Buffer }`, e.g. a generated image nobody may ask for), or generated
 * (`{ seed, size, header? }`: `header` bytes followed by the repeated 64 KiB pattern block
 * of `seed`, cut to `size`). Generated content is produced chunk by chunk, never held whole.
 */
class Content {
	/** @param {{bytes?: Buffer, lazy?: () => Buffer, seed?: string, size?: number, header?: Buffer}} spec */
	constructor(spec) {
		if (spec.lazy) {
			this._lazy = spec.lazy;
		} else if (spec.bytes) {
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
		if (this._lazy) {
			// `fixed` and `size` make the bytes on first read, then become plain properties.
			const materialise = () => {
				const bytes = Buffer.from(this._lazy());
				this._lazy = null;
				Object.defineProperty(this, 'fixed', { value: bytes, writable: true, enumerable: true, configurable: true });
				Object.defineProperty(this, 'size', { value: bytes.length, writable: true, enumerable: true, configurable: true });
				return bytes;
			};
			Object.defineProperty(this, 'fixed', { get: () => materialise(), enumerable: true, configurable: true });
			Object.defineProperty(this, 'size', { get: () => materialise().length, enumerable: true, configurable: true });
		}
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
// Specimen document images (raster drawing, 5x7 bitmap font, PNG and baseline JPEG encoders)
// ---------------------------------------------------------------------------------------

/** 5x7 bitmap font: 7 rows of 5 bits per glyph (upper case, digits, a few signs). */
const FONT_5X7 = (() => {
	const g = {
		A: '01110 10001 10001 11111 10001 10001 10001', B: '11110 10001 10001 11110 10001 10001 11110',
		C: '01110 10001 10000 10000 10000 10001 01110', D: '11110 10001 10001 10001 10001 10001 11110',
		E: '11111 10000 10000 11110 10000 10000 11111', F: '11111 10000 10000 11110 10000 10000 10000',
		G: '01110 10001 10000 10111 10001 10001 01111', H: '10001 10001 10001 11111 10001 10001 10001',
		I: '01110 00100 00100 00100 00100 00100 01110', J: '00111 00010 00010 00010 00010 10010 01100',
		K: '10001 10010 10100 11000 10100 10010 10001', L: '10000 10000 10000 10000 10000 10000 11111',
		M: '10001 11011 10101 10101 10001 10001 10001', N: '10001 10001 11001 10101 10011 10001 10001',
		O: '01110 10001 10001 10001 10001 10001 01110', P: '11110 10001 10001 11110 10000 10000 10000',
		Q: '01110 10001 10001 10001 10101 10010 01101', R: '11110 10001 10001 11110 10100 10010 10001',
		S: '01111 10000 10000 01110 00001 00001 11110', T: '11111 00100 00100 00100 00100 00100 00100',
		U: '10001 10001 10001 10001 10001 10001 01110', V: '10001 10001 10001 10001 10001 01010 00100',
		W: '10001 10001 10001 10101 10101 10101 01010', X: '10001 10001 01010 00100 01010 10001 10001',
		Y: '10001 10001 01010 00100 00100 00100 00100', Z: '11111 00001 00010 00100 01000 10000 11111',
		0: '01110 10001 10011 10101 11001 10001 01110', 1: '00100 01100 00100 00100 00100 00100 01110',
		2: '01110 10001 00001 00010 00100 01000 11111', 3: '11111 00010 00100 00010 00001 10001 01110',
		4: '00010 00110 01010 10010 11111 00010 00010', 5: '11111 10000 11110 00001 00001 10001 01110',
		6: '00110 01000 10000 11110 10001 10001 01110', 7: '11111 00001 00010 00100 01000 01000 01000',
		8: '01110 10001 10001 01110 10001 10001 01110', 9: '01110 10001 10001 01111 00001 00010 01100',
		'<': '00010 00100 01000 10000 01000 00100 00010', '-': '00000 00000 00000 11111 00000 00000 00000',
		'.': '00000 00000 00000 00000 00000 01100 01100', ':': '00000 01100 01100 00000 01100 01100 00000',
		'/': '00001 00010 00010 00100 01000 01000 10000', _: '00000 00000 00000 00000 00000 00000 11111',
		'?': '01110 10001 00001 00010 00100 00000 00100', ' ': '00000 00000 00000 00000 00000 00000 00000',
	};
	const out = new Map();
	for (const [ch, rows] of Object.entries(g)) out.set(ch, rows.split(' ').map((r) => parseInt(r, 2)));
	return out;
})();
const glyphRows = (ch) => FONT_5X7.get(String(ch).toUpperCase()) || FONT_5X7.get('?');
/** Is font pixel (col, row) of `ch` set? */
const glyphOn = (ch, col, row) => col >= 0 && col < 5 && row >= 0 && row < 7 && ((glyphRows(ch)[row] >> (4 - col)) & 1) === 1;

/** A tiny deterministic PRNG (mulberry32) seeded from a string. */
function seededRandom(seed) {
	let a = crypto.createHash('sha256').update(`rnd:${seed}`).digest().readUInt32BE(0);
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** An RGB raster (8 bits per channel, no alpha) with a few drawing primitives. */
class Raster {
	constructor(width, height, background = [255, 255, 255]) {
		this.width = width;
		this.height = height;
		this.data = Buffer.alloc(width * height * 3);
		this.data[0] = background[0];
		this.data[1] = background[1];
		this.data[2] = background[2];
		for (let filled = 3; filled < this.data.length; filled *= 2) this.data.copyWithin(filled, 0, Math.min(filled, this.data.length - filled));
		this.clip = null; // {x0, y0, x1, y1} (x1/y1 exclusive)
	}

	/** Blend colour `c` over pixel (x, y) with opacity `a` (0..1). */
	plot(x, y, c, a = 1) {
		x = Math.floor(x);
		y = Math.floor(y);
		if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
		const k = this.clip;
		if (k && (x < k.x0 || y < k.y0 || x >= k.x1 || y >= k.y1)) return;
		const i = (y * this.width + x) * 3;
		const d = this.data;
		if (a >= 1) {
			d[i] = c[0];
			d[i + 1] = c[1];
			d[i + 2] = c[2];
		} else if (a > 0) {
			d[i] = Math.round(d[i] * (1 - a) + c[0] * a);
			d[i + 1] = Math.round(d[i + 1] * (1 - a) + c[1] * a);
			d[i + 2] = Math.round(d[i + 2] * (1 - a) + c[2] * a);
		}
	}

	rect(x, y, w, h, c, a = 1) {
		for (let yy = Math.max(0, Math.round(y)); yy < Math.min(this.height, Math.round(y + h)); yy++) {
			for (let xx = Math.max(0, Math.round(x)); xx < Math.min(this.width, Math.round(x + w)); xx++) this.plot(xx, yy, c, a);
		}
	}

	/** Rectangle with rounded corners of radius `r`. */
	roundRect(x, y, w, h, r, c, a = 1) {
		for (let yy = Math.round(y); yy < Math.round(y + h); yy++) {
			for (let xx = Math.round(x); xx < Math.round(x + w); xx++) {
				const dx = Math.max(x + r - (xx + 0.5), 0, xx + 0.5 - (x + w - r));
				const dy = Math.max(y + r - (yy + 0.5), 0, yy + 0.5 - (y + h - r));
				if (dx * dx + dy * dy <= r * r) this.plot(xx, yy, c, a);
			}
		}
	}

	/** Filled ellipse; `ring` > 0 draws only a band of that width inside the edge. */
	ellipse(cx, cy, rx, ry, c, a = 1, ring = 0) {
		for (let yy = Math.floor(cy - ry); yy <= Math.ceil(cy + ry); yy++) {
			for (let xx = Math.floor(cx - rx); xx <= Math.ceil(cx + rx); xx++) {
				const nx = (xx + 0.5 - cx) / rx;
				const ny = (yy + 0.5 - cy) / ry;
				const d = nx * nx + ny * ny;
				if (d > 1) continue;
				if (ring) {
					const ix = (xx + 0.5 - cx) / Math.max(1, rx - ring);
					const iy = (yy + 0.5 - cy) / Math.max(1, ry - ring);
					if (ix * ix + iy * iy <= 1) continue;
				}
				this.plot(xx, yy, c, a);
			}
		}
	}

	/** Vertical gradient over the whole raster. */
	gradient(top, bottom) {
		for (let y = 0; y < this.height; y++) {
			const t = this.height > 1 ? y / (this.height - 1) : 0;
			const c = top.map((v, j) => Math.round(v + (bottom[j] - v) * t));
			for (let x = 0; x < this.width; x++) this.plot(x, y, c);
		}
	}

	/** A thin curve y = f(x) from x0 to x1 (`thick` pixels high). */
	curve(x0, x1, f, c, a = 1, thick = 1) {
		for (let x = Math.round(x0); x < Math.round(x1); x++) {
			const y0 = f(x);
			const y1 = f(x + 1);
			for (let y = Math.round(Math.min(y0, y1)); y <= Math.round(Math.max(y0, y1)) + thick - 1; y++) this.plot(x, y, c, a);
		}
	}

	/** Text in the 5x7 font; top-left at (x, y). `advance` is the pen step in pixels. */
	text(str, x, y, { scale = 1, scaleY = scale, color = [0, 0, 0], alpha = 1, advance = 6 * scale } = {}) {
		let pen = x;
		for (const ch of String(str)) {
			for (let row = 0; row < 7; row++) {
				for (let col = 0; col < 5; col++) {
					if (glyphOn(ch, col, row)) this.rect(pen + col * scale, y + row * scaleY, scale, scaleY, color, alpha);
				}
			}
			pen += advance;
		}
	}

	/**
	 * A rubber-stamp word: `str` in the bitmap font, `scale` pixels per font pixel, rotated by
	 * `angle` degrees (negative = rising to the right) around (cx, cy), with a frame; 2x2
	 * supersampled edges.
	 */
	stamp(str, cx, cy, { scale = 4, angle = -20, color = [196, 28, 36], alpha = 0.62, frame = true } = {}) {
		const w = str.length * 6 - 1;
		const pad = frame ? 2.2 : 0;
		const t = 0.9; // frame thickness in font pixels
		const rad = (angle * Math.PI) / 180;
		const cos = Math.cos(rad);
		const sin = Math.sin(rad);
		const reach = Math.ceil(Math.hypot(w / 2 + pad, 3.5 + pad) * scale) + 1;
		const rows = [...str].map(glyphRows);
		const ink = (u, v) => {
			if (u < 0 || v < 0 || v >= 7) return false;
			const cell = Math.floor(u);
			const col = cell % 6;
			const glyph = rows[(cell - col) / 6];
			return col < 5 && glyph !== undefined && ((glyph[Math.floor(v)] >> (4 - col)) & 1) === 1;
		};
		const on = (u, v) => {
			if (ink(u, v) || ink(u - 0.45, v) || ink(u, v - 0.3)) return true; // faux bold
			if (!frame) return false;
			const outer = u >= -pad && u < w + pad && v >= -pad && v < 7 + pad;
			const inner = u >= -pad + t && u < w + pad - t && v >= -pad + t && v < 7 + pad - t;
			return outer && !inner;
		};
		const x0 = Math.max(0, Math.floor(cx - reach));
		const x1 = Math.min(this.width - 1, Math.ceil(cx + reach));
		const y0 = Math.max(0, Math.floor(cy - reach));
		const y1 = Math.min(this.height - 1, Math.ceil(cy + reach));
		for (let y = y0; y <= y1; y++) {
			for (let x = x0; x <= x1; x++) {
				let hits = 0;
				for (let k = 0; k < 4; k++) {
					const dx = x + (k & 1 ? 0.75 : 0.25) - cx;
					const dy = y + (k & 2 ? 0.75 : 0.25) - cy;
					const u = (dx * cos + dy * sin) / scale + w / 2;
					const v = (-dx * sin + dy * cos) / scale + 3.5;
					if (u >= -pad && u < w + pad && v >= -pad && v < 7 + pad && on(u, v)) hits++;
				}
				if (hits) this.plot(x, y, color, (alpha * hits) / 4);
			}
		}
	}

	/** Separable box blur of radius `r`, `passes` times (an out-of-focus photo). */
	blur(r = 2, passes = 2) {
		const { width: w, height: h } = this;
		const tmp = Buffer.alloc(this.data.length);
		const pass = (src, dst, horizontal) => {
			const n = horizontal ? w : h;
			const lines = horizontal ? h : w;
			for (let l = 0; l < lines; l++) {
				for (let i = 0; i < n; i++) {
					const sum = [0, 0, 0];
					let cnt = 0;
					for (let k = Math.max(0, i - r); k <= Math.min(n - 1, i + r); k++) {
						const p = (horizontal ? l * w + k : k * w + l) * 3;
						sum[0] += src[p];
						sum[1] += src[p + 1];
						sum[2] += src[p + 2];
						cnt++;
					}
					const q = (horizontal ? l * w + i : i * w + l) * 3;
					for (let j = 0; j < 3; j++) dst[q + j] = Math.round(sum[j] / cnt);
				}
			}
		};
		for (let p = 0; p < passes; p++) {
			pass(this.data, tmp, true);
			pass(tmp, this.data, false);
		}
	}

	/** A copy reduced by an integer `factor` (box average): thumbnails. */
	downscale(factor) {
		const out = new Raster(Math.max(1, Math.floor(this.width / factor)), Math.max(1, Math.floor(this.height / factor)));
		for (let y = 0; y < out.height; y++) {
			for (let x = 0; x < out.width; x++) {
				const sum = [0, 0, 0];
				for (let yy = 0; yy < factor; yy++) {
					for (let xx = 0; xx < factor; xx++) {
						const p = ((y * factor + yy) * this.width + x * factor + xx) * 3;
						for (let j = 0; j < 3; j++) sum[j] += this.data[p + j];
					}
				}
				out.data.set(sum.map((s) => Math.round(s / (factor * factor))), (y * out.width + x) * 3);
			}
		}
		return out;
	}
}

/** A plain face (shoulders, neck, ears, hair, head, brows, eyes, nose, mouth) in a box. */
function drawFace(r, x, y, w, h, { background = [205, 216, 230], skin = [231, 190, 160], hair = [88, 60, 42], shirt = [52, 74, 110] } = {}) {
	const shade = skin.map((v) => Math.round(v * 0.84));
	const X = (u) => x + u * w;
	const Y = (v) => y + v * h;
	const saved = r.clip;
	r.clip = { x0: Math.round(x), y0: Math.round(y), x1: Math.round(x + w), y1: Math.round(y + h) };
	if (background) r.rect(x, y, w, h, background);
	r.ellipse(X(0.5), Y(1.08), 0.48 * w, 0.3 * h, shirt);
	r.rect(X(0.43), Y(0.6), 0.14 * w, 0.22 * h, shade);
	r.ellipse(X(0.5), Y(0.4), 0.255 * w, 0.27 * h, hair);
	r.ellipse(X(0.29), Y(0.47), 0.035 * w, 0.06 * h, shade);
	r.ellipse(X(0.71), Y(0.47), 0.035 * w, 0.06 * h, shade);
	r.ellipse(X(0.5), Y(0.47), 0.21 * w, 0.245 * h, skin);
	r.ellipse(X(0.5), Y(0.265), 0.2 * w, 0.085 * h, hair);
	r.rect(X(0.36), Y(0.405), 0.1 * w, Math.max(1, 0.014 * h), hair);
	r.rect(X(0.54), Y(0.405), 0.1 * w, Math.max(1, 0.014 * h), hair);
	for (const u of [0.41, 0.59]) {
		r.ellipse(X(u), Y(0.45), 0.04 * w, 0.02 * h, [248, 248, 248]);
		r.ellipse(X(u), Y(0.45), 0.018 * w, 0.018 * h, [60, 45, 35]);
	}
	r.ellipse(X(0.5), Y(0.525), 0.016 * w, 0.04 * h, shade);
	r.ellipse(X(0.5), Y(0.605), 0.065 * w, 0.017 * h, [178, 84, 84]);
	r.clip = saved;
}

/** ICAO 9303 specimen-style machine readable zone lines (fictional "UTO" data). */
const MRZ = {
	td3: ['P<UTOSPECIMEN<<SAMPLE'.padEnd(44, '<'), 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'],
	td1: ['I<UTOD231458907'.padEnd(30, '<'), '7408122F1204159UTO'.padEnd(29, '<') + '6', 'SPECIMEN<<SAMPLE'.padEnd(30, '<')],
};

/** Caption + "text" bar pairs (form fields) in a column. */
function drawFields(r, x, y, rows, { width, rnd, gap = 22, caption = [110, 120, 135], bar = [58, 66, 80] }) {
	rows.forEach((name, i) => {
		const top = y + i * gap;
		r.text(name, x, top, { color: caption });
		r.roundRect(x, top + 10, Math.round(width * (0.45 + 0.5 * rnd())), 6, 2, bar, 0.9);
	});
}

function drawGuilloche(r, x0, x1, y0, y1, color, rnd, { lines = 6, alpha = 0.35 } = {}) {
	const step = (y1 - y0) / lines;
	for (let k = 0; k < lines; k++) {
		const f = 0.035 + rnd() * 0.03;
		const ph = rnd() * 6.28;
		const amp = step * (0.5 + rnd() * 0.6);
		r.curve(x0, x1, (x) => y0 + step * (k + 0.5) + amp * Math.sin(x * f + ph), color, alpha);
	}
}

/** Small caption at the foot of a specimen (the label), upper-cased, clipped to the width. */
function drawLabel(r, label, x, y, color = [90, 96, 110]) {
	if (!label) return;
	const max = Math.floor((r.width - x - 4) / 6);
	r.text(String(label).toUpperCase().slice(0, max), x, y, { color });
}

/** Width and height of each specimen kind. */
const SPECIMEN_SIZES = { idFront: [320, 200], idBack: [320, 200], passport: [240, 320], passportBack: [240, 320], selfie: [200, 240], generic: [240, 320] };

const SPECIMEN_KINDS = {
	/** An identity card front: 320x200. */
	idFront(label, rnd) {
		const r = new Raster(...SPECIMEN_SIZES.idFront);
		const card = [222, 233, 242];
		const band = [28, 78, 140];
		r.roundRect(1, 1, 318, 198, 12, card);
		r.clip = { x0: 1, y0: 36, x1: 319, y1: 199 };
		drawGuilloche(r, 1, 319, 40, 196, [150, 180, 210], rnd, { lines: 7 });
		r.clip = null;
		r.roundRect(1, 1, 318, 40, 12, band);
		r.rect(1, 24, 318, 12, band);
		r.text('IDENTITY CARD', 14, 12, { scale: 2, color: [255, 255, 255] });
		r.text('UTO', 282, 16, { color: [220, 230, 245] });
		r.rect(14, 48, 84, 104, [255, 255, 255]);
		drawFace(r, 16, 50, 80, 100);
		drawFields(r, 110, 50, ['SURNAME', 'GIVEN NAMES', 'DATE OF BIRTH', 'NATIONALITY'], { width: 120, rnd });
		r.roundRect(252, 52, 46, 36, 6, [214, 178, 92]);
		for (const yy of [62, 70, 78]) r.rect(252, yy, 46, 1, [170, 134, 60]);
		r.rect(274, 52, 1, 36, [170, 134, 60]);
		r.curve(20, 96, (x) => 170 + 5 * Math.sin(x * 0.21) + 3 * Math.sin(x * 0.07), [30, 40, 90], 0.9);
		drawLabel(r, label, 110, 184);
		r.stamp('SPECIMEN', 172, 112, { scale: 4, angle: -18 });
		return r;
	},
	/** An identity card back with a TD1 machine readable zone: 320x200. */
	idBack(label, rnd) {
		const r = new Raster(...SPECIMEN_SIZES.idBack);
		const card = [222, 233, 242];
		r.roundRect(1, 1, 318, 198, 12, card);
		r.clip = { x0: 1, y0: 14, x1: 319, y1: 118 };
		drawGuilloche(r, 1, 319, 14, 116, [150, 180, 210], rnd, { lines: 5 });
		r.clip = { x0: 1, y0: 1, x1: 319, y1: 14 };
		r.roundRect(1, 1, 318, 30, 12, [28, 78, 140]);
		r.clip = null;
		drawFields(r, 16, 22, ['ADDRESS', 'AUTHORITY', 'DATE OF ISSUE'], { width: 150, rnd, gap: 24 });
		for (let x = 212, i = 0; x < 300; i++) {
			const w = 1 + Math.floor(rnd() * 3);
			if (i % 2 === 0) r.rect(x, 26, w, 50, [30, 34, 40]);
			x += w + 1;
		}
		r.rect(1, 118, 318, 72, [244, 246, 248]);
		MRZ.td1.forEach((line, i) => r.text(line, 18, 126 + i * 20, { scale: 1.5, scaleY: 2, advance: 9.5, color: [25, 25, 30] }));
		drawLabel(r, label, 16, 106);
		r.stamp('SPECIMEN', 196, 64, { scale: 3.5, angle: -18 });
		return r;
	},
	/** An open passport (upper page and data page with a TD3 MRZ): 240x320. */
	passport(label, rnd) {
		const r = new Raster(...SPECIMEN_SIZES.passport, [236, 229, 212]);
		drawGuilloche(r, 0, 240, 8, 148, [196, 170, 150], rnd, { lines: 8, alpha: 0.45 });
		r.ellipse(120, 78, 34, 34, [170, 120, 110], 0.5, 3);
		r.ellipse(120, 78, 20, 20, [170, 120, 110], 0.35);
		r.rect(0, 152, 240, 2, [170, 160, 140]);
		r.rect(0, 154, 240, 3, [214, 206, 188]);
		r.rect(0, 160, 240, 22, [122, 32, 52]);
		r.text('PASSPORT', 10, 164, { scale: 2, color: [255, 255, 255] });
		r.text('UTO', 212, 168, { color: [240, 220, 225] });
		r.rect(10, 188, 66, 82, [255, 255, 255]);
		drawFace(r, 11, 189, 64, 80, { background: [212, 220, 232] });
		drawFields(r, 86, 188, ['SURNAME', 'GIVEN NAMES', 'DATE OF BIRTH', 'DATE OF EXPIRY'], { width: 120, rnd, gap: 20, caption: [120, 110, 100] });
		MRZ.td3.forEach((line, i) => r.text(line, 10, 278 + i * 12, { advance: 5, color: [25, 25, 30] }));
		drawLabel(r, label, 10, 306, [120, 110, 100]);
		r.stamp('SPECIMEN', 124, 226, { scale: 3.5, angle: -22 });
		return r;
	},
	/** The back cover of a closed passport (what a "document back" photo of a passport shows): 240x320. */
	passportBack(label, rnd) {
		const cover = [104, 26, 42];
		const gold = [214, 178, 102];
		const r = new Raster(...SPECIMEN_SIZES.passportBack, [236, 229, 212]);
		r.roundRect(2, 2, 236, 316, 10, cover);
		r.clip = { x0: 6, y0: 6, x1: 234, y1: 314 };
		drawGuilloche(r, 6, 234, 20, 300, [132, 44, 62], rnd, { lines: 14, alpha: 0.5 });
		r.clip = null;
		r.roundRect(12, 12, 216, 296, 6, gold, 0.9);
		r.roundRect(14, 14, 212, 292, 5, cover);
		r.text('UTOPIA', 84, 40, { scale: 2, color: gold });
		r.ellipse(120, 130, 44, 44, gold, 1, 3);
		r.ellipse(120, 130, 30, 30, gold, 0.9, 2);
		r.ellipse(120, 122, 12, 14, gold);
		r.rect(104, 138, 32, 6, gold);
		r.rect(117, 100, 6, 12, gold);
		r.text('PASSPORT', 72, 196, { scale: 2, color: gold });
		// The biometric chip symbol printed on e-passports.
		r.rect(108, 232, 24, 2, gold);
		r.rect(108, 248, 24, 2, gold);
		r.rect(108, 232, 2, 18, gold);
		r.rect(130, 232, 2, 18, gold);
		r.ellipse(120, 241, 5, 5, gold, 1, 1.5);
		drawLabel(r, label, 20, 290, [200, 170, 140]);
		r.stamp('SPECIMEN', 120, 168, { scale: 3.5, angle: -22, color: [236, 64, 72], alpha: 0.75 });
		return r;
	},
	/** A selfie / liveness frame: 200x240. */
	selfie(label) {
		const r = new Raster(...SPECIMEN_SIZES.selfie);
		r.gradient([214, 222, 232], [150, 164, 184]);
		drawFace(r, 10, 18, 180, 222, { background: null, skin: [226, 182, 150], hair: [60, 44, 36], shirt: [168, 60, 60] });
		r.ellipse(100, 116, 76, 100, [255, 255, 255], 0.6, 2);
		drawLabel(r, label, 6, 6, [60, 70, 90]);
		r.stamp('SPECIMEN', 100, 196, { scale: 3, angle: -14 });
		return r;
	},
	/** Any other document (utility bill, statement, …): a 240x320 page. */
	generic(label, rnd) {
		const r = new Raster(...SPECIMEN_SIZES.generic, [250, 250, 247]);
		r.rect(0, 0, 240, 30, [70, 110, 90]);
		r.text('DOCUMENT', 12, 9, { scale: 2, color: [255, 255, 255] });
		for (let i = 0, y = 46; y < 290; i++, y += 12) {
			if (i % 6 === 5) continue;
			r.roundRect(16, y, Math.round(208 * (i % 6 === 4 ? 0.4 + 0.3 * rnd() : 0.75 + 0.25 * rnd())), 5, 2, [90, 96, 108], 0.85);
		}
		drawLabel(r, label, 12, 300);
		r.stamp('SPECIMEN', 120, 160, { scale: 4, angle: -30 });
		return r;
	},
};

/** Kind of specimen that fits a Sumsub idDocType/idDocSubType (or Veriff-style context). */
function specimenKindFor(docType, subType) {
	const t = String(docType || '').toUpperCase();
	if (/SELFIE|FACE|PROFILE|LIVENESS/.test(t)) return 'selfie';
	if (t === 'PASSPORT') return /BACK/.test(String(subType || '').toUpperCase()) ? 'passportBack' : 'passport';
	if (/ID_CARD|DRIVERS|RESIDENCE_PERMIT|DOCUMENT/.test(t)) return /BACK/.test(String(subType || '').toUpperCase()) ? 'idBack' : 'idFront';
	return 'generic';
}

/** PNG (truecolour, 8 bit) of a raster; per row the cheapest of the None/Sub/Up filters. */
function encodePng(raster, comment) {
	const { width, height, data } = raster;
	const stride = width * 3;
	const raw = Buffer.alloc(height * (1 + stride));
	const candidates = [Buffer.alloc(stride), Buffer.alloc(stride), Buffer.alloc(stride)];
	for (let y = 0; y < height; y++) {
		const row = data.subarray(y * stride, (y + 1) * stride);
		const prev = y ? data.subarray((y - 1) * stride, y * stride) : null;
		let best = 0;
		let bestCost = Infinity;
		for (let f = 0; f < 3; f++) {
			const out = candidates[f];
			let cost = 0;
			for (let i = 0; i < stride; i++) {
				const left = i >= 3 ? row[i - 3] : 0;
				const up = prev ? prev[i] : 0;
				const v = (row[i] - (f === 1 ? left : f === 2 ? up : 0)) & 0xff;
				out[i] = v;
				cost += v < 128 ? v : 256 - v;
			}
			if (cost < bestCost) [best, bestCost] = [f, cost];
		}
		raw[y * (1 + stride)] = best;
		candidates[best].copy(raw, y * (1 + stride) + 1);
	}
	const chunk = (type, body) => {
		const len = Buffer.alloc(4);
		len.writeUInt32BE(body.length);
		const td = Buffer.concat([Buffer.from(type, 'latin1'), body]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(td));
		return Buffer.concat([len, td, crc]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr.set([8, 2, 0, 0, 0], 8);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		...(comment ? [chunk('tEXt', Buffer.from(`Comment\0${comment}`, 'latin1'))] : []),
		chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
		chunk('IEND', EMPTY),
	]);
}

// Baseline JPEG: ITU T.81 Annex K tables, 4:4:4 sampling, float DCT.
const JPEG_TABLES = (() => {
	const zigzag = [];
	for (let s = 0; s < 15; s++) {
		const cells = [];
		for (let i = 0; i <= s; i++) if (i < 8 && s - i < 8) cells.push(s % 2 ? [i, s - i] : [s - i, i]); // [row, col]
		for (const [row, col] of cells) zigzag.push(row * 8 + col);
	}
	const lumQ = [16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
		18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99];
	const chrQ = [17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
		...Array(32).fill(99)];
	const acLumVals = [0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07, 0x22, 0x71, 0x14, 0x32,
		0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0, 0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19,
		0x1a, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x53,
		0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a,
		0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
		0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3,
		0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6,
		0xf7, 0xf8, 0xf9, 0xfa];
	const acChrVals = [0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71, 0x13, 0x22, 0x32, 0x81,
		0x08, 0x14, 0x42, 0x91, 0xa1, 0xb1, 0xc1, 0x09, 0x23, 0x33, 0x52, 0xf0, 0x15, 0x62, 0x72, 0xd1, 0x0a, 0x16, 0x24, 0x34, 0xe1, 0x25, 0xf1,
		0x17, 0x18, 0x19, 0x1a, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a,
		0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79,
		0x7a, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5,
		0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca,
		0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6,
		0xf7, 0xf8, 0xf9, 0xfa];
	const spec = (bits, vals) => {
		if (bits.reduce((a, b) => a + b, 0) !== vals.length) throw new Error('jpeg: Huffman table counts do not add up');
		// Canonical codes (T.81 C.2), indexed by symbol; len 0 = no code.
		const code = new Int32Array(256);
		const len = new Uint8Array(256);
		for (let l = 1, c = 0, k = 0; l <= 16; l++, c <<= 1) {
			for (let i = 0; i < bits[l - 1]; i++, c++, k++) {
				code[vals[k]] = c;
				len[vals[k]] = l;
			}
		}
		return { bits, vals, code, len };
	};
	const dcVals = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
	const tables = {
		zigzag,
		lumQ,
		chrQ,
		dcLum: spec([0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0], dcVals),
		dcChr: spec([0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0], dcVals),
		acLum: spec([0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d], acLumVals),
		acChr: spec([0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77], acChrVals),
	};
	// Every (run, size) symbol a baseline AC coder can emit must have a code.
	for (const t of [tables.acLum, tables.acChr]) {
		for (let run = 0; run < 16; run++) for (let size = 1; size <= 10; size++) if (!t.len[(run << 4) | size]) throw new Error('jpeg: AC table incomplete');
		if (!t.len[0x00] || !t.len[0xf0]) throw new Error('jpeg: AC table lacks EOB/ZRL');
	}
	for (const t of [tables.dcLum, tables.dcChr]) for (let size = 0; size <= 11; size++) if (!t.len[size]) throw new Error('jpeg: DC table incomplete');
	// cosScaled[x*8+u] = C(u)/2 · cos((2x+1)uπ/16), C(0) = 1/√2: one 1-D DCT pass per multiply.
	tables.cosScaled = new Float64Array(64);
	for (let x = 0; x < 8; x++) {
		for (let u = 0; u < 8; u++) tables.cosScaled[x * 8 + u] = 0.5 * (u === 0 ? Math.SQRT1_2 : 1) * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
	}
	return tables;
})();

/**
 * Baseline JPEG (JFIF, YCbCr 4:4:4, standard Huffman tables) of a raster.
 * @param {Raster} raster
 * @param {{quality?: number, comment?: string}} [options] quality 1..100 (default 75)
 */
function encodeJpeg(raster, { quality = 75, comment } = {}) {
	const T = JPEG_TABLES;
	const { width, height, data } = raster;
	const scaleQ = quality < 50 ? 5000 / quality : 200 - quality * 2;
	const qt = (base) => base.map((v) => Math.max(1, Math.min(255, Math.floor((v * scaleQ + 50) / 100))));
	const qLum = qt(T.lumQ);
	const qChr = qt(T.chrQ);

	const bytes = [];
	let acc = 0;
	let nbits = 0;
	const put = (value, len) => {
		for (let i = len - 1; i >= 0; i--) {
			acc = (acc << 1) | ((value >> i) & 1);
			if (++nbits === 8) {
				bytes.push(acc);
				if (acc === 0xff) bytes.push(0);
				acc = 0;
				nbits = 0;
			}
		}
	};
	const category = (v) => (v === 0 ? 0 : 32 - Math.clz32(Math.abs(v)));
	const putValue = (v, size) => put(v >= 0 ? v : v + (1 << size) - 1, size);

	// Colour planes (level-shifted), then one 8x8 block at a time per component.
	const n = width * height;
	const planes = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
	for (let i = 0, p = 0; i < n; i++, p += 3) {
		const r = data[p];
		const g = data[p + 1];
		const b = data[p + 2];
		planes[0][i] = 0.299 * r + 0.587 * g + 0.114 * b - 128;
		planes[1][i] = -0.168736 * r - 0.331264 * g + 0.5 * b;
		planes[2][i] = 0.5 * r - 0.418688 * g - 0.081312 * b;
	}
	const block = new Float64Array(64);
	const tmp = new Float64Array(64);
	const coef = new Int32Array(64);
	const pred = [0, 0, 0];
	const comps = [
		{ q: qLum, dc: T.dcLum, ac: T.acLum },
		{ q: qChr, dc: T.dcChr, ac: T.acChr },
		{ q: qChr, dc: T.dcChr, ac: T.acChr },
	];
	const cosS = T.cosScaled;
	const emit = (table, symbol) => put(table.code[symbol], table.len[symbol]);
	for (let by = 0; by < height; by += 8) {
		for (let bx = 0; bx < width; bx += 8) {
			for (let c = 0; c < 3; c++) {
				const comp = comps[c];
				const plane = planes[c];
				for (let y = 0; y < 8; y++) {
					const row = Math.min(height - 1, by + y) * width;
					for (let x = 0; x < 8; x++) block[y * 8 + x] = plane[row + Math.min(width - 1, bx + x)];
				}
				// Separable 2-D DCT-II (scale factors folded into cosS): rows, then columns.
				for (let y = 0; y < 8; y++) {
					for (let u = 0; u < 8; u++) {
						let sum = 0;
						for (let x = 0; x < 8; x++) sum += block[y * 8 + x] * cosS[x * 8 + u];
						tmp[y * 8 + u] = sum;
					}
				}
				for (let u = 0; u < 8; u++) {
					for (let v = 0; v < 8; v++) {
						let sum = 0;
						for (let y = 0; y < 8; y++) sum += tmp[y * 8 + u] * cosS[y * 8 + v];
						const i = v * 8 + u;
						coef[i] = Math.round(sum / comp.q[i]);
					}
				}
				const diff = coef[0] - pred[c];
				pred[c] = coef[0];
				const dcSize = category(diff);
				emit(comp.dc, dcSize);
				if (dcSize) putValue(diff, dcSize);
				let run = 0;
				for (let k = 1; k < 64; k++) {
					const v = coef[T.zigzag[k]];
					if (v === 0) {
						run++;
						continue;
					}
					for (; run > 15; run -= 16) emit(comp.ac, 0xf0); // ZRL
					const size = category(v);
					emit(comp.ac, (run << 4) | size);
					putValue(v, size);
					run = 0;
				}
				if (run) emit(comp.ac, 0x00); // EOB
			}
		}
	}
	if (nbits) put((1 << (8 - nbits)) - 1, 8 - nbits);

	const seg = (marker, body) => {
		const len = Buffer.alloc(2);
		len.writeUInt16BE(body.length + 2);
		return Buffer.concat([Buffer.from([0xff, marker]), len, body]);
	};
	const dqt = (id, q) => Buffer.from([id, ...T.zigzag.map((i) => q[i])]);
	const dht = (cls, id, t) => Buffer.from([(cls << 4) | id, ...t.bits, ...t.vals]);
	const sof = Buffer.from([8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]);
	return Buffer.concat([
		Buffer.from([0xff, 0xd8]),
		seg(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])),
		...(comment ? [seg(0xfe, Buffer.from(comment, 'latin1'))] : []),
		seg(0xdb, Buffer.concat([dqt(0, qLum), dqt(1, qChr)])),
		seg(0xc0, sof),
		seg(0xc4, Buffer.concat([dht(0, 0, T.dcLum), dht(1, 0, T.acLum), dht(0, 1, T.dcChr), dht(1, 1, T.acChr)])),
		seg(0xda, Buffer.from([3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0])),
		Buffer.from(bytes),
		Buffer.from([0xff, 0xd9]),
	]);
}

const specimenCache = new Map();
/**
 * A small generated image that looks like what it is — an ID card front/back, a passport
 * page, a selfie or a generic document — marked SPECIMEN in a bitmap font (no fonts, no
 * network). Deterministic: the same options give the same bytes (cached).
 * @param {{kind?: 'passport'|'passportBack'|'idFront'|'idBack'|'selfie'|'generic', label?: string,
 *   format?: 'png'|'jpeg', blur?: number, downscale?: number, quality?: number}} [options]
 *   `label` is printed small on the image (and goes into a PNG tEXt / JPEG COM comment);
 *   `blur` (radius) makes an out-of-focus photo; `downscale` (integer) makes a thumbnail.
 * @returns {{bytes: Buffer, width: number, height: number, mimetype: string}}
 */
function specimenImage(options = {}) {
	const kind = SPECIMEN_KINDS[options.kind] ? options.kind : 'generic';
	const format = options.format === 'jpeg' || options.format === 'jpg' ? 'jpeg' : 'png';
	const key = JSON.stringify([kind, options.label || '', format, options.blur || 0, options.downscale || 1, options.quality || 0]);
	let hit = specimenCache.get(key);
	if (!hit) {
		const raster = specimenRaster({ ...options, kind });
		const comment = `simulator specimen ${kind}${options.label ? ` ${options.label}` : ''}`;
		const bytes = format === 'jpeg' ? encodeJpeg(raster, { quality: options.quality, comment }) : encodePng(raster, comment);
		hit = { bytes, width: raster.width, height: raster.height, mimetype: `image/${format}` };
		specimenCache.set(key, hit);
	}
	return { ...hit };
}

/**
 * The drawn picture of `specimenImage(options)` as a {@link Raster} (not encoded, not cached):
 * for composing other pictures, e.g. the frames of the demo videos.
 * @param {{kind?: string, label?: string, blur?: number, downscale?: number}} [options]
 */
function specimenRaster(options = {}) {
	const kind = SPECIMEN_KINDS[options.kind] ? options.kind : 'generic';
	let raster = SPECIMEN_KINDS[kind](options.label || '', seededRandom(`${kind}:${options.label || ''}`));
	if (options.blur) raster.blur(options.blur, 2);
	if (options.downscale > 1) raster = raster.downscale(Math.floor(options.downscale));
	return raster;
}

/**
 * Width and height `specimenImage(options)` will have, without drawing it.
 * @param {{kind?: string, downscale?: number}} [options]
 */
function specimenImageSize(options = {}) {
	const [w, h] = SPECIMEN_SIZES[options.kind] || SPECIMEN_SIZES.generic;
	const f = options.downscale > 1 ? Math.floor(options.downscale) : 1;
	return { width: Math.max(1, Math.floor(w / f)), height: Math.max(1, Math.floor(h / f)) };
}

/** `specimenImage` as PNG bytes. */
const specimenPng = (options = {}) => specimenImage({ ...options, format: 'png' }).bytes;
/** `specimenImage` as baseline JPEG bytes. */
const specimenJpeg = (options = {}) => specimenImage({ ...options, format: 'jpeg' }).bytes;

/** Width and height from a PNG or JPEG header, or null for anything else. */
function imageDimensions(buf) {
	if (!Buffer.isBuffer(buf) || buf.length < 24) return null;
	if (buf.readUInt32BE(0) === 0x89504e47 && buf.toString('latin1', 12, 16) === 'IHDR') return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
	if (buf[0] !== 0xff || buf[1] !== 0xd8) return null;
	for (let i = 2; i + 9 < buf.length; ) {
		if (buf[i] !== 0xff) return null;
		const marker = buf[i + 1];
		if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
			i += marker === 0xff ? 1 : 2;
			continue;
		}
		const len = buf.readUInt16BE(i + 2);
		if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return { width: buf.readUInt16BE(i + 7), height: buf.readUInt16BE(i + 5) };
		i += 2 + len;
	}
	return null;
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
	Raster,
	encodePng,
	encodeJpeg,
	specimenImage,
	specimenRaster,
	specimenImageSize,
	drawFace,
	specimenPng,
	specimenJpeg,
	specimenKindFor,
	imageDimensions,
	webmHeader,
	mp4Header,
	videoContent,
	jsonResponse,
	parseTarget,
	lower,
	startSimulatorServer,
};
