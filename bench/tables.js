// RESULTS.md's markdown tables: medians over runs, cells, and the one row builder of all cases.
'use strict';
const { median } = require('./measure');
const { ratio } = require('./format');

/** The median of the values, then their (min–max) when there is more than one. */
const range = (values, format) => {
	const finite = values.filter(Number.isFinite);
	if (finite.length === 0) return '—';
	const text = format(median(finite));
	return finite.length > 1
		? `${text} (${format(Math.min(...finite))}–${format(Math.max(...finite))})`
		: text;
};

/** One figure (`key`) of every run, and its median. */
const col = (runs, key) => runs.map((r) => r[key]);
const med = (runs, key) => median(col(runs ?? [], key));

function table(header, rows) {
	return [
		`| ${header.join(' | ')} |`,
		`|${header.map(() => '---').join('|')}|`,
		...rows.map((r) => `| ${r.join(' | ')} |`),
	].join('\n');
}

// A case's table is one row per workflow: its name, its number of runs, then columns given as
// [header, cell(runs)] pairs, so that a column's header and how it is computed stay together.

/** A cell: the median of one figure over the runs, with its (min–max). */
const spreadOf = (key, format) => (runs) => range(col(runs, key), format);
/** A cell: the median of one figure over the runs ÷ the same median over `baselineRuns`. */
const ratioTo = (key, baselineRuns) => (runs) => ratio(med(runs, key), med(baselineRuns, key));

const workflowHeader = (columns) => ['Workflow', 'Runs', ...columns.map(([header]) => header)];
const workflowRow = (columns, name, runs) => [
	name,
	runs.length,
	...columns.map(([, cell]) => cell(runs)),
];

module.exports = { med, table, spreadOf, ratioTo, workflowHeader, workflowRow };
