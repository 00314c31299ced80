'use strict';
/**
 * Unit21 API simulator: link-media, entities (get, create/update) and signed webhooks.
 *
 *   PUT  /v1/{org_name}/entities/{entity_id}/link-media
 *   PUT  /v1/{org_name}/events/{event_id}/link-media     (media_type required per file)
 *   PUT  /v1/alerts/{unit21_id}/link-media
 *   PUT  /v1/cases/{unit21_id}/link-media
 *   GET  /v1/{org_name}/entities/{entity_id}              (deprecated "Get an entity"; also the credential probe)
 *   POST /v1/entities/create                              (create or upsert; no org in the path: the key's org)
 *
 * Auth: header `u21-key` must be the API key (else 401). The key belongs to one
 * organisation: another `org_name` in the path → 403.
 * link-media bodies: multipart/form-data (parsed with busboy, streamed: file bytes are kept
 * only up to the size limit, beyond that they are only counted and hashed) or
 * application/json (an array of `{media: base64, name, media_type?, custom_data?}`).
 * Errors: `{"error_code": "...", "message": "..."}`. link-media success: 200 `{}`.
 *
 * Webhooks go the other way: `sendUnit21Webhook(url, payload, {secret, ...})` (also
 * `sim.sendWebhook`) POSTs a JSON body signed like Unit21 does:
 * `unit21-signature: t=<unix seconds>,s0=<hex HMAC-SHA256(secret, "<t>." + raw body)>`.
 */
const crypto = require('node:crypto');
const path = require('node:path');
const http = require('node:http');
const https = require('node:https');
const { startSimulatorServer, jsonResponse, parseTarget, hmacHex, sleep } = require('./common');
const { DEMO, seedUnit21 } = require('./demo-data');

let busboy;
try {
	busboy = require('busboy');
} catch {
	throw new Error("unit21 simulator needs 'busboy': cd /work/main && npm install -D busboy@1");
}

