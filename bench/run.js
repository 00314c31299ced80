#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: this package's nodes against n8n's own nodes (Crypto + HTTP Request) and
 * curl, in a real n8n 2.41.1 (`n8n execute`, filesystem binary mode) talking to the vendor
 * simulators over loopback. Prints the tables and writes them to bench/RESULTS.md.
 * See bench/README.md for what each case measures.
 *
 *   node bench/run.js                  the full benchmark (about 10 minutes on 2 cores)
 *   node bench/run.js --quick          small sizes, one run each (a smoke test of the bench itself)
 *   node bench/run.js --only=download  only some cases: download, uploads, listing (comma-separated)
 *   node bench/run.js --render         bench/RESULTS.md again from the last run's bench/.work/results.json
 *   node bench/run.js --list-parallel=N  case 4 with Requests in Parallel = N instead of the node's default
 *   node bench/run.js --profile=<name> one run of one workflow under `node --cpu-prof`, then the
 *                                      top self-time functions; names: download-ours, download-http (largest
 *                                      size), download-ours-small, download-http-small,
 *                                      uploads-ours, uploads-http, listing-ours, listing-http
 */
const fs = require('node:fs');
const path = require('node:path');

const lib = require('../scripts/lib/n8n');
const { startDemoSimulators } = require('../scripts/lib/simulators');
const { demoCredentials } = require('../scripts/demo-setup');
const { DEMO } = require('../simulators/demo-data');
const {
	MiB,
	freePort,
	measureExecute,
	assertNodeOk,
	measureCurl,
	fileSha256,
	median,
} = require('./measure');
const { buildWorkflows } = require('./workflows');
const { describeMachine, machineMarkdown } = require('./machine');
const { summarize } = require('./profile-summary');

const BENCH = __dirname;
const WORK = path.join(BENCH, '.work');
const USER_FOLDER = path.join(WORK, 'n8n');
// n8n 2.x keeps filesystem-mode binary data in <user folder>/.n8n/storage.
const BINARY_DIR = path.join(USER_FOLDER, '.n8n', 'storage');
const CURL_OUT = path.join(WORK, 'curl.out');

const argv = process.argv.slice(2);
const flag = (name) => {
	const hit = argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
	return hit === undefined ? undefined : hit.includes('=') ? hit.slice(hit.indexOf('=') + 1) : true;
};
const QUICK = flag('quick') === true;
const ONLY =
	typeof flag('only') === 'string' ? flag('only').split(',') : ['download', 'uploads', 'listing'];
const PROFILE = typeof flag('profile') === 'string' ? flag('profile') : undefined;
// Requests in Parallel for the listing with our node (default: the node's own default).
const LIST_PARALLEL =
	typeof flag('list-parallel') === 'string' ? Number(flag('list-parallel')) : undefined;

const CONFIG = QUICK
	? {
			sizes: [
				{ label: '16 MiB', bytes: 16 * MiB, runs: 1 },
				{ label: '32 MiB', bytes: 32 * MiB, runs: 1 },
				{ label: '128 MiB', bytes: 128 * MiB, runs: 1 },
			],
			curlRuns: 1,
			uploadFiles: 20,
			uploadFileBytes: 4 * MiB,
			uploadRuns: 1,
			sessions: 50,
			listRuns: 1,
		}
	: {
			sizes: [
				{ label: '16 MiB', bytes: 16 * MiB, runs: 5 },
				{ label: '256 MiB', bytes: 256 * MiB, runs: 5 },
				{ label: '1 GiB', bytes: 1024 * MiB, runs: 5 },
			],
			curlRuns: 5,
			uploadFiles: 200,
			uploadFileBytes: 4 * MiB,
			uploadRuns: 3,
			sessions: 500,
			listRuns: 3,
		};
const LATENCY_MS = 50;
const MEDIA_PER_SESSION = 3; // 2 photos + 1 video
const UPLOAD_MEDIA_TYPE = 'IMAGE_FACE_IMAGE';

/** Extra environment of every n8n process the bench starts. */
const N8N_ENV = {};
const execute = (runtime, workflowId, env = {}, options = {}) =>
	measureExecute(runtime, USER_FOLDER, workflowId, { env: { ...N8N_ENV, ...env }, ...options });

