#!/usr/bin/env node
'use strict';
/**
 * Self-check of the simulators: starts all three, sends correctly and wrongly signed
 * requests with Node's fetch (signatures computed here, from the vendor docs), checks
 * statuses and shapes, and exits non-zero on any mismatch.
 *
 *   node simulators/selfcheck.js
 */
const crypto = require('node:crypto');
const { startVeriffSimulator } = require('./veriff');
const { startSumsubSimulator } = require('./sumsub');
const { startUnit21Simulator, sendUnit21Webhook } = require('./unit21');
const { DEMO, DEMO_VIDEOS, demoVideoBytes } = require('./demo-data');
const { imageDimensions } = require('./common');

const hmac = (key, msg) => crypto.createHmac('sha256', key).update(msg).digest('hex');
const sha256 = (b) => crypto.createHash('sha256').update(b).digest('hex');
let failures = 0;
let passes = 0;
function check(name, ok, detail) {
	if (ok) passes++;
	else {
		failures++;
		console.log(`FAIL ${name}${detail !== undefined ? ` — ${typeof detail === 'string' ? detail : JSON.stringify(detail)}` : ''}`);
	}
}
async function section(name, fn) {
	const before = failures;
	const t = Date.now();
	try {
		await fn();
	} catch (err) {
		failures++;
		console.log(`FAIL ${name}: threw ${err && err.stack}`);
	}
	console.log(`${failures === before ? 'ok  ' : 'FAIL'} ${name} (${Date.now() - t} ms)`);
}
async function get(url, headers = {}, init = {}) {
	const res = await fetch(url, { headers, ...init });
	const buf = Buffer.from(await res.arrayBuffer());
	let json;
	try {
		json = JSON.parse(buf.toString('utf8'));
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, buf, json };
}
/** fetch expected to fail at the network level (reset / truncation) */
async function networkFails(url, headers) {
	try {
		const res = await fetch(url, { headers });
		await res.arrayBuffer();
		return false;
	} catch {
		return true;
	}
}

