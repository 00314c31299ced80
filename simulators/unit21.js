'use strict';
/**
 * Unit21 API simulator: the four link-media endpoints.
 *
 *   PUT /v1/{org_name}/entities/{entity_id}/link-media
 *   PUT /v1/{org_name}/events/{event_id}/link-media     (media_type required per file)
 *   PUT /v1/alerts/{unit21_id}/link-media
 *   PUT /v1/cases/{unit21_id}/link-media
 *   GET /v1/{org_name}/entities/{entity_id}              (what the credential test probes)
 *
 * Auth: header `u21-key` must be the API key (else 401). The key belongs to one
 * organisation: another `org_name` in the path → 403.
 * Bodies: multipart/form-data (parsed with busboy, streamed: file bytes are kept only up
 * to the size limit, beyond that they are only counted and hashed) or application/json
 * (an array of `{media: base64, name, media_type?, custom_data?}`).
 * Errors: `{"error_code": "...", "message": "..."}`. Success: 200 `{}`.
 */
const crypto = require('node:crypto');
const path = require('node:path');
const { startSimulatorServer, jsonResponse, parseTarget } = require('./common');
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
const rateLimitHeaders = () => ({
	'x-ratelimit-limit': '200',
	'x-ratelimit-remaining': '0',
	'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1),
});

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
 * Start a Unit21 simulator.
 * @param {object} [options]
 * @param {string} [options.apiKey] default DEMO.credentials.unit21.apiKey
 * @param {string} [options.orgName] organisation of the key, default 'demo-org'
 * @param {number} [options.port=0]
 * @param {'demo'|'empty'} [options.seed='demo']
 * @param {Function} [options.log] per-request log callback
 */
async function startUnit21Simulator(options = {}) {
	const apiKey = options.apiKey ?? DEMO.credentials.unit21.apiKey;
	const orgName = options.orgName ?? DEMO.credentials.unit21.orgName;
	let allowedExtensions = new Set(DEFAULT_ALLOWED_EXTENSIONS);
	let maxFileSize = MAX_FILE_SIZE;
	let jsonBodyLimit = null;

	/** @type {Map<string, {type: string, orgName: string, id: string, placeholder: boolean, locked: boolean}>} */
	const objects = new Map();
	/** @type {Unit21Upload[]} */
	const uploads = [];
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
		objects.set(keyOf(type, org, String(id)), record);
		return record;
	}
	/** Accept `(id, opts?)` or `(orgName, id, opts?)` for alerts and cases (their path has no org). */
	const orgless = (type) => (a, b, c) =>
		b !== undefined && (typeof b === 'string' || typeof b === 'number') ? add(type, String(a), b, c) : add(type, orgName, a, b);

	// -- request handling -------------------------------------------------------------

	async function handle(ctx) {
		const key = ctx.headers['u21-key'];
		if (typeof key !== 'string' || key === '') return u21Error(401, 'unauthorized', 'Missing API key: send it in the u21-key header');
		if (key !== apiKey) return u21Error(401, 'unauthorized', 'Invalid API key');

		const target = parseTarget(ctx.url);
		if (!target) return u21Error(400, 'bad_request', 'Malformed request path');
		const s = target.segments;
		if (s.length === 4 && s[0] === 'v1' && s[2] === 'entities' && ctx.method === 'GET') return getEntity(s[1], s[3]);
		let route = null;
		if (s.length === 5 && s[0] === 'v1' && (s[2] === 'entities' || s[2] === 'events') && s[4] === 'link-media') {
			route = { type: OBJECT_PATHS[s[2]], org: s[1], id: s[3] };
		} else if (s.length === 4 && s[0] === 'v1' && (s[1] === 'alerts' || s[1] === 'cases') && s[3] === 'link-media') {
			route = { type: OBJECT_PATHS[s[1]], org: orgName, id: s[2] };
		}
		if (!route) return u21Error(404, 'not_found', `No route for ${ctx.method} ${target.rawPath}`);
		if (ctx.method !== 'PUT') return u21Error(405, 'method_not_allowed', `Method ${ctx.method} not allowed; use PUT`);
		if (route.org !== orgName) return u21Error(403, 'forbidden', `API key is not authorized for org '${route.org}'`);
		const label = route.type[0].toUpperCase() + route.type.slice(1);
		if (!route.id) return u21Error(404, 'resource_not_found', `${label} not found`);
		const object = objects.get(keyOf(route.type, route.org, route.id));
		if (!object) return u21Error(404, 'resource_not_found', `${label} ${route.id} not found`);
		if (object.placeholder) return u21Error(409, 'placeholder_entity', `${label} ${route.id} is a placeholder entity; placeholder entities cannot be updated`);
		if (object.locked) return u21Error(423, 'locked', `${label} ${route.id} is being updated, retry later`);

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
		uploads.push({
			objectType: route.type,
			orgName: route.org,
			objectId: route.id,
			form: parsed.form,
			requestHeaders: { ...ctx.headers },
			files: parsed.files,
			at: new Date(),
		});
		return jsonResponse(200, {});
	}

	/** GET an entity: 403 for another organisation, 404 for an unknown entity, else 200. */
	function getEntity(org, id) {
		if (org !== orgName) return u21Error(403, 'forbidden', `API key is not authorized for org '${org}'`);
		const object = objects.get(keyOf('entity', org, id));
		if (!object) return u21Error(404, 'resource_not_found', `Entity ${id} not found`);
		return jsonResponse(200, { entity_id: object.id, entity_type: 'user', status: 'active', is_placeholder: object.placeholder });
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
		/** Objects by `${type}:${org}:${id}` (alerts/cases: `${type}::${id}`). */
		objects,
		/** @param {string} org @param {string} entityId @param {{placeholder?: boolean, locked?: boolean}} [opts] */
		addEntity: (org, entityId, opts) => add('entity', org, entityId, opts),
		/** @param {string} org @param {string} eventId @param {{locked?: boolean}} [opts] */
		addEvent: (org, eventId, opts) => add('event', org, eventId, opts),
		/** `(unit21Id, opts?)` or `(orgName, unit21Id, opts?)`. */
		addAlert: orgless('alert'),
		/** `(unit21Id, opts?)` or `(orgName, unit21Id, opts?)`. */
		addCase: orgless('case'),
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
		orgName,
	};
}

module.exports = { startUnit21Simulator, DOCUMENTED_EXTENSIONS, DEFAULT_ALLOWED_EXTENSIONS, MAX_FILE_SIZE };
