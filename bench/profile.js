// --profile=<name>: one workflow run under node --cpu-prof; CPU per thread, GCs, top functions.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const { assertNodeOk } = require('./measure');
const { BENCH, WORK, cleanBinaryData } = require('./workspace');
const { log, sec, mib } = require('./format');
const { summarize } = require('./profile-summary');

/**
 * Profiles `targets[name]` (`{workflow, nodeName, latencyMs?, before?, after?}`, from the cases'
 * profileTargets; `before`/`after` set up and undo the case's simulator conditions) into
 * bench/.work/profiles/<name>/.
 */
async function profile(name, { targets, execute, veriff }) {
	if (!targets[name]) throw new Error(`--profile: one of ${Object.keys(targets).join(', ')}`);
	const { workflow, nodeName, latencyMs, before, after } = targets[name];
	const dir = path.join(WORK, 'profiles', name);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	log(`profiling "${workflow.name}" (node --cpu-prof → ${path.relative(process.cwd(), dir)})`);
	if (latencyMs) veriff.setLatency(latencyMs);
	await before?.();
	// gc-observer.js counts garbage collections; BENCH_NODE_OPTIONS adds flags (n8n's output is kept in output.txt).
	const gcLog = path.join(dir, 'gc.json');
	const nodeOptions =
		`--cpu-prof --cpu-prof-dir=${dir} --require=${path.join(BENCH, 'gc-observer.js')} ${process.env.BENCH_NODE_OPTIONS ?? ''}`.trim();
	const benchCpu = process.cpuUsage();
	const run = await execute(
		workflow.id,
		{ NODE_OPTIONS: nodeOptions, BENCH_GC_LOG: gcLog },
		{ threads: true },
	);
	const benchCpuUsed = process.cpuUsage(benchCpu);
	veriff.setLatency(0);
	await after?.();
	fs.writeFileSync(path.join(dir, 'output.txt'), `${run.stdout}\n${run.stderr}`);
	assertNodeOk(run, nodeName);
	cleanBinaryData();
	log(
		`wall ${sec(run.wallMs)}, ${nodeName} ${sec(run.nodeMs[nodeName])}, peak ${mib(run.peakBytes)}`,
	);
	console.log('\nCPU seconds of the n8n process by thread (whole run, incl. start-up):');
	for (const [thread, seconds] of Object.entries(run.threadCpu ?? {}).sort((a, b) => b[1] - a[1]))
		console.log(`  ${thread}: ${seconds.toFixed(2)} s`);
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

module.exports = { profile };