async function veriffChecks() {
	const { apiKey, sharedSecret } = DEMO.credentials.veriff;
	const v = DEMO.veriff;
	const sim = await startVeriffSimulator({ apiKey, sharedSecret });
	const auth = (id) => ({ 'X-AUTH-CLIENT': apiKey, 'X-HMAC-SIGNATURE': hmac(sharedSecret, id), 'Content-Type': 'application/json' });
	const verifyResponse = (r) =>
		r.headers.get('x-hmac-signature') === hmac(sharedSecret, r.buf) && r.headers.get('vrf-hmac-signature') === r.headers.get('x-hmac-signature');
	try {
		await section('veriff: published test vector', () => {
			check('vector', hmac(sharedSecret, v.sessionApproved) === '895cb3fd31139d89aeb7b263682e15479ab57651e70591256ad2c14fde4950dd');
		});

		await section('veriff: session media (demo A) signed both ways', async () => {
			const r = await get(`${sim.url}/v1/sessions/${v.sessionApproved}/media`, auth(v.sessionApproved));
			check('status 200', r.status === 200, r.status);
			check('content-type', r.headers.get('content-type') === 'application/json; charset=utf-8', r.headers.get('content-type'));
			check('response signature', verifyResponse(r));
			check('no api key echoed', !r.headers.get('vrf-auth-client') && !r.buf.includes(apiKey));
			check('6 images', r.json.images.length === 6, r.json.images.length);
			const video = r.json.videos[0];
			check('video size/duration strings', video.size === String(v.videoSize) && video.duration === v.videoDuration, video);
			check('video is the 4.5 s demo WebM', v.videoSize === DEMO_VIDEOS.veriffSelfie.bytes && v.videoDuration === '4.5', v);
			check('image size number', typeof r.json.images[0].size === 'number');
			check('timestamp null', r.json.images[0].timestamp === null);
			check('media url', r.json.images[0].url === `${sim.url}/v1/media/${r.json.images[0].id}`);
			check('nfc array', Array.isArray(r.json.nfcDocuments) && r.json.nfcDocuments[0].context === 'document-nfc');
			const upper = await get(`${sim.url}/v1/sessions/${v.sessionApproved}/media`, { ...auth(v.sessionApproved), 'X-HMAC-SIGNATURE': hmac(sharedSecret, v.sessionApproved).toUpperCase() });
			check('uppercase hex accepted', upper.status === 200, upper.status);
		});

		await section('veriff: auth errors', async () => {
			const url = `${sim.url}/v1/sessions/${v.sessionApproved}/media`;
			let r = await get(url, { 'X-HMAC-SIGNATURE': hmac(sharedSecret, v.sessionApproved) });
			check('1801', r.status === 401 && r.json.code === '1801' && r.json.status === 'fail', r.json);
			r = await get(url, { ...auth(v.sessionApproved), 'X-AUTH-CLIENT': 'not-a-uuid' });
			check('1802', r.status === 401 && r.json.code === '1802', r.json);
			r = await get(url, { ...auth(v.sessionApproved), 'X-AUTH-CLIENT': crypto.randomUUID() });
			check('1803', r.status === 401 && r.json.code === '1803', r.json);
			r = await get(url, { ...auth(v.sessionApproved), 'X-HMAC-SIGNATURE': hmac('wrong', v.sessionApproved) });
			check('1818 wrong secret', r.status === 401 && r.json.code === '1818', r.json);
			r = await get(url, { ...auth(v.sessionApproved), 'X-HMAC-SIGNATURE': hmac(sharedSecret, `/v1/sessions/${v.sessionApproved}/media`) });
			check('1818 path signed', r.status === 401 && r.json.code === '1818', r.json);
			r = await get(url, { 'X-AUTH-CLIENT': apiKey });
			check('1818 missing signature', r.status === 401 && r.json.code === '1818', r.json);
			check('errors not signed', !r.headers.get('x-hmac-signature'));
		});

		await section('veriff: attempts, attempt media, decision, B and C', async () => {
			let r = await get(`${sim.url}/v1/sessions/${v.sessionApproved}/attempts`, auth(v.sessionApproved));
			const ids = r.json.verifications.map((x) => x.id);
			check('attempts newest first', JSON.stringify(ids) === JSON.stringify([v.attempts.approvedLatest, v.attempts.approvedSecond, v.attempts.approvedFirst]), ids);
			check('createdTime optional', r.json.verifications[0].createdTime && !('createdTime' in r.json.verifications[2]));
			check('attempts signed', verifyResponse(r));
			r = await get(`${sim.url}/v1/attempts/${v.attempts.approvedSecond}/media`, auth(v.attempts.approvedSecond));
			check('attempt media', r.status === 200 && r.json.images.length === 2 && r.json.videos.length === 0, r.json);
			r = await get(`${sim.url}/v1/sessions/${v.sessionApproved}/decision`, auth(v.sessionApproved));
			check('decision approved', r.json.verification.code === 9001 && r.json.verification.status === 'approved' && r.json.verification.person.firstName, r.json);
			r = await get(`${sim.url}/v1/sessions/${v.sessionImagesOnly}/decision`, auth(v.sessionImagesOnly));
			check('decision null', r.status === 200 && r.json.verification === null, r.json);
			r = await get(`${sim.url}/v1/sessions/${v.sessionImagesOnly}/media`, auth(v.sessionImagesOnly));
			check('B: nfc absent, images only', !('nfcDocuments' in r.json) && r.json.images.length === 3 && r.json.videos.length === 0, r.json);
			check('B: one image size as string', r.json.images.some((i) => typeof i.size === 'string'));
			r = await get(`${sim.url}/v1/sessions/${v.sessionEmpty}/media`, auth(v.sessionEmpty));
			check('C: empty + nfc null', r.json.nfcDocuments === null && r.json.images.length === 0 && r.json.videos.length === 0, r.json);
			r = await get(`${sim.url}/v1/sessions/${v.sessionUnknown}/media`, auth(v.sessionUnknown));
			check('unknown → 404', r.status === 404 && r.json.status === 'fail' && /^\d{4}$/.test(r.json.code), r.json);
			r = await get(`${sim.url}/v1/sessions/not-a-uuid/media`, auth('not-a-uuid'));
			check('non-uuid → 400', r.status === 400 && r.json.code === '1002', r.json);
			r = await get(`${sim.url}/v1/media/${v.media.unknown}`, auth(v.media.unknown));
			check('unknown media → 404', r.status === 404, r.status);
		});

		await section('veriff: media downloads', async () => {
			let r = await get(`${sim.url}/v1/media/${v.media.face}`, auth(v.media.face));
			check('jpeg 200', r.status === 200 && r.headers.get('content-type') === 'image/jpeg', r.status);
			check('jpeg magic', r.buf[0] === 0xff && r.buf[1] === 0xd8 && r.buf.at(-2) === 0xff && r.buf.at(-1) === 0xd9);
			check('bytes = mediaBytes', r.buf.equals(sim.mediaBytes(v.media.face)));
			check('content-length', Number(r.headers.get('content-length')) === r.buf.length);
			check('binary not signed', !r.headers.get('x-hmac-signature'));
			check('face: a 200x240 SPECIMEN selfie', JSON.stringify(imageDimensions(r.buf)) === '{"width":200,"height":240}' && r.buf.includes('simulator specimen selfie VERIFF face'), imageDimensions(r.buf));
			// sessionApproved's decision names a PASSPORT: its data page (front) and back cover (back).
			for (const [id, kind, dims] of [
				[v.media.documentFront, 'passport VERIFF document-front', '{"width":240,"height":320}'],
				[v.media.documentBack, 'passportBack VERIFF document-back', '{"width":240,"height":320}'],
			]) {
				r = await get(`${sim.url}/v1/media/${id}`, auth(id));
				check(`${kind.split(' ')[0]}: SPECIMEN ${dims}`, JSON.stringify(imageDimensions(r.buf)) === dims && r.buf.includes(`simulator specimen ${kind}`) && r.buf.length > 3000, [imageDimensions(r.buf), r.buf.length]);
			}
			r = await get(`${sim.url}/v1/media/${v.media.imagesOnlyDocumentFront}`, auth(v.media.imagesOnlyDocumentFront));
			check('png', r.headers.get('content-type') === 'image/png' && r.buf.subarray(1, 4).toString() === 'PNG');
			check('no decision: an ID card front, 320x200', JSON.stringify(imageDimensions(r.buf)) === '{"width":320,"height":200}' && r.buf.includes('simulator specimen idFront VERIFF document-front'), imageDimensions(r.buf));
			r = await get(`${sim.url}/v1/media/${v.media.selfidVideo}`, auth(v.media.selfidVideo));
			check('video sha256', r.buf.length === v.videoSize && sha256(r.buf) === (await sim.mediaSha256(v.media.selfidVideo)));
			check('webm magic', r.buf.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])));
			check('video = assets/veriff-selfie-video.webm', sha256(r.buf) === DEMO_VIDEOS.veriffSelfie.sha256 && r.buf.equals(demoVideoBytes('veriffSelfie')));
			const large = sim.addLargeVideo({ sessionId: v.sessionImagesOnly, size: 20 * 1024 * 1024 + 7, mimetype: 'video/mp4', duration: 42 });
			check('large video object', large.size === String(20 * 1024 * 1024 + 7) && large.url.endsWith(large.id), large);
			const res = await fetch(large.url, { headers: auth(large.id) });
			const h = crypto.createHash('sha256');
			let n = 0;
			for await (const chunk of res.body) {
				h.update(chunk);
				n += chunk.length;
			}
			check('large streamed sha256', n === 20 * 1024 * 1024 + 7 && h.digest('hex') === (await sim.mediaSha256(large.id)));
			sim.setSignBinaryMedia(true);
			r = await get(`${sim.url}/v1/media/${v.media.documentNfc}`, auth(v.media.documentNfc));
			check('signBinaryMedia', r.headers.get('x-hmac-signature') === hmac(sharedSecret, r.buf));
			sim.setSignBinaryMedia(false);
		});

		await section('veriff: POST/PATCH sessions (body signature)', async () => {
			const body = JSON.stringify({ verification: { vendorData: 'selfcheck', person: { firstName: 'A', lastName: 'B' } } });
			let r = await get(`${sim.url}/v1/sessions`, { 'X-AUTH-CLIENT': apiKey, 'Content-Type': 'application/json' }, { method: 'POST', body });
			check('POST /sessions unsigned → 201', r.status === 201 && r.json.verification.status === 'created', r.json);
			const id = r.json.verification.id;
			const patch = JSON.stringify({ verification: { status: 'submitted' } });
			r = await get(`${sim.url}/v1/sessions/${id}`, { 'X-AUTH-CLIENT': apiKey, 'X-HMAC-SIGNATURE': hmac(sharedSecret, id), 'Content-Type': 'application/json' }, { method: 'PATCH', body: patch });
			check('PATCH signed over id → 1819', r.status === 401 && r.json.code === '1819', r.json);
			r = await get(`${sim.url}/v1/sessions/${id}`, { 'X-AUTH-CLIENT': apiKey, 'X-HMAC-SIGNATURE': hmac(sharedSecret, patch), 'Content-Type': 'application/json' }, { method: 'PATCH', body: patch });
			check('PATCH signed over body → 200', r.status === 200 && r.json.verification.status === 'submitted', r.json);
		});

		await section('veriff: faults and recorder', async () => {
			const url = `${sim.url}/v1/sessions/${v.sessionApproved}/media`;
			const path = `/v1/sessions/${v.sessionApproved}/media`;
			sim.clearRequests();
			sim.injectFault({ path, status: 429, headers: { 'Retry-After': '1' } });
			let r = await get(url, auth(v.sessionApproved));
			check('429 injected', r.status === 429 && r.json.code === '1102' && r.headers.get('retry-after') === '1', r.json);
			r = await get(url, auth(v.sessionApproved));
			check('times:1 consumed', r.status === 200, r.status);
			sim.injectFault({ path: /\/media$/, tamperSignature: true });
			r = await get(url, auth(v.sessionApproved));
			check('tampered signature', r.status === 200 && r.headers.get('x-hmac-signature') !== hmac(sharedSecret, r.buf));
			sim.injectFault({ method: 'GET', path, truncate: true });
			check('truncate fails client', await networkFails(url, auth(v.sessionApproved)));
			sim.injectFault({ path, reset: 'before-response' });
			check('reset before-response', await networkFails(url, auth(v.sessionApproved)));
			sim.injectFault({ path: `/v1/media/${v.media.selfidVideo}`, reset: 'mid-body' });
			check('reset mid-body', await networkFails(`${sim.url}/v1/media/${v.media.selfidVideo}`, auth(v.media.selfidVideo)));
			sim.injectFault({ path, delayMs: 150 });
			let t = Date.now();
			r = await get(url, auth(v.sessionApproved));
			check('delayMs', r.status === 200 && Date.now() - t >= 140, Date.now() - t);
			sim.injectFault({ path: `/v1/media/${v.media.face}`, slowBodyMs: 60 });
			t = Date.now();
			r = await get(`${sim.url}/v1/media/${v.media.face}`, auth(v.media.face));
			check('slowBodyMs', r.buf.equals(sim.mediaBytes(v.media.face)) && Date.now() - t >= 200, Date.now() - t);
			sim.injectFault({ path, status: 500, times: Infinity });
			r = await get(url, auth(v.sessionApproved));
			const r2 = await get(url, auth(v.sessionApproved));
			check('times Infinity', r.status === 500 && r2.status === 500);
			sim.clearFaults();
			sim.setLatency(100);
			t = Date.now();
			r = await get(url, auth(v.sessionApproved));
			check('setLatency', r.status === 200 && Date.now() - t >= 95);
			sim.setLatency(0);
			const statuses = sim.requests.map((x) => x.status);
			check('recorded all', sim.requests.length === 11, statuses);
			check('recorded reset as null', statuses.includes(null));
			check('recorded headers lowercase', sim.requests[0].headers['x-auth-client'] === apiKey && Buffer.isBuffer(sim.requests[0].body));
		});
	} finally {
		await sim.close();
	}
}

