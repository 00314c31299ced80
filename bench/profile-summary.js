#!/usr/bin/env node
// Summarises a --profile run: CPU per thread, garbage collections, where the time went.
'use strict';
/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): total sampled time, time per
 * category (idle, GC, program, …) and the functions with the most self time.
 * Usage: node bench/profile-summary.js <file.cpuprofile> [top=25] [window: path text, e.g. n8n-nodes-kyc-media]
 */
const fs = require('node:fs');

/**
 * @param {string} file
 * @param {number} [top]
 * @param {string} [windowMatch] only count samples between the first and the last sample whose
 *   stack has a frame from a file whose path contains this text (e.g. the node's package), so
 *   start-up and shut-down drop out and the idle time of that stretch stays in.
 */
function summarize(file, top = 25, windowMatch) {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	const matches = new Map();
	const stackMatches = (id) => {
		if (matches.has(id)) return matches.get(id);
		const node = byId.get(id);
		const hit =
			node.callFrame.url.includes(windowMatch) || (parent.has(id) && stackMatches(parent.get(id)));
		matches.set(id, hit);
		return hit;
	};
	let first = 0;
	let last = profile.samples.length - 1;
	if (windowMatch) {
		const hits = profile.samples.map((id, i) => (stackMatches(id) ? i : -1)).filter((i) => i >= 0);
		if (hits.length === 0) throw new Error(`no sample has a frame from "${windowMatch}"`);
		[first, last] = [hits[0], hits[hits.length - 1]];
	}
	const selfUs = new Map();
	const deltas = profile.timeDeltas;
	for (let i = first; i <= last; i++) {
		const id = profile.samples[i];
		// The delta that follows a sample is the time spent in it.
		const dt = deltas[i + 1] ?? 0;
		selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, dt));
	}
	const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
	const byFunction = new Map();
	for (const [id, us] of selfUs) {
		const { callFrame } = byId.get(id);
		const where = callFrame.url ? `${shorten(callFrame.url)}:${callFrame.lineNumber + 1}` : '';
		const key = `${callFrame.functionName || '(anonymous)'} ${where}`.trim();
		byFunction.set(key, (byFunction.get(key) ?? 0) + us);
	}
	const rows = [...byFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
	const scope = windowMatch ? ` between the first and last sample in "${windowMatch}"` : '';
	const lines = [`${file}: ${(total / 1e6).toFixed(2)} s sampled${scope}`, ''];
	lines.push('self ms   share  function');
	for (const [key, us] of rows) {
		lines.push(
			`${(us / 1000).toFixed(0).padStart(7)}  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`,
		);
	}
	return lines.join('\n');
}

function shorten(url) {
	const text = url.replace(/^file:\/\//, '');
	const at = text.lastIndexOf('node_modules/');
	return at >= 0
		? text.slice(at + 'node_modules/'.length)
		: text.replace(/^.*\/(dist|bench|scripts)\//, '$1/');
}

if (require.main === module) {
	const [file, top, windowMatch] = process.argv.slice(2);
	if (!file) {
		console.error('usage: node bench/profile-summary.js <file.cpuprofile> [top]');
		process.exit(2);
	}
	console.log(summarize(file, top ? Number(top) : 25, windowMatch));
}

module.exports = { summarize };