/** File extensions Unit21 documents for link-media. */
const DOCUMENTED_EXTENSIONS = ['txt', 'pdf', 'mp4', 'mov', 'wmv', 'avi', 'mkv', 'png', 'jpg', 'tiff', 'gif', 'raw', 'eps'];
/** Default allowed list: the documented one plus `jpeg` (same format as jpg; UNCONFIRMED). */
const DEFAULT_ALLOWED_EXTENSIONS = [...DOCUMENTED_EXTENSIONS, 'jpeg'];
const MAX_FILE_SIZE = 5 * 1024 * 1024;
const JSON_BODY_SAFETY_LIMIT = 64 * 1024 * 1024;
/** "The total size of the POST body must be smaller than 1MB" (rate-limiting policy page; read as 1,000,000 bytes). */
const CREATE_BODY_LIMIT = 1000000;
/** Entity ids: 1–128 characters from -_:.@a-zA-Z0-9!#$%&*+/=?^`{' (openapi `entityId`). */
const ENTITY_ID_RE = /^[-_:.@a-zA-Z0-9!#$%&*+/=?^`{']{1,128}$/;
/** Entity data sections stored as sent (replaced on update), in the order GET serves them. */
const ENTITY_SECTIONS = ['user_data', 'business_data', 'document_data', 'communication_data', 'digital_data', 'location_data', 'instrument_ids', 'risk_scores', 'relationships'];
/** Sections whose fields are merged one by one on update (simple values overwrite). */
const FIELD_MERGED_SECTIONS = new Set(['user_data', 'business_data', 'communication_data']);

const MIME_BY_EXT = {
	txt: 'text/plain', pdf: 'application/pdf', mp4: 'video/mp4', mov: 'video/quicktime', wmv: 'video/x-ms-wmv',
	avi: 'video/x-msvideo', mkv: 'video/x-matroska', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg',
	tiff: 'image/tiff', gif: 'image/gif', raw: 'application/octet-stream', eps: 'application/postscript', webm: 'video/webm',
};

const ERROR_CODES = {
	400: ['bad_request', 'Bad request'],
	401: ['unauthorized', 'Invalid or missing API key'],
	403: ['forbidden', 'Forbidden'],
	404: ['resource_not_found', 'Resource not found'],
	405: ['method_not_allowed', 'Method not allowed'],
	409: ['conflict', 'Conflict'],
	413: ['file_too_large', 'Request too large'],
	423: ['locked', 'The object is being updated, retry later'],
	429: ['rate_limit_exceeded', 'Too many requests'],
	500: ['internal_server_error', 'Internal server error'],
	502: ['bad_gateway', 'Bad gateway'],
	503: ['service_unavailable', 'Service unavailable'],
	504: ['gateway_timeout', 'Gateway timeout'],
};

/** A Unit21-shaped error response. */
function u21Error(status, errorCode, message, headers) {
	const [defCode, defMessage] = ERROR_CODES[status] || ['error', `HTTP ${status}`];
	return jsonResponse(status, { error_code: errorCode || defCode, message: message || defMessage }, headers);
}

/** Rate-limit headers Unit21 sends with 429 (limit 200/s per route). */
const rateLimitHeaders = (limit = 200, resetEpochSeconds = Math.floor(Date.now() / 1000) + 1) => ({
	'x-ratelimit-limit': String(limit),
	'x-ratelimit-remaining': '0',
	'x-ratelimit-reset': String(resetEpochSeconds),
});

const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
/** JSON with sorted keys, to recognise a repeated identical request. */
function canonicalJson(v) {
	if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
	if (isPlainObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`;
	return JSON.stringify(v);
}

const OBJECT_PATHS = { entities: 'entity', events: 'event', alerts: 'alert', cases: 'case' };

/**
 * @typedef {object} Unit21File
 * @property {string} key form key (multipart) or array index as a string (json)
 * @property {string} fileName
 * @property {string} mimeType part Content-Type (multipart) or guessed from the extension (json)
 * @property {number} size bytes received
 * @property {string} sha256 hex, over all bytes received
 * @property {Buffer} bytes the bytes (only the first `maxFileSize` bytes are kept)
 * @property {object|null} metadata parsed metadata (multipart text part; json: the item minus `media`)
 * @property {string|null} metadataRaw the text part as received (multipart only)
 */

/**
 * @typedef {object} Unit21Upload
 * @property {'entity'|'event'|'alert'|'case'} objectType
 * @property {string} orgName
 * @property {string} objectId
 * @property {'multipart'|'json'} form
 * @property {Record<string, string|string[]>} requestHeaders lowercase names, as received
 * @property {Unit21File[]} files
 * @property {Date} at
 */

/**
 * @typedef {object} Unit21EntityWrite one request to POST /v1/entities/create (any outcome)
 * @property {string} orgName the key's organisation
 * @property {string|null} entityId `general_data.entity_id` when it was a string
 * @property {object|null} body the parsed JSON body (null when it was not JSON)
 * @property {string} rawBody the body as received (utf8)
 * @property {Record<string, string|string[]>} requestHeaders lowercase names, as received
 * @property {number} status the answer's status
 * @property {'created'|'updated'|'unchanged'|'rejected'} outcome `unchanged`: identical to
 *   the entity's previous accepted request, ignored (as Unit21 does)
 * @property {boolean|null} previouslyExisted
 * @property {{error_code: string, message: string}|null} error the error body when status ≠ 200
 * @property {Date} at
 */

/**
 * Start a Unit21 simulator.
 * @param {object} [options]
 * @param {string} [options.apiKey] default DEMO.credentials.unit21.apiKey
 * @param {string} [options.orgName] organisation of the key, default 'demo-org'
 * @param {string} [options.webhookSecret] default secret of `sim.sendWebhook`, default DEMO.credentials.unit21.webhookSecret
 * @param {number} [options.port=0]
 * @param {'demo'|'empty'} [options.seed='demo']
 * @param {Function} [options.log] per-request log callback
 */
async function startUnit21Simulator(options = {}) {
	const apiKey = options.apiKey ?? DEMO.credentials.unit21.apiKey;
	const orgName = options.orgName ?? DEMO.credentials.unit21.orgName;
	const webhookSecret = options.webhookSecret ?? DEMO.credentials.unit21.webhookSecret;
	let allowedExtensions = new Set(DEFAULT_ALLOWED_EXTENSIONS);
	let maxFileSize = MAX_FILE_SIZE;
	let jsonBodyLimit = null;
	let createBodyLimit = CREATE_BODY_LIMIT;
	let createResponseStyle = 'legacy';
	let rateLimit = null; // {perRoute, windowMs}
	const rate = { windowStart: 0, counts: new Map(), limited: 0 };

	/**
	 * @type {Map<string, {type: string, orgName: string, id: string, placeholder: boolean, locked: boolean,
	 *   data?: object, media?: object[], lastWrite?: string}>}
	 */
	const objects = new Map();
	/** @type {Unit21Upload[]} */
	const uploads = [];
	/** @type {Unit21EntityWrite[]} */
	const entityWrites = [];
	/** `${org}\n${entityId}` → how many more create/link-media requests answer 423. */
	const busy = new Map();
	/** Webhooks sent with `sim.sendWebhook`, oldest first (what `sendUnit21Webhook` returned). */
	const webhookDeliveries = [];
	const keyOf = (type, org, id) => `${type}:${type === 'alert' || type === 'case' ? '' : org}:${id}`;

	const core = await startSimulatorServer({
		name: 'unit21',
		port: options.port,
		log: options.log,
		recordBodyLimit: options.recordBodyLimit,
		handle,
		errorResponse: (status) => u21Error(status, undefined, undefined, status === 429 ? rateLimitHeaders() : {}),
	});

	// -- data -------------------------------------------------------------------------

	function add(type, org, id, opts = {}) {
		const record = { type, orgName: org, id: String(id), placeholder: !!opts.placeholder, locked: !!opts.locked };
		if (type === 'entity') {
			record.data = { general_data: { entity_type: 'user', status: 'active', registered_at: null, tags: [] }, custom_data: {} };
			record.media = [];
			if (opts.data) applyEntityData(record, opts.data, { merge_custom_data: false });
		}
		objects.set(keyOf(type, org, String(id)), record);
		return record;
	}
	/** Accept `(id, opts?)` or `(orgName, id, opts?)` for alerts and cases (their path has no org). */
	const orgless = (type) => (a, b, c) =>
		b !== undefined && (typeof b === 'string' || typeof b === 'number') ? add(type, String(a), b, c) : add(type, orgName, a, b);

	/** Write create/update fields onto an entity record (Unit21's documented merge rules, simplified). */
	function applyEntityData(record, body, opts) {
		const d = record.data;
		const general = isPlainObject(body.general_data) ? body.general_data : {};
		for (const [k, v] of Object.entries(general)) {
			if (k === 'entity_id') continue;
			if (k === 'tags') {
				// list_merge_strategy: union (default) adds new values; replace swaps the list.
				const old = opts.list_merge_strategy === 'replace' ? [] : d.general_data.tags || [];
				d.general_data.tags = [...new Set([...old, ...v])];
			} else d.general_data[k] = clone(v);
		}
		for (const k of ENTITY_SECTIONS) {
			if (body[k] === undefined) continue;
			d[k] = FIELD_MERGED_SECTIONS.has(k) && isPlainObject(d[k]) && isPlainObject(body[k]) ? { ...d[k], ...clone(body[k]) } : clone(body[k]);
		}
		if (body.custom_data !== undefined) d.custom_data = opts.merge_custom_data ? { ...d.custom_data, ...clone(body.custom_data) } : clone(body.custom_data);
	}

	/** The entity as `GET /v1/{org}/entities/{id}` serves it. */
	function entityView(record) {
		const g = record.data.general_data;
		const general_data = { entity_id: record.id, entity_type: g.entity_type ?? null };
		if (g.entity_subtype !== undefined) general_data.entity_subtype = g.entity_subtype;
		general_data.status = g.status ?? null;
		general_data.registered_at = g.registered_at ?? null;
		general_data.tags = [...(g.tags || [])];
		for (const [k, v] of Object.entries(g)) if (!(k in general_data)) general_data[k] = clone(v);
		const out = { general_data };
		for (const k of ENTITY_SECTIONS) if (record.data[k] !== undefined) out[k] = clone(record.data[k]);
		out.custom_data = clone(record.data.custom_data || {});
		out.media_data = record.media.map((m) => ({ ...m }));
		return out;
	}

	/** Uses up one "busy" answer for the entity, if any are left. */
	function takeBusy(org, id) {
		const k = `${org}\n${id}`;
		const left = busy.get(k) || 0;
		if (left <= 0) return false;
		if (left === 1) busy.delete(k);
		else busy.set(k, left - 1);
		return true;
	}

	function checkRateLimit(routeKey) {
		if (!rateLimit) return null;
		const now = Date.now();
		if (now - rate.windowStart >= rateLimit.windowMs) {
			rate.windowStart = now;
			rate.counts.clear();
		}
		const n = (rate.counts.get(routeKey) || 0) + 1;
		rate.counts.set(routeKey, n);
		if (n <= rateLimit.perRoute) return null;
		rate.limited += 1;
		const reset = Math.ceil((rate.windowStart + rateLimit.windowMs) / 1000);
		return u21Error(429, 'rate_limit_exceeded', `Rate limit of ${rateLimit.perRoute} requests per ${rateLimit.windowMs} ms exceeded for this route`, rateLimitHeaders(rateLimit.perRoute, reset));
	}

	// -- request handling -------------------------------------------------------------

	async function handle(ctx) {
		const key = ctx.headers['u21-key'];
		if (typeof key !== 'string' || key === '') return u21Error(401, 'unauthorized', 'Missing API key: send it in the u21-key header');
		if (key !== apiKey) return u21Error(401, 'unauthorized', 'Invalid API key');

		const target = parseTarget(ctx.url);
		if (!target) return u21Error(400, 'bad_request', 'Malformed request path');
		const s = target.segments;
		if (s.length === 4 && s[0] === 'v1' && s[2] === 'entities' && ctx.method === 'GET') {
			return checkRateLimit('GET entity') || getEntity(s[1], s[3]);
		}
		if (s.length === 3 && s[0] === 'v1' && s[1] === 'entities' && s[2] === 'create') {
			if (ctx.method !== 'POST') return u21Error(405, 'method_not_allowed', `Method ${ctx.method} not allowed; use POST`);
			return checkRateLimit('POST entities/create') || createEntity(ctx);
		}
		let route = null;
		if (s.length === 5 && s[0] === 'v1' && (s[2] === 'entities' || s[2] === 'events') && s[4] === 'link-media') {
			route = { type: OBJECT_PATHS[s[2]], org: s[1], id: s[3] };
		} else if (s.length === 4 && s[0] === 'v1' && (s[1] === 'alerts' || s[1] === 'cases') && s[3] === 'link-media') {
			route = { type: OBJECT_PATHS[s[1]], org: orgName, id: s[2] };
		}
		if (!route) return u21Error(404, 'not_found', `No route for ${ctx.method} ${target.rawPath}`);
		if (ctx.method !== 'PUT') return u21Error(405, 'method_not_allowed', `Method ${ctx.method} not allowed; use PUT`);
		const limited = checkRateLimit(`PUT ${route.type} link-media`);
		if (limited) return limited;
		if (route.org !== orgName) return u21Error(403, 'forbidden', `API key is not authorized for org '${route.org}'`);
		const label = route.type[0].toUpperCase() + route.type.slice(1);
		if (!route.id) return u21Error(404, 'resource_not_found', `${label} not found`);
		const object = objects.get(keyOf(route.type, route.org, route.id));
		if (!object) return u21Error(404, 'resource_not_found', `${label} ${route.id} not found`);
		if (object.placeholder) return u21Error(409, 'placeholder_entity', `${label} ${route.id} is a placeholder entity; placeholder entities cannot be updated`);
		if (object.locked || (route.type === 'entity' && takeBusy(route.org, route.id))) return u21Error(423, 'locked', `${label} ${route.id} is being updated, retry later`);

		const type = String(ctx.headers['content-type'] || '').toLowerCase();
		let parsed;
		if (type.startsWith('multipart/form-data')) parsed = await parseMultipart(ctx);
		else if (type.startsWith('application/json')) parsed = await parseJson(ctx);
		else return u21Error(400, 'bad_request', 'Content-Type must be multipart/form-data or application/json');
		if (parsed.error) return parsed.error;

		if (route.type === 'event') {
			const missing = parsed.files.find((f) => !f.metadata || typeof f.metadata.media_type !== 'string' || !f.metadata.media_type);
			if (missing) return u21Error(400, 'bad_request', `media_type is required for event media (file '${missing.fileName}')`);
		}
		const at = new Date();
		uploads.push({
			objectType: route.type,
			orgName: route.org,
			objectId: route.id,
			form: parsed.form,
			requestHeaders: { ...ctx.headers },
			files: parsed.files,
			at,
		});
		if (route.type === 'entity') {
			const createdAt = Math.floor(at.getTime() / 1000);
			for (const f of parsed.files) object.media.push({ created_at: createdAt, media_type: (f.metadata && f.metadata.media_type) ?? null, name: f.fileName });
		}
		return jsonResponse(200, {});
	}

	/**
	 * GET an entity: 403 for another organisation, 404 for an unknown entity (placeholders
	 * included: "Placeholder entities will not be listed"), else 200 with the entity.
	 */
	function getEntity(org, id) {
		if (org !== orgName) return u21Error(403, 'forbidden', `API key is not authorized for org '${org}'`);
		const object = objects.get(keyOf('entity', org, id));
		if (!object || object.placeholder) return u21Error(404, 'resource_not_found', `Entity ${id} not found`);
		return jsonResponse(200, entityView(object));
	}

	/** POST /v1/entities/create: create, or upsert an existing entity of the key's organisation. */
	async function createEntity(ctx) {
		/** @type {Unit21EntityWrite} */
		const write = {
			orgName,
			entityId: null,
			body: null,
			rawBody: '',
			requestHeaders: { ...ctx.headers },
			status: 0,
			outcome: 'rejected',
			previouslyExisted: null,
			error: null,
			at: new Date(),
		};
		entityWrites.push(write);
		const fail = (status, code, message) => {
			const res = u21Error(status, code, message);
			write.status = status;
			write.error = JSON.parse(res.body.toString('utf8'));
			return res;
		};

		const chunks = [];
		let total = 0;
		for await (const chunk of ctx.bodyStream) {
			total += chunk.length;
			if (total <= JSON_BODY_SAFETY_LIMIT) chunks.push(chunk);
		}
		write.rawBody = Buffer.concat(chunks).toString('utf8');
		if (createBodyLimit !== null && total >= createBodyLimit) {
			return fail(413, 'request_too_large', `Request body of ${total} bytes is too large: the POST body must be smaller than ${createBodyLimit} bytes`);
		}
		const type = String(ctx.headers['content-type'] || '').toLowerCase();
		if (!type.startsWith('application/json')) return fail(400, 'bad_request', 'Content-Type must be application/json');
		let body;
		try {
			body = JSON.parse(write.rawBody);
		} catch {
			return fail(400, 'bad_request', 'Request body is not valid JSON');
		}
		write.body = body;
		if (!isPlainObject(body)) return fail(400, 'bad_request', 'Body must be a JSON object');
		if (Array.isArray(body.entities)) return fail(400, 'bad_request', 'Batch requests ({"entities": [...]}) are not simulated; send one entity per request');

		const g = body.general_data;
		if (!isPlainObject(g)) return fail(400, 'bad_request', 'general_data is required and must be an object');
		if (typeof g.entity_id === 'string') write.entityId = g.entity_id;
		if (g.entity_id === undefined || g.entity_id === null || g.entity_id === '') return fail(400, 'bad_request', 'general_data.entity_id is required');
		if (typeof g.entity_id !== 'string') return fail(400, 'bad_request', 'general_data.entity_id must be a string');
		if (!ENTITY_ID_RE.test(g.entity_id)) {
			return fail(400, 'bad_request', "general_data.entity_id must be 1-128 characters from -_:.@a-zA-Z0-9!#$%&*+/=?^`{'");
		}
		for (const k of ['entity_type', 'entity_subtype', 'status']) {
			if (g[k] !== undefined && g[k] !== null && typeof g[k] !== 'string') return fail(400, 'bad_request', `general_data.${k} must be a string`);
			if (typeof g[k] === 'string' && g[k].length > 128) return fail(400, 'bad_request', `general_data.${k} must be at most 128 characters`);
		}
		if (g.registered_at !== undefined && g.registered_at !== null && !Number.isInteger(g.registered_at)) {
			return fail(400, 'bad_request', 'general_data.registered_at must be an integer (seconds since the epoch)');
		}
		if (g.tags !== undefined && (!Array.isArray(g.tags) || g.tags.some((t) => typeof t !== 'string'))) {
			return fail(400, 'bad_request', 'general_data.tags must be an array of strings');
		}
		for (const k of ['user_data', 'business_data', 'communication_data', 'custom_data', 'relationships']) {
			if (body[k] !== undefined && !isPlainObject(body[k])) return fail(400, 'bad_request', `${k} must be an object`);
		}
		for (const k of ['document_data', 'location_data', 'instrument_ids', 'risk_scores']) {
			if (body[k] !== undefined && !Array.isArray(body[k])) return fail(400, 'bad_request', `${k} must be an array`);
		}
		const opts = body.options === undefined ? {} : body.options;
		if (!isPlainObject(opts)) return fail(400, 'bad_request', 'options must be an object');
		for (const k of ['upsert_on_conflict', 'merge_custom_data', 'resolve_geoip']) {
			if (opts[k] !== undefined && typeof opts[k] !== 'boolean') return fail(400, 'bad_request', `options.${k} must be a boolean`);
		}
		const upsert = opts.upsert_on_conflict ?? true;
		const id = g.entity_id;

		let record = objects.get(keyOf('entity', orgName, id));
		if (takeBusy(orgName, id) || (record && record.locked)) return fail(423, 'locked', `Entity ${id} is being updated, retry later`);
		// A placeholder is not an entity yet: create turns it into one.
		const existed = !!record && !record.placeholder;
		if (existed && !upsert) return fail(409, 'conflict', `Entity ${id} already exists (options.upsert_on_conflict is false)`);
		if (!existed && (typeof g.entity_type !== 'string' || g.entity_type === '')) {
			return fail(400, 'bad_request', 'general_data.entity_type is required for new entities');
		}

		const canonical = canonicalJson(body);
		if (existed && record.lastWrite === canonical) {
			write.outcome = 'unchanged';
		} else {
			if (!existed) {
				const wasPlaceholder = record;
				record = add('entity', orgName, id, { locked: false });
				if (wasPlaceholder) record.media = wasPlaceholder.media || [];
				record.data.general_data = { tags: [] };
			}
			applyEntityData(record, body, opts);
			record.lastWrite = canonical;
			write.outcome = existed ? 'updated' : 'created';
		}
		write.status = 200;
		write.previouslyExisted = existed;
		return jsonResponse(200, createResponseStyle === 'legacy' ? { entity_id: id, previously_existed: existed } : { entity_id: id });
	}

	/** Check name/extension/size of one file; returns an error response or null. */
	function checkFile(fileName, size) {
		const ext = path.extname(fileName || '').slice(1).toLowerCase();
		if (!ext) return u21Error(400, 'bad_request', `File name '${fileName || ''}' must include an extension`);
		if (!allowedExtensions.has(ext)) {
			return u21Error(400, 'unsupported_file_type', `File type '.${ext}' is not supported. Supported: ${[...allowedExtensions].join(', ')}`);
		}
		if (size > maxFileSize) return u21Error(413, 'file_too_large', `File '${fileName}' is ${size} bytes; the maximum is ${maxFileSize} bytes (5 MB)`);
		if (size === 0) return u21Error(400, 'bad_request', `File '${fileName}' is empty`);
		return null;
	}

	/** Stream the multipart body through busboy; collects file parts and metadata parts by key. */
	function parseMultipart(ctx) {
		return new Promise((resolve) => {
			let bb;
			try {
				bb = busboy({ headers: ctx.headers, defParamCharset: 'utf8' });
			} catch (err) {
				ctx.bodyStream.resume();
				return resolve({ error: u21Error(400, 'bad_request', `Malformed multipart request: ${err.message}`) });
			}
			const fileParts = new Map(); // key → file
			const textParts = new Map(); // key → raw string
			const pending = [];
			let firstError = null;
			const failWith = (res) => (firstError ||= res);

			bb.on('file', (name, stream, info) => {
				const hash = crypto.createHash('sha256');
				const kept = [];
				let size = 0;
				if (fileParts.has(name)) failWith(u21Error(400, 'bad_request', `Key '${name}' has more than one file`));
				const file = { key: name, fileName: info.filename, mimeType: info.mimeType, size: 0, sha256: '', bytes: null, metadata: null, metadataRaw: null };
				if (!fileParts.has(name)) fileParts.set(name, file);
				pending.push(
					new Promise((done) => {
						stream.on('data', (chunk) => {
							hash.update(chunk);
							if (size < maxFileSize) kept.push(chunk.subarray(0, maxFileSize - size));
							size += chunk.length;
						});
						stream.on('end', () => {
							Object.assign(file, { size, sha256: hash.digest('hex'), bytes: Buffer.concat(kept) });
							done();
						});
						stream.on('error', done);
					}),
				);
			});
			bb.on('field', (name, value, info) => {
				if (info.valueTruncated) failWith(u21Error(400, 'bad_request', `Metadata for '${name}' is too large`));
				if (textParts.has(name)) failWith(u21Error(400, 'bad_request', `Key '${name}' has more than one metadata part`));
				textParts.set(name, value);
			});
			bb.on('error', (err) => {
				failWith(u21Error(400, 'bad_request', `Malformed multipart request: ${err.message}`));
				ctx.bodyStream.unpipe(bb);
				ctx.bodyStream.resume();
				resolve({ error: firstError });
			});
			bb.on('close', async () => {
				await Promise.all(pending);
				if (firstError) return resolve({ error: firstError });
				for (const [name, raw] of textParts) {
					const file = fileParts.get(name);
					if (!file) return resolve({ error: u21Error(400, 'bad_request', `Key '${name}' has metadata but no file`) });
					let metadata;
					try {
						metadata = JSON.parse(raw);
					} catch {
						return resolve({ error: u21Error(400, 'bad_request', `Metadata for '${name}' is not valid JSON`) });
					}
					if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) {
						return resolve({ error: u21Error(400, 'bad_request', `Metadata for '${name}' must be a JSON object`) });
					}
					Object.assign(file, { metadata, metadataRaw: raw });
				}
				if (fileParts.size === 0) return resolve({ error: u21Error(400, 'bad_request', 'No file in request') });
				for (const file of fileParts.values()) {
					const bad = checkFile(file.fileName, file.size);
					if (bad) return resolve({ error: bad });
				}
				resolve({ form: 'multipart', files: [...fileParts.values()] });
			});
			// The client went away mid-upload: give up (the core will not answer anyway).
			ctx.bodyStream.once('error', () => resolve({ error: u21Error(400, 'bad_request', 'Request body aborted') }));
			ctx.bodyStream.pipe(bb);
		});
	}

	/** Parse the JSON body form: an array of {media (base64), name, media_type?, custom_data?}. */
	async function parseJson(ctx) {
		const chunks = [];
		let total = 0;
		for await (const chunk of ctx.bodyStream) {
			total += chunk.length;
			if (total <= JSON_BODY_SAFETY_LIMIT) chunks.push(chunk);
		}
		if (total > JSON_BODY_SAFETY_LIMIT || (jsonBodyLimit !== null && total > jsonBodyLimit)) {
			return { error: u21Error(413, 'request_too_large', `Request body of ${total} bytes exceeds the limit`) };
		}
		let items;
		try {
			items = JSON.parse(Buffer.concat(chunks).toString('utf8'));
		} catch {
			return { error: u21Error(400, 'bad_request', 'Request body is not valid JSON') };
		}
		if (!Array.isArray(items) || items.length === 0) return { error: u21Error(400, 'bad_request', 'Body must be a non-empty array of media objects') };
		const files = [];
		for (const [i, item] of items.entries()) {
			if (!item || typeof item !== 'object' || Array.isArray(item)) return { error: u21Error(400, 'bad_request', `Item ${i} must be an object`) };
			const { media, name, ...rest } = item;
			if (typeof name !== 'string' || !name) return { error: u21Error(400, 'bad_request', `Item ${i}: name is required`) };
			if (typeof media !== 'string' || media.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(media)) {
				return { error: u21Error(400, 'bad_request', `Item ${i}: media must be base64 (without a data: prefix)`) };
			}
			if (rest.media_type !== undefined && typeof rest.media_type !== 'string') return { error: u21Error(400, 'bad_request', `Item ${i}: media_type must be a string`) };
			if (rest.custom_data !== undefined && (typeof rest.custom_data !== 'object' || rest.custom_data === null)) {
				return { error: u21Error(400, 'bad_request', `Item ${i}: custom_data must be an object`) };
			}
			const bytes = Buffer.from(media, 'base64');
			const bad = checkFile(name, bytes.length);
			if (bad) return { error: bad };
			const ext = path.extname(name).slice(1).toLowerCase();
			files.push({
				key: String(i),
				fileName: name,
				mimeType: MIME_BY_EXT[ext] || 'application/octet-stream',
				size: bytes.length,
				sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
				bytes,
				metadata: rest,
				metadataRaw: null,
			});
		}
		return { form: 'json', files };
	}

	if ((options.seed ?? 'demo') === 'demo') {
		seedUnit21({
			addEntity: (org, id, o) => add('entity', org, id, o),
			addEvent: (org, id, o) => add('event', org, id, o),
			addAlert: orgless('alert'),
			addCase: orgless('case'),
		});
	}

	return {
		...core,
		/** @type {Unit21Upload[]} accepted uploads, oldest first */
		uploads,
		clearUploads() {
			uploads.length = 0;
		},
		/** @type {Unit21EntityWrite[]} every POST /v1/entities/create that passed auth, oldest first, any outcome */
		entityWrites,
		clearEntityWrites() {
			entityWrites.length = 0;
		},
		/** Objects by `${type}:${org}:${id}` (alerts/cases: `${type}::${id}`). */
		objects,
		/**
		 * @param {string} org @param {string} entityId
		 * @param {{placeholder?: boolean, locked?: boolean, data?: {general_data?: object, user_data?: object, business_data?: object, custom_data?: object}}} [opts]
		 *   `data`: as in a create body (defaults: entity_type 'user', status 'active', no tags, custom_data {})
		 */
		addEntity: (org, entityId, opts) => add('entity', org, entityId, opts),
		/** @param {string} org @param {string} eventId @param {{locked?: boolean}} [opts] */
		addEvent: (org, eventId, opts) => add('event', org, eventId, opts),
		/** `(unit21Id, opts?)` or `(orgName, unit21Id, opts?)`. */
		addAlert: orgless('alert'),
		/** `(unit21Id, opts?)` or `(orgName, unit21Id, opts?)`. */
		addCase: orgless('case'),
		/**
		 * The entity as GET serves it (a copy), or null when unknown or a placeholder.
		 * @param {string} entityId @param {string} [org] default: the key's org
		 */
		getEntityData(entityId, org = orgName) {
			const record = objects.get(keyOf('entity', org, String(entityId)));
			return record && !record.placeholder ? entityView(record) : null;
		},
		/**
		 * The next `times` create/update or link-media requests on the entity answer 423
		 * (`locked`), then it is free again. `times` 0 frees it now; Infinity is allowed.
		 * The entity need not exist (a create of a new id is refused too).
		 * @param {string} entityId @param {number} [times=1] @param {string} [org] default: the key's org
		 */
		setEntityBusy(entityId, times = 1, org = orgName) {
			const k = `${org}\n${entityId}`;
			if (times > 0) busy.set(k, times);
			else busy.delete(k);
		},
		/** Replace the allowed extension list (lowercase, no dot). Default: documented list + jpeg. */
		setAllowedExtensions(list) {
			allowedExtensions = new Set((list || DEFAULT_ALLOWED_EXTENSIONS).map((e) => String(e).replace(/^\./, '').toLowerCase()));
		},
		/** Per-file size limit in bytes (default 5 MiB). */
		setMaxFileSize(bytes) {
			maxFileSize = bytes ?? MAX_FILE_SIZE;
		},
		/** Cap for the JSON body form in bytes (null = off, the default; 1 MB POST cap is UNCONFIRMED for this route). */
		setJsonBodyLimit(bytes) {
			jsonBodyLimit = bytes ?? null;
		},
		/** Cap for POST /v1/entities/create bodies: a body of `bytes` or more → 413 (default 1,000,000; null = off). */
		setCreateBodyLimit(bytes) {
			createBodyLimit = bytes === undefined ? CREATE_BODY_LIMIT : bytes;
		},
		/**
		 * Create response: 'legacy' (default) `{entity_id, previously_existed}`, or 'current'
		 * `{entity_id}` only (the openapi's createEntityResponse; previously_existed is deprecated).
		 */
		setCreateResponseStyle(style) {
			if (style !== 'legacy' && style !== 'current') throw new Error("style must be 'legacy' or 'current'");
			createResponseStyle = style;
		},
		/**
		 * Per-route rate limit (off by default): more than `perRoute` requests on one route
		 * within `windowMs` → 429 with X-RateLimit-* headers. Unit21: 200 requests/s per route.
		 * @param {{perRoute?: number, windowMs?: number}|null} limit
		 */
		setRateLimit(limit) {
			rateLimit = limit ? { perRoute: limit.perRoute ?? 200, windowMs: limit.windowMs ?? 1000 } : null;
			rate.windowStart = 0;
			rate.counts.clear();
		},
		rateLimitStats: () => ({ limited: rate.limited }),
		/**
		 * POST a signed webhook to `url` (see `sendUnit21Webhook`); the secret defaults to this
		 * simulator's `webhookSecret`. Every result is kept in `webhookDeliveries`.
		 */
		async sendWebhook(url, payload, opts = {}) {
			const result = await sendUnit21Webhook(url, payload, { secret: webhookSecret, ...opts });
			webhookDeliveries.push(result);
			return result;
		},
		webhookDeliveries,
		/** Sample payload builders (`unit21WebhookSamples`). */
		webhookSamples: unit21WebhookSamples,
		webhookSecret,
		orgName,
	};
}