async function sumsubChecks() {
	const { appToken, secretKey } = DEMO.credentials.sumsub;
	const s = DEMO.sumsub;
	const sim = await startSumsubSimulator({ appToken, secretKey });
	const signedHeaders = (method, pathWithQuery, body = '', opts = {}) => {
		const ts = String(opts.ts ?? Math.floor(Date.now() / 1000));
		const sig = hmac(opts.secret ?? secretKey, Buffer.concat([Buffer.from(ts + method + (opts.signedPath ?? pathWithQuery)), Buffer.from(body)]));
		return { 'X-App-Token': opts.token ?? appToken, 'X-App-Access-Ts': ts, 'X-App-Access-Sig': sig, ...(opts.headers || {}) };
	};
	const signed = (method, pathWithQuery, body = '', opts = {}) =>
		get(`${sim.url}${pathWithQuery}`, signedHeaders(method, pathWithQuery, body, opts), method === 'GET' ? {} : { method, body });
	const download = (path, opts = {}) => signed('GET', path, '', { ...opts, headers: { Accept: '*/*' } });
	try {
		await section('sumsub: published string-to-sign', () => {
			const msg = '1607551635POST/resources/accessTokens?userId=cfd20712-24a2-4c7d-9ab0-146f3c142335&levelName=basic-kyc-level&ttlInSecs=600';
			check('vector', hmac('SoMe_SeCrEt_KeY', msg) === '15cc96be3e65ed8805f374db7f4c49c5723ae2a20eea3159cf0ab7c3badc3ad0');
		});

		await section('sumsub: signed reads', async () => {
			let r = await signed('GET', '/resources/status/api');
			check('status/api', r.status === 200 && r.json.status === 'ok', r);
			r = await signed('GET', `/resources/inspections/${s.inspectionCompleted}?fields=videoIdentData`);
			const c = r.json.videoIdentData.compositions;
			check('video call data', r.status === 200 && r.json.id === s.inspectionCompleted && r.json.videoIdentData.reviewStatus === 'completed' && c.length === 2, r.json);
			check('composition shape', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(c[0].compositionCreatedAt) && typeof c[0].compositionDuration === 'number' && c[0].compositionMediaId === s.compositions[0], c[0]);
			r = await signed('GET', `/resources/inspections/${s.inspectionPending}?fields=videoIdentData`);
			check('pending: no compositions', r.json.videoIdentData && !r.json.videoIdentData.compositions, r.json);
			r = await signed('GET', `/resources/videoIdent/applicant/${s.applicantCompleted}/media/${s.compositions[0]}`);
			check('recording', r.status === 200 && r.headers.get('content-type') === 'video/mp4' && sha256(r.buf) === (await sim.mediaSha256(s.compositions[0])), r.status);
			check('recording mp4 ftyp', r.buf.subarray(4, 8).toString() === 'ftyp' && Number(r.headers.get('content-length')) === s.compositionSizes[0]);
			check('recording = assets/sumsub-video-ident-1.mp4', sha256(r.buf) === DEMO_VIDEOS.sumsubCall1.sha256 && c[0].compositionDuration === 6, c[0]);
			r = await signed('GET', `/resources/videoIdent/applicant/${s.applicantCompleted}/media/${s.compositions[1]}`);
			check('second recording = assets/sumsub-video-ident-2.webm', r.headers.get('content-type') === 'video/webm' && sha256(r.buf) === DEMO_VIDEOS.sumsubCall2.sha256 && c[1].compositionDuration === 3, c[1]);
			r = await signed('GET', `/resources/videoIdent/applicant/${s.applicantPending}/media/${s.compositions[0]}`);
			check('recording of other applicant → 404', r.status === 404 && r.json.errorName === 'not-found' && /^req-/.test(r.json.correlationId), r.json);
			r = await signed('GET', `/resources/applicants/${s.applicantCompleted}/one`);
			check('applicant by id', r.status === 200 && r.json.inspectionId === s.inspectionCompleted && r.json.type === 'individual' && r.json.review.reviewResult.reviewAnswer === 'GREEN', r.json);
			r = await signed('GET', `/resources/applicants/-;externalUserId=${s.externalUserId}/one`);
			check('applicant by externalUserId', r.status === 200 && r.json.id === s.applicantCompleted, r.status);
			r = await signed('GET', `/resources/applicants/-%3BexternalUserId%3D${s.externalUserId}/one`);
			check('applicant by encoded externalUserId', r.status === 200 && r.json.id === s.applicantCompleted, r.status);
			r = await signed('GET', `/resources/applicants/${s.applicantUnknown}/one`);
			check('unknown applicant → 404', r.status === 404 && r.json.code === 404 && r.json.description === 'Not found', r.json);
			r = await signed('GET', `/resources/applicants/${s.applicantCompleted}/metadata/resources`);
			check('metadata resources', r.status === 200 && r.json.items.length === 6 && r.json.items[0].fileMetadata.fileSize > 0, r.json);
			r = await signed('GET', `/resources/inspections/${s.inspectionCompleted}/resources/${s.images.passportFront}`);
			check('document image', r.status === 200 && r.buf.equals(sim.mediaBytes(s.images.passportFront)));
		});

		await section('sumsub: document metadata (demo applicant)', async () => {
			const r = await signed('GET', `/resources/applicants/${s.applicantCompleted}/metadata/resources`);
			check('200 json', r.status === 200 && /^application\/json/.test(r.headers.get('content-type')), r.status);
			check('totalItems', r.json.totalItems === 6 && r.json.items.length === 6, r.json.totalItems);
			const keys = ['id', 'previewId', 'addedDate', 'fileMetadata', 'idDocDef', 'reviewResult', 'attemptId', 'source', 'deactivated'];
			for (const item of r.json.items) {
				const name = Object.keys(s.images).find((k) => s.images[k] === item.id);
				check(`${name}: exactly the documented keys`, JSON.stringify(Object.keys(item)) === JSON.stringify(keys), Object.keys(item));
				check(`${name}: string ids, preview differs`, typeof item.id === 'string' && typeof item.previewId === 'string' && item.previewId !== item.id && item.previewId === s.previews[name], item);
				check(`${name}: addedDate format`, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(item.addedDate), item.addedDate);
				const fm = item.fileMetadata;
				check(`${name}: fileMetadata`, JSON.stringify(Object.keys(fm)) === '["fileName","fileType","fileSize","resolution"]' && Number.isInteger(fm.fileSize) && /^image\/(jpeg|png)$/.test(fm.fileType) && Number.isInteger(fm.resolution.width) && Number.isInteger(fm.resolution.height), fm);
				check(`${name}: idDocDef`, /^[A-Z]{3}$/.test(item.idDocDef.country) && typeof item.idDocDef.idDocType === 'string' && [null, 'FRONT_SIDE', 'BACK_SIDE'].includes(item.idDocDef.idDocSubType), item.idDocDef);
				check(`${name}: reviewAnswer`, ['GREEN', 'RED'].includes(item.reviewResult.reviewAnswer) && typeof item.attemptId === 'string' && typeof item.deactivated === 'boolean', item);
				// The bytes: applicant form, size and hash and dimensions as announced; the preview is smaller.
				const d = await download(`/resources/applicants/${s.applicantCompleted}/resources/${item.id}`);
				check(`${name}: download 200 + Content-Type = fileType`, d.status === 200 && d.headers.get('content-type') === fm.fileType, [d.status, d.headers.get('content-type')]);
				check(`${name}: fileSize = served size`, d.buf.length === fm.fileSize && Number(d.headers.get('content-length')) === fm.fileSize, [d.buf.length, fm.fileSize]);
				check(`${name}: sha256 = mediaSha256`, sha256(d.buf) === (await sim.mediaSha256(item.id)));
				const dim = imageDimensions(d.buf);
				check(`${name}: resolution = image header`, dim && dim.width === fm.resolution.width && dim.height === fm.resolution.height, [dim, fm.resolution]);
				check(`${name}: real ${fm.fileType}`, fm.fileType === 'image/png' ? d.buf.subarray(1, 4).toString() === 'PNG' : d.buf[0] === 0xff && d.buf[1] === 0xd8 && d.buf.at(-1) === 0xd9);
				const p = await download(`/resources/applicants/${s.applicantCompleted}/resources/${item.previewId}`);
				const pdim = imageDimensions(p.buf);
				check(`${name}: preview smaller`, p.status === 200 && p.headers.get('content-type') === fm.fileType && pdim.width < dim.width && p.buf.length < d.buf.length && sha256(p.buf) === (await sim.mediaSha256(item.previewId)), [p.status, pdim]);
			}
			const by = Object.fromEntries(r.json.items.map((i) => [i.id, i]));
			const pass = by[s.images.passportFront];
			check('passportFront keeps PASSPORT/passport.jpg/jpeg', pass.idDocDef.idDocType === 'PASSPORT' && pass.idDocDef.idDocSubType === null && pass.fileMetadata.fileName === 'passport.jpg' && pass.fileMetadata.fileType === 'image/jpeg', pass);
			const selfie = by[s.images.selfie];
			check('selfie: SELFIE, liveness, png', selfie.idDocDef.idDocType === 'SELFIE' && selfie.idDocDef.idDocSubType === null && selfie.source === 'liveness' && selfie.fileMetadata.fileName === 'selfie.png' && selfie.fileMetadata.fileType === 'image/png', selfie);
			check('ID card front/back', by[s.images.idCardFront].idDocDef.idDocSubType === 'FRONT_SIDE' && by[s.images.idCardBack].idDocDef.idDocSubType === 'BACK_SIDE' && by[s.images.idCardBack].idDocDef.idDocType === 'ID_CARD');
			check('one deactivated', r.json.items.filter((i) => i.deactivated).map((i) => i.id).join() === s.images.deactivated);
			const red = by[s.images.rejected].reviewResult;
			check('rejected: RED RETRY with labels and comments', red.reviewAnswer === 'RED' && red.reviewRejectType === 'RETRY' && red.rejectLabels[0] === 'UNSATISFACTORY_PHOTOS' && red.moderationComment && red.clientComment, red);
			check('green ones carry reviewAnswer only', JSON.stringify(pass.reviewResult) === '{"reviewAnswer":"GREEN"}', pass.reviewResult);
			check('imageMetadata() = served item', JSON.stringify(sim.imageMetadata(s.images.rejected)) === JSON.stringify(by[s.images.rejected]));
			sim.setFileTypeStyle('extension');
			const ext = await signed('GET', `/resources/applicants/${s.applicantCompleted}/metadata/resources`);
			check('setFileTypeStyle(extension)', ext.json.items.find((i) => i.id === s.images.selfie).fileMetadata.fileType === 'png' && ext.json.items.find((i) => i.id === s.images.passportFront).fileMetadata.fileType === 'jpg');
			sim.setFileTypeStyle('mime');
			const pending = await signed('GET', `/resources/applicants/${s.applicantPending}/metadata/resources`);
			check('pending applicant: no documents', pending.status === 200 && JSON.stringify(pending.json) === '{"items":[],"totalItems":0}', pending.json);
			const unknown = await signed('GET', `/resources/applicants/${s.applicantUnknown}/metadata/resources`);
			check('unknown applicant → 404 Sumsub error', unknown.status === 404 && unknown.json.code === 404 && unknown.json.errorName === 'not-found' && /^req-/.test(unknown.json.correlationId), unknown.json);
		});

		await section('sumsub: review status and verification steps', async () => {
			let r = await signed('GET', `/resources/applicants/${s.applicantCompleted}/status`);
			const first = ['reviewId', 'attemptId', 'attemptCnt', 'levelName', 'createDate', 'reviewDate', 'elapsedSincePendingMs', 'reviewStatus', 'reviewResult'];
			check('status 200, documented fields first', r.status === 200 && JSON.stringify(Object.keys(r.json).slice(0, first.length)) === JSON.stringify(first), r.json);
			check('completed GREEN', r.json.reviewStatus === 'completed' && r.json.reviewResult.reviewAnswer === 'GREEN' && r.json.attemptCnt === 2 && r.json.attemptId === s.attempts.latest && r.json.reviewId === s.reviewCompleted, r.json);
			check('status dates with zone', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+0000$/.test(r.json.createDate) && /\+0000$/.test(r.json.reviewDate) && Number.isInteger(r.json.elapsedSincePendingMs), r.json);
			r = await signed('GET', `/resources/applicants/${s.applicantPending}/status`);
			check('pending: no reviewResult', r.status === 200 && r.json.reviewStatus === 'pending' && !('reviewResult' in r.json), r.json);
			r = await signed('GET', `/resources/applicants/${s.applicantUnknown}/status`);
			check('status unknown → 404', r.status === 404 && r.json.errorName === 'not-found', r.json);

			r = await signed('GET', `/resources/applicants/${s.applicantCompleted}/requiredIdDocsStatus`);
			check('steps 200, keyed by step', r.status === 200 && JSON.stringify(Object.keys(r.json)) === '["IDENTITY","IDENTITY2","SELFIE"]', r.json);
			const id2 = r.json.IDENTITY2;
			check('IDENTITY2: ID card, numeric imageIds front then back', id2.idDocType === 'ID_CARD' && id2.country === 'DEU' && JSON.stringify(id2.imageIds) === JSON.stringify([Number(s.images.idCardFront), Number(s.images.idCardBack)]), id2);
			check('IDENTITY2: imageReviewResults keyed by string id', JSON.stringify(Object.keys(id2.imageReviewResults).sort()) === JSON.stringify([s.images.idCardFront, s.images.idCardBack].sort()) && id2.imageReviewResults[s.images.idCardFront].reviewAnswer === 'GREEN', id2.imageReviewResults);
			check('IDENTITY2: step fields', id2.reviewResult.reviewAnswer === 'GREEN' && id2.forbidden === false && id2.partialCompletion === null && id2.stepStatuses === null && Array.isArray(id2.imageStatuses), id2);
			check('IDENTITY: passport only (deactivated left out)', JSON.stringify(r.json.IDENTITY.imageIds) === JSON.stringify([Number(s.images.passportFront)]) && r.json.IDENTITY.idDocType === 'PASSPORT', r.json.IDENTITY);
			check('SELFIE step', r.json.SELFIE.idDocType === 'SELFIE' && r.json.SELFIE.imageIds[0] === Number(s.images.selfie), r.json.SELFIE);
			r = await signed('GET', `/resources/applicants/${s.applicantPending}/requiredIdDocsStatus`);
			check('pending: steps null', r.status === 200 && JSON.stringify(r.json) === '{"IDENTITY":null,"SELFIE":null}', r.json);
			// A RED upload after the others makes its step RED with the image's result.
			const extra = sim.addApplicant({ externalUserId: 'selfcheck-red' });
			sim.addDocumentImage({ applicantId: extra.applicantId, idDocType: 'ID_CARD', idDocSubType: 'FRONT_SIDE', addedDate: '2024-01-01 10:00:00' });
			const bad = sim.addDocumentImage({ applicantId: extra.applicantId, idDocType: 'ID_CARD', idDocSubType: 'BACK_SIDE', addedDate: '2024-01-01 10:01:00', mimetype: 'image/png', reviewResult: { reviewAnswer: 'RED', rejectLabels: ['DOCUMENT_PAGE_MISSING'], reviewRejectType: 'RETRY' } });
			r = await signed('GET', `/resources/applicants/${extra.applicantId}/requiredIdDocsStatus`);
			check('RED image → RED step', r.json.IDENTITY.reviewResult.reviewAnswer === 'RED' && r.json.IDENTITY.imageIds.length === 2 && r.json.IDENTITY.imageIds[1] === Number(bad) && r.json.SELFIE === null, r.json);
		});

		await section('sumsub: image downloads (both forms, JSON errors, fallback knob)', async () => {
			const appPath = (id, applicant = s.applicantCompleted) => `/resources/applicants/${applicant}/resources/${id}`;
			const inspPath = (id, inspection = s.inspectionCompleted) => `/resources/inspections/${inspection}/resources/${id}`;
			let r = await download(inspPath(s.images.idCardBack));
			check('inspections form: bytes', r.status === 200 && r.headers.get('content-type') === 'image/jpeg' && sha256(r.buf) === (await sim.mediaSha256(s.images.idCardBack)));
			r = await download(inspPath(s.previews.selfie));
			check('inspections form: preview', r.status === 200 && r.buf.equals(sim.mediaBytes(s.previews.selfie)));
			const plain404 = (x) => x.status === 404 && /^application\/json/.test(x.headers.get('content-type')) && x.json && x.json.description === 'HTTP 404 Not Found' && x.json.code === 404 && /^[0-9a-f]{32}$/.test(x.json.correlationId) && !('errorName' in x.json);
			r = await download(appPath(s.imageUnknown));
			check('unknown image → JSON 404', plain404(r), [r.status, r.headers.get('content-type'), r.json]);
			r = await download(appPath(s.images.passportFront, s.applicantPending));
			check('image of another applicant → JSON 404', plain404(r), r.json);
			r = await download(inspPath(s.images.passportFront, s.inspectionPending));
			check('image of another inspection → JSON 404', plain404(r), r.json);
			r = await download(inspPath(s.imageUnknown));
			check('inspections form unknown → JSON 404', plain404(r), r.json);

			sim.clearRequests();
			sim.setApplicantImagePath(false);
			r = await download(appPath(s.images.passportFront));
			check('setApplicantImagePath(false) → JSON 404', plain404(r), r.json);
			r = await download(inspPath(s.images.passportFront));
			check('… inspections form still serves', r.status === 200 && r.buf.equals(sim.mediaBytes(s.images.passportFront)));
			check('imageRequestCounts', JSON.stringify(sim.imageRequestCounts()) === '{"applicant":{"requests":1,"ok":0},"inspection":{"requests":1,"ok":1}}', sim.imageRequestCounts());
			sim.setApplicantImagePath(true);
			sim.setInspectionImagePath(false);
			r = await download(inspPath(s.images.passportFront));
			check('setInspectionImagePath(false) → JSON 404', plain404(r), r.json);
			r = await download(appPath(s.images.passportFront));
			check('… applicant form serves again', r.status === 200);
			sim.setInspectionImagePath(true);
			check('counts follow', sim.imageRequestCounts().applicant.ok === 1 && sim.imageRequestCounts().inspection.requests === 2, sim.imageRequestCounts());
		});

		await section('sumsub: new routes — auth errors', async () => {
			const routes = [
				`/resources/applicants/${s.applicantCompleted}/metadata/resources`,
				`/resources/applicants/${s.applicantCompleted}/status`,
				`/resources/applicants/${s.applicantCompleted}/requiredIdDocsStatus`,
				`/resources/applicants/${s.applicantCompleted}/resources/${s.images.idCardFront}`,
				`/resources/inspections/${s.inspectionCompleted}/resources/${s.images.idCardFront}`,
			];
			for (const p of routes) {
				let r = await signed('GET', p, '', { secret: 'wrong' });
				check(`${p} wrong secret → 401 JSON`, r.status === 401 && r.json.errorName === 'signature-mismatch' && /^application\/json/.test(r.headers.get('content-type')), r.json);
				r = await signed('GET', p, '', { signedPath: p.replace(s.applicantCompleted, s.applicantPending).replace(s.inspectionCompleted, s.inspectionPending) });
				check(`${p} other path signed → 401`, r.status === 401 && r.json.errorName === 'signature-mismatch', r.json);
				r = await signed('GET', p, '', { token: 'sbx:other' });
				check(`${p} wrong token → 401`, r.status === 401 && r.json.errorName === 'app-token-invalid', r.json);
				r = await signed('GET', p, '', { ts: Math.floor(Date.now() / 1000) + 300 });
				check(`${p} future ts → 401`, r.status === 401 && r.json.errorName === 'request-timestamp-out-of-range', r.json);
				r = await signed('GET', p);
				check(`${p} signed → 200`, r.status === 200, r.status);
			}
			const p = routes[3];
			const r = await signed('GET', `${p}?preview=true`, '', { signedPath: p });
			check('query left out of the signature → 401', r.status === 401, r.status);
		});

		await section('sumsub: new routes — faults and rate limit', async () => {
			const img = `/resources/applicants/${s.applicantCompleted}/resources/${s.images.idCardFront}`;
			const meta = `/resources/applicants/${s.applicantCompleted}/metadata/resources`;
			const url = `${sim.url}${img}`;
			sim.injectFault({ path: meta, status: 429 });
			let r = await signed('GET', meta);
			check('metadata 429', r.status === 429 && r.json.errorName === 'too-many-requests' && r.json.code === 429, r.json);
			sim.injectFault({ path: img, status: 503 });
			r = await download(img);
			check('image 503 as JSON', r.status === 503 && /^application\/json/.test(r.headers.get('content-type')) && r.json.code === 503, r.json);
			sim.injectFault({ path: img, status: 404 });
			r = await download(img);
			check('injected 404 on image route = plain 404', r.status === 404 && r.json.description === 'HTTP 404 Not Found', r.json);
			sim.injectFault({ path: img, truncate: true });
			check('image truncated → client fails', await networkFails(url, signedHeaders('GET', img)));
			sim.injectFault({ path: img, reset: 'mid-body' });
			check('image reset mid-body → client fails', await networkFails(url, signedHeaders('GET', img)));
			sim.injectFault({ path: `/resources/applicants/${s.applicantCompleted}/status`, reset: 'before-response' });
			check('status reset → client fails', await networkFails(`${sim.url}/resources/applicants/${s.applicantCompleted}/status`, signedHeaders('GET', `/resources/applicants/${s.applicantCompleted}/status`)));
			sim.injectFault({ path: img, slowBodyMs: 40 });
			let t = Date.now();
			r = await download(img);
			check('image slowBody: same bytes, slower', r.status === 200 && r.buf.equals(sim.mediaBytes(s.images.idCardFront)) && Date.now() - t >= 140, Date.now() - t);
			sim.injectFault({ path: /requiredIdDocsStatus$/, delayMs: 120 });
			t = Date.now();
			r = await signed('GET', `/resources/applicants/${s.applicantCompleted}/requiredIdDocsStatus`);
			check('steps delayMs', r.status === 200 && Date.now() - t >= 110, Date.now() - t);
			sim.clearFaults();
			sim.setRateLimit({ get: 2, windowMs: 2000 });
			const codes = [];
			for (let i = 0; i < 3; i++) codes.push((await signed('GET', `/resources/applicants/${s.applicantCompleted}/status`)).status);
			check('rate limit on status', JSON.stringify(codes) === '[200,200,429]', codes);
			sim.setRateLimit(null);
		});

		await section('sumsub: auth errors', async () => {
			const p = `/resources/inspections/${s.inspectionCompleted}?fields=videoIdentData`;
			let r = await signed('GET', p, '', { signedPath: `/resources/inspections/${s.inspectionCompleted}` });
			check('query not signed → 401', r.status === 401 && r.json.errorName === 'signature-mismatch', r.json);
			r = await signed('GET', p, '', { secret: 'wrong' });
			check('wrong secret → 401', r.status === 401, r.status);
			r = await signed('GET', p, '', { token: 'sbx:other' });
			check('wrong token → 401', r.status === 401 && r.json.errorName === 'app-token-invalid', r.json);
			r = await signed('GET', p, '', { ts: Math.floor(Date.now() / 1000) - 120 });
			check('old ts → 401', r.status === 401 && r.json.errorName === 'request-timestamp-out-of-range', r.json);
			r = await get(`${sim.url}${p}`);
			check('no headers → 401', r.status === 401, r.status);
			// body is part of the string to sign
			r = await signed('POST', '/resources/status/api', '{"a":1}');
			check('POST correctly signed passes auth (then 404)', r.status === 404, r.status);
			const ts = String(Math.floor(Date.now() / 1000));
			r = await get(`${sim.url}/resources/status/api`, { 'X-App-Token': appToken, 'X-App-Access-Ts': ts, 'X-App-Access-Sig': hmac(secretKey, `${ts}POST/resources/status/api`) }, { method: 'POST', body: '{"a":1}' });
			check('POST body not signed → 401', r.status === 401, r.status);
		});

		await section('sumsub: rate limit, large recording, faults', async () => {
			const limitedBefore = sim.rateLimitStats().limited;
			sim.setRateLimit({ get: 3, windowMs: 2000 });
			const codes = [];
			for (let i = 0; i < 4; i++) codes.push((await signed('GET', '/resources/status/api')).status);
			check('4th GET → 429', JSON.stringify(codes) === '[200,200,200,429]', codes);
			check('rate stats', sim.rateLimitStats().limited === limitedBefore + 1, sim.rateLimitStats());
			sim.setRateLimit(null);
			const comp = sim.addRecording({ applicantId: s.applicantPending, size: 12 * 1024 * 1024, durationSec: 1800, mimetype: 'video/webm' });
			const r = await signed('GET', `/resources/videoIdent/applicant/${s.applicantPending}/media/${comp.compositionMediaId}`);
			check('large recording', r.buf.length === 12 * 1024 * 1024 && sha256(r.buf) === (await sim.mediaSha256(comp.compositionMediaId)));
			sim.injectFault({ path: '/resources/status/api', status: 503 });
			const f = await signed('GET', '/resources/status/api');
			check('503 fault shape', f.status === 503 && f.json.code === 503 && f.json.errorName && /^req-/.test(f.json.correlationId), f.json);
		});
	} finally {
		await sim.close();
	}
}

