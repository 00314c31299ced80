'use strict';
/** A short description of the machine, its load and the software versions, for RESULTS.md. */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function describeMachine(runtime, benchDir) {
	let cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	try {
		const match = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
		if (match) cpu = match[1].trim();
	} catch {
		// not Linux: keep os.cpus()
	}
	const n8nNode = spawnSync(runtime.node, ['--version'], { encoding: 'utf8' }).stdout.trim();
	const n8nVersion = JSON.parse(
		fs.readFileSync(path.join(path.dirname(runtime.n8n), '..', 'package.json'), 'utf8'),
	).version;
	const df = spawnSync('df', ['-h', '--output=source,fstype,size,avail', benchDir], {
		encoding: 'utf8',
	})
		.stdout.trim()
		.split('\n')
		.pop();
	return {
		cpu,
		cores: os.cpus().length,
		ramGiB: os.totalmem() / 1024 ** 3,
		kernel: `${os.type()} ${os.release()}`,
		n8nVersion,
		n8nNode,
		benchNode: process.version,
		disk: df ? df.replace(/\s+/g, ' ') : 'unknown',
		date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
	};
}

function machineMarkdown(m) {
	return [
		`- CPU: ${m.cpu}, ${m.cores} cores; RAM ${m.ramGiB.toFixed(1)} GiB; ${m.kernel}`,
		`- n8n ${m.n8nVersion} on Node ${m.n8nNode} (\`n8n execute\`, SQLite, binary data mode \`filesystem\`)`,
		`- simulators and curl driven from Node ${m.benchNode} on the same machine, over loopback`,
		`- disk (binary data and curl's output file): ${m.disk} (device, type, size, free)`,
		`- date: ${m.date}`,
	].join('\n');
}

/** The 1-minute load average (other work on the machine skews the figures). */
function loadAverage() {
	return os.loadavg()[0];
}

module.exports = { describeMachine, machineMarkdown, loadAverage };