// ---------------------------------------------------------------------------------------
// Webhooks (Unit21 → your endpoint)
// ---------------------------------------------------------------------------------------

/**
 * JSON the way Python's `json.dumps(value)` writes it by default: `", "` and `": "`
 * separators and non-ASCII escaped as \uXXXX. The docs' webhook samples are written this
 * way (`{"foo": "bar", ...}`), so by default the simulator sends such bodies: a receiver
 * that re-serialises the parsed JSON instead of hashing the raw bytes gets a mismatch.
 * (That Unit21 serialises exactly like this is inferred from its samples: UNCONFIRMED.)
 */
function pythonJsonDumps(value) {
	if (value === null || value === undefined) return 'null';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error('pythonJsonDumps: non-finite number');
		if (Number.isInteger(value)) return Math.abs(value) >= 1e21 ? BigInt(value).toString() : String(value);
		return String(value).replace(/e([+-])(\d)$/, 'e$10$2');
	}
	if (typeof value === 'string') return pythonJsonString(value);
	if (Array.isArray(value)) return `[${value.map((v) => (typeof v === 'function' ? 'null' : pythonJsonDumps(v))).join(', ')}]`;
	if (typeof value === 'object') {
		if (typeof value.toJSON === 'function') return pythonJsonDumps(value.toJSON());
		const parts = [];
		for (const [k, v] of Object.entries(value)) {
			if (v === undefined || typeof v === 'function') continue;
			parts.push(`${pythonJsonString(k)}: ${pythonJsonDumps(v)}`);
		}
		return `{${parts.join(', ')}}`;
	}
	throw new Error(`pythonJsonDumps: cannot serialise ${typeof value}`);
}

