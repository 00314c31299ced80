'use strict';
/**
 * Sumsub API simulator (applicants, inspections, document images and their review state,
 * Video Ident data and recordings).
 *
 * Every request is authenticated the vendor's way, independently of the package's code:
 * - `X-App-Token` must be the app token (401 `app-token-invalid`),
 * - `X-App-Access-Ts` unix seconds within 60 s of the server clock (401 `request-timestamp-out-of-range`),
 * - `X-App-Access-Sig` = lowercase hex HMAC-SHA256(secret key, ts + METHOD + req.url + raw body),
 *   where req.url is the path with query exactly as received on the wire (401 `signature-mismatch`).
 * Errors: `{description, code, correlationId: "req-<uuid>", errorCode, errorName}`; `errorCode`
 * is the "universal" code (= HTTP status) as Sumsub documents it for non-upload errors.
 * The image download routes answer an unknown image with the plain JSON 404 quoted in the
 * docs, `{description: "HTTP 404 Not Found", code: 404, correlationId}`, never with bytes.
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
	specimenImageSize,
	specimenKindFor,
	imageDimensions,
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

/**
 * The plain JSON 404 Sumsub sends for an unmatched resource, as quoted for the binary image
 * route: no errorCode/errorName, a bare hex correlationId.
 */
function plainNotFound() {
	return jsonResponse(404, { description: 'HTTP 404 Not Found', code: 404, correlationId: crypto.randomBytes(16).toString('hex') });
}

/** 'YYYY-MM-DD HH:mm:ss' in UTC, Sumsub's date format. */
const sumsubDate = (d) => d.toISOString().slice(0, 19).replace('T', ' ');
/** Review dates carry a zone: 'YYYY-MM-DD HH:mm:ss+0000'. */
const reviewDate = (s) => (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(s) ? `${s}+0000` : s);

/** Sumsub image ids are numbers (requiredIdDocsStatus serves them as JSON numbers). */
const IMAGE_ID_RE = /^[1-9]\d{0,14}$/;

/** Which download form a request path uses: 'applicant', 'inspection' or null. */
function imageRouteForm(url) {
	const path = String(url).split('?')[0];
	if (/^\/resources\/applicants\/[^/]+\/resources\/[^/]+$/.test(path)) return 'applicant';
	if (/^\/resources\/inspections\/[^/]+\/resources\/[^/]+$/.test(path)) return 'inspection';
	return null;
}

/** Default verification step (idDocSetType) of a document type. */
function defaultStep(idDocType) {
	if (/^(PASSPORT|ID_CARD|DRIVERS|RESIDENCE_PERMIT)$/.test(idDocType)) return 'IDENTITY';
	if (/SELFIE/.test(idDocType)) return 'SELFIE';
	if (/^(UTILITY_BILL|BANK_STATEMENT|RENTAL_AGREEMENT)$/.test(idDocType)) return 'PROOF_OF_RESIDENCE';
	return idDocType;
}

