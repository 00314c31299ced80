'use strict';
/**
 * Driving a real n8n 2.41.1 from the project's scripts (demo, end-to-end tests, benchmark):
 * install the pinned runtime, pack this package and install it the way n8n's Community Nodes
 * installer does, import credentials and workflows, execute workflows, run `n8n start`.
 * See ../shared/N8N-RUNTIME.md for why each step looks like it does.
 */
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = process.env.KYC_RUNTIME_CACHE || path.join(ROOT, '.cache');
const PACKAGE_NAME = require(path.join(ROOT, 'package.json')).name;

/**
 * Installs (once) and returns the paths of Node 24 and the n8n CLI. Unless `quiet`, the
 * install's progress shows live (install-runtime.sh writes it to stderr).
 */
function ensureRuntime({ quiet = false } = {}) {
	const result = spawnSync('bash', [path.join(ROOT, 'scripts', 'install-runtime.sh')], {
		stdio: ['ignore', 'pipe', quiet ? 'pipe' : 'inherit'],
		encoding: 'utf8',
		env: { ...process.env, KYC_RUNTIME_CACHE: CACHE },
	});
	if (!quiet) process.stdout.write(result.stdout.split('\n').filter((l) => !l.startsWith('RUNTIME ')).join('\n'));
	if (result.status !== 0) {
		throw new Error(`Installing the n8n runtime failed:\n${result.stderr ?? ''}${result.stdout}`);
	}
	const line = result.stdout.split('\n').find((l) => l.startsWith('RUNTIME '));
	const node = /node=(\S+)/.exec(line)[1];
	const n8n = /n8n=(\S+)/.exec(line)[1];
	return { node, n8n, nodeBin: path.dirname(node) };
}