const PY_ESCAPES = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };
function pythonJsonString(s) {
	let out = '"';
	for (let i = 0; i < s.length; i++) {
		const ch = s[i];
		const c = s.charCodeAt(i);
		if (PY_ESCAPES[ch]) out += PY_ESCAPES[ch];
		else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, '0')}`;
		else out += ch;
	}
	return `${out}"`;
}

/**
 * The `unit21-signature` header value: `t=<t>,s0=<hex HMAC-SHA256(secret, "<t>." + raw body)>`.
 * @param {string} secret the webhook's 20-character secret
 * @param {number|string} timestamp unix seconds
 * @param {string|Buffer} rawBody exactly the bytes sent
 */
function unit21SignatureHeader(secret, timestamp, rawBody) {
	const message = Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(String(rawBody), 'utf8')]);
	return `t=${timestamp},s0=${hmacHex(secret, message)}`;
}

const TAMPER_KINDS = ['unsigned', 'wrong-signature', 'stale', 'body', 'malformed'];

/** One POST with node:http(s), no keep-alive. Resolves {status, headers, body} or {error}. */
function postOnce(url, headers, body, timeoutMs) {
	return new Promise((resolve) => {
		let u;
		try {
			u = new URL(url);
		} catch (err) {
			return resolve({ error: `invalid URL: ${err.message}` });
		}
		const lib = u.protocol === 'https:' ? https : http;
		const req = lib.request(u, { method: 'POST', headers, agent: false }, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', (err) => resolve({ error: err.message }));
		});
		req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
		req.on('error', (err) => resolve({ error: err.code ? `${err.code}: ${err.message}` : err.message }));
		req.end(body);
	});
}

