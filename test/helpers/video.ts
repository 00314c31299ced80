/**
 * Just enough of the WebM (EBML/Matroska) and MP4 (ISO BMFF) containers to read what a video
 * says about itself — duration, codecs, frame size, box order — written from the formats'
 * specifications, so that tests can compare a video with what a vendor's listing claims.
 */

export interface WebmInfo {
	docType: string;
	durationSeconds: number;
	codecs: string[];
	width?: number;
	height?: number;
}

const EBML = {
	header: 0x1a45dfa3,
	docType: 0x4282,
	segment: 0x18538067,
	info: 0x1549a966,
	timecodeScale: 0x2ad7b1,
	duration: 0x4489,
	tracks: 0x1654ae6b,
	trackEntry: 0xae,
	codecId: 0x86,
	video: 0xe0,
	pixelWidth: 0xb0,
	pixelHeight: 0xba,
	cluster: 0x1f43b675,
};
const MASTERS = new Set([EBML.header, EBML.segment, EBML.info, EBML.tracks, EBML.trackEntry, EBML.video]);

/** An EBML variable-length integer at `pos`: its value (marker bit kept for ids) and length. */
function vint(buf: Buffer, pos: number, keepMarker: boolean): { value: number; length: number; unknown: boolean } {
	const first = buf[pos];
	let length = 1;
	while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
	if (length > 8) throw new Error(`WebM: bad variable-length integer at ${pos}`);
	let value = keepMarker ? first : first & (0xff >> length);
	let allOnes = value === (0xff >> length);
	for (let i = 1; i < length; i++) {
		value = value * 256 + buf[pos + i];
		if (buf[pos + i] !== 0xff) allOnes = false;
	}
	return { value, length, unknown: !keepMarker && allOnes };
}

const uint = (b: Buffer) => b.reduce((v, byte) => v * 256 + byte, 0);

/** Reads the EBML header, Segment Info and Tracks of a WebM file. */
export function webmInfo(buf: Buffer): WebmInfo {
	if (buf.readUInt32BE(0) !== EBML.header) throw new Error('WebM: no EBML header');
	const out: WebmInfo = { docType: '', durationSeconds: NaN, codecs: [] };
	let timecodeScale = 1_000_000;
	let duration = NaN;
	const walk = (start: number, end: number): void => {
		for (let pos = start; pos < end; ) {
			const id = vint(buf, pos, true);
			const size = vint(buf, pos + id.length, false);
			const body = pos + id.length + size.length;
			const bodyEnd = size.unknown ? end : body + size.value;
			if (id.value === EBML.cluster) return; // media data follows: the header elements are behind us
			if (MASTERS.has(id.value)) walk(body, Math.min(bodyEnd, end));
			else {
				const data = buf.subarray(body, bodyEnd);
				if (id.value === EBML.docType) out.docType = data.toString('latin1');
				else if (id.value === EBML.timecodeScale) timecodeScale = uint(data);
				else if (id.value === EBML.duration) duration = data.length === 4 ? data.readFloatBE(0) : data.readDoubleBE(0);
				else if (id.value === EBML.codecId) out.codecs.push(data.toString('latin1'));
				else if (id.value === EBML.pixelWidth) out.width = uint(data);
				else if (id.value === EBML.pixelHeight) out.height = uint(data);
			}
			pos = bodyEnd;
		}
	};
	walk(0, buf.length);
	out.durationSeconds = (duration * timecodeScale) / 1e9;
	return out;
}

export interface Mp4Info {
	/** Top-level box types in file order. */
	boxes: string[];
	durationSeconds: number;
	/** Sample entry types of the tracks (e.g. avc1). */
	codecs: string[];
}

/** Reads the top-level boxes, the movie header and the tracks' sample descriptions of an MP4 file. */
export function mp4Info(buf: Buffer): Mp4Info {
	const out: Mp4Info = { boxes: [], durationSeconds: NaN, codecs: [] };
	const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl']);
	const walk = (start: number, end: number, top: boolean): void => {
		for (let pos = start; pos + 8 <= end; ) {
			let size = buf.readUInt32BE(pos);
			const type = buf.toString('latin1', pos + 4, pos + 8);
			let header = 8;
			if (size === 1) {
				size = Number(buf.readBigUInt64BE(pos + 8));
				header = 16;
			} else if (size === 0) size = end - pos;
			if (top) out.boxes.push(type);
			const body = pos + header;
			if (CONTAINERS.has(type)) walk(body, pos + size, false);
			else if (type === 'mvhd') {
				const version = buf[body];
				const timescale = version === 1 ? buf.readUInt32BE(body + 20) : buf.readUInt32BE(body + 12);
				const duration = version === 1 ? Number(buf.readBigUInt64BE(body + 24)) : buf.readUInt32BE(body + 16);
				out.durationSeconds = duration / timescale;
			} else if (type === 'stsd') {
				const entries = buf.readUInt32BE(body + 4);
				for (let i = 0, p = body + 8; i < entries; i++, p += buf.readUInt32BE(p)) out.codecs.push(buf.toString('latin1', p + 4, p + 8));
			}
			pos += size;
		}
	};
	walk(0, buf.length, true);
	return out;
}