const log = (...args) => console.log('[bench]', ...args);
const sec = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : '—');
const mib = (bytes) => (Number.isFinite(bytes) ? `${(bytes / MiB).toFixed(0)} MiB` : '—');
const ratio = (a, b) =>
	Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—';
const range = (values, format) => {
	const finite = values.filter(Number.isFinite);
	if (finite.length === 0) return '—';
	const text = format(median(finite));
	return finite.length > 1
		? `${text} (${format(Math.min(...finite))}–${format(Math.max(...finite))})`
		: text;
};

function cleanBinaryData() {
	fs.rmSync(BINARY_DIR, { recursive: true, force: true });
	fs.rmSync(CURL_OUT, { force: true });
}

/** The file behind a filesystem-mode binary id (`filesystem-v2:workflows/…/binary_data/<uuid>`). */
function binaryFile(binary) {
	const fileId = String(binary?.id ?? '').replace(/^[^:]+:/, '');
	if (!fileId)
		throw new Error(
			`the binary has no id (is binary data mode filesystem?): ${JSON.stringify(binary)}`,
		);
	return path.join(BINARY_DIR, fileId);
}

async function main() {
	const startedAt = Date.now();
	log('n8n runtime, npm pack, fresh user folder in bench/.work');
	const runtime = lib.ensureRuntime({ quiet: true });
	const tarball = lib.packPackage({ quiet: true });
	// A fresh n8n user folder; profiles and the last full run's results are kept.
	for (const entry of fs.existsSync(WORK) ? fs.readdirSync(WORK) : []) {
		if (entry !== 'profiles' && entry !== 'results.json')
			fs.rmSync(path.join(WORK, entry), { recursive: true, force: true });
	}
	fs.mkdirSync(USER_FOLDER, { recursive: true });
	lib.installPackage(USER_FOLDER, tarball, runtime, { quiet: true });
	const machine = describeMachine(runtime, BENCH);
	// Own ports, so that an n8n already running on this machine (5678/5679) does not clash.
	N8N_ENV.N8N_PORT = String(await freePort());
	N8N_ENV.N8N_RUNNERS_BROKER_PORT = String(await freePort());

	// The simulators keep no request bodies (hundreds of MB would pile up in this process).
	const noBodies = { recordBodyLimit: 0 };
	const simulators = await startDemoSimulators({
		ports: { veriff: 0, sumsub: 0, unit21: 0 },
		skip: { sumsub: true },
		options: { veriff: noBodies, unit21: noBodies },
	});
	const { veriff, unit21 } = simulators.sims;
	// Unit21's simulator keeps each received file (up to 5 MiB); keep only size and sha256.
	const keepUpload = unit21.uploads.push.bind(unit21.uploads);
	unit21.uploads.push = (...uploads) => {
		for (const upload of uploads) for (const file of upload.files) file.bytes = null;
		return keepUpload(...uploads);
	};

	try {
		// ── data ───────────────────────────────────────────────────────────────────────
		const { sessionId: downloadSession } = veriff.addSession({
			vendorData: 'bench-downloads',
			attempts: [{ status: 'approved', images: [], videos: [] }],
		});
		const downloads = {};
		for (const size of CONFIG.sizes) {
			downloads[size.label] = veriff.addLargeVideo({
				sessionId: downloadSession,
				size: size.bytes,
				mimetype: 'video/mp4',
			}).id;
		}
		const { sessionId: uploadSession } = veriff.addSession({
			vendorData: 'bench-uploads',
			attempts: [{ status: 'approved', images: [], videos: [] }],
		});
		const uploadItems = [];
		for (let i = 1; i <= CONFIG.uploadFiles; i++) {
			const entityId = `bench-${String(i).padStart(4, '0')}`;
			unit21.addEntity(DEMO.unit21.orgName, entityId);
			const media = veriff.addLargeVideo({
				sessionId: uploadSession,
				size: CONFIG.uploadFileBytes,
				mimetype: 'video/mp4',
			});
			uploadItems.push({ id: media.id, entityId });
		}
		const sessionIds = [];
		for (let i = 0; i < CONFIG.sessions; i++) {
			const { sessionId } = veriff.addSession({
				vendorData: `bench-list-${i}`,
				attempts: [
					{
						status: 'approved',
						images: [{ context: 'document-front' }, { context: 'face' }],
						videos: [{ context: 'selfid_video', mimetype: 'video/mp4', size: 4096 }],
					},
				],
			});
			sessionIds.push(sessionId);
		}

		const credentials = demoCredentials(simulators.urls, {});
		const byType = Object.fromEntries(credentials.map((c) => [c.type.replace(/Api$/, ''), c]));
		await lib.importCredentials(runtime, USER_FOLDER, credentials);
		const workflows = buildWorkflows({
			urls: simulators.urls,
			credentials: byType,
			ids: { downloads },
			upload: { items: uploadItems, mediaType: UPLOAD_MEDIA_TYPE },
			listing: { sessionIds, parallel: LIST_PARALLEL },
		});
		const all = [
			...Object.values(workflows.download).flatMap((w) => [w.ours, w.http]),
			workflows.uploads.ours,
			workflows.uploads.http,
			workflows.lists.ours,
			workflows.lists.oursSerial,
			workflows.lists.http,
		];
		const importFile = path.join(WORK, 'workflows.json');
		fs.writeFileSync(importFile, JSON.stringify(all));
		const imported = await lib.n8nCli(runtime, USER_FOLDER, [
			'import:workflow',
			`--input=${importFile}`,
		]);
		if (imported.status !== 0)
			throw new Error(`import:workflow failed:\n${imported.stderr}${imported.stdout}`);

		if (PROFILE) {
			await profile(PROFILE, { runtime, workflows, veriff });
			return;
		}

		log('hashing what the simulators serve (before any timing)');
		const expectedSha = {};
		for (const id of [...Object.values(downloads), ...uploadItems.map((i) => i.id)])
			expectedSha[id] = await veriff.mediaSha256(id);

		log('warm-up run (not counted)');
		const warm = await execute(runtime, workflows.download[CONFIG.sizes[0].label].ours.id);
		assertNodeOk(warm, 'Download');
		cleanBinaryData();

		const results = {
			machine,
			config: CONFIG,
			download: {},
			uploads: {},
			lists: {},
			loadBefore: loadAverage(),
		};
		const veriffHeaders = (mediaId) => ({
			'X-AUTH-CLIENT': byType.veriff.data.apiKey,
			'X-HMAC-SIGNATURE': require('node:crypto')
				.createHmac('sha256', byType.veriff.data.sharedSecret)
				.update(mediaId)
				.digest('hex'),
		});

		// ── 1/2: downloads ─────────────────────────────────────────────────────────────
		if (ONLY.includes('download')) {
			for (const size of CONFIG.sizes) {
				const mediaId = downloads[size.label];
				const entry = (results.download[size.label] = {
					bytes: size.bytes,
					ours: [],
					http: [],
					curl: [],
				});
				for (let r = 0; r < size.runs; r++) {
					for (const variant of ['ours', 'http']) {
						const run = await execute(runtime, workflows.download[size.label][variant].id);
						const items = assertNodeOk(run, 'Download');
						const binary = items[0]?.binary?.data;
						if (binary?.bytes !== size.bytes)
							throw new Error(
								`${variant} ${size.label}: binary of ${binary?.bytes} bytes, expected ${size.bytes}`,
							);
						if (r === 0) {
							const sha = await fileSha256(binaryFile(binary));
							if (sha !== expectedSha[mediaId])
								throw new Error(
									`${variant} ${size.label}: stored file differs from what Veriff served`,
								);
						}
						entry[variant].push({
							wallMs: run.wallMs,
							peakBytes: run.peakBytes,
							nodeMs: run.nodeMs.Download,
							samples: run.samples,
						});
						cleanBinaryData();
						log(
							`download ${size.label} ${variant}: ${sec(run.wallMs)} wall, node ${sec(run.nodeMs.Download)}, peak ${mib(run.peakBytes)}`,
						);
					}
				}
				for (let r = 0; r < Math.max(CONFIG.curlRuns, size.runs); r++) {
					const curl = await measureCurl(
						`${simulators.urls.veriff}/v1/media/${mediaId}`,
						veriffHeaders(mediaId),
						CURL_OUT,
					);
					if (curl.status !== 0) throw new Error(`curl failed (${curl.status}): ${curl.stderr}`);
					if (fs.statSync(CURL_OUT).size !== size.bytes)
						throw new Error('curl wrote the wrong number of bytes');
					if (r === 0 && (await fileSha256(CURL_OUT)) !== expectedSha[mediaId])
						throw new Error('curl: file differs from what Veriff served');
					entry.curl.push({ wallMs: curl.wallMs });
					cleanBinaryData();
				}
				log(
					`download ${size.label} curl: ${sec(median(entry.curl.map((c) => c.wallMs)))} (median)`,
				);
			}
		}

		// ── 3: uploads ─────────────────────────────────────────────────────────────────
		if (ONLY.includes('uploads')) {
			const expectedByEntity = new Map(uploadItems.map((i) => [i.entityId, expectedSha[i.id]]));
			for (const variant of ['ours', 'http']) results.uploads[variant] = [];
			for (let r = 0; r < CONFIG.uploadRuns; r++) {
				for (const variant of ['ours', 'http']) {
					unit21.clearUploads();
					unit21.clearRequests();
					veriff.clearRequests();
					const run = await execute(runtime, workflows.uploads[variant].id);
					assertNodeOk(run, 'Upload');
					checkUploads(unit21.uploads, expectedByEntity, variant);
					results.uploads[variant].push({
						wallMs: run.wallMs,
						peakBytes: run.peakBytes,
						nodeMs: run.nodeMs.Upload,
						fetchMs: run.nodeMs['Fetch files'],
					});
					unit21.clearUploads();
					cleanBinaryData();
					log(
						`uploads ${variant}: upload node ${sec(run.nodeMs.Upload)}, fetch ${sec(run.nodeMs['Fetch files'])}, wall ${sec(run.wallMs)}, peak ${mib(run.peakBytes)}`,
					);
				}
			}
		}

		// ── 4: listing with latency ────────────────────────────────────────────────────
		if (ONLY.includes('listing')) {
			veriff.setLatency(LATENCY_MS);
			try {
				for (const variant of ['ours', 'oursSerial', 'http']) results.lists[variant] = [];
				for (let r = 0; r < CONFIG.listRuns; r++) {
					for (const variant of ['ours', 'http', 'oursSerial']) {
						veriff.clearRequests();
						const run = await execute(runtime, workflows.lists[variant].id);
						const items = assertNodeOk(run, 'List');
						const expectedItems =
							variant === 'http' ? CONFIG.sessions : CONFIG.sessions * MEDIA_PER_SESSION;
						if (items.length !== expectedItems)
							throw new Error(
								`listing ${variant}: ${items.length} items, expected ${expectedItems}`,
							);
						const listed = veriff.requests.filter(
							(q) => q.status === 200 && /\/media$/.test(q.path),
						).length;
						if (listed !== CONFIG.sessions)
							throw new Error(
								`listing ${variant}: Veriff answered ${listed} listings, expected ${CONFIG.sessions}`,
							);
						results.lists[variant].push({
							wallMs: run.wallMs,
							peakBytes: run.peakBytes,
							nodeMs: run.nodeMs.List,
							signMs: run.nodeMs.Sign,
							chainMs: run.nodeMs.List + (run.nodeMs.Sign ?? 0),
						});
						log(`listing ${variant}: list node ${sec(run.nodeMs.List)}, wall ${sec(run.wallMs)}`);
					}
				}
			} finally {
				veriff.setLatency(0);
			}
		}

		results.totalMs = Date.now() - startedAt;
		results.loadAfter = loadAverage();
		results.defaultParallel = defaultRequestsInParallel();
		const partial = QUICK || ONLY.length < 3 || LIST_PARALLEL !== undefined;
		fs.writeFileSync(
			path.join(WORK, partial ? 'results-partial.json' : 'results.json'),
			JSON.stringify(results, null, 2),
		);
		const markdown = render(results);
		console.log(`\n${markdown}`);
		if (partial) {
			fs.writeFileSync(path.join(WORK, 'RESULTS.md'), markdown);
			log(
				'partial run: tables written to bench/.work/RESULTS.md (bench/RESULTS.md is left as it was)',
			);
		} else {
			fs.writeFileSync(path.join(BENCH, 'RESULTS.md'), markdown);
			log(`written to bench/RESULTS.md (${((Date.now() - startedAt) / 60000).toFixed(1)} min)`);
		}
	} finally {
		veriff.setLatency(0);
		await simulators.close();
		cleanBinaryData();
	}
}