/**
 * POST a webhook to `url` the way Unit21 does: JSON body, `Content-Type: application/json`,
 * `unit21-signature: t=<unix seconds>,s0=<hex HMAC-SHA256(secret, "<t>." + raw body)>`.
 *
 * @param {string} url
 * @param {object} payload the webhook body (see `unit21WebhookSamples`)
 * @param {object} [options]
 * @param {string} [options.secret] default DEMO.credentials.unit21.webhookSecret
 * @param {number} [options.timestamp] `t` (unix seconds), default now (now − staleSeconds for 'stale')
 * @param {'unsigned'|'wrong-signature'|'stale'|'body'|'malformed'|null} [options.tamper]
 *   unsigned: no header; wrong-signature: signed with another secret; stale: correctly signed
 *   with an old `t`; body: signed, then a different body sent (unit21_id + 1, or an extra
 *   field); malformed: header without `s0=`
 * @param {number} [options.staleSeconds=3600] age of `t` for 'stale'
 * @param {'python'|'compact'} [options.serialization='python'] python: `json.dumps` style
 *   (`", "`, `": "`, \uXXXX); compact: `JSON.stringify`
 * @param {string|Buffer} [options.rawBody] send exactly these bytes (payload ignored)
 * @param {Record<string,string>} [options.headers] extra headers (override the defaults)
 * @param {boolean} [options.retry=false] behave like Unit21's delivery: up to 3 requests,
 *   again after a 4xx/5xx or a network error, waiting `retryDelaysMs` between them
 * @param {number[]} [options.retryDelaysMs=[1000, 2000]]
 * @param {number} [options.timeoutMs=10000]
 * @returns {Promise<{status: number|null, headers: object, body: string, json: any, error?: string,
 *   attempts: {status: number|null, error?: string}[], signatureHeader: string|null, timestamp: number,
 *   signedBody: string, sentBody: string}>}
 */
