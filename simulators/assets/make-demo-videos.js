#!/usr/bin/env node
'use strict';
/**
 * Makes the demo's short SPECIMEN videos (committed next to this file, a few tens of KB each):
 * - veriff-selfie-video.webm: a Veriff selfie video (selfid_video), VP8, 240x320, 4.5 s;
 * - sumsub-video-ident-1.mp4: a Sumsub Video Ident call, first recording, H.264, 320x240, 6 s:
 *   the applicant holds up the front of an ID card, the agent in a corner;
 * - sumsub-video-ident-2.webm: its second recording, VP8, 320x240, 3 s: the back of the card;
 * and demo-videos.json (size, duration, frame size, sha256 of each), which the demo data reads.
 *
 * Every frame is drawn here with the simulators' own raster code (common.js: faces, ID card,
 * SPECIMEN stamp in a bitmap font; no fonts, nothing from the network) and piped raw to
 * Debian's ffmpeg (`apt-get install ffmpeg`), which is needed only to run this script again:
 *   node simulators/assets/make-demo-videos.js
 */
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { Raster, drawFace, specimenRaster } = require('../common');

const FPS = 10;
const WHITE = [255, 255, 255];
const BAR = [20, 24, 32];

/** Copies raster `src` into `dst` with its top-left corner at (x, y). */
function blit(dst, src, x, y) {
	for (let row = 0; row < src.height; row++) {
		const ty = y + row;
		if (ty < 0 || ty >= dst.height) continue;
		for (let col = 0; col < src.width; col++) {
			const tx = x + col;
			if (tx < 0 || tx >= dst.width) continue;
			src.data.copy(dst.data, (ty * dst.width + tx) * 3, (row * src.width + col) * 3, (row * src.width + col) * 3 + 3);
		}
	}
}

/** Closes the eyes of a face drawn by drawFace in the box (x, y, w, h). */
function blink(r, x, y, w, h, skin) {
	for (const u of [0.41, 0.59]) {
		r.ellipse(x + u * w, y + 0.45 * h, 0.048 * w, 0.028 * h, skin);
		r.rect(x + (u - 0.04) * w, y + 0.455 * h, 0.08 * w, Math.max(1, 0.008 * h), [120, 84, 64]);
	}
}

/** A recording indicator and a running clock in a bar at the top left. */
function recordingBar(r, title, t, width) {
	r.rect(0, 0, width, 20, BAR, 0.78);
	if (Math.floor(t * 2) % 2 === 0) r.ellipse(10, 10, 4.5, 4.5, [228, 44, 44]);
	r.text(title, 20, 7, { color: WHITE });
	const clock = `00:${String(Math.floor(t)).padStart(2, '0')}`;
	r.text(clock, width - clock.length * 6 - 6, 7, { color: WHITE });
}

/** One frame of the Veriff selfie video: the applicant in the face oval, moving a little. */
function selfieFrame(t) {
	const r = new Raster(240, 320);
	r.gradient([214, 222, 232], [150, 164, 184]);
	const skin = [226, 182, 150];
	const x = 14 + Math.round(5 * Math.sin((2 * Math.PI * t) / 3));
	const y = 40 + Math.round(3 * Math.sin((2 * Math.PI * t) / 1.5));
	drawFace(r, x, y, 212, 270, { background: null, skin, hair: [60, 44, 36], shirt: [168, 60, 60] });
	if (t >= 1.9 && t < 2.1) blink(r, x, y, 212, 270, skin);
	r.ellipse(120, 160, 94, 124, WHITE, 0.7, 2);
	recordingBar(r, 'SELFIE VIDEO', t, 240);
	r.rect(0, 298, 240, 22, BAR, 0.6);
	r.text(t < 2.5 ? 'LOOK AT THE CAMERA' : 'TURN YOUR HEAD SLOWLY', 8, 306, { color: WHITE });
	r.stamp('SPECIMEN', 120, 236, { scale: 3.5, angle: -14 });
	return r;
}

