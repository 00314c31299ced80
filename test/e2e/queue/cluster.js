'use strict';
/**
 * An n8n 2.41.1 in queue mode on this machine, for the queue-mode e2e checks and the benchmark:
 * Postgres + Redis (scripts/lib/services.js), a main (`n8n start`), N `n8n worker`s and
 * optionally one `n8n webhook` process, all with binary data mode `database`, one encryption
 * key, and this package installed into each process's own user folder the way n8n's Community
 * Nodes installer does it. `stop()` stops everything; anything left by a killed run is stopped
 * by the next one (pid file).
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const lib = require('../../../scripts/lib/n8n');
const services = require('../../../scripts/lib/services');
const { setupOwner, login, restCall } = require('../../../scripts/lib/rest');

/** Ports apart from the standard e2e run's (5678/5679/5690/5691). */
const QUEUE_PORTS = {
	main: 5700,
	webhook: 5705,
	workerHealth: [5706, 5707, 5708, 5709],
	broker: { main: 5710, webhook: 5713, workers: [5711, 5712, 5714, 5715] },
	postgres: 5433,
	redis: 6390,
};

/**
 * A killed worker's job keeps its Bull lock until the lock expires, and workers look for
 * stalled jobs every stalled interval (n8n sets maxStalledCount 0, so a stalled job fails).
 * n8n's defaults (60 s lock, 30 s interval) make that take up to ~2 minutes; these make it
 * ~15-20 s. The lock is renewed every 5 s, so a busy worker still keeps its jobs.
 */
const FAST_STALL_DETECTION = {
	QUEUE_WORKER_LOCK_DURATION: '15000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
};

/** Appends process output to a log file, each line prefixed with the time (to read timings afterwards). */
function timestampedAppender(file) {
	let partial = '';
	return (chunk) => {
		const text = partial + chunk;
		const lines = text.split('\n');
		partial = lines.pop();
		if (lines.length === 0) return;
		const now = new Date().toISOString().slice(11, 23);
		fs.appendFileSync(file, lines.map((line) => `${now} ${line}\n`).join(''));
	};
}