const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/**
 * Start a Sumsub simulator.
 * @param {object} [options]
 * @param {string} [options.appToken] default DEMO.credentials.sumsub.appToken
 * @param {string} [options.secretKey] default DEMO.credentials.sumsub.secretKey
 * @param {number} [options.port=0]
 * @param {'demo'|'empty'} [options.seed='demo']
 * @param {number} [options.videoSize] size of the first demo recording
 * @param {number} [options.maxClockSkewSec=60] accepted |server time − X-App-Access-Ts|
 * @param {boolean} [options.applicantImagePath=true] serve `/applicants/{id}/resources/{imageId}` (false → 404)
 * @param {boolean} [options.inspectionImagePath=true] serve `/inspections/{id}/resources/{imageId}` (false → 404)
 * @param {'mime'|'extension'} [options.fileType='mime'] `fileMetadata.fileType` as `image/jpeg` or `jpg`
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
	/** @type {Map<string, object>} previewId → preview of a document image */ const previews = new Map();
	let counter = 0;
	let imageCounter = 1800000000;
	let applicantImagePath = options.applicantImagePath ?? true;
	let inspectionImagePath = options.inspectionImagePath ?? true;
	let fileTypeStyle = options.fileType === 'extension' ? 'extension' : 'mime';

	const core = await startSimulatorServer({
		name: 'sumsub',
		port: options.port,
		log: options.log,
		recordBodyLimit: options.recordBodyLimit,
		handle,
		// An injected 404 on an image route looks like that route's own 404.
		errorResponse: (status, ctx) => (status === 404 && ctx && imageRouteForm(ctx.url) ? plainNotFound() : sumsubError(status)),
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
	 *   levelName?: string, info?: object, review?: object, requiredIdDocs?: {docSets: Array<{idDocSetType: string, types?: string[]}>},
	 *   videoIdentData?: {reviewStatus: string, moderatorDisplayName?: string}|null}} spec
	 *   `videoIdentData` null/undefined → the inspection has no Video Ident data. `review` fields
	 *   override the defaults (reviewId, attemptId, attemptCnt 1, levelName, createDate, priority,
	 *   reviewStatus 'init') and are what `/status` serves. `requiredIdDocs.docSets` are the level's
	 *   steps (default IDENTITY [PASSPORT, ID_CARD] and SELFIE); `/requiredIdDocsStatus` has one key each.
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
			requiredIdDocs: clone(spec.requiredIdDocs) || {
				docSets: [
					{ idDocSetType: 'IDENTITY', types: ['PASSPORT', 'ID_CARD'] },
					{ idDocSetType: 'SELFIE', types: ['SELFIE'] },
				],
			},
			review: {
				reviewId: objectIdFromName(`review:${id}`).slice(0, 5),
				attemptId: objectIdFromName(`attempt:${id}`).slice(0, 5),
				attemptCnt: 1,
				levelName: spec.levelName || 'basic-kyc-level',
				createDate: reviewDate(createdAt),
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

	/** A fresh numeric image id, unused by images and previews. */
	function nextImageId() {
		let id;
		do id = String(++imageCounter);
		while (images.has(id) || previews.has(id));
		return id;
	}

	function checkImageId(id, what) {
		if (!IMAGE_ID_RE.test(id)) throw new Error(`${what} must be a number of at most 15 digits (Sumsub image ids are numeric): ${id}`);
		if (images.has(id) || previews.has(id)) throw new Error(`${what} ${id} is already taken`);
		return id;
	}

	/**
	 * Add a document image: listed by `/applicants/{id}/metadata/resources`, counted by
	 * `/requiredIdDocsStatus`, served by `/applicants/{applicantId}/resources/{imageId}` and
	 * `/inspections/{inspectionId}/resources/{imageId}`; its `previewId` serves a half-size preview.
	 * Without `bytes`, the content is a generated SPECIMEN image of the document's kind
	 * (ID card front/back, passport page, selfie, generic page) in the format of `mimetype`
	 * (PNG or baseline JPEG); other MIME types get a deterministic placeholder of `size` bytes.
	 * @param {{applicantId: string, id?: string, previewId?: string, idDocType?: string,
	 *   idDocSubType?: 'FRONT_SIDE'|'BACK_SIDE'|null, country?: string, fileName?: string, mimetype?: string,
	 *   fileType?: string, addedDate?: string, bytes?: Buffer, previewBytes?: Buffer, size?: number,
	 *   specimen?: 'passport'|'idFront'|'idBack'|'selfie'|'generic', label?: string, blur?: number,
	 *   reviewResult?: object, attemptId?: string, source?: string, deactivated?: boolean, step?: string,
	 *   resolution?: {width: number, height: number}}} spec
	 *   Defaults: idDocType PASSPORT, idDocSubType null, country = the applicant's `info.country` or DEU,
	 *   mimetype image/jpeg, reviewResult `{reviewAnswer: 'GREEN'}`, attemptId = the applicant's current
	 *   `review.attemptId`, source `liveness` for SELFIE types else `fileupload`, deactivated false,
	 *   step = the level step whose `types` list the idDocType. With `bytes` but no `previewBytes`,
	 *   the preview serves the same bytes.
	 * @returns {string} imageId (the previewId is `sim.images.get(imageId).previewId`)
	 */
	function addDocumentImage(spec) {
		const applicant = applicants.get(spec.applicantId);
		if (!applicant) throw new Error(`addDocumentImage: unknown applicant ${spec.applicantId}`);
		const id = checkImageId(String(spec.id ?? nextImageId()), 'image id');
		const previewId = String(spec.previewId ?? nextImageId());
		if (previewId === id) throw new Error(`addDocumentImage: previewId equals the image id ${id}`);
		checkImageId(previewId, 'previewId');
		const idDocType = spec.idDocType || 'PASSPORT';
		const idDocSubType = spec.idDocSubType ?? null;
		const mimetype = spec.mimetype || 'image/jpeg';
		const format = /png/i.test(mimetype) ? 'png' : /jpe?g/i.test(mimetype) ? 'jpeg' : null;
		const ext = format === 'png' ? 'png' : format === 'jpeg' ? 'jpg' : (mimetype.split('/')[1] || 'bin').replace(/[^a-z0-9]/gi, '');
		const specimen = {
			kind: spec.specimen || specimenKindFor(idDocType, idDocSubType),
			label: spec.label ?? `${idDocType}${idDocSubType ? ` ${idDocSubType}` : ''} ${id}`,
			format,
			blur: spec.blur,
		};

		let content;
		let resolution = spec.resolution ? { width: spec.resolution.width, height: spec.resolution.height } : null;
		let previewContent;
		let previewResolution = null;
		if (spec.bytes) {
			content = new Content({ bytes: spec.bytes });
			resolution ||= imageDimensions(spec.bytes);
		} else if (format) {
			// Drawn on first use (metadata fileSize, download, mediaBytes): seeding stays instant.
			content = new Content({ lazy: () => specimenImage(specimen).bytes });
			resolution ||= specimenImageSize(specimen);
			if (!spec.previewBytes) {
				const small = { ...specimen, downscale: 2 };
				previewContent = new Content({ lazy: () => specimenImage(small).bytes });
				previewResolution = specimenImageSize(small);
			}
		} else {
			content = videoContent({ seed: `sumsub:image:${id}`, size: spec.size ?? 4096, mimetype });
		}
		if (spec.previewBytes) {
			previewContent = new Content({ bytes: spec.previewBytes });
			previewResolution = imageDimensions(spec.previewBytes);
		}
		if (!previewContent) {
			previewContent = content;
			previewResolution = resolution;
		}

		const image = {
			id,
			previewId,
			applicantId: applicant.id,
			inspectionId: applicant.inspectionId,
			mimetype,
			content,
			fileName: spec.fileName || `${id}.${ext}`,
			fileType: spec.fileType,
			resolution,
			idDocType,
			idDocSubType,
			country: spec.country || (applicant.info && applicant.info.country) || 'DEU',
			addedDate: spec.addedDate || sumsubDate(new Date()),
			reviewResult: clone(spec.reviewResult) || { reviewAnswer: 'GREEN' },
			attemptId: spec.attemptId ?? applicant.review.attemptId,
			source: spec.source || (/SELFIE/.test(idDocType) ? 'liveness' : 'fileupload'),
			deactivated: !!spec.deactivated,
			step: spec.step,
		};
		images.set(id, image);
		previews.set(previewId, {
			id: previewId,
			imageId: id,
			applicantId: applicant.id,
			inspectionId: applicant.inspectionId,
			mimetype,
			content: previewContent,
			resolution: previewResolution,
		});
		return id;
	}

	/** The `/metadata/resources` item of an image, in the documented field order. */
	function metadataItem(img) {
		const extension = (/\.([A-Za-z0-9]+)$/.exec(img.fileName) || [])[1];
		const fileType = img.fileType ?? (fileTypeStyle === 'extension' ? (extension || img.mimetype.split('/')[1]).toLowerCase() : img.mimetype);
		return {
			id: img.id,
			previewId: img.previewId,
			addedDate: img.addedDate,
			fileMetadata: {
				fileName: img.fileName,
				fileType,
				fileSize: img.content.size,
				...(img.resolution ? { resolution: { width: img.resolution.width, height: img.resolution.height } } : {}),
			},
			idDocDef: { country: img.country, idDocType: img.idDocType, idDocSubType: img.idDocSubType },
			reviewResult: clone(img.reviewResult),
			attemptId: img.attemptId,
			source: img.source,
			deactivated: img.deactivated,
		};
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
		if (s[1] === 'inspections' && s.length === 5 && s[3] === 'resources') return getImage('inspection', s[2], s[4]);
		if (s[1] === 'videoIdent' && s.length === 6 && s[2] === 'applicant' && s[4] === 'media') return getRecording(s[3], s[5]);
		if (s[1] === 'applicants' && s.length === 4 && s[3] === 'one') return getApplicant(s[2]);
		if (s[1] === 'applicants' && s.length === 4 && s[3] === 'status') return getReviewStatus(s[2]);
		if (s[1] === 'applicants' && s.length === 4 && s[3] === 'requiredIdDocsStatus') return getRequiredIdDocsStatus(s[2]);
		if (s[1] === 'applicants' && s.length === 5 && s[3] === 'metadata' && s[4] === 'resources') return getMetadata(s[2]);
		if (s[1] === 'applicants' && s.length === 5 && s[3] === 'resources') return getImage('applicant', s[2], s[4]);
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

	/**
	 * One image or preview, raw bytes. `form` 'applicant' (current docs) or 'inspection' (older
	 * docs); either can be switched off. Not found → the plain JSON 404.
	 */
	function getImage(form, ownerId, imageId) {
		if (!(form === 'applicant' ? applicantImagePath : inspectionImagePath)) return plainNotFound();
		const img = images.get(imageId) || previews.get(imageId);
		if (!img || (form === 'applicant' ? img.applicantId : img.inspectionId) !== ownerId) return plainNotFound();
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
		const items = [...images.values()].filter((img) => img.applicantId === applicantId).map(metadataItem);
		return jsonResponse(200, { items, totalItems: items.length });
	}

	/** `GET /applicants/{id}/status`: the applicant's current review (§1.4 field order, extras after). */
	function getReviewStatus(applicantId) {
		const applicant = applicants.get(applicantId);
		if (!applicant) return sumsubError(404);
		const review = clone(applicant.review);
		const out = {};
		for (const k of ['reviewId', 'attemptId', 'attemptCnt', 'levelName', 'createDate', 'reviewDate', 'elapsedSincePendingMs', 'reviewStatus', 'reviewResult']) {
			if (review[k] !== undefined) out[k] = review[k];
		}
		return jsonResponse(200, Object.assign(out, review));
	}

	/** The level step (idDocSetType) an image counts for. */
	function stepOf(img, docSets) {
		if (img.step) return img.step;
		const set = docSets.find((d) => Array.isArray(d.types) && d.types.includes(img.idDocType));
		return set ? set.idDocSetType : defaultStep(img.idDocType);
	}

	/**
	 * `GET /applicants/{id}/requiredIdDocsStatus`, derived from the images: one key per level step
	 * (null while nothing is uploaded for it), then any other step an image counts for. A step
	 * holds the active (not deactivated) images of its newest document type, newest upload per
	 * side (an older upload of the same side is superseded); front/single side first, then backs.
	 * Its reviewResult is present once every image has a reviewAnswer: RED (the first red image's
	 * result) if any is RED, else GREEN.
	 */
	function getRequiredIdDocsStatus(applicantId) {
		const applicant = applicants.get(applicantId);
		if (!applicant) return sumsubError(404);
		const docSets = (applicant.requiredIdDocs && applicant.requiredIdDocs.docSets) || [];
		const out = {};
		for (const d of docSets) out[d.idDocSetType] = null;
		const active = [...images.values()]
			.filter((img) => img.applicantId === applicantId && !img.deactivated)
			.sort((a, b) => (a.addedDate < b.addedDate ? -1 : a.addedDate > b.addedDate ? 1 : 0));
		const byStep = new Map();
		for (const img of active) {
			const step = stepOf(img, docSets);
			if (!byStep.has(step)) byStep.set(step, { sides: new Map(), newest: img });
			const entry = byStep.get(step);
			entry.sides.set(`${img.idDocType}|${img.idDocSubType}`, img); // a later upload of a side wins
			entry.newest = img;
		}
		for (const [step, { sides, newest }] of byStep) {
			const type = newest.idDocType;
			const imgs = [...sides.values()]
				.filter((img) => img.idDocType === type)
				.sort((a, b) => (a.idDocSubType === 'BACK_SIDE') - (b.idDocSubType === 'BACK_SIDE'));
			const imageReviewResults = {};
			for (const img of imgs) if (img.reviewResult && img.reviewResult.reviewAnswer) imageReviewResults[img.id] = clone(img.reviewResult);
			const entry = {};
			if (imgs.every((img) => img.reviewResult && img.reviewResult.reviewAnswer)) {
				const red = imgs.find((img) => img.reviewResult.reviewAnswer === 'RED');
				entry.reviewResult = red ? clone(red.reviewResult) : { reviewAnswer: 'GREEN' };
			}
			Object.assign(entry, {
				country: imgs[0].country,
				idDocType: type,
				imageIds: imgs.map((img) => Number(img.id)),
				imageReviewResults,
				forbidden: false,
				partialCompletion: null,
				stepStatuses: null,
				imageStatuses: [],
			});
			out[step] = entry;
		}
		return jsonResponse(200, out);
	}

	if ((options.seed ?? 'demo') === 'demo') seedSumsub({ addApplicant, addRecording, addDocumentImage }, { videoSize: options.videoSize });

	const find = (id) => {
		const item = recordings.get(id) || images.get(id) || previews.get(id);
		if (!item) throw new Error(`unknown media ${id}`);
		return item;
	};

	return {
		...core,
		applicants,
		inspections,
		recordings,
		images,
		previews,
		addApplicant,
		addRecording,
		addDocumentImage,
		/** Exact bytes served for a recording, document image or preview id (≤ 64 MiB). */
		mediaBytes: (id) => find(id).content.bytes(),
		/** Hex sha256 of what is served for a compositionMediaId, image id or previewId (streamed, cached). */
		mediaSha256: async (id) => find(id).content.sha256(),
		/** MIME type served for an image id or previewId (Content-Type of the download). */
		mediaType: (id) => find(id).mimetype,
		/** The `/metadata/resources` item of an image id, as served now. */
		imageMetadata(id) {
			const img = images.get(String(id));
			if (!img) throw new Error(`unknown image ${id}`);
			return metadataItem(img);
		},
		/**
		 * Serve (true, default) or refuse with the plain 404 (false) the current download form
		 * `GET /resources/applicants/{applicantId}/resources/{imageId}` — to test a client's
		 * fallback to the inspections form.
		 */
		setApplicantImagePath(enabled) {
			applicantImagePath = !!enabled;
		},
		/** Same for the older form `GET /resources/inspections/{inspectionId}/resources/{imageId}`. */
		setInspectionImagePath(enabled) {
			inspectionImagePath = !!enabled;
		},
		/** `fileMetadata.fileType` as a MIME type (`'mime'`, default: `image/jpeg`) or an extension (`'extension'`: `jpg`). */
		setFileTypeStyle(style) {
			if (style !== 'mime' && style !== 'extension') throw new Error(`setFileTypeStyle: 'mime' or 'extension', not ${style}`);
			fileTypeStyle = style;
		},
		/**
		 * Image downloads per form, read from the request log (so `clearRequests()` resets it):
		 * `{applicant: {requests, ok}, inspection: {requests, ok}}`; `ok` = answered 200.
		 */
		imageRequestCounts() {
			const out = { applicant: { requests: 0, ok: 0 }, inspection: { requests: 0, ok: 0 } };
			for (const r of core.requests) {
				const form = imageRouteForm(r.path);
				if (!form) continue;
				out[form].requests += 1;
				if (r.status === 200) out[form].ok += 1;
			}
			return out;
		},
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