/** One frame of a Video Ident call: the applicant, the card held up, the agent in a corner. */
function callFrame(t, part) {
	const r = new Raster(320, 240, [196, 186, 170]);
	r.rect(0, 150, 320, 90, [176, 164, 146]); // the room behind the applicant
	r.rect(250, 84, 46, 66, [150, 132, 110]);
	const dx = Math.round(4 * Math.sin((2 * Math.PI * t) / 2.5));
	const dy = Math.round(2 * Math.sin((2 * Math.PI * t) / 1.7));
	const skin = [231, 190, 160];
	drawFace(r, 68 + dx, 16 + dy, 184, 236, { background: null, skin, hair: [88, 60, 42], shirt: [52, 74, 110] });
	if (part === 1 && t >= 3.9 && t < 4.1) blink(r, 68 + dx, 16 + dy, 184, 236, skin);
	// The card comes up after two seconds in the first recording and is held all through the second.
	const side = part === 1 ? 'idFront' : 'idBack';
	if (part === 2 || t >= 2) {
		const lift = part === 1 ? Math.max(0, Math.round((2.6 - t) * 90)) : 0;
		blit(r, CARDS[side], 14 + Math.round(dx / 2), 146 + lift + Math.round(dy / 2));
	}
	// The agent's camera, top right.
	r.rect(226, 24, 90, 70, WHITE);
	drawFace(r, 228, 26, 86, 66, { background: [70, 90, 112], skin: [200, 150, 120], hair: [34, 30, 30], shirt: [44, 44, 48] });
	r.rect(228, 84, 86, 8, BAR, 0.7);
	r.text('AGENT', 232, 85, { color: WHITE });
	recordingBar(r, `VIDEO IDENT ${part}/2`, t, 320);
	const caption =
		part === 1 ? (t < 2 ? 'HELLO - CAN YOU HEAR ME?' : 'SHOW THE FRONT OF YOUR ID CARD') : 'AND NOW THE BACK - THANK YOU';
	r.rect(0, 222, 320, 18, BAR, 0.6);
	r.text(caption, 8, 228, { color: WHITE });
	r.stamp('SPECIMEN', 160, 112, { scale: 4, angle: -18 });
	return r;
}

const CARDS = {
	idFront: specimenRaster({ kind: 'idFront', label: 'VIDEO IDENT DEMO' }).downscale(3),
	idBack: specimenRaster({ kind: 'idBack', label: 'VIDEO IDENT DEMO' }).downscale(3),
};

/** Encodes `frames` (rasters of one size) with ffmpeg; `codec` picks the arguments. */
function encode(file, frames, codec) {
	const { width, height } = frames[0];
	const codecArgs = {
		// H.264 Main, yuv420p, moov first: plays in every browser as it streams.
		h264: ['-c:v', 'libx264', '-preset', 'veryslow', '-crf', '30', '-profile:v', 'main', '-pix_fmt', 'yuv420p', '-movflags', '+faststart'],
		// VP8, as browsers' MediaRecorder writes WebM.
		vp8: ['-c:v', 'libvpx', '-deadline', 'best', '-crf', '24', '-b:v', '160k', '-auto-alt-ref', '0', '-pix_fmt', 'yuv420p'],
	}[codec];
	const args = [
		'-hide_banner', '-loglevel', 'error', '-y',
		'-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-r', String(FPS), '-i', 'pipe:0',
		...codecArgs,
		'-an', '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:v', '+bitexact',
		file,
	];
	const result = spawnSync('ffmpeg', args, { input: Buffer.concat(frames.map((f) => f.data)), stdio: ['pipe', 'inherit', 'inherit'] });
	if (result.error) throw new Error(`ffmpeg could not run (apt-get install ffmpeg): ${result.error.message}`);
	if (result.status !== 0) throw new Error(`ffmpeg failed for ${file} (exit ${result.status})`);
}

const VIDEOS = [
	{ name: 'veriffSelfie', file: 'veriff-selfie-video.webm', mimetype: 'video/webm', codec: 'vp8', seconds: 4.5, frame: selfieFrame },
	{ name: 'sumsubCall1', file: 'sumsub-video-ident-1.mp4', mimetype: 'video/mp4', codec: 'h264', seconds: 6, frame: (t) => callFrame(t, 1) },
	{ name: 'sumsubCall2', file: 'sumsub-video-ident-2.webm', mimetype: 'video/webm', codec: 'vp8', seconds: 3, frame: (t) => callFrame(t, 2) },
];

function main() {
	const manifest = {};
	for (const video of VIDEOS) {
		const frames = [];
		for (let i = 0; i < Math.round(video.seconds * FPS); i++) frames.push(video.frame(i / FPS));
		const file = path.join(__dirname, video.file);
		encode(file, frames, video.codec);
		const bytes = fs.readFileSync(file);
		manifest[video.name] = {
			file: video.file,
			mimetype: video.mimetype,
			bytes: bytes.length,
			durationSeconds: video.seconds,
			width: frames[0].width,
			height: frames[0].height,
			frames: frames.length,
			sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
		};
		console.log(`${video.file}: ${bytes.length} bytes, ${video.seconds} s, ${frames[0].width}x${frames[0].height}`);
	}
	fs.writeFileSync(path.join(__dirname, 'demo-videos.json'), `${JSON.stringify(manifest, null, '\t')}\n`);
}

main();