function processAlive(pid) {
	if (!Number.isInteger(pid) || pid <= 0) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/** Builds the package and returns the path of a fresh `npm pack` tarball. */
function packPackage({ quiet = false } = {}) {
	const stdio = quiet ? 'pipe' : 'inherit';
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio });
	// One folder per process: the demo, the e2e suite and the benchmark share the runtime cache
	// and may pack at the same time; one must not delete the tarball another is about to unpack.
	const packs = path.join(CACHE, 'packs');
	fs.mkdirSync(packs, { recursive: true });
	for (const dir of fs.readdirSync(packs)) if (!processAlive(Number(dir))) fs.rmSync(path.join(packs, dir), { recursive: true, force: true });
	const dest = path.join(packs, String(process.pid));
	fs.rmSync(dest, { recursive: true, force: true });
	fs.mkdirSync(dest);
	const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', dest], { cwd: ROOT, encoding: 'utf8' });
	const tarball = path.join(dest, out.trim().split('\n').pop());
	if (!fs.existsSync(tarball)) throw new Error(`npm pack did not produce ${tarball}`);
	return tarball;
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes` exactly as n8n's own installer does
 * (community-packages.service.ts, downloadPackage): unpack, drop dev/peer/optional
 * dependencies, `npm install` the runtime dependencies only, list it in nodes/package.json.
 */
function installPackage(userFolder, tarball, runtime, { quiet = false } = {}) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	const manifestPath = path.join(target, 'package.json');
	const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
	delete manifest.devDependencies;
	delete manifest.peerDependencies;
	delete manifest.optionalDependencies;
	fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	execFileSync(
		'npm',
		['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false', '--loglevel=error'],
		{ cwd: target, stdio: quiet ? 'pipe' : 'inherit', env: { ...process.env, PATH: `${runtime.nodeBin}:${process.env.PATH}` } },
	);
	const nodesManifestPath = path.join(nodesDir, 'package.json');
	const nodesManifest = fs.existsSync(nodesManifestPath)
		? JSON.parse(fs.readFileSync(nodesManifestPath, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	nodesManifest.dependencies = { ...(nodesManifest.dependencies ?? {}), [PACKAGE_NAME]: manifest.version };
	fs.writeFileSync(nodesManifestPath, JSON.stringify(nodesManifest, null, 2));
	return target;
}

/**
 * Environment for an n8n process using `userFolder`, quiet about its online services.
 * The user folder is also the process' home (and, in n8nCli and startN8n, its working folder), as
 * /home/node is in n8n's Docker image: n8n's default allowed folder for file nodes, `~/.n8n-files`,
 * is then `<userFolder>/.n8n-files` (see filesFolder). A key of `extra` set to undefined removes
 * that variable, e.g. `{N8N_RESTRICT_FILE_ACCESS_TO: undefined}` for n8n's default.
 */
function n8nEnv(userFolder, { port = 5678, brokerPort = 5679, extra = {} } = {}) {
	const env = {
		...process.env,
		HOME: homeOf(userFolder),
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_ENABLED: 'false',
		DB_SQLITE_POOL_SIZE: '2',
		...extra,
	};
	for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
	return env;
}

/** The user folder with symlinks resolved: n8n compares real paths with `~/.n8n-files`. */
function homeOf(userFolder) {
	return fs.existsSync(userFolder) ? fs.realpathSync(userFolder) : path.resolve(userFolder);
}

/**
 * The folder where n8n lets workflows read and write files with its default settings:
 * n8n 2.x's N8N_RESTRICT_FILE_ACCESS_TO defaults to `~/.n8n-files` (`~` = the home folder of the
 * n8n process, here the user folder), and a relative path in a file node resolves against n8n's
 * working folder (here also the user folder, as in n8n's Docker image), so `.n8n-files/x.mp4`
 * lands in it. n8n does not create the folder (its Read/Write Files node fails on a missing
 * parent folder), so this does; returns its path.
 */
function filesFolder(userFolder) {
	const dir = path.join(homeOf(userFolder), '.n8n-files');
	fs.mkdirSync(dir, { recursive: true });
	return dir;
}

/**
 * Runs an n8n CLI command to completion; returns {status, stdout, stderr}. Asynchronous, so
 * simulators living in the calling process keep answering while n8n runs.
 * `onSpawn(child)` (optional) is called with the n8n process right after it starts, e.g. to
 * sample its memory by `child.pid` (the benchmark does).
 */
function n8nCli(runtime, userFolder, args, { env = {}, timeoutMs = 180_000, onSpawn } = {}) {
	return new Promise((resolve) => {
		const child = spawn(runtime.node, [runtime.n8n, ...args], { env: n8nEnv(userFolder, { extra: env }), cwd: homeOf(userFolder) });
		onSpawn?.(child);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => {
			stderr += `\n[killed after ${timeoutMs / 1000} s]`;
			child.kill('SIGKILL');
		}, timeoutMs);
		child.on('close', (status) => {
			clearTimeout(timer);
			resolve({ status, stdout, stderr });
		});
	});
}

function writeTemp(name, value) {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-n8n-')), name);
	fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
	return file;
}

/** Imports plain (unencrypted) credentials: [{id, name, type, data}]. */
async function importCredentials(runtime, userFolder, credentials) {
	const file = writeTemp('credentials.json', credentials);
	const result = await n8nCli(runtime, userFolder, ['import:credentials', `--input=${file}`]);
	if (result.status !== 0) throw new Error(`import:credentials failed:\n${result.stderr}${result.stdout}`);
}

/** Imports one workflow object (must carry an `id`). */
async function importWorkflow(runtime, userFolder, workflow) {
	const file = writeTemp('workflow.json', workflow);
	const result = await n8nCli(runtime, userFolder, ['import:workflow', `--input=${file}`]);
	if (result.status !== 0) throw new Error(`import:workflow ${workflow.name} failed:\n${result.stderr}${result.stdout}`);
}

/** The first JSON object in `text` (n8n prints text after it when a workflow fails). */
function firstJsonObject(text) {
	const start = text.indexOf('{');
	if (start < 0) return undefined;
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const ch = text[i];
		if (inString) {
			if (ch === '\\') i++;
			else if (ch === '"') inString = false;
		} else if (ch === '"') inString = true;
		else if (ch === '{') depth++;
		else if (ch === '}' && --depth === 0) return JSON.parse(text.slice(start, i + 1));
	}
	return undefined;
}

/**
 * `n8n execute --id <id> --rawOutput` → the execution (IRun) as JSON, plus the process output.
 * `execution` is undefined when n8n printed no JSON at all. `onSpawn` as for n8nCli.
 */
async function executeWorkflow(runtime, userFolder, workflowId, { env = {}, timeoutMs, onSpawn } = {}) {
	const result = await n8nCli(runtime, userFolder, ['execute', `--id=${workflowId}`, '--rawOutput'], { env, timeoutMs, onSpawn });
	let execution;
	try {
		execution = firstJsonObject(result.stdout);
	} catch {
		execution = undefined;
	}
	return { ...result, execution };
}

/** A node's output items (first run, first output) and error from an execution. */
function nodeResult(execution, nodeName) {
	const run = execution?.data?.resultData?.runData?.[nodeName]?.[0];
	return { items: run?.data?.main?.[0] ?? [], error: run?.error, ran: run !== undefined };
}

/**
 * Starts `n8n start` and resolves once /healthz answers. `onSpawn(child)` (optional) is called
 * right after the process starts (e.g. to make sure it is stopped if the caller is interrupted).
 */
async function startN8n(runtime, userFolder, { port = 5678, brokerPort = 5679, env = {}, log = 'pipe', timeoutMs = 120_000, onSpawn } = {}) {
	const child = spawn(runtime.node, [runtime.n8n, 'start'], {
		env: n8nEnv(userFolder, { port, brokerPort, extra: env }),
		cwd: homeOf(userFolder),
		stdio: ['ignore', log, log],
		detached: false,
	});
	onSpawn?.(child);
	let output = '';
	if (log === 'pipe') {
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
	}
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`n8n exited with ${child.exitCode} while starting:\n${output.slice(-4000)}`);
		try {
			const res = await fetch(`http://127.0.0.1:${port}/healthz`);
			if (res.ok) break;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	if (Date.now() >= deadline) {
		child.kill('SIGKILL');
		throw new Error(`n8n did not become healthy within ${timeoutMs / 1000} s:\n${output.slice(-4000)}`);
	}
	return {
		child,
		url: `http://127.0.0.1:${port}`,
		output: () => output,
		async stop() {
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			await Promise.race([
				new Promise((r) => child.once('exit', r)),
				new Promise((r) => setTimeout(r, 15_000)).then(() => child.kill('SIGKILL')),
			]);
		},
	};
}

module.exports = {
	ROOT,
	CACHE,
	PACKAGE_NAME,
	ensureRuntime,
	packPackage,
	installPackage,
	n8nEnv,
	filesFolder,
	n8nCli,
	importCredentials,
	importWorkflow,
	executeWorkflow,
	firstJsonObject,
	nodeResult,
	startN8n,
};
