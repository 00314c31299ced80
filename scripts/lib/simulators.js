'use strict';
/** Starts the three vendor simulators with the demo data, for the demo, e2e tests and benchmark. */
const fs = require('node:fs');

const { startVeriffSimulator } = require('../../simulators/veriff');
const { startSumsubSimulator } = require('../../simulators/sumsub');
const { startUnit21Simulator } = require('../../simulators/unit21');

const DEMO_PORTS = { veriff: 8701, sumsub: 8702, unit21: 8703 };

/**
 * @param {{skip?: {veriff?: boolean, sumsub?: boolean, unit21?: boolean}, ports?: object, log?: string, options?: object}} [config]
 *   skip: vendors not to simulate; ports: fixed ports (0 = any free port); log: file for request lines.
 */
async function startDemoSimulators(config = {}) {
	const ports = { ...DEMO_PORTS, ...(config.ports ?? {}) };
	const logStream = config.log ? fs.createWriteStream(config.log, { flags: 'a' }) : undefined;
	const log = logStream ? (entry) => logStream.write(`${JSON.stringify(entry)}\n`) : undefined;
	const started = {};
	const urls = {};
	const starters = { veriff: startVeriffSimulator, sumsub: startSumsubSimulator, unit21: startUnit21Simulator };
	for (const [vendor, start] of Object.entries(starters)) {
		if (config.skip?.[vendor]) continue;
		started[vendor] = await start({ port: ports[vendor], log, ...(config.options?.[vendor] ?? {}) });
		urls[vendor] = started[vendor].url;
	}
	return {
		sims: started,
		urls,
		async close() {
			await Promise.all(Object.values(started).map((sim) => sim.close()));
			logStream?.end();
		},
	};
}

module.exports = { startDemoSimulators, DEMO_PORTS };
