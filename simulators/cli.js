#!/usr/bin/env node
'use strict';
/**
 * Start all three simulators with the demo seed.
 *
 *   node simulators/cli.js [--veriff-port N] [--sumsub-port N] [--unit21-port N]
 *                               [--video-size BYTES] [--latency MS] [--quiet]
 *
 * Prints one JSON line to stdout:
 *   {"veriff":"http://127.0.0.1:…","sumsub":"…","unit21":"…","credentials":{…}}
 * then logs one line per request (method, path, status — never header values) to stderr.
 * Stops cleanly on SIGINT / SIGTERM.
 */
const { startVeriffSimulator } = require('./veriff');
const { startSumsubSimulator } = require('./sumsub');
const { startUnit21Simulator } = require('./unit21');
const { DEMO } = require('./demo-data');

function parseArgs(argv) {
	const args = {};
	for (let i = 0; i < argv.length; i++) {
		const m = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(argv[i]);
		if (!m) throw new Error(`Unexpected argument: ${argv[i]}`);
		if (m[1] === 'quiet' || m[1] === 'help') args[m[1]] = true;
		else args[m[1]] = m[2] !== undefined ? m[2] : argv[++i];
	}
	return args;
}

function intArg(args, name, fallback) {
	if (args[name] === undefined) return fallback;
	const n = Number(args[name]);
	if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
	return n;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.help) {
		process.stdout.write('usage: node simulators/cli.js [--veriff-port N] [--sumsub-port N] [--unit21-port N] [--video-size BYTES] [--latency MS] [--quiet]\n');
		return;
	}
	const videoSize = intArg(args, 'video-size', undefined);
	const latency = intArg(args, 'latency', 0);
	const log = args.quiet
		? undefined
		: ({ vendor, method, path, status, ms }) => process.stderr.write(`[${vendor}] ${method} ${path} ${status === null ? 'RESET' : status} ${ms}ms\n`);

	const sims = await Promise.all([
		startVeriffSimulator({ port: intArg(args, 'veriff-port', 0), videoSize, log }),
		startSumsubSimulator({ port: intArg(args, 'sumsub-port', 0), videoSize, log }),
		startUnit21Simulator({ port: intArg(args, 'unit21-port', 0), log }),
	]);
	for (const sim of sims) sim.setLatency(latency);
	const [veriff, sumsub, unit21] = sims;
	process.stdout.write(`${JSON.stringify({ veriff: veriff.url, sumsub: sumsub.url, unit21: unit21.url, credentials: DEMO.credentials })}\n`);

	let stopping = false;
	const stop = async (signal) => {
		if (stopping) return;
		stopping = true;
		process.stderr.write(`[simulators] ${signal}: stopping\n`);
		await Promise.all(sims.map((s) => s.close()));
		process.exit(0);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
	process.stderr.write(`[simulators] ${err && err.message}\n`);
	process.exit(1);
});