async function waitHealthy(url, child, output, what, timeoutMs = 360_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) while starting:\n${output().slice(-4000)}`);
		}
		try {
			const res = await fetch(url);
			if (res.ok) return;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`${what} not healthy at ${url} within ${timeoutMs / 1000} s:\n${output().slice(-4000)}`);
}

/**
 * Starts the cluster. `credentials` (plain, as for import:credentials) and `workflows` (objects
 * with ids) are imported before any process starts; `publish` (workflow ids) are published
 * through main's REST API once main is up, and `webhookPaths` (production paths, POST) are
 * waited for until main and the webhook process serve them.
 * `env`: extra environment for every n8n process (e.g. N8N_RESTRICT_FILE_ACCESS_TO).
 */
async function startQueueCluster({
	runtime,
	tarball,
	workDir,
	workers = 2,
	webhook = true,
	concurrency = 10,
	credentials = [],
	workflows = [],
	publish = [],
	webhookPaths = [],
	env = {},
	log = (line) => console.log(line),
}) {
	// Outside workDir (and outside the e2e work folder, which the e2e run deletes first).
	const pidFile = path.join(os.tmpdir(), `kyc-media-queue-${crypto.createHash('sha1').update(workDir).digest('hex').slice(0, 10)}.pids`);
	services.setPidFile(pidFile);
	const leftovers = services.killLeftovers(pidFile);
	if (leftovers.length) log(`[queue] stopped ${leftovers.length} processes left by an earlier run: ${leftovers.join('; ')}`);
	fs.rmSync(workDir, { recursive: true, force: true });
	const logDir = path.join(workDir, 'logs');
	fs.mkdirSync(logDir, { recursive: true });

	const cluster = {
		workDir,
		logDir,
		postgres: undefined,
		redis: undefined,
		main: undefined,
		webhook: undefined,
		workers: [],
		timings: {},
	};
	cluster.stop = async () => {
		const stops = [];
		if (cluster.webhook) stops.push(cluster.webhook.stop());
		for (const worker of cluster.workers) stops.push(worker.stop());
		if (cluster.main) stops.push(cluster.main.stop());
		await Promise.all(stops);
		await cluster.redis?.stop();
		await cluster.postgres?.stop();
	};

	try {
		let t = Date.now();
		[cluster.postgres, cluster.redis] = await Promise.all([
			services.startPostgres({ port: QUEUE_PORTS.postgres, log: path.join(logDir, 'postgres.log') }),
			services.startRedis({ port: QUEUE_PORTS.redis, dataDir: path.join(workDir, 'redis'), log: path.join(logDir, 'redis.log') }),
		]);
		cluster.timings.services = Date.now() - t;
		log(`[queue] ${cluster.postgres.version} on :${QUEUE_PORTS.postgres}, ${cluster.redis.version.split(' sha=')[0]} on :${QUEUE_PORTS.redis} (${((Date.now() - t) / 1000).toFixed(1)} s)`);

		const pg = cluster.postgres;
		const common = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: pg.host,
			DB_POSTGRESDB_PORT: String(pg.port),
			DB_POSTGRESDB_DATABASE: pg.database,
			DB_POSTGRESDB_USER: pg.user,
			DB_POSTGRESDB_PASSWORD: pg.password,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: cluster.redis.host,
			QUEUE_BULL_REDIS_PORT: String(cluster.redis.port),
			N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'),
			N8N_DEFAULT_BINARY_DATA_MODE: 'database',
			// Manual runs (REST "run") go to the workers too, like every other execution.
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			// A process asked to stop waits this long for running executions (default 30 s).
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			// No Code nodes here: n8n need not start a JavaScript (and Python) task runner beside
			// each of its four processes. In internal mode a runner that cannot connect in time
			// on a busy machine makes n8n exit ("restart loop"); external mode waits for a
			// launcher that is never needed.
			N8N_RUNNERS_MODE: 'external',
			N8N_RUNNERS_AUTH_TOKEN: crypto.randomBytes(16).toString('hex'),
			...FAST_STALL_DETECTION,
			...env,
		};
		cluster.env = common;

		// One install, copied into each process's own user folder.
		t = Date.now();
		const template = path.join(workDir, 'n8n-template');
		fs.mkdirSync(template, { recursive: true });
		lib.installPackage(template, tarball, runtime, { quiet: true });
		const folderFor = (name) => {
			const folder = path.join(workDir, `n8n-${name}`);
			fs.cpSync(template, folder, { recursive: true, verbatimSymlinks: true });
			return folder;
		};
		const mainFolder = folderFor('main');
		cluster.cli = (args, options = {}) => lib.n8nCli(runtime, mainFolder, args, { ...options, env: { ...common, ...(options.env ?? {}) } });

		// The first CLI command creates the schema (migrations).
		const importFile = path.join(workDir, 'import.json');
		if (credentials.length) {
			fs.writeFileSync(importFile, JSON.stringify(credentials));
			const imported = await cluster.cli(['import:credentials', `--input=${importFile}`]);
			if (imported.status !== 0) throw new Error(`import:credentials failed:\n${imported.stderr}${imported.stdout}`);
		}
		if (workflows.length) {
			fs.writeFileSync(importFile, JSON.stringify(workflows));
			const imported = await cluster.cli(['import:workflow', `--input=${importFile}`]);
			if (imported.status !== 0) throw new Error(`import:workflow failed:\n${imported.stderr}${imported.stdout}`);
		}
		fs.rmSync(importFile, { force: true });
		cluster.timings.import = Date.now() - t;

		/** Starts `n8n worker` number i (0-based) or the `n8n webhook` process. */
		const startProcess = async (kind, i) => {
			const name = kind === 'worker' ? `worker${i + 1}` : 'webhook';
			const folder = path.join(workDir, `n8n-${name}`);
			if (!fs.existsSync(folder)) folderFor(name);
			const healthPort = kind === 'worker' ? QUEUE_PORTS.workerHealth[i] : QUEUE_PORTS.webhook;
			const processEnv = lib.n8nEnv(folder, {
				port: kind === 'worker' ? QUEUE_PORTS.main + 50 + i : QUEUE_PORTS.webhook,
				brokerPort: kind === 'worker' ? QUEUE_PORTS.broker.workers[i] : QUEUE_PORTS.broker.webhook,
				extra: kind === 'worker' ? { ...common, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort) } : common,
			});
			const args = kind === 'worker' ? [runtime.n8n, 'worker', `--concurrency=${concurrency}`] : [runtime.n8n, 'webhook'];
			const child = spawn(runtime.node, args, { env: processEnv, stdio: ['ignore', 'pipe', 'pipe'] });
			services.trackProcess(child);
			let output = '';
			const append = timestampedAppender(path.join(logDir, `${name}.log`));
			const onData = (d) => {
				output += d;
				append(d);
			};
			child.stdout.on('data', onData);
			child.stderr.on('data', onData);
			const proc = {
				name,
				kind,
				child,
				pid: child.pid,
				url: `http://127.0.0.1:${healthPort}`,
				output: () => output,
				/** Execution ids this worker logged "Worker started execution N" for. */
				startedExecutions: () => [...output.matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]),
				stop: () => services.stopProcess(child, { signal: 'SIGTERM', graceMs: 20_000 }),
				kill: () => services.stopProcess(child, { signal: 'SIGKILL', graceMs: 5_000 }),
			};
			await waitHealthy(`${proc.url}/healthz`, child, proc.output, name);
			if (kind === 'worker') {
				// Healthy before Bull listens: wait for n8n's own "ready" line.
				const deadline = Date.now() + 120_000;
				while (!/n8n worker is now ready/.test(output) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
			}
			return proc;
		};
		cluster.startWorker = async (i) => {
			const worker = await startProcess('worker', i);
			cluster.workers[i] = worker;
			return worker;
		};

		// Main, the workers and the webhook process start together (the schema exists by now);
		// the workflows are published once main answers, before anything is sent to them.
		t = Date.now();
		const starting = [];
		for (let i = 0; i < workers; i++) starting.push(cluster.startWorker(i));
		if (webhook) starting.push(startProcess('webhook').then((p) => (cluster.webhook = p)));
		starting.push(
			lib
				.startN8n(runtime, mainFolder, {
					port: QUEUE_PORTS.main,
					brokerPort: QUEUE_PORTS.broker.main,
					env: common,
					timeoutMs: 360_000,
					onSpawn: (child) => child.once('spawn', () => services.trackProcess(child)),
				})
				.then((main) => {
					cluster.main = main;
					const append = timestampedAppender(path.join(logDir, 'main.log'));
					append(main.output());
					main.child.stdout.on('data', append);
					main.child.stderr.on('data', append);
				}),
		);
		const outcomes = await Promise.allSettled(starting);
		const failed = outcomes.find((o) => o.status === 'rejected');
		if (failed) throw failed.reason;
		cluster.timings.processes = Date.now() - t;
		log(`[queue] main on :${QUEUE_PORTS.main}, ${workers} workers (concurrency ${concurrency})${webhook ? `, a webhook process on :${QUEUE_PORTS.webhook}` : ''} (${((Date.now() - t) / 1000).toFixed(1)} s)`);

		t = Date.now();
		if (!(await setupOwner(cluster.main.url))) throw new Error('could not set up the owner on the fresh main instance');
		cluster.cookie = await login(cluster.main.url);
		cluster.rest = async (method, urlPath, body) => {
			// A keep-alive connection the server has just closed fails the first try: try again.
			for (let attempt = 1; ; attempt++) {
				try {
					return await restCall(cluster.main.url, cluster.cookie, method, urlPath, body);
				} catch (error) {
					if (attempt >= 3) throw error;
					await new Promise((r) => setTimeout(r, 300));
				}
			}
		};
		for (const id of publish) {
			const wf = await cluster.rest('GET', `/workflows/${id}`);
			const res = await cluster.rest('POST', `/workflows/${id}/activate`, { versionId: wf.body.data?.versionId });
			if (res.status !== 200) throw new Error(`publishing workflow ${id} failed: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
		}
		// Publishing may register the webhooks a moment later (n8n's publication outbox): wait
		// until main and the webhook process know each path. A GET to a POST-only webhook is
		// answered "not registered for GET requests" once the path is registered, and starts nothing.
		const targets = [cluster.main.url, ...(cluster.webhook ? [cluster.webhook.url] : [])];
		for (const webhookPath of webhookPaths) {
			for (const base of targets) {
				const deadline = Date.now() + 120_000;
				for (;;) {
					const res = await fetch(`${base}/webhook/${webhookPath}`).catch(() => undefined);
					const text = res ? await res.text() : '';
					if (res && !/is not registered\./.test(text)) break;
					if (Date.now() > deadline) throw new Error(`webhook ${webhookPath} not registered at ${base} within 120 s: ${text.slice(0, 200)}`);
					await new Promise((r) => setTimeout(r, 500));
				}
			}
		}
		cluster.timings.publish = Date.now() - t;
		log(`[queue] owner set up, ${publish.length} workflows published (${((Date.now() - t) / 1000).toFixed(1)} s)`);
		return cluster;
	} catch (error) {
		await cluster.stop().catch(() => undefined);
		throw error;
	}
}

module.exports = { startQueueCluster, QUEUE_PORTS, FAST_STALL_DETECTION };
