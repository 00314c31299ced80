// Preloaded into n8n under --profile: logs its garbage collections for profile-summary.js.
'use strict';
/**
 * Preloaded into n8n by `--profile` runs (NODE_OPTIONS=--require …; `--trace-gc` is not
 * allowed in NODE_OPTIONS): counts garbage collections by kind and their total pause, and
 * writes them as JSON to $BENCH_GC_LOG when the process exits.
 */
const fs = require('node:fs');
const { PerformanceObserver, constants } = require('node:perf_hooks');

const KINDS = {
	[constants.NODE_PERFORMANCE_GC_MAJOR]: 'major (mark-compact)',
	[constants.NODE_PERFORMANCE_GC_MINOR]: 'minor (scavenge)',
	[constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental marking',
	[constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};
const FLAGS = {
	[constants.NODE_PERFORMANCE_GC_FLAGS_FORCED]: 'forced',
	[constants.NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY]: 'external memory',
	[constants.NODE_PERFORMANCE_GC_FLAGS_SCHEDULE_IDLE]: 'idle',
	[constants.NODE_PERFORMANCE_GC_FLAGS_ALL_AVAILABLE_GARBAGE]: 'all available garbage',
	[constants.NODE_PERFORMANCE_GC_FLAGS_SYNCHRONOUS_PHANTOM_PROCESSING]: 'synchronous phantom',
	[constants.NODE_PERFORMANCE_GC_FLAGS_CONSTRUCT_RETAINED]: 'construct retained',
};

const stats = {};
const observer = new PerformanceObserver((list) => {
	for (const entry of list.getEntries()) {
		const kind = KINDS[entry.detail?.kind] ?? String(entry.detail?.kind);
		const flags = Object.entries(FLAGS)
			.filter(([bit]) => (entry.detail?.flags ?? 0) & Number(bit))
			.map(([, name]) => name);
		const key = flags.length ? `${kind} [${flags.join(', ')}]` : kind;
		const s = (stats[key] ??= { count: 0, totalMs: 0, maxMs: 0 });
		s.count++;
		s.totalMs += entry.duration;
		s.maxMs = Math.max(s.maxMs, entry.duration);
	}
});
observer.observe({ entryTypes: ['gc'] });

process.on('exit', () => {
	if (!process.env.BENCH_GC_LOG) return;
	try {
		fs.writeFileSync(
			process.env.BENCH_GC_LOG,
			JSON.stringify({ pid: process.pid, heap: process.memoryUsage(), stats }, null, 2),
		);
	} catch {
		// best effort
	}
});
