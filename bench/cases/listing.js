// Case 4, media lists of many sessions behind 50 ms latency (our node, HTTP Request): run, table.
'use strict';
const { assertNodeOk } = require('../measure');
const { log, sec, ratio } = require('../format');
const { med, table, spreadOf, ratioTo, workflowHeader, workflowRow } = require('../tables');

/** Veriff's simulator waits this long before every answer, so that parallel requests pay off. */
const LATENCY_MS = 50;
const MEDIA_PER_SESSION = 3; // 2 photos + 1 video

/** One session per listed item, each with MEDIA_PER_SESSION media; returns their ids. */
function seed({ veriff }, config) {
	const sessionIds = [];
	for (let i = 0; i < config.sessions; i++) {
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
	return sessionIds;
}

/**
 * The three workflows alternately with the latency on; each run must list every session (HTTP
 * Request outputs one item per session, our node one per media).
 * @returns `{ours: run[], oursSerial: run[], http: run[]}`
 */
async function run({ config, execute, sims: { veriff }, workflows }) {
	veriff.setLatency(LATENCY_MS);
	try {
		const results = { ours: [], oursSerial: [], http: [] };
		for (let r = 0; r < config.listRuns; r++) {
			for (const variant of ['ours', 'http', 'oursSerial']) {
				veriff.clearRequests();
				const run = await execute(workflows.lists[variant].id);
				const items = assertNodeOk(run, 'List');
				const expectedItems =
					variant === 'http' ? config.sessions : config.sessions * MEDIA_PER_SESSION;
				if (items.length !== expectedItems)
					throw new Error(`listing ${variant}: ${items.length} items, expected ${expectedItems}`);
				const listed = veriff.requests.filter(
					(q) => q.status === 200 && /\/media$/.test(q.path),
				).length;
				if (listed !== config.sessions)
					throw new Error(
						`listing ${variant}: Veriff answered ${listed} listings, expected ${config.sessions}`,
					);
				results[variant].push({
					wallMs: run.wallMs,
					peakBytes: run.peakBytes,
					nodeMs: run.nodeMs.List,
					signMs: run.nodeMs.Sign,
					// HTTP Request needs the Crypto node to sign; our node signs inside.
					chainMs: run.nodeMs.List + (run.nodeMs.Sign ?? 0),
				});
				log(`listing ${variant}: list node ${sec(run.nodeMs.List)}, wall ${sec(run.wallMs)}`);
			}
		}
		return results;
	} finally {
		veriff.setLatency(0);
	}
}

/** `--profile` names of this case (run with the latency on, as in the case). */
function profileTargets(workflows) {
	return {
		'listing-ours': { workflow: workflows.lists.ours, nodeName: 'List', latencyMs: LATENCY_MS },
		'listing-http': { workflow: workflows.lists.http, nodeName: 'List', latencyMs: LATENCY_MS },
	};
}

/** List Session Media's default Requests in Parallel, from the build the bench installed. */
function defaultRequestsInParallel() {
	try {
		const { defaultRequestsInParallel: readDefault } = require('../../dist/nodes/shared/run/parallelism');
		const {
			listSessionMedia,
		} = require('../../dist/nodes/Veriff/actions/media/listSessionMedia.operation');
		return readDefault(listSessionMedia);
	} catch (error) {
		// The table then says "default" without the number; say why instead of failing silently.
		process.stderr.write(`[bench] could not read List Session Media's default Requests in Parallel: ${error.message}\n`);
		return undefined;
	}
}

/**
 * The listing table and its two targets (nothing if the case did not run). `listParallel` is
 * `--list-parallel`; without it the row names the node's default, as recorded in the results.
 */
function renderSection({ lists, config, defaultParallel }, { listParallel }) {
	const lines = [];
	const targets = [];
	if (!lists.ours?.length) return { lines, targets };
	const n = config.sessions;
	lines.push(`## 4. List the media of ${n} sessions, ${LATENCY_MS} ms latency per request`, '');
	lines.push(
		`${n} items, one GET /v1/sessions/{id}/media each (signed; our node also checks each response's signature);`,
	);
	lines.push(
		'Veriff\'s simulator waits 50 ms before every answer. Measured: the listing node\'s executionTime; "signing + list"',
	);
	lines.push(
		'adds the Crypto node that computes the HMAC for HTTP Request (our node signs inside).',
		'',
	);
	const parallel =
		listParallel ?? (defaultParallel !== undefined ? `${defaultParallel}, the default` : 'default');
	const columns = [
		['List node', spreadOf('nodeMs', sec)],
		['Requests per second', (runs) => `${(n / (med(runs, 'nodeMs') / 1000)).toFixed(0)}/s`],
		['Signing + list nodes', spreadOf('chainMs', sec)],
		['Wall time', spreadOf('wallMs', sec)],
		['List × HTTP Request', ratioTo('nodeMs', lists.http)],
		['Signing + list × HTTP Request', ratioTo('chainMs', lists.http)],
	];
	lines.push(
		table(workflowHeader(columns), [
			workflowRow(
				columns,
				`Veriff node: List Session Media (Requests in Parallel: ${parallel})`,
				lists.ours,
			),
			workflowRow(columns, 'Veriff node, Requests in Parallel = 1', lists.oursSerial),
			workflowRow(columns, 'Crypto (HMAC) + HTTP Request (all items at once)', lists.http),
		]),
		'',
	);
	const ours = med(lists.ours, 'nodeMs');
	const http = med(lists.http, 'nodeMs');
	const oursChain = med(lists.ours, 'chainMs');
	const httpChain = med(lists.http, 'chainMs');
	const serial = med(lists.oursSerial, 'nodeMs');
	const speedup = serial / ours;
	targets.push([
		'Listing no slower than the HTTP Request workflow (list node vs HTTP Request node)',
		`list node ${sec(ours)} vs ${sec(http)} (${ratio(ours, http)}); counting the Crypto node that signs for HTTP Request: ${sec(oursChain)} vs ${sec(httpChain)} (${ratio(oursChain, httpChain)})`,
		ours <= http,
	]);
	targets.push([
		'Listing ≥ 5× faster than one request at a time',
		`${speedup.toFixed(1)}× (${sec(serial)} → ${sec(ours)})`,
		speedup >= 5,
	]);
	return { lines, targets };
}

module.exports = { seed, run, profileTargets, defaultRequestsInParallel, renderSection };
