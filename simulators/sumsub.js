'use strict';
/**
 * Sumsub API simulator (applicants, inspections, Video Ident data and recordings).
 *
 * Every request is authenticated the vendor's way, independently of the package's code:
 * - `X-App-Token` must be the app token (401 `app-token-invalid`),
 * - `X-App-Access-Ts` unix seconds within 60 s of the server clock (401 `request-timestamp-out-of-range`),
 * - `X-App-Access-Sig` = lowercase hex HMAC-SHA256(secret key, ts + METHOD + req.url + raw body),
 *   where req.url is the path with query exactly as received on the wire (401 `signature-mismatch`).
 * Errors: `{description, code, correlationId: "req-<uuid>", errorCode, errorName}`; `errorCode`
 * is the "universal" code (= HTTP status) as Sumsub documents it for non-upload errors.
 */
const crypto = require('node:crypto');
const {
	startSimulatorServer,
	jsonResponse,
	parseTarget,
	hmacHex,
	hexSignatureMatches,
	Content,
	tinyJpeg,
	tinyPng,
	videoContent,
	objectIdFromName,
	OBJECT_ID_RE,
} = require('./common');
const { DEMO, seedSumsub } = require('./demo-data');

const ERROR_NAMES = {
	400: ['Bad request', 'bad-request'],
	401: ['Unauthorized', 'unauthorized'],
	403: ['Forbidden', 'forbidden'],
	404: ['Not found', 'not-found'],
	409: ['Conflict', 'conflict'],
	429: ['Too many requests', 'too-many-requests'],
	500: ['Internal server error', 'internal-error'],
	502: ['Bad gateway', 'bad-gateway'],
	503: ['Service unavailable', 'service-unavailable'],
	504: ['Gateway timeout', 'gateway-timeout'],
};

/** A Sumsub-shaped error response. */
function sumsubError(status, description, errorName) {
	const [defDescription, defName] = ERROR_NAMES[status] || [`HTTP ${status}`, 'error'];
	return jsonResponse(status, {
		description: description || defDescription,
		code: status,
		correlationId: `req-${crypto.randomUUID()}`,
		errorCode: status,
		errorName: errorName || defName,
	});
}

/** 'YYYY-MM-DD HH:mm:ss' in UTC, Sumsub's date format. */
const sumsubDate = (d) => d.toISOString().slice(0, 19).replace('T', ' ');

/**
 * Start a Sumsub simulator.
 * @param {object} [options]
 * @param {string} [options.appToken] default DEMO.credentials.sumsub.appToken
 * @param {string} [options.secretKey] default DEMO.credentials.sumsub.secretKey
 * @param {number} [options.port=0]
 * @param {'demo'|'empty'} [options.seed='demo']
 * @param {number} [options.videoSize] size of the first demo recording
 * @param {number} [options.maxClockSkewSec=60] accepted |server time − X-App-Access-Ts|
 * @param {Function} [options.log] per-request log callback
 */
