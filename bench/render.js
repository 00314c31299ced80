// RESULTS.md from a results object: header with the machine, each case's section, targets table.
'use strict';
const { machineMarkdown } = require('./machine');
const { table } = require('./tables');
const download = require('./cases/download');
const uploads = require('./cases/uploads');
const listing = require('./cases/listing');
const documents = require('./cases/documents');
const database = require('./cases/database');

/** `quick`, `listParallel` and `only` are the run's --quick, --list-parallel and --only (they show in the text). */
function render(results, { quick, listParallel, only }) {
	const out = [];
	out.push(
		'# Benchmark results',
		'',
		`\`npm run bench\`${quick ? ' --quick' : ''}${only ? ` --only=${only.join(',')}` : ''}, ${(results.totalMs / 60000).toFixed(1)} minutes.`,
		'',
		machineMarkdown(results.machine),
	);
	out.push(
		`- load average (1 min) before / after: ${results.loadBefore.toFixed(2)} / ${results.loadAfter.toFixed(2)}`,
		'',
	);
	out.push(
		'Times are medians over the runs, with (min–max). "× HTTP Request" divides by the same measure of the',
	);
	out.push(
		"workflow built from n8n's own nodes (Crypto + HTTP Request) in this same run: below 1 is better.",
		'',
	);

	// A case that did not run (--only) has no section and no targets.
	const targets = [];
	for (const section of [
		download.renderSection(results),
		uploads.renderSection(results),
		listing.renderSection(results, { listParallel }),
		documents.renderSection(results),
		database.renderSection(results),
	]) {
		out.push(...section.lines);
		targets.push(...section.targets);
	}

	if (targets.length > 0) {
		out.push('## Targets', '');
		out.push(
			table(
				['Target', 'Measured', 'Met?'],
				targets.map(([t, m, ok]) => [t, m, ok ? 'met' : '**not met**']),
			),
			'',
		);
		out.push(
			'Where the time and memory go (profiles of single runs): [README.md](README.md#what-the-profiles-show).',
			'',
		);
	}
	return out.join('\n');
}

module.exports = { render };