/** List Session Media's default Requests in Parallel, from the build the bench installed. */
function defaultRequestsInParallel() {
	try {
		const { defaultRequestsInParallel: readDefault } = require('../dist/nodes/shared/options');
		const { listSessionMedia } = require('../dist/nodes/Veriff/actions/media/listSessionMedia.operation');
		return readDefault(listSessionMedia);
	} catch {
		return undefined;
	}
}

/** The 1-minute load average (other work on the machine skews the figures). */
function loadAverage() {
	return require('node:os').loadavg()[0];
}

function checkUploads(uploads, expectedByEntity, variant) {
	if (uploads.length !== expectedByEntity.size)
		throw new Error(
			`uploads ${variant}: Unit21 received ${uploads.length} uploads, expected ${expectedByEntity.size}`,
		);
	for (const upload of uploads) {
		const [file] = upload.files;
		if (upload.files.length !== 1 || upload.form !== 'multipart')
			throw new Error(`uploads ${variant}: expected one multipart file per request`);
		if (file.sha256 !== expectedByEntity.get(upload.objectId))
			throw new Error(
				`uploads ${variant}: entity ${upload.objectId} got other bytes than Veriff served`,
			);
		if (file.metadata?.media_type !== UPLOAD_MEDIA_TYPE)
			throw new Error(`uploads ${variant}: metadata ${file.metadataRaw} lacks the media_type`);
	}
}

