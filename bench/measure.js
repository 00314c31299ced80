// One measured `n8n execute` (wall time, peak memory, per-thread CPU), one curl download, medians.
'use strict';
/**
 * Measuring one `n8n execute` (wall time, peak resident memory of the n8n process, each
 * node's executionTime) and one `curl` download. Everything is asynchronous: the simulators
 * live in this process and must keep answering while n8n or curl runs.
 */
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const { performance } = require('node:perf_hooks');

const lib = require('../scripts/lib/n8n');

const MiB = 1024 * 1024;

/** VmHWM (peak resident set) and VmRSS of a process in bytes, or undefined once it is gone. */
function readMemory(pid) {
	let text;
	try {
		text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	} catch {
		return undefined;
	}
	const kib = (name) => {
		const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
		return match ? Number(match[1]) * 1024 : undefined;
	};
	const hwm = kib('VmHWM');
	return hwm === undefined ? undefined : { hwm, rss: kib('VmRSS') };
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/**
 * CPU seconds used so far by each thread of a process, summed by thread name (main thread
 * "MainThread"/"node", V8's "V8 DefaultWorke" GC/compiler helpers, libuv's "libuv-worker").
 */
function readThreadCpu(pid) {
	const byName = {};
	let tasks;
	try {
		tasks = fs.readdirSync(`/proc/${pid}/task`);
	} catch {
		return undefined;
	}
	for (const tid of tasks) {
		let stat;
		try {
			stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
		} catch {
			continue;
		}
		const close = stat.lastIndexOf(')');
		const name =
			tid === String(pid) ? 'main thread' : stat.slice(stat.indexOf('(') + 1, close).trim();
		const fields = stat.slice(close + 2).split(' ');
		const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime + stime
		byName[name] = (byName[name] ?? 0) + seconds;
	}
	return byName;
}

/**
 * Polls /proc/<pid>/status every `intervalMs`; `peak` is the highest VmHWM seen. With
 * `threads`, also the CPU time per thread name as last seen before the process ended.
 */
function memorySampler(pid, intervalMs = 50, { threads = false } = {}) {
	const state = { peak: 0, samples: 0, threadCpu: undefined };
	const sample = () => {
		const memory = readMemory(pid);
		if (memory) {
			state.peak = Math.max(state.peak, memory.hwm);
			state.samples++;
			if (threads) state.threadCpu = readThreadCpu(pid) ?? state.threadCpu;
		}
	};
	sample();
	const timer = setInterval(sample, intervalMs);
	return {
		state,
		stop() {
			clearInterval(timer);
			return state;
		},
	};
}

/**
 * `n8n execute --id <workflowId>` with the process measured.
 * @returns {Promise<{wallMs: number, peakBytes: number, samples: number, execution: object, nodeMs: Record<string, number>, status: number, stdout: string, stderr: string}>}
 */
async function measureExecute(
	runtime,
	userFolder,
	workflowId,
	{ env = {}, timeoutMs = 600_000, threads = false } = {},
) {
	let sampler;
	const started = performance.now();
	const run = await lib.executeWorkflow(runtime, userFolder, workflowId, {
		env,
		timeoutMs,
		onSpawn: (child) => {
			sampler = memorySampler(child.pid, 50, { threads });
		},
	});
	const wallMs = performance.now() - started;
	const { peak, samples, threadCpu } = sampler.stop();
	const runData = run.execution?.data?.resultData?.runData ?? {};
	const nodeMs = {};
	for (const [name, runs] of Object.entries(runData)) nodeMs[name] = runs?.[0]?.executionTime;
	return { ...run, wallMs, peakBytes: peak, samples, nodeMs, threadCpu };
}

/** Throws unless the execution finished and `nodeName` ran without an error. Returns its items. */
function assertNodeOk(run, nodeName) {
	const where = () => `exit ${run.status}\n${run.stderr.slice(-3000)}\n${run.stdout.slice(-1500)}`;
	if (!run.execution) throw new Error(`n8n printed no execution JSON (${where()})`);
	const resultError = run.execution.data?.resultData?.error;
	const result = lib.nodeResult(run.execution, nodeName);
	if (!result.ran)
		throw new Error(
			`node "${nodeName}" did not run (last node: ${run.execution.data?.resultData?.lastNodeExecuted}): ${resultError?.message ?? ''} ${resultError?.description ?? ''} (${where()})`,
		);
	if (result.error)
		throw new Error(
			`node "${nodeName}" failed: ${result.error.message} — ${result.error.description ?? ''}`,
		);
	if (resultError) throw new Error(`the execution failed: ${resultError.message}`);
	return result.items;
}

/**
 * `curl -s -o <file>` with the given headers; wall time and the process' exit status.
 * @returns {Promise<{wallMs: number, status: number, stderr: string}>}
 */
function measureCurl(url, headers, outFile) {
	return new Promise((resolve) => {
		const args = ['-s', '-S', '--fail', '-o', outFile];
		for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
		args.push(url);
		const started = performance.now();
		const child = spawn('curl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
		let stderr = '';
		child.stderr.on('data', (d) => (stderr += d));
		child.on('close', (status) => resolve({ wallMs: performance.now() - started, status, stderr }));
	});
}

/** Hex sha256 of a file, streamed. */
async function fileSha256(file) {
	const hash = crypto.createHash('sha256');
	for await (const chunk of fs.createReadStream(file, { highWaterMark: 4 * MiB }))
		hash.update(chunk);
	return hash.digest('hex');
}

/** A TCP port that is free on 127.0.0.1 right now. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

function median(values) {
	const sorted = values
		.filter((v) => typeof v === 'number' && Number.isFinite(v))
		.sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

module.exports = {
	MiB,
	freePort,
	readMemory,
	readThreadCpu,
	memorySampler,
	measureExecute,
	assertNodeOk,
	measureCurl,
	fileSha256,
	median,
};