async function startSumsubSimulator(options = {}) {
	const appToken = options.appToken ?? DEMO.credentials.sumsub.appToken;
	const secretKey = options.secretKey ?? DEMO.credentials.sumsub.secretKey;
	const maxSkew = options.maxClockSkewSec ?? 60;
	let clockOffsetSec = 0;
	let rateLimit = null; // {get, post, windowMs}
	const rate = { windowStart: 0, get: 0, post: 0, limited: 0, totalGet: 0, totalPost: 0 };

	/** @type {Map<string, object>} */ const applicants = new Map();
	/** @type {Map<string, object>} */ const inspections = new Map();
	/** @type {Map<string, object>} compositionMediaId → recording */ const recordings = new Map();
	/** @type {Map<string, object>} imageId → document image */ const images = new Map();
	let counter = 0;

	const core = await startSimulatorServer({
		name: 'sumsub',
		port: options.port,
		log: options.log,
		recordBodyLimit: options.recordBodyLimit,
		handle,
		errorResponse: (status) => sumsubError(status),
	});

	// -- data -------------------------------------------------------------------------

	const newId = (kind) => objectIdFromName(`sumsub:${kind}:${++counter}:${Date.now()}`);
	const checkId = (id, what) => {
		if (!OBJECT_ID_RE.test(id)) throw new Error(`${what} must be 24 lowercase hex chars: ${id}`);
		return id;
	};

	/**
	 * Add an applicant and its inspection.
	 * @param {{id?: string, inspectionId?: string, externalUserId?: string, createdAt?: string, key?: string,
	 *   levelName?: string, info?: object, review?: object, videoIdentData?: {reviewStatus: string, moderatorDisplayName?: string}|null}} spec
	 *   `videoIdentData` null/undefined → the inspection has no Video Ident data
	 * @returns {{applicantId: string, inspectionId: string}}
	 */
	function addApplicant(spec = {}) {
		const id = checkId(spec.id || newId('applicant'), 'applicant id');
		const inspectionId = checkId(spec.inspectionId || newId('inspection'), 'inspection id');
		const createdAt = spec.createdAt || sumsubDate(new Date());
		const applicant = {
			id,
			createdAt,
			key: spec.key || crypto.createHash('sha256').update(id).digest('hex').replace(/[^a-f]/g, '').toUpperCase().slice(0, 14).padEnd(14, 'X'),
			clientId: 'demo-client',
			inspectionId,
			externalUserId: spec.externalUserId ?? `user-${id.slice(-6)}`,
			info: spec.info || {},
			applicantPlatform: 'Web',
			requiredIdDocs: { docSets: [{ idDocSetType: 'IDENTITY', types: ['PASSPORT', 'ID_CARD'] }, { idDocSetType: 'SELFIE', types: ['SELFIE'] }] },
			review: {
				reviewId: objectIdFromName(`review:${id}`).slice(0, 5),
				attemptId: objectIdFromName(`attempt:${id}`).slice(0, 5),
				attemptCnt: 1,
				levelName: spec.levelName || 'basic-kyc-level',
				createDate: createdAt,
				priority: 0,
				reviewStatus: 'init',
				...(spec.review || {}),
			},
			lang: 'en',
			type: 'individual',
		};
		applicants.set(id, applicant);
		inspections.set(inspectionId, {
			id: inspectionId,
			applicantId: id,
			createdAt,
			videoIdentData: spec.videoIdentData ? { ...spec.videoIdentData } : null,
		});
		return { applicantId: id, inspectionId };
	}

	/**
	 * Add a Video Ident recording (a composition) to an applicant's inspection. Content is
	 * generated on the fly (mp4/webm header + deterministic pattern) unless `bytes` is given.
	 * @param {{applicantId: string, inspectionId?: string, id?: string, size?: number, durationSec?: number,
	 *   mimetype?: string, createdAt?: string, bytes?: Buffer}} spec
	 * @returns {{compositionCreatedAt: string, compositionDuration: number, compositionMediaId: string}}
	 */
	function addRecording(spec) {
		const applicant = applicants.get(spec.applicantId);
		if (!applicant) throw new Error(`addRecording: unknown applicant ${spec.applicantId}`);
		const inspection = inspections.get(spec.inspectionId || applicant.inspectionId);
		if (!inspection) throw new Error(`addRecording: unknown inspection ${spec.inspectionId}`);
		const id = checkId(spec.id || newId('composition'), 'compositionMediaId');
		const mimetype = spec.mimetype || 'video/mp4';
		const content = spec.bytes ? new Content({ bytes: spec.bytes }) : videoContent({ seed: `sumsub:${id}`, size: spec.size ?? 262144, mimetype });
		const composition = {
			compositionCreatedAt: spec.createdAt || sumsubDate(new Date()),
			compositionDuration: spec.durationSec ?? 60,
			compositionMediaId: id,
		};
		recordings.set(id, { id, applicantId: applicant.id, inspectionId: inspection.id, mimetype, content, composition });
		if (!inspection.videoIdentData) inspection.videoIdentData = { reviewStatus: 'completed' };
		(inspection.videoIdentData.compositions ||= []).push(composition);
		return { ...composition };
	}

	/**
	 * Add a document image listed by /metadata/resources and served by
	 * /inspections/{inspectionId}/resources/{imageId}.
	 * @param {{applicantId: string, id?: string, idDocType?: string, country?: string, fileName?: string,
	 *   mimetype?: string, addedDate?: string, bytes?: Buffer}} spec
	 * @returns {string} imageId
	 */
	function addDocumentImage(spec) {
		const applicant = applicants.get(spec.applicantId);
		if (!applicant) throw new Error(`addDocumentImage: unknown applicant ${spec.applicantId}`);
		const id = String(spec.id || 1700000000 + ++counter);
		const mimetype = spec.mimetype || 'image/jpeg';
		const bytes = spec.bytes || (/png/.test(mimetype) ? tinyPng(`sumsub ${id}`) : tinyJpeg(`sumsub ${id}`));
		images.set(id, {
			id,
			applicantId: applicant.id,
			inspectionId: applicant.inspectionId,
			mimetype,
			content: new Content({ bytes }),
			fileName: spec.fileName || `${id}.${/png/.test(mimetype) ? 'png' : 'jpg'}`,
			idDocType: spec.idDocType || 'PASSPORT',
			country: spec.country || 'DEU',
			addedDate: spec.addedDate || sumsubDate(new Date()),
		});
		return id;
	}

	// -- request handling -------------------------------------------------------------

	function checkRateLimit(method) {
		if (!rateLimit) return null;
		const kind = method === 'GET' || method === 'HEAD' ? 'get' : 'post';
		const now = Date.now();
		if (now - rate.windowStart >= rateLimit.windowMs) Object.assign(rate, { windowStart: now, get: 0, post: 0 });
		rate[kind] += 1;
		if (rate[kind] > rateLimit[kind]) {
			rate.limited += 1;
			return sumsubError(429, 'Too many requests', 'too-many-requests');
		}
		return null;
	}

	async function handle(ctx) {
		if (ctx.method === 'GET' || ctx.method === 'HEAD') rate.totalGet += 1;
		else rate.totalPost += 1;
		const limited = checkRateLimit(ctx.method);
		if (limited) return limited;

		const token = ctx.headers['x-app-token'];
		if (typeof token !== 'string' || token !== appToken) return sumsubError(401, 'App token is invalid or missing', 'app-token-invalid');
		const ts = ctx.headers['x-app-access-ts'];
		const now = Math.floor(Date.now() / 1000) + clockOffsetSec;
		if (typeof ts !== 'string' || !/^\d{1,12}$/.test(ts) || Math.abs(now - Number(ts)) > maxSkew) {
			return sumsubError(401, 'Request timestamp is out of range', 'request-timestamp-out-of-range');
		}
		const body = await ctx.readBody();
		const expected = hmacHex(secretKey, Buffer.concat([Buffer.from(ts + ctx.method + ctx.url, 'utf8'), body]));
		if (!hexSignatureMatches(ctx.headers['x-app-access-sig'], expected)) {
			return sumsubError(401, 'Request signature mismatch', 'signature-mismatch');
		}

		const target = parseTarget(ctx.url);
		if (!target) return sumsubError(400, 'Malformed request path', 'bad-request');
		const s = target.segments;
		if (s[0] !== 'resources') return sumsubError(404);
		if (ctx.method !== 'GET') return sumsubError(404);

		if (s.length === 3 && s[1] === 'status' && s[2] === 'api') return jsonResponse(200, { status: 'ok' });
		if (s[1] === 'inspections' && s.length === 3) return getInspection(s[2], target.query);
		if (s[1] === 'inspections' && s.length === 5 && s[3] === 'resources') return getInspectionImage(s[2], s[4]);
		if (s[1] === 'videoIdent' && s.length === 6 && s[2] === 'applicant' && s[4] === 'media') return getRecording(s[3], s[5]);
		if (s[1] === 'applicants' && s.length === 4 && s[3] === 'one') return getApplicant(s[2]);
		if (s[1] === 'applicants' && s.length === 5 && s[3] === 'metadata' && s[4] === 'resources') return getMetadata(s[2]);
		return sumsubError(404);
	}

	function getInspection(id, query) {
		const inspection = inspections.get(id);
		if (!inspection) return sumsubError(404);
		const full = { id: inspection.id, createdAt: inspection.createdAt, applicantId: inspection.applicantId };
		if (inspection.videoIdentData) full.videoIdentData = inspection.videoIdentData;
		const fields = query.get('fields');
		if (!fields) return jsonResponse(200, full);
		const out = { id: inspection.id };
		for (const f of fields.split(',').map((x) => x.trim())) if (f in full) out[f] = full[f];
		return jsonResponse(200, out);
	}

	function getRecording(applicantId, mediaId) {
		const rec = recordings.get(mediaId);
		if (!rec || rec.applicantId !== applicantId) return sumsubError(404);
		return { status: 200, headers: { 'content-type': rec.mimetype }, body: rec.content };
	}

	function getInspectionImage(inspectionId, imageId) {
		const img = images.get(imageId);
		if (!img || img.inspectionId !== inspectionId) return sumsubError(404);
		return { status: 200, headers: { 'content-type': img.mimetype }, body: img.content };
	}

	function findApplicant(ref) {
		const prefix = '-;externalUserId=';
		if (ref.startsWith(prefix)) {
			const ext = ref.slice(prefix.length);
			for (const a of applicants.values()) if (a.externalUserId === ext) return a;
			return undefined;
		}
		return applicants.get(ref);
	}

	function getApplicant(ref) {
		const applicant = findApplicant(ref);
		return applicant ? jsonResponse(200, applicant) : sumsubError(404);
	}

	function getMetadata(applicantId) {
		if (!applicants.has(applicantId)) return sumsubError(404);
		const items = [...images.values()]
			.filter((img) => img.applicantId === applicantId)
			.map((img) => ({
				id: img.id,
				previewId: img.id,
				addedDate: img.addedDate,
				fileMetadata: { fileName: img.fileName, fileType: img.mimetype.split('/')[1], fileSize: img.content.size, resolution: { width: 16, height: 16 } },
				idDocDef: { country: img.country, idDocType: img.idDocType },
				reviewResult: { reviewAnswer: 'GREEN' },
				source: 'fileupload',
				deactivated: false,
			}));
		return jsonResponse(200, { items, totalItems: items.length });
	}

	if ((options.seed ?? 'demo') === 'demo') seedSumsub({ addApplicant, addRecording, addDocumentImage }, { videoSize: options.videoSize });

	const find = (id) => {
		const item = recordings.get(id) || images.get(id);
		if (!item) throw new Error(`unknown media ${id}`);
		return item;
	};

	return {
		...core,
		applicants,
		inspections,
		recordings,
		images,
		addApplicant,
		addRecording,
		addDocumentImage,
		/** Exact bytes served for a recording or document image (≤ 64 MiB). */
		mediaBytes: (id) => find(id).content.bytes(),
		/** Hex sha256 of what is served for a compositionMediaId or image id (streamed, cached). */
		mediaSha256: async (id) => find(id).content.sha256(),
		/**
		 * Enable the per-method rate limit (`null` turns it off). Defaults when enabled:
		 * GET 300 and POST 50 per 5 s window, Sumsub's documented defaults.
		 * @param {{get?: number, post?: number, windowMs?: number}|null} limit
		 */
		setRateLimit(limit) {
			rateLimit = limit ? { get: limit.get ?? 300, post: limit.post ?? 50, windowMs: limit.windowMs ?? 5000 } : null;
			Object.assign(rate, { windowStart: 0, get: 0, post: 0 });
		},
		/** Counters: requests in the current window, total GET/POST-ish requests, how many got 429. */
		rateLimitStats: () => ({ ...rate }),
		/** Shift the server clock by `seconds` (to test X-App-Access-Ts skew). */
		setClockOffset(seconds) {
			clockOffsetSec = Number(seconds) || 0;
		},
	};
}

module.exports = { startSumsubSimulator };
