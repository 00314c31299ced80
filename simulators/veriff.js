'use strict';
/**
 * Veriff API simulator (sessions, attempts, media, decision).
 *
 * Request authentication is checked the vendor's way, independently of the package's code:
 * - `X-AUTH-CLIENT` = API key on every request (401 1801 missing / 1802 not a UUID / 1803 unknown).
 * - `X-HMAC-SIGNATURE` = hex HMAC-SHA256(shared secret, payload), hex compared
 *   case-insensitively in constant time. Payload: the bare id from the path for GET/DELETE
 *   (401 1818 on mismatch), the raw body bytes for POST/PATCH (401 1819).
 *   `POST /v1/sessions` needs no signature.
 * Successful JSON responses are signed: `X-HMAC-SIGNATURE` and `vrf-hmac-signature` =
 * HMAC-SHA256(secret, raw response body). Binary media is not signed unless
 * `signBinaryMedia: true` (UNCONFIRMED in Veriff's docs); JSON media (NFC as JSON) is.
 */
const crypto = require('node:crypto');
const {
	startSimulatorServer,
	jsonResponse,
	parseTarget,
	hmacHex,
	hexSignatureMatches,
	Content,
	specimenImage,
	tinyJpeg,
	tinyPng,
	videoContent,
	uuidFromName,
	UUID_RE,
} = require('./common');
const { DEMO, seedVeriff } = require('./demo-data');

const fail = (status, code, message) => jsonResponse(status, { status: 'fail', code: String(code), message });

/** Default messages for injected statuses (body `{"status":"fail","code":"1102",…}`). */
const FAULT_MESSAGES = {
	400: 'Request includes invalid parameters.',
	401: 'Could not authenticate request.',
	403: 'Forbidden.',
	404: 'Not found.',
	409: 'Conflict.',
	429: 'Too many requests.',
	500: 'Something went wrong.',
	502: 'Bad gateway.',
	503: 'Service temporarily unavailable.',
	504: 'Gateway timeout.',
};

/**
 * @typedef {object} VeriffMediaSpec
 * @property {string} [id] uuid (generated when missing)
 * @property {string} context e.g. 'face', 'document-front', 'selfid_video', 'document-nfc'
 * @property {string} [name] defaults to the context
 * @property {string} [mimetype] default image/jpeg, video/webm, application/octet-stream
 * @property {Buffer} [bytes] exact bytes to serve
 * @property {number} [size] generate deterministic content of this size instead (videos, NFC)
 * @property {true|{kind?: string, label?: string, blur?: number}} [specimen] serve an image (JPEG/PNG)
 *   as a drawn SPECIMEN picture (a few KB, drawn on first use) of what its context shows (see
 *   {@link veriffSpecimen}; an object overrides kind, label or blur) instead of the default tiny
 *   16x16 placeholder. The demo seed asks for it; sessions added in bulk by tests and the
 *   benchmark keep the placeholders, which cost nothing to make.
 * @property {number|string} [duration] videos only (seconds)
 * @property {boolean} [sizeAsString] serve `size` as a string (default: true for videos)
 * @property {boolean} [durationAsString] serve `duration` as a string (default: true)
 */

/**
 * @typedef {object} VeriffAttemptSpec
 * @property {string} [id]
 * @property {string} [status] default 'submitted'
 * @property {string|null} [createdTime] ISO time; null = not returned; undefined = generated
 * @property {VeriffMediaSpec[]} [images]
 * @property {VeriffMediaSpec[]} [videos]
 * @property {VeriffMediaSpec[]|null} [nfcDocuments] undefined = key absent, null = null
 * @property {object} [userDefinedData]
 */

/**
 * The SPECIMEN picture (common.specimenImage options) a Veriff image shows: faces are selfies,
 * document photos an ID card or, when the session's decision names a PASSPORT, a passport
 * (front: the data page, back: the back cover); anything else a generic page. The label
 * (printed small, and in the file's comment) names the context and the media id, so every
 * media item has its own bytes.
 * @param {string} context @param {string} id @param {string|null|undefined} documentType
 */