async function sendUnit21Webhook(url, payload, options = {}) {
	const tamper = options.tamper ?? null;
	if (tamper !== null && !TAMPER_KINDS.includes(tamper)) throw new Error(`tamper must be one of ${TAMPER_KINDS.join(', ')}`);
	const secret = options.secret ?? DEMO.credentials.unit21.webhookSecret;
	const now = Math.floor(Date.now() / 1000);
	const timestamp = options.timestamp ?? (tamper === 'stale' ? now - (options.staleSeconds ?? 3600) : now);
	const serialise = (v) => (options.serialization === 'compact' ? JSON.stringify(v) : pythonJsonDumps(v));
	const signed = options.rawBody !== undefined ? Buffer.from(options.rawBody) : Buffer.from(serialise(payload), 'utf8');
	let signatureHeader = unit21SignatureHeader(tamper === 'wrong-signature' ? `${secret}-not-the-secret` : secret, timestamp, signed);
	let sent = signed;
	if (tamper === 'unsigned') signatureHeader = null;
	if (tamper === 'malformed') signatureHeader = `t=${timestamp}`;
	if (tamper === 'body') {
		sent = isPlainObject(payload)
			? Buffer.from(serialise(typeof payload.unit21_id === 'number' ? { ...payload, unit21_id: payload.unit21_id + 1 } : { ...payload, tampered: true }), 'utf8')
			: Buffer.concat([signed, Buffer.from(' ')]);
	}
	const headers = { 'content-type': 'application/json', 'content-length': String(sent.length) };
	if (signatureHeader !== null) headers['unit21-signature'] = signatureHeader;
	Object.assign(headers, options.headers || {});

	const maxAttempts = options.retry ? 3 : 1;
	const delays = options.retryDelaysMs ?? [1000, 2000];
	const attempts = [];
	let last;
	for (let i = 0; i < maxAttempts; i++) {
		if (i > 0) await sleep(delays[i - 1] ?? delays[delays.length - 1] ?? 0);
		last = await postOnce(url, headers, sent, options.timeoutMs ?? 10000);
		attempts.push(last.error ? { status: null, error: last.error } : { status: last.status });
		if (!last.error && last.status < 400) break;
	}
	let json;
	try {
		json = last.body !== undefined ? JSON.parse(last.body) : undefined;
	} catch {
		json = undefined;
	}
	return {
		status: last.error ? null : last.status,
		headers: last.headers || {},
		body: last.body ?? '',
		json,
		...(last.error ? { error: last.error } : {}),
		attempts,
		signatureHeader,
		timestamp,
		signedBody: signed.toString('utf8'),
		sentBody: sent.toString('utf8'),
	};
}