/** One run under `node --cpu-prof`, then the functions with the most self time. */
async function profile(name, { runtime, workflows, veriff }) {
	const big = CONFIG.sizes[CONFIG.sizes.length - 1].label;
	const small = CONFIG.sizes[0].label;
	const targets = {
		'download-ours-small': [workflows.download[small].ours, 'Download'],
		'download-http-small': [workflows.download[small].http, 'Download'],
		'download-ours': [workflows.download[big].ours, 'Download'],
		'download-http': [workflows.download[big].http, 'Download'],
		'uploads-ours': [workflows.uploads.ours, 'Upload'],
		'uploads-http': [workflows.uploads.http, 'Upload'],
		'listing-ours': [workflows.lists.ours, 'List'],
		'listing-http': [workflows.lists.http, 'List'],
	};
	if (!targets[name]) throw new Error(`--profile: one of ${Object.keys(targets).join(', ')}`);
	const [workflow, nodeName] = targets[name];
	const dir = path.join(WORK, 'profiles', name);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	log(`profiling "${workflow.name}" (node --cpu-prof → ${path.relative(process.cwd(), dir)})`);
	if (name.startsWith('listing')) veriff.setLatency(LATENCY_MS);
	// gc-observer.js counts garbage collections; BENCH_NODE_OPTIONS adds flags (n8n's output is kept in output.txt).
	const gcLog = path.join(dir, 'gc.json');
	const nodeOptions =
		`--cpu-prof --cpu-prof-dir=${dir} --require=${path.join(BENCH, 'gc-observer.js')} ${process.env.BENCH_NODE_OPTIONS ?? ''}`.trim();
	const benchCpu = process.cpuUsage();
	const run = await execute(
		runtime,
		workflow.id,
		{ NODE_OPTIONS: nodeOptions, BENCH_GC_LOG: gcLog },
		{ threads: true },
	);
	const benchCpuUsed = process.cpuUsage(benchCpu);
	veriff.setLatency(0);
	fs.writeFileSync(path.join(dir, 'output.txt'), `${run.stdout}\n${run.stderr}`);
	assertNodeOk(run, nodeName);
	cleanBinaryData();
	log(
		`wall ${sec(run.wallMs)}, ${nodeName} ${sec(run.nodeMs[nodeName])}, peak ${mib(run.peakBytes)}`,
	);
	console.log('\nCPU seconds of the n8n process by thread (whole run, incl. start-up):');
	for (const [name, seconds] of Object.entries(run.threadCpu ?? {}).sort((a, b) => b[1] - a[1]))
		console.log(`  ${name}: ${seconds.toFixed(2)} s`);
	console.log(
		`CPU seconds of this process (simulators): ${((benchCpuUsed.user + benchCpuUsed.system) / 1e6).toFixed(2)} s`,
	);
	if (fs.existsSync(gcLog)) {
		const { stats } = JSON.parse(fs.readFileSync(gcLog, 'utf8'));
		console.log('\ngarbage collections in the n8n process (whole run):');
		for (const [kind, s] of Object.entries(stats).sort((a, b) => b[1].totalMs - a[1].totalMs)) {
			console.log(
				`  ${kind}: ${s.count}×, ${(s.totalMs / 1000).toFixed(2)} s in total, longest ${s.maxMs.toFixed(0)} ms`,
			);
		}
	}
	for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
		const text = summarize(path.join(dir, file), 30);
		fs.writeFileSync(path.join(dir, `${file}.txt`), text);
		console.log(`\n${text}`);
	}
}