function veriffSpecimen(context, id, documentType) {
	const c = String(context).toLowerCase();
	const passport = String(documentType || '').toUpperCase() === 'PASSPORT';
	let kind = 'generic';
	if (/face|selfie/.test(c)) kind = 'selfie';
	else if (/^document/.test(c)) kind = /back/.test(c) ? (passport ? 'passportBack' : 'idBack') : passport ? 'passport' : 'idFront';
	return { kind, label: `VERIFF ${context} ${id.slice(0, 8)}` };
}

/**
 * Start a Veriff simulator.
 * @param {object} [options]
 * @param {string} [options.apiKey] default DEMO.credentials.veriff.apiKey
 * @param {string} [options.sharedSecret] default DEMO.credentials.veriff.sharedSecret
 * @param {number} [options.port=0]
 * @param {'demo'|'empty'} [options.seed='demo']
 * @param {number} [options.videoSize] size of the demo selfid video (default 1 MiB)
 * @param {boolean} [options.signBinaryMedia=false] also sign binary media downloads
 * @param {boolean} [options.inactive=false] integration deactivated: every request → 401 1804
 * @param {Function} [options.log] per-request log callback (see common.startSimulatorServer)
 */
async function startVeriffSimulator(options = {}) {
	const apiKey = options.apiKey ?? DEMO.credentials.veriff.apiKey;
	const sharedSecret = options.sharedSecret ?? DEMO.credentials.veriff.sharedSecret;
	let signBinaryMedia = !!options.signBinaryMedia;
	let inactive = !!options.inactive;

	/** @type {Map<string, object>} sessionId → {id, vendorData, status, attempts (newest first), decision} */
	const sessions = new Map();
	/** @type {Map<string, object>} mediaId → internal media record */
	const media = new Map();
	/** @type {Map<string, object>} attemptId → attempt record */
	const attempts = new Map();
	let counter = 0;

	const core = await startSimulatorServer({
		name: 'veriff',
		port: options.port,
		log: options.log,
		recordBodyLimit: options.recordBodyLimit,
		handle,
		errorResponse: (status) => fail(status, '1102', FAULT_MESSAGES[status] || `HTTP ${status}`),
		decorate: signResponse,
	});

	// -- data -------------------------------------------------------------------------

	function addMedia(spec, kind, attempt) {
		const id = (spec.id || uuidFromName(`veriff:media:${attempt.id}:${kind}:${++counter}`)).toLowerCase();
		const context = spec.context || (kind === 'video' ? 'selfid_video' : kind === 'nfc' ? 'document-nfc' : 'face');
		const mimetype = spec.mimetype || (kind === 'video' ? 'video/webm' : kind === 'nfc' ? 'application/octet-stream' : 'image/jpeg');
		const format = /png/.test(mimetype) ? 'png' : /jpe?g/.test(mimetype) ? 'jpeg' : null;
		let content;
		if (spec.bytes) content = new Content({ bytes: spec.bytes });
		else if (kind === 'video') content = videoContent({ seed: `veriff:${id}`, size: spec.size ?? 262144, mimetype });
		else if (format && spec.specimen) {
			// Drawn on first use (listing sizes, download): seeding stays instant.
			const specimen = { ...veriffSpecimen(context, id, attempt.documentType), ...(spec.specimen === true ? {} : spec.specimen), format };
			content = new Content({ lazy: () => specimenImage(specimen).bytes });
		} else if (format === 'png') content = new Content({ bytes: tinyPng(`veriff ${context} ${id}`) });
		else if (format === 'jpeg') content = new Content({ bytes: tinyJpeg(`veriff ${context} ${id}`) });
		else if (mimetype === 'application/json') content = new Content({ bytes: Buffer.from(JSON.stringify({ context, documentId: id, dataGroups: { DG1: 'P<D<<MUSTERMANN<<MARIA' } })) });
		else content = new Content({ seed: `veriff:${id}`, size: spec.size ?? 2048 });
		const record = {
			id,
			kind,
			name: spec.name || context,
			context,
			mimetype,
			content,
			sessionId: attempt.sessionId,
			attemptId: attempt.id,
			duration: kind === 'video' ? spec.duration ?? 10 : undefined,
			sizeAsString: spec.sizeAsString ?? kind === 'video',
			durationAsString: spec.durationAsString ?? true,
		};
		media.set(id, record);
		return record;
	}

	/**
	 * Add a session with attempts (newest first) and media.
	 * @param {{id?: string, vendorData?: string, status?: string, attempts?: VeriffAttemptSpec[], decision?: object|null}} spec
	 *   `decision` is the `verification` object of GET /decision (null/undefined → `verification: null`)
	 * @returns {{sessionId: string, attempts: {attemptId: string, images: string[], videos: string[], nfcDocuments: string[]}[]}}
	 */
	function addSession(spec = {}) {
		const id = (spec.id || uuidFromName(`veriff:session:${++counter}`)).toLowerCase();
		const session = { id, vendorData: spec.vendorData ?? null, status: spec.status || 'submitted', attempts: [], decision: spec.decision ?? null };
		sessions.set(id, session);
		const result = { sessionId: id, attempts: [] };
		for (const a of spec.attempts || []) {
			const attempt = {
				id: (a.id || uuidFromName(`veriff:attempt:${id}:${++counter}`)).toLowerCase(),
				sessionId: id,
				status: a.status || 'submitted',
				createdTime: a.createdTime === undefined ? new Date(Date.UTC(2024, 0, 1) + counter * 60000).toISOString() : a.createdTime,
				userDefinedData: a.userDefinedData,
				documentType: session.decision?.document?.type ?? null,
			};
			attempt.images = (a.images || []).map((m) => addMedia(m, 'image', attempt));
			attempt.videos = (a.videos || []).map((m) => addMedia(m, 'video', attempt));
			attempt.nfcDocuments = a.nfcDocuments === undefined ? undefined : a.nfcDocuments === null ? null : a.nfcDocuments.map((m) => addMedia(m, 'nfc', attempt));
			session.attempts.push(attempt);
			attempts.set(attempt.id, attempt);
			result.attempts.push({
				attemptId: attempt.id,
				images: attempt.images.map((m) => m.id),
				videos: attempt.videos.map((m) => m.id),
				nfcDocuments: (attempt.nfcDocuments || []).map((m) => m.id),
			});
		}
		return result;
	}

	/**
	 * Add a large generated video (streamed, never held in memory) to a session's newest
	 * attempt (or `attemptId`). Returns the media object as the API serves it.
	 * @param {{sessionId: string, attemptId?: string, size: number, context?: string, mimetype?: string, duration?: number|string, id?: string, sizeAsString?: boolean}} spec
	 */
	function addLargeVideo(spec) {
		const session = sessions.get(String(spec.sessionId).toLowerCase());
		if (!session) throw new Error(`addLargeVideo: unknown session ${spec.sessionId}`);
		let attempt = spec.attemptId ? attempts.get(String(spec.attemptId).toLowerCase()) : session.attempts[0];
		if (!attempt) {
			// no attempt yet: create one
			attempt = { id: uuidFromName(`veriff:attempt:${session.id}:${++counter}`), sessionId: session.id, status: 'submitted', createdTime: new Date().toISOString(), images: [], videos: [] };
			session.attempts.unshift(attempt);
			attempts.set(attempt.id, attempt);
		}
		const record = addMedia({ context: 'selfid_video', mimetype: 'video/webm', ...spec, bytes: undefined }, 'video', attempt);
		attempt.videos.push(record);
		return publicMedia(record);
	}

	function publicMedia(m) {
		const out = {
			id: m.id,
			name: m.name,
			context: m.context,
			timestamp: null,
			size: m.sizeAsString ? String(m.content.size) : m.content.size,
			mimetype: m.mimetype,
			url: `${core.url}/v1/media/${m.id}`,
			sessionId: m.sessionId,
		};
		if (m.kind === 'video') out.duration = m.durationAsString ? String(m.duration) : Number(m.duration);
		return out;
	}

	// -- request handling -------------------------------------------------------------

	async function handle(ctx) {
		const target = parseTarget(ctx.url);
		if (!target) return fail(400, 1104, 'Request includes invalid parameters.');
		const seg = target.segments;
		if (seg[0] !== 'v1') return fail(404, 1102, 'Route not found.');

		const route = matchRoute(ctx.method, seg.slice(1));
		if (!route) return fail(404, 1102, `Route ${ctx.method} ${target.rawPath} not found.`);

		// 1. API key
		const client = ctx.headers['x-auth-client'];
		if (typeof client !== 'string' || client.trim() === '') {
			return fail(401, 1801, 'Mandatory X-AUTH-CLIENT header containing the API key is missing from the request.');
		}
		if (!UUID_RE.test(client)) return fail(401, 1802, 'API key is not a valid UUID.');
		if (client !== apiKey) return fail(401, 1803, 'Integration not found.');
		if (inactive) return fail(401, 1804, 'Integration with API key is not active.');

		// 2. id format (GET routes and PATCH carry an id in the path)
		if (route.id !== undefined && !UUID_RE.test(route.id)) return fail(400, 1002, 'Query ID must be a valid UUID V4');

		// 3. signature
		let body = Buffer.alloc(0);
		if (ctx.method === 'POST' || ctx.method === 'PATCH') body = await ctx.readBody();
		if (route.signed) {
			const signature = ctx.headers['x-hmac-signature'];
			if (ctx.method === 'GET' || ctx.method === 'DELETE') {
				if (!hexSignatureMatches(signature, hmacHex(sharedSecret, route.id))) {
					return fail(401, 1818, 'Signature "x-hmac-signature" does not match the HMAC-SHA256 of query ID and integration API secret.');
				}
			} else if (!hexSignatureMatches(signature, hmacHex(sharedSecret, body))) {
				return fail(401, 1819, 'Signature "x-hmac-signature" does not match the HMAC-SHA256 of request body and integration API secret.');
			}
		}
		return route.run(route.id && route.id.toLowerCase(), body);
	}

	function matchRoute(method, s) {
		if (s[0] === 'sessions' && s.length === 1 && method === 'POST') return { signed: false, run: (_id, body) => createSession(body) };
		if (s[0] === 'sessions' && s.length === 2 && method === 'PATCH') return { id: s[1], signed: true, run: patchSession };
		if (method !== 'GET') return null;
		if (s[0] === 'sessions' && s.length === 3) {
			const run = { media: sessionMedia, attempts: sessionAttempts, decision: sessionDecision }[s[2]];
			return run ? { id: s[1], signed: true, run } : null;
		}
		if (s[0] === 'attempts' && s.length === 3 && s[2] === 'media') return { id: s[1], signed: true, run: attemptMedia };
		if (s[0] === 'media' && s.length === 2) return { id: s[1], signed: true, run: downloadMedia };
		return null;
	}

	const sessionNotFound = () => fail(404, 1102, 'Session not found.');
	const listOf = (records) => records.map(publicMedia);

	function sessionMedia(id) {
		const session = sessions.get(id);
		if (!session) return sessionNotFound();
		const latest = session.attempts[0];
		const body = { status: 'success', images: latest ? listOf(latest.images) : [], videos: latest ? listOf(latest.videos) : [] };
		if (latest && latest.nfcDocuments !== undefined) body.nfcDocuments = latest.nfcDocuments === null ? null : listOf(latest.nfcDocuments);
		return jsonResponse(200, body);
	}

	function sessionAttempts(id) {
		const session = sessions.get(id);
		if (!session) return sessionNotFound();
		const verifications = session.attempts.map((a) => {
			const v = { id: a.id, status: a.status };
			if (a.createdTime) v.createdTime = a.createdTime;
			if (a.userDefinedData !== undefined) v.userDefinedData = a.userDefinedData;
			return v;
		});
		return jsonResponse(200, { status: 'success', verifications });
	}

	function sessionDecision(id) {
		const session = sessions.get(id);
		if (!session) return sessionNotFound();
		return jsonResponse(200, { status: 'success', verification: session.decision, technicalData: { ip: session.decision ? '203.0.113.7' : null } });
	}

	function attemptMedia(id) {
		const attempt = attempts.get(id);
		if (!attempt) return fail(404, 1102, 'Attempt not found.');
		return jsonResponse(200, { status: 'success', images: listOf(attempt.images), videos: listOf(attempt.videos) });
	}

	function downloadMedia(id) {
		const m = media.get(id);
		if (!m) return fail(404, 1102, 'Media not found.');
		return { status: 200, headers: { 'content-type': m.mimetype }, body: m.content, media: m };
	}

	function createSession(body) {
		let parsed;
		try {
			parsed = JSON.parse(body.toString('utf8'));
		} catch {
			return fail(400, 1104, 'Request includes invalid parameters.');
		}
		if (!parsed || typeof parsed !== 'object' || !parsed.verification || typeof parsed.verification !== 'object') {
			return fail(400, 1102, 'Mandatory parameters are missing from the request.');
		}
		const vendorData = parsed.verification.vendorData ?? null;
		if (vendorData !== null && typeof vendorData !== 'string') return fail(400, 1501, 'vendorData must be a string.');
		const { sessionId } = addSession({ id: crypto.randomUUID(), vendorData, status: 'created' });
		return jsonResponse(201, { status: 'success', verification: sessionView(sessions.get(sessionId)) });
	}

	function patchSession(id, body) {
		const session = sessions.get(id);
		if (!session) return sessionNotFound();
		let parsed;
		try {
			parsed = JSON.parse(body.toString('utf8'));
		} catch {
			return fail(400, 1104, 'Request includes invalid parameters.');
		}
		const status = parsed && parsed.verification && parsed.verification.status;
		if (!status) return fail(400, 1102, 'Mandatory parameters are missing from the request.');
		if (status !== 'submitted') return fail(400, 1303, 'Invalid status.');
		session.status = 'submitted';
		return jsonResponse(200, { status: 'success', verification: sessionView(session) });
	}

	function sessionView(session) {
		const token = crypto.createHash('sha256').update(`token:${session.id}`).digest('base64url');
		return {
			id: session.id,
			url: `https://alchemy.veriff.com/v/${token}`,
			vendorData: session.vendorData,
			host: 'https://alchemy.veriff.com',
			status: session.status,
			sessionToken: token,
		};
	}

	/** Sign successful JSON bodies (and binary media when `signBinaryMedia`). */
	async function signResponse(response, ctx) {
		if (response.status < 200 || response.status >= 300) return response;
		const type = String(response.headers['content-type'] || '');
		const isJson = type.startsWith('application/json');
		if (!isJson && !(signBinaryMedia && response.media)) return response;
		let signature =
			response.body instanceof Content ? await response.body.hmacSha256(sharedSecret) : hmacHex(sharedSecret, response.body);
		if (ctx.fault && ctx.fault.tamperSignature) signature = (signature[0] === '0' ? '1' : '0') + signature.slice(1);
		response.headers['x-hmac-signature'] = signature;
		response.headers['vrf-hmac-signature'] = signature;
		return response;
	}

	if ((options.seed ?? 'demo') === 'demo') seedVeriff({ addSession }, { videoSize: options.videoSize });

	return {
		...core,
		/** @type {Map<string, object>} sessions by id (read-only use) */
		sessions,
		/** @type {Map<string, object>} internal media records by id */
		media,
		addSession,
		addLargeVideo,
		/** The media object (API shape) for an id, or undefined. */
		getMediaObject: (id) => (media.has(String(id).toLowerCase()) ? publicMedia(media.get(String(id).toLowerCase())) : undefined),
		/** Exact bytes served for a (small, ≤ 64 MiB) media item. */
		mediaBytes(id) {
			const m = media.get(String(id).toLowerCase());
			if (!m) throw new Error(`unknown media ${id}`);
			return m.content.bytes();
		},
		/** Hex sha256 of what GET /v1/media/{id} serves (any size; streamed and cached). */
		async mediaSha256(id) {
			const m = media.get(String(id).toLowerCase());
			if (!m) throw new Error(`unknown media ${id}`);
			return m.content.sha256();
		},
		/** Toggle signing of binary media downloads (UNCONFIRMED vendor behaviour). */
		setSignBinaryMedia(on) {
			signBinaryMedia = !!on;
		},
		/** Simulate a deactivated integration (401 1804). */
		setInactive(on) {
			inactive = !!on;
		},
	};
}

module.exports = { startVeriffSimulator, veriffSpecimen };
