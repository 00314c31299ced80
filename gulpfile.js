// Copies what tsc does not: node/credential icons and the codex files (*.node.json)
// that n8n reads next to each compiled node.
const path = require('path');
const { task, src, dest } = require('gulp');

task('build:icons', copyAssets);

function copyAssets() {
	// *.worker.js: worker thread scripts, written in plain JavaScript so they also run under the tests.
	const nodeAssets = path.resolve('nodes', '**', '*.{png,svg,json,worker.js}');
	const nodeDestination = path.resolve('dist', 'nodes');
	src(nodeAssets, { encoding: false }).pipe(dest(nodeDestination));

	const credAssets = path.resolve('credentials', '**', '*.{png,svg}');
	const credDestination = path.resolve('dist', 'credentials');
	return src(credAssets, { encoding: false }).pipe(dest(credDestination));
}