/**
 * Sample webhook bodies on the demo objects. Each builder takes overrides (shallow-merged
 * last). `change_time` defaults to now.
 *
 * Field names follow Unit21's alert / case / entity webhook references. Choices where the
 * docs say nothing: the ALERT_ACTION_TRIGGERED body is the alert body with
 * `change: "ACTION_TRIGGERED"` plus `action_name` (the button's name — this field name is
 * OUR CHOICE, UNCONFIRMED) and `action_trigger_external_id` (documented for entity action
 * webhooks, assumed for alerts); ENTITY_FLAGGED uses `change: "FLAGGED"` (UNCONFIRMED).
 */
const unit21WebhookSamples = {
	/** ALERT_ACTION_TRIGGERED: an agent clicked "Pull KYC evidence" on the demo alert. */
	alertActionTriggered(overrides = {}) {
		const u = DEMO.unit21;
		return {
			unit21_id: Number(u.alert),
			object_type: 'ALERT',
			change: 'ACTION_TRIGGERED',
			change_time: Math.floor(Date.now() / 1000),
			alert_id: u.alertId,
			alert_type: 'kyc',
			status: 'OPEN',
			disposition: 'UNRESOLVED',
			title: `KYC review: ${u.entity}`,
			description: 'Identity documents need a second look',
			changed_by: u.agentEmail,
			start_date: 1710408600,
			end_date: 1710412200,
			entities: [{ entity_id: u.entity, entity_type: 'user', resolution: null }],
			events: [],
			instruments: [],
			triggered_by_rules: [],
			assigned_to: u.agentEmail,
			tags: ['kyc_vendor:veriff'],
			custom_data: {},
			action_name: u.actionName,
			action_trigger_external_id: u.actionTriggerExternalId,
			...overrides,
		};
	},
	/** ENTITY_FLAGGED on cust-1001 (carries the entity's custom_data, with the Veriff session id). */
	entityFlagged(overrides = {}) {
		const u = DEMO.unit21;
		return {
			unit21_id: u.entityUnit21Id,
			entity_id: u.entity,
			entity_type: 'user',
			object_type: 'ENTITY',
			change: 'FLAGGED',
			change_time: Math.floor(Date.now() / 1000),
			changed_by: u.agentEmail,
			tags: ['kyc_vendor:veriff'],
			custom_data: { veriff_session_id: DEMO.veriff.sessionApproved },
			...overrides,
		};
	},
	/** CASE_CREATED for the demo case, on cust-1001. */
	caseCreated(overrides = {}) {
		const u = DEMO.unit21;
		return {
			unit21_id: Number(u.case),
			case_id: null,
			status: 'OPEN',
			disposition: '',
			object_type: 'CASE',
			change: 'CREATED',
			changed_by: u.agentEmail,
			title: `KYC case: ${u.entity}`,
			description: `Case opened from alert ${u.alert}`,
			change_time: Math.floor(Date.now() / 1000),
			start_date: 1710408600,
			end_date: null,
			entities: [{ entity_id: u.entity, entity_type: 'user', unit21_id: u.entityUnit21Id, resolution: null }],
			events: [],
			tags: [],
			instruments: [],
			created_by: u.agentEmail,
			watchers: [],
			custom_data: {},
			...overrides,
		};
	},
};

module.exports = {
	startUnit21Simulator,
	sendUnit21Webhook,
	unit21SignatureHeader,
	unit21WebhookSamples,
	pythonJsonDumps,
	DOCUMENTED_EXTENSIONS,
	DEFAULT_ALLOWED_EXTENSIONS,
	MAX_FILE_SIZE,
	CREATE_BODY_LIMIT,
};