// ── the tables ─────────────────────────────────────────────────────────────────────────

const col = (runs, key) => runs.map((r) => r[key]);
const med = (runs, key) => median(col(runs ?? [], key));

function table(header, rows) {
	return [
		`| ${header.join(' | ')} |`,
		`|${header.map(() => '---').join('|')}|`,
		...rows.map((r) => `| ${r.join(' | ')} |`),
	].join('\n');
}

function render(results) {
	const out = [];
	const { download, uploads, lists } = results;
	const sizes = Object.keys(download);
	const small = sizes[0];
	const big = sizes[sizes.length - 1];
	const targets = [];

	out.push(
		'# Benchmark results',
		'',
		`\`npm run bench\`${QUICK ? ' --quick' : ''}, ${(results.totalMs / 60000).toFixed(1)} minutes.`,
		'',
		machineMarkdown(results.machine),
	);
	out.push(
		`- load average (1 min) before / after: ${results.loadBefore.toFixed(2)} / ${results.loadAfter.toFixed(2)}`,
		'',
	);
	out.push(
		'Times are medians over the runs, with (min–max). "× HTTP Request" divides by the same measure of the',
	);
	out.push(
		"workflow built from n8n's own nodes (Crypto + HTTP Request) in this same run: below 1 is better.",
		'',
	);

	if (sizes.length > 0) {
		out.push('## 1–2. Download one Veriff video', '');
		out.push(
			"Wall time of the whole `n8n execute` (about 4 s of it is n8n starting up), the download node's own",
		);
		out.push('executionTime, and the peak resident memory (VmHWM) of the n8n process.', '');
		const rows = [];
		for (const label of sizes) {
			const e = download[label];
			const httpWall = med(e.http, 'wallMs');
			const httpPeak = med(e.http, 'peakBytes');
			// One row per workflow; HTTP Request's own row divides by itself (1.00×).
			const workflowRow = (name, runs) => [
				label,
				name,
				runs.length,
				range(col(runs, 'wallMs'), sec),
				range(col(runs, 'nodeMs'), sec),
				range(col(runs, 'peakBytes'), mib),
				ratio(med(runs, 'wallMs'), httpWall),
				ratio(med(runs, 'peakBytes'), httpPeak),
			];
			rows.push(workflowRow('Veriff node: Download Media', e.ours));
			rows.push(workflowRow('Crypto (HMAC) + HTTP Request (file)', e.http));
			rows.push([
				label,
				'`curl -s -o file`',
				e.curl.length,
				range(col(e.curl, 'wallMs'), sec),
				'—',
				'—',
				ratio(med(e.curl, 'wallMs'), httpWall),
				'—',
			]);
		}
		out.push(
			table(
				[
					'Size',
					'Workflow',
					'Runs',
					'Wall time',
					'Download node',
					'Peak RSS',
					'Wall × HTTP Request',
					'Peak RSS × HTTP Request',
				],
				rows,
			),
			'',
		);

		out.push(
			`Transfer time = median wall time at a size − median wall time at ${small} (start-up cancels out);`,
		);
		out.push(`memory growth = median peak RSS at a size − median peak RSS at ${small}.`, '');
		const derived = [];
		const transfer = {};
		const growth = {};
		for (const variant of ['ours', 'http', 'curl']) {
			const name = { ours: 'Veriff node', http: 'Crypto + HTTP Request', curl: 'curl' }[variant];
			const cells = [name];
			for (const label of sizes.slice(1)) {
				const t = med(download[label][variant], 'wallMs') - med(download[small][variant], 'wallMs');
				const g =
					variant === 'curl'
						? NaN
						: med(download[label][variant], 'peakBytes') -
							med(download[small][variant], 'peakBytes');
				const mbps = ((download[label].bytes - download[small].bytes) / MiB / (t / 1000)).toFixed(
					0,
				);
				cells.push(
					`${sec(t)} (${mbps} MiB/s)`,
					variant === 'curl' ? '—' : `${g >= 0 ? '+' : ''}${mib(g)}`,
				);
				if (label === big) {
					transfer[variant] = t;
					growth[variant] = g;
				}
			}
			derived.push(cells);
		}
		const header = ['Workflow'];
		for (const label of sizes.slice(1))
			header.push(`Transfer ${small} → ${label}`, `Memory growth ${small} → ${label}`);
		out.push(table(header, derived), '');
		out.push(
			`Our transfer time ${big} ÷ HTTP Request's: ${ratio(transfer.ours, transfer.http)}; ÷ curl's: ${ratio(transfer.ours, transfer.curl)}.`,
			'',
		);

		targets.push([
			`Peak memory growth ${small} → ${big} (Veriff node) ≤ 48 MiB`,
			`${mib(growth.ours)} (HTTP Request: ${mib(growth.http)})`,
			growth.ours <= 48 * MiB,
		]);
		const allowed = 1.2 * transfer.curl + 1000;
		targets.push([
			`${big} transfer time (Veriff node) ≤ 1.2 × curl + 1 s`,
			`${sec(transfer.ours)} vs allowed ${sec(allowed)} (curl ${sec(transfer.curl)}; HTTP Request ${sec(transfer.http)})`,
			transfer.ours <= allowed,
		]);
	}

	if (uploads.ours?.length) {
		const n = results.config.uploadFiles;
		const totalMiB = (n * results.config.uploadFileBytes) / MiB;
		out.push(
			`## 3. Add ${n} files of ${mib(results.config.uploadFileBytes)} to Unit21 entities`,
			'',
		);
		out.push(
			`${n} items, each with a ${mib(results.config.uploadFileBytes)} video already in n8n's binary store (downloaded from Veriff by our`,
		);
		out.push(
			'Download Media node earlier in the same workflow), one link-media request per item to its own entity,',
		);
		out.push(
			"multipart with the file part and a JSON metadata part under the same key. Measured: the upload node's executionTime.",
			'',
		);
		const httpUp = med(uploads.http, 'nodeMs');
		const rate = (runs) => `${(totalMiB / (med(runs, 'nodeMs') / 1000)).toFixed(0)} MiB/s`;
		const uploadRow = (name, runs) => [
			name,
			runs.length,
			range(col(runs, 'nodeMs'), sec),
			rate(runs),
			range(col(runs, 'fetchMs'), sec),
			range(col(runs, 'wallMs'), sec),
			range(col(runs, 'peakBytes'), mib),
			ratio(med(runs, 'nodeMs'), httpUp),
		];
		out.push(
			table(
				[
					'Workflow',
					'Runs',
					'Upload node',
					'Throughput',
					'Fetch node (same in both)',
					'Wall time',
					'Peak RSS',
					'Upload × HTTP Request',
				],
				[
					uploadRow('Unit21 node: Add Media to Entity', uploads.ours),
					uploadRow('HTTP Request (multipart form-data)', uploads.http),
				],
			),
			'',
		);
		targets.push([
			'Uploads no slower than the HTTP Request workflow',
			`upload node ${sec(med(uploads.ours, 'nodeMs'))} vs ${sec(httpUp)} (${ratio(med(uploads.ours, 'nodeMs'), httpUp)})`,
			med(uploads.ours, 'nodeMs') <= httpUp,
		]);
	}

	if (lists.ours?.length) {
		const n = results.config.sessions;
		out.push(`## 4. List the media of ${n} sessions, ${LATENCY_MS} ms latency per request`, '');
		out.push(
			`${n} items, one GET /v1/sessions/{id}/media each (signed; our node also checks each response's signature);`,
		);
		out.push(
			'Veriff\'s simulator waits 50 ms before every answer. Measured: the listing node\'s executionTime; "signing + list"',
		);
		out.push(
			'adds the Crypto node that computes the HMAC for HTTP Request (our node signs inside).',
			'',
		);
		const httpList = med(lists.http, 'nodeMs');
		const httpChain = med(lists.http, 'chainMs');
		const rps = (runs) => `${(n / (med(runs, 'nodeMs') / 1000)).toFixed(0)}/s`;
		const parallel =
			LIST_PARALLEL ??
			(results.defaultParallel !== undefined
				? `${results.defaultParallel}, the default`
				: 'default');
		const oursDefault = `Veriff node: List Session Media (Requests in Parallel: ${parallel})`;
		const listRow = (name, runs) => [
			name,
			runs.length,
			range(col(runs, 'nodeMs'), sec),
			rps(runs),
			range(col(runs, 'chainMs'), sec),
			range(col(runs, 'wallMs'), sec),
			ratio(med(runs, 'nodeMs'), httpList),
			ratio(med(runs, 'chainMs'), httpChain),
		];
		out.push(
			table(
				[
					'Workflow',
					'Runs',
					'List node',
					'Requests per second',
					'Signing + list nodes',
					'Wall time',
					'List × HTTP Request',
					'Signing + list × HTTP Request',
				],
				[
					listRow(oursDefault, lists.ours),
					listRow('Veriff node, Requests in Parallel = 1', lists.oursSerial),
					listRow('Crypto (HMAC) + HTTP Request (all items at once)', lists.http),
				],
			),
			'',
		);
		const speedup = med(lists.oursSerial, 'nodeMs') / med(lists.ours, 'nodeMs');
		targets.push([
			'Listing no slower than the HTTP Request workflow (list node vs HTTP Request node)',
			`list node ${sec(med(lists.ours, 'nodeMs'))} vs ${sec(httpList)} (${ratio(med(lists.ours, 'nodeMs'), httpList)}); counting the Crypto node that signs for HTTP Request: ${sec(med(lists.ours, 'chainMs'))} vs ${sec(httpChain)} (${ratio(med(lists.ours, 'chainMs'), httpChain)})`,
			med(lists.ours, 'nodeMs') <= httpList,
		]);
		targets.push([
			'Listing ≥ 5× faster than one request at a time',
			`${speedup.toFixed(1)}× (${sec(med(lists.oursSerial, 'nodeMs'))} → ${sec(med(lists.ours, 'nodeMs'))})`,
			speedup >= 5,
		]);
	}

	if (targets.length > 0) {
		out.push('## Targets', '');
		out.push(
			table(
				['Target', 'Measured', 'Met?'],
				targets.map(([t, m, ok]) => [t, m, ok ? 'met' : '**not met**']),
			),
			'',
		);
		out.push(
			'Where the time and memory go (profiles of single runs): [README.md](README.md#what-the-profiles-show).',
			'',
		);
	}
	return out.join('\n');
}

/** `--render`: the tables again from bench/.work/results.json (no runs), into bench/RESULTS.md. */
if (flag('render') === true) {
	const results = JSON.parse(fs.readFileSync(path.join(WORK, 'results.json'), 'utf8'));
	fs.writeFileSync(path.join(BENCH, 'RESULTS.md'), render(results));
	log('bench/RESULTS.md rendered again from bench/.work/results.json');
} else {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