async function unit21Checks() {
	const { apiKey, orgName } = DEMO.credentials.unit21;
	const u = DEMO.unit21;
	const sim = await startUnit21Simulator({ apiKey, orgName });
	const put = (path, body, headers = {}) => get(`${sim.url}${path}`, { 'u21-key': apiKey, ...headers }, { method: 'PUT', body });
	const jpeg = sim.uploads && require('./common').tinyJpeg('selfcheck');
	const form = (entries) => {
		const fd = new FormData();
		for (const [key, value, fileName, type] of entries) {
			if (fileName) fd.append(key, new Blob([value], { type }), fileName);
			else fd.append(key, value);
		}
		return fd;
	};
	const entityPath = (id, org = orgName) => `/v1/${org}/entities/${encodeURIComponent(id)}/link-media`;
	try {
		await section('unit21: multipart to entity', async () => {
			const meta = JSON.stringify({ media_type: 'IMAGE_ID_CARD_FRONT', source: 'selfcheck', timestamp: 1572673229 });
			let r = await put(entityPath(u.entity), form([['document_front', jpeg, 'front.jpg', 'image/jpeg'], ['document_front', meta], ['selfie', meta], ['selfie', jpeg, 'selfie.png', 'image/png']]));
			check('200 {}', r.status === 200 && r.buf.toString() === '{}', r.json);
			const up = sim.uploads.at(-1);
			check('upload recorded', up && up.objectType === 'entity' && up.orgName === orgName && up.objectId === u.entity && up.form === 'multipart' && up.files.length === 2, up);
			check('file details', up.files[0].key === 'document_front' && up.files[0].fileName === 'front.jpg' && up.files[0].mimeType === 'image/jpeg' && up.files[0].sha256 === sha256(jpeg) && up.files[0].bytes.equals(jpeg), up.files[0]);
			check('metadata either order', up.files[0].metadata.media_type === 'IMAGE_ID_CARD_FRONT' && up.files[1].metadataRaw === meta);
			check('requestHeaders kept', up.requestHeaders['u21-key'] === apiKey && 'content-length' in up.requestHeaders);
			r = await put(entityPath(u.entity2), form([['doc', jpeg, 'scan.jpeg', 'image/jpeg']]));
			check('no metadata ok (jpeg)', r.status === 200, r.json);
		});

		await section('unit21: auth, routing, data errors', async () => {
			const body = () => form([['doc', jpeg, 'a.jpg', 'image/jpeg']]);
			let r = await get(`${sim.url}${entityPath(u.entity)}`, {}, { method: 'PUT', body: body() });
			check('missing key → 401', r.status === 401 && r.json.error_code && r.json.message, r.json);
			r = await put(entityPath(u.entity), body(), { 'u21-key': 'nope' });
			check('wrong key → 401', r.status === 401, r.status);
			r = await put(entityPath(u.entity, 'other-org'), body());
			check('wrong org → 403', r.status === 403 && r.json.error_code === 'forbidden', r.json);
			r = await put(entityPath(u.entityUnknown), body());
			check('unknown entity → 404', r.status === 404 && r.json.error_code === 'resource_not_found', r.json);
			r = await put(entityPath(u.placeholderEntity), body());
			check('placeholder → 409', r.status === 409 && /placeholder/.test(r.json.message), r.json);
			r = await put(`/v1/alerts/${u.alert}/link-media`, body());
			check('alert → 200', r.status === 200 && sim.uploads.at(-1).objectType === 'alert', r.json);
			r = await put(`/v1/cases/${u.case}/link-media`, body());
			check('case → 200', r.status === 200 && sim.uploads.at(-1).objectId === u.case, r.json);
			r = await put(`/v1/cases/999999/link-media`, body());
			check('unknown case → 404', r.status === 404, r.status);
			r = await put(`/v1/${orgName}/events/${u.event}/link-media`, body());
			check('event without media_type → 400', r.status === 400, r.json);
			r = await put(`/v1/${orgName}/events/${u.event}/link-media`, form([['chk', jpeg, 'check.jpg', 'image/jpeg'], ['chk', '{"media_type":"IMAGE_CHECK_FRONT"}']]));
			check('event with media_type → 200', r.status === 200, r.json);
		});

		await section('unit21: body validation', async () => {
			let r = await put(entityPath(u.entity), form([['doc', jpeg, 'a.jpg', 'image/jpeg'], ['doc', '{not json']]));
			check('bad metadata JSON → 400', r.status === 400, r.json);
			r = await put(entityPath(u.entity), form([['doc', '{"media_type":"X"}']]));
			check('metadata without file → 400', r.status === 400, r.json);
			r = await put(entityPath(u.entity), form([['doc', Buffer.from('webm'), 'call.webm', 'video/webm']]));
			check('webm not allowed → 400', r.status === 400, r.json);
			r = await put(entityPath(u.entity), form([['doc', Buffer.alloc(5 * 1024 * 1024 + 1, 1), 'big.pdf', 'application/pdf']]));
			check('5 MB + 1 → 413 file_too_large', r.status === 413 && r.json.error_code === 'file_too_large', r.json);
			r = await put(entityPath(u.entity), form([['doc', Buffer.alloc(5 * 1024 * 1024, 1), 'max.pdf', 'application/pdf']]));
			check('exactly 5 MB → 200', r.status === 200, r.json);
			const json = (items) => put(entityPath(u.entity), JSON.stringify(items), { 'Content-Type': 'application/json' });
			r = await json([{ media: jpeg.toString('base64'), name: 'front.jpg', media_type: 'IMAGE_ID_CARD_FRONT', custom_data: { a: 1 } }]);
			const up = sim.uploads.at(-1);
			check('json form → 200', r.status === 200 && up.form === 'json' && up.files[0].sha256 === sha256(jpeg) && up.files[0].metadata.custom_data.a === 1, r.json);
			r = await json([{ media: 'data:image/jpeg;base64,AAAA', name: 'x.jpg' }]);
			check('data: prefix → 400', r.status === 400, r.json);
			r = await json([{ media: jpeg.toString('base64'), name: 'noext' }]);
			check('no extension → 400', r.status === 400, r.json);
		});

		await section('unit21: 429 / 423 faults', async () => {
			sim.injectFault({ method: 'PUT', status: 429 });
			let r = await put(entityPath(u.entity), form([['doc', jpeg, 'a.jpg', 'image/jpeg']]));
			const reset = Number(r.headers.get('x-ratelimit-reset'));
			check('429 headers', r.status === 429 && r.headers.get('x-ratelimit-limit') && r.headers.get('x-ratelimit-remaining') === '0' && reset >= Math.floor(Date.now() / 1000), [...r.headers]);
			sim.injectFault({ method: 'PUT', status: 423 });
			r = await put(entityPath(u.entity), form([['doc', jpeg, 'a.jpg', 'image/jpeg']]));
			check('423 shape', r.status === 423 && r.json.error_code === 'locked', r.json);
			check('recorded faulted requests', sim.requests.at(-1).status === 423 && sim.requests.at(-1).fault.status === 423);
		});

		await section('unit21: get entity', async () => {
			const getE = (id, org = orgName, headers = { 'u21-key': apiKey }) => get(`${sim.url}/v1/${org}/entities/${encodeURIComponent(id)}`, headers);
			let r = await getE(u.entity);
			const e = r.json;
			check('cust-1001 → 200', r.status === 200 && /^application\/json/.test(r.headers.get('content-type')), r.json);
			check('general_data', e.general_data.entity_id === u.entity && e.general_data.entity_type === 'user' && e.general_data.status === 'active' && Number.isInteger(e.general_data.registered_at) && Array.isArray(e.general_data.tags), e.general_data);
			check('user_data', e.user_data.first_name === 'Maria' && e.user_data.year_of_birth === 1990, e.user_data);
			check('custom_data links the Veriff session', e.custom_data.veriff_session_id === DEMO.veriff.sessionApproved, e.custom_data);
			const media = e.media_data.find((m) => m.name === 'front.jpg');
			check('media_data from link-media', Array.isArray(e.media_data) && media && media.media_type === 'IMAGE_ID_CARD_FRONT' && Number.isInteger(media.created_at) && !('media' in media), e.media_data);
			check('media without metadata → media_type null', e.media_data.some((m) => m.name === 'selfie.png' && m.media_type === 'IMAGE_ID_CARD_FRONT') && (await getE(u.entity2)).json.media_data.some((m) => m.name === 'scan.jpeg' && m.media_type === null));
			check('sumsub entity id = Sumsub externalUserId', u.sumsubEntity === DEMO.sumsub.externalUserId && u.entities.includes(u.sumsubEntity));
			r = await getE(u.sumsubEntity);
			check('demo-user-001 links the Sumsub applicant', r.status === 200 && r.json.custom_data.sumsub_applicant_id === DEMO.sumsub.applicantCompleted && r.json.user_data.last_name === 'Fischer', r.json);
			r = await getE(u.entity2);
			check('cust-1002 links sessionImagesOnly', r.json.custom_data.veriff_session_id === DEMO.veriff.sessionImagesOnly, r.json);
			r = await getE(u.entityUnknown);
			check('unknown → 404 resource_not_found', r.status === 404 && r.json.error_code === 'resource_not_found' && typeof r.json.message === 'string', r.json);
			r = await getE(`n8n-credential-test-${Date.now()}`);
			check('credential probe → 404', r.status === 404 && r.json.error_code === 'resource_not_found', r.json);
			r = await getE(u.placeholderEntity);
			check('placeholder → 404 (not listed)', r.status === 404, r.json);
			r = await getE(u.entity, 'other-org');
			check('other org → 403', r.status === 403 && r.json.error_code === 'forbidden', r.json);
			r = await getE(u.entity, orgName, {});
			check('no key → 401', r.status === 401, r.status);
			check('DEMO webhook secret is 20 characters', /^[A-Za-z0-9]{20}$/.test(DEMO.credentials.unit21.webhookSecret));
		});

		await section('unit21: create / upsert entities', async () => {
			const post = (body, headers = {}) =>
				get(`${sim.url}/v1/entities/create`, { 'u21-key': apiKey, 'Content-Type': 'application/json', ...headers }, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });
			const getE = (id) => get(`${sim.url}/v1/${orgName}/entities/${encodeURIComponent(id)}`, { 'u21-key': apiKey });
			sim.clearEntityWrites();
			const odd = 'kyc/2024#1?x=50%&y+z';
			let r = await post({ general_data: { entity_id: odd, entity_type: 'user', status: 'active', registered_at: 1623365011, tags: ['kyc_vendor:sumsub'] }, user_data: { first_name: 'John' }, custom_data: { a: 1 } });
			check('create → 200 previously_existed false', r.status === 200 && r.json.entity_id === odd && r.json.previously_existed === false, r.json);
			r = await getE(odd);
			check('GET with / # ? % & + in the id', r.status === 200 && r.json.general_data.entity_id === odd && r.json.user_data.first_name === 'John' && r.json.custom_data.a === 1, r.json);
			check('no org in the create path: key org', sim.entityWrites.at(-1).orgName === orgName && sim.entityWrites.at(-1).outcome === 'created');

			r = await post({ general_data: { entity_id: u.entity, tags: ['risk:high'] }, custom_data: { risk: 'high' }, options: { merge_custom_data: true } });
			check('upsert existing → previously_existed true', r.status === 200 && r.json.previously_existed === true, r.json);
			r = await getE(u.entity);
			check('merge_custom_data: keys merged', r.json.custom_data.veriff_session_id === DEMO.veriff.sessionApproved && r.json.custom_data.risk === 'high', r.json.custom_data);
			check('tags union, user_data kept', r.json.general_data.tags.includes('kyc_vendor:veriff') && r.json.general_data.tags.includes('risk:high') && r.json.user_data.first_name === 'Maria', r.json);
			r = await post({ general_data: { entity_id: u.entity2 }, custom_data: { replaced: true } });
			r = await getE(u.entity2);
			check('merge_custom_data false (default): replaced', JSON.stringify(r.json.custom_data) === '{"replaced":true}' && r.json.user_data.first_name === 'Jonas', r.json);
			r = await post({ general_data: { entity_id: u.entity2, status: 'inactive' }, user_data: { last_name: 'Berger' } });
			r = await getE(u.entity2);
			check('no custom_data: kept; user_data merged field by field', r.json.custom_data.replaced === true && r.json.user_data.first_name === 'Jonas' && r.json.user_data.last_name === 'Berger' && r.json.general_data.status === 'inactive', r.json);

			r = await post({ general_data: { entity_id: u.entity }, options: { upsert_on_conflict: false } });
			check('upsert_on_conflict false + exists → 409', r.status === 409 && r.json.error_code === 'conflict' && r.json.message, r.json);
			r = await post({ general_data: { entity_id: 'brand-new-1', entity_type: 'business' }, business_data: { business_name: 'Acme' }, options: { upsert_on_conflict: false } });
			check('upsert_on_conflict false + new → 200', r.status === 200 && r.json.previously_existed === false, r.json);
			r = await getE('brand-new-1');
			check('business_data served', r.json.business_data.business_name === 'Acme' && !('user_data' in r.json), r.json);

			const before = sim.entityWrites.length;
			const same = { general_data: { entity_id: 'brand-new-1' }, custom_data: { k: 'v' } };
			await post(same);
			r = await post(same);
			check('identical repeat → 200, ignored', r.status === 200 && sim.entityWrites.at(-1).outcome === 'unchanged' && sim.entityWrites.at(-2).outcome === 'updated', sim.entityWrites.slice(-2).map((w) => w.outcome));
			check('entityWrites keep parsed bodies', sim.entityWrites.length === before + 2 && sim.entityWrites.at(-1).body.custom_data.k === 'v' && sim.entityWrites.at(-1).rawBody === JSON.stringify(same) && sim.entityWrites.at(-1).requestHeaders['u21-key'] === apiKey);

			r = await post({ general_data: { entity_type: 'user' } });
			check('no entity_id → 400', r.status === 400 && /entity_id/.test(r.json.message) && sim.entityWrites.at(-1).status === 400, r.json);
			r = await post({ user_data: {} });
			check('no general_data → 400', r.status === 400, r.json);
			r = await post({ general_data: { entity_id: 'new-without-type' } });
			check('new entity without entity_type → 400', r.status === 400 && /entity_type/.test(r.json.message), r.json);
			r = await post({ general_data: { entity_id: 'has space', entity_type: 'user' } });
			check('id outside the allowed characters → 400', r.status === 400, r.json);
			r = await post({ general_data: { entity_id: 'x'.repeat(129), entity_type: 'user' } });
			check('id of 129 characters → 400', r.status === 400, r.json);
			r = await post('{"general_data": ');
			check('invalid JSON → 400', r.status === 400 && sim.entityWrites.at(-1).body === null, r.json);
			r = await post({ general_data: { entity_id: 'x1', entity_type: 'user', registered_at: '2024-01-01' } });
			check('registered_at not an integer → 400', r.status === 400, r.json);
			r = await post({ entities: [{ general_data: { entity_id: 'b1', entity_type: 'user' } }] });
			check('batch → 400 (not simulated)', r.status === 400 && /not simulated/.test(r.json.message), r.json);
			r = await get(`${sim.url}/v1/entities/create`, { 'u21-key': apiKey });
			check('GET /entities/create → 405', r.status === 405, r.status);
			r = await post({ general_data: { entity_id: u.entity } }, { 'u21-key': 'nope' });
			check('wrong key → 401', r.status === 401, r.json);
			r = await get(`${sim.url}/v1/${orgName}/entities/create`, { 'u21-key': apiKey, 'Content-Type': 'application/json' }, { method: 'POST', body: '{}' });
			check('org in the create path → no route', r.status === 404 || r.status === 405, r.status);

			sim.setEntityBusy(u.entity, 2);
			const codes = [];
			for (let i = 0; i < 3; i++) codes.push((await post({ general_data: { entity_id: u.entity }, custom_data: { n: i } })).status);
			check('setEntityBusy(id, 2) → 423, 423, 200', JSON.stringify(codes) === '[423,423,200]', codes);
			check('423 body', sim.entityWrites.at(-2).error.error_code === 'locked', sim.entityWrites.at(-2).error);
			sim.setEntityBusy(u.entity, 1);
			r = await put(entityPath(u.entity), form([['doc', jpeg, 'a.jpg', 'image/jpeg']]));
			check('busy entity: link-media → 423 once', r.status === 423 && (await put(entityPath(u.entity), form([['doc', jpeg, 'a.jpg', 'image/jpeg']]))).status === 200, r.json);

			r = await post({ general_data: { entity_id: u.placeholderEntity, entity_type: 'user' }, options: { upsert_on_conflict: false } });
			check('placeholder → created (previously_existed false)', r.status === 200 && r.json.previously_existed === false, r.json);
			check('… then GET 200 and link-media 200', (await getE(u.placeholderEntity)).status === 200 && (await put(entityPath(u.placeholderEntity), form([['doc', jpeg, 'a.jpg', 'image/jpeg']]))).status === 200);

			sim.injectFault({ path: '/v1/entities/create', status: 429 });
			r = await post({ general_data: { entity_id: u.entity } });
			check('injected 429 on create', r.status === 429 && r.headers.get('x-ratelimit-reset') && r.json.error_code === 'rate_limit_exceeded', r.json);
			sim.injectFault({ method: 'POST', path: '/v1/entities/create', status: 503 });
			r = await post({ general_data: { entity_id: u.entity } });
			check('injected 503 on create', r.status === 503 && r.json.error_code, r.json);
			sim.setRateLimit({ perRoute: 2, windowMs: 5000 });
			const rl = [];
			for (let i = 0; i < 3; i++) rl.push((await post({ general_data: { entity_id: u.entity }, custom_data: { rl: i } })).status);
			r = await getE(u.entity);
			check('setRateLimit per route: 200, 200, 429; other route still 200', JSON.stringify(rl) === '[200,200,429]' && r.status === 200, [rl, r.status]);
			sim.setRateLimit(null);
			sim.setCreateBodyLimit(1000);
			r = await post({ general_data: { entity_id: u.entity }, custom_data: { big: 'x'.repeat(1000) } });
			check('body over the limit → 413', r.status === 413, r.json);
			sim.setCreateBodyLimit();
			sim.setCreateResponseStyle('current');
			r = await post({ general_data: { entity_id: u.entity }, custom_data: { style: 'current' } });
			check("style 'current' → {entity_id} only", r.status === 200 && JSON.stringify(r.json) === JSON.stringify({ entity_id: u.entity }), r.json);
			sim.setCreateResponseStyle('legacy');
			check('getEntityData helper', sim.getEntityData(u.entity).custom_data.style === 'current' && sim.getEntityData(u.entityUnknown) === null);
		});

		await section('unit21: signed webhooks', async () => {
			const secret = DEMO.credentials.unit21.webhookSecret;
			const received = [];
			let answers = [];
			const server = require('node:http').createServer((req, res) => {
				const chunks = [];
				req.on('data', (c) => chunks.push(c));
				req.on('end', () => {
					received.push({ headers: req.headers, raw: Buffer.concat(chunks) });
					const status = answers.shift() || 200;
					res.writeHead(status, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ received: true }));
				});
			});
			await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
			const url = `http://127.0.0.1:${server.address().port}/webhook`;
			/** Verify like a receiver following docs.unit21.ai/reference/webhook-verification, from scratch. */
			const verify = (rec, maxAgeSeconds = 300) => {
				const header = rec.headers['unit21-signature'];
				if (typeof header !== 'string') return 'missing';
				const m = /^t=(\d+),s0=([0-9a-f]{64})$/.exec(header);
				if (!m) return 'malformed';
				const expected = crypto.createHmac('sha256', secret).update(`${m[1]}.`).update(rec.raw).digest('hex');
				if (expected !== m[2]) return 'mismatch';
				if (Math.abs(Date.now() / 1000 - Number(m[1])) > maxAgeSeconds) return 'stale';
				return 'ok';
			};
			try {
				const samples = sim.webhookSamples;
				const alert = samples.alertActionTriggered({ change_time: 1710412200 });
				check('alert sample', alert.object_type === 'ALERT' && alert.change === 'ACTION_TRIGGERED' && alert.unit21_id === Number(u.alert) && typeof alert.alert_id === 'string' && alert.change_time === 1710412200 && alert.entities[0].entity_id === u.entity && alert.entities[0].entity_type === 'user' && alert.action_name === 'Pull KYC evidence', alert);
				const flagged = samples.entityFlagged();
				check('entity flagged sample', flagged.object_type === 'ENTITY' && flagged.entity_id === u.entity && Number.isInteger(flagged.change_time) && flagged.custom_data.veriff_session_id === DEMO.veriff.sessionApproved, flagged);
				const kase = samples.caseCreated();
				check('case created sample', kase.object_type === 'CASE' && kase.change === 'CREATED' && kase.unit21_id === Number(u.case) && kase.entities[0].entity_id === u.entity, kase);

				let r = await sim.sendWebhook(url, alert);
				let rec = received.at(-1);
				check('signed webhook: receiver verifies', r.status === 200 && r.json.received === true && verify(rec) === 'ok', [r, rec.headers]);
				check('content-type json, header shape', rec.headers['content-type'] === 'application/json' && rec.headers['unit21-signature'] === r.signatureHeader && Number(rec.headers['content-length']) === rec.raw.length);
				check('python-style raw body', rec.raw.toString().startsWith('{"unit21_id": 42, "object_type": "ALERT"') && JSON.stringify(JSON.parse(rec.raw)) === JSON.stringify(alert), rec.raw.toString().slice(0, 80));
				check('re-serialised body would not verify', crypto.createHmac('sha256', secret).update(`${r.timestamp}.${JSON.stringify(JSON.parse(rec.raw))}`).digest('hex') !== r.signatureHeader.split('s0=')[1]);
				const t = 1700000000;
				r = await sim.sendWebhook(url, { unit21_id: 1, name: 'Zoë "Q" \\ ✓' }, { timestamp: t });
				rec = received.at(-1);
				check('fixed t: independent HMAC over "<t>." + raw', r.signatureHeader === `t=${t},s0=${crypto.createHmac('sha256', secret).update(`${t}.${rec.raw.toString('latin1')}`, 'latin1').digest('hex')}` && rec.raw.toString() === '{"unit21_id": 1, "name": "Zo\\u00eb \\"Q\\" \\\\ \\u2713"}', [r.signatureHeader, rec.raw.toString()]);
				check('… and that is stale for a 5-minute window', verify(rec) === 'stale');
				r = await sim.sendWebhook(url, kase, { serialization: 'compact' });
				rec = received.at(-1);
				check("serialization 'compact'", rec.raw.toString() === JSON.stringify(kase) && verify(rec) === 'ok');
				r = await sendUnit21Webhook(url, flagged, { secret });
				check('standalone sendUnit21Webhook', r.status === 200 && verify(received.at(-1)) === 'ok');

				await sim.sendWebhook(url, alert, { tamper: 'unsigned' });
				check("tamper 'unsigned' → no header", verify(received.at(-1)) === 'missing');
				await sim.sendWebhook(url, alert, { tamper: 'wrong-signature' });
				check("tamper 'wrong-signature' → mismatch", verify(received.at(-1)) === 'mismatch');
				r = await sim.sendWebhook(url, alert, { tamper: 'stale' });
				check("tamper 'stale' → valid HMAC, old t", verify(received.at(-1)) === 'stale' && verify(received.at(-1), 7200) === 'ok' && r.timestamp <= Date.now() / 1000 - 3600);
				r = await sim.sendWebhook(url, alert, { tamper: 'body' });
				rec = received.at(-1);
				check("tamper 'body' → mismatch, body differs", verify(rec) === 'mismatch' && JSON.parse(rec.raw).unit21_id === alert.unit21_id + 1 && r.signedBody !== r.sentBody);
				await sim.sendWebhook(url, alert, { tamper: 'malformed' });
				check("tamper 'malformed' → no s0", verify(received.at(-1)) === 'malformed');
				check('webhookDeliveries recorded', sim.webhookDeliveries.length === 8, sim.webhookDeliveries.length);

				answers = [500, 503];
				r = await sim.sendWebhook(url, alert, { retry: true, retryDelaysMs: [20, 20] });
				check('retry like Unit21: 3 requests at most', JSON.stringify(r.attempts.map((a) => a.status)) === '[500,503,200]' && r.status === 200, r.attempts);
				answers = [401, 401, 401];
				r = await sim.sendWebhook(url, alert, { retry: true, retryDelaysMs: [1, 1] });
				check('… gives up after 3', r.attempts.length === 3 && r.status === 401, r.attempts);
				r = await sim.sendWebhook('http://127.0.0.1:1/nothing', alert);
				check('unreachable → status null + error', r.status === null && /ECONNREFUSED/.test(r.error), r);
			} finally {
				await new Promise((resolve) => server.close(resolve));
			}
		});
	} finally {
		await sim.close();
	}
}

(async () => {
	await veriffChecks();
	await sumsubChecks();
	await unit21Checks();
	console.log(`\n${passes} checks passed, ${failures} failed`);
	process.exit(failures ? 1 : 0);
})();
