#!/usr/bin/env node
// `npm run scan`: n8n's verification scanner (@n8n/scan-community-package) run on the local files, both of its legs, no npm publish needed.
/*
 * The real scanner (`npx @n8n/scan-community-package <name>`) needs a package published on npm
 * with provenance: it lints the attested source checkout and the published tarball. This script
 * calls the scanner's own analysis (`analyzePackage`, `buildScanConfig`, `SOURCE_FILE_PATTERNS`)
 * on the same two things made locally:
 *   1. source leg: this checkout, the scanner's source file patterns;
 *   2. tarball leg: `npm run build` + `npm pack`, unpacked; compiled *.js and package.json.
 * It prints the scanner's verdict and report for each leg, then sorts every finding into
 * "accepted" (an exception listed in eslint.config.mjs, with its reason) or "not accepted".
 * Exit code 1 when any error is not accepted.
 */
import { ESLint } from 'eslint';
import glob from 'fast-glob';
import {
	SOURCE_FILE_PATTERNS,
	analyzePackage,
	buildScanConfig,
} from '@n8n/scan-community-package/scanner/scanner.mjs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { EXCEPTIONS, isAcceptedException } from '../eslint.config.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = (await import('node:module')).createRequire(import.meta.url);
const SCANNER_VERSION = require('@n8n/scan-community-package/package.json').version;
// What the scanner lints in the tarball (scanner.mjs, analyzePackageByName).
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

/** Builds and packs this package into a fresh folder; returns the unpacked package folder. */
function packLocally(workDir) {
	// .npmrc sets ignore-scripts, so `npm pack` would not run prepack: build first.
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
	const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', workDir], { cwd: ROOT, encoding: 'utf8' });
	const tarball = path.join(workDir, out.trim().split('\n').pop());
	const packageDir = path.join(workDir, 'package');
	fs.mkdirSync(packageDir);
	// As the scanner unpacks a downloaded tarball.
	execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	return packageDir;
}

/** The findings of the scanner's ESLint config on one folder, as structured results (same options as analyzePackage). */
async function findings(dir, patterns) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const files = glob.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	const results = await eslint.lintFiles(files);
	return results.flatMap((result) =>
		result.messages.map((message) => ({ ...message, file: path.relative(dir, result.filePath).split(path.sep).join('/'), dir })),
	);
}

/** The source file a linted file stands for: dist/nodes/a/b.js comes from nodes/a/b.ts (or .js). */
function sourceFileOf(file) {
	if (!file.startsWith('dist/')) return file;
	const base = file.slice('dist/'.length).replace(/\.js$/, '');
	return fs.existsSync(path.join(ROOT, `${base}.ts`)) ? `${base}.ts` : `${base}.js`;
}

/** What a finding is about: the module, the global, or the runtime dependencies. */
function subjectsOf(finding) {
	const rule = finding.ruleId?.replace('@n8n/community-nodes/', '');
	if (rule === 'no-runtime-dependencies') {
		const pkg = JSON.parse(fs.readFileSync(path.join(finding.dir, finding.file), 'utf8'));
		return Object.keys(pkg.dependencies ?? {});
	}
	const match = /(?:Import|Require|Dynamic import) of '([^']+)'|restricted global '([^']+)'/.exec(finding.message);
	return match ? [match[1] ?? match[2]] : [];
}

function isAccepted(finding) {
	const rule = finding.ruleId?.replace('@n8n/community-nodes/', '') ?? '';
	return isAcceptedException(rule, sourceFileOf(finding.file), subjectsOf(finding));
}

async function runLeg(label, dir, patterns) {
	console.log(`\n== ${label}`);
	const verdict = await analyzePackage(dir, patterns);
	console.log(`scanner verdict: ${verdict.passed ? 'passed' : `failed (${verdict.message})`}`);
	if (verdict.details) console.log(verdict.details.trimEnd());
	return await findings(dir, patterns);
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyc-media-scan-'));
try {
	console.log(`n8n's scanner @n8n/scan-community-package ${SCANNER_VERSION}, on the local files (no provenance or npm download)`);
	const source = await runLeg(`source leg: ${SOURCE_FILE_PATTERNS.join(' ')} of this checkout`, ROOT, SOURCE_FILE_PATTERNS);
	const packageDir = packLocally(workDir);
	const tarball = await runLeg(`tarball leg: ${TARBALL_FILE_PATTERNS.join(' ')} of npm pack`, packageDir, TARBALL_FILE_PATTERNS);

	const all = [...source.map((f) => ({ ...f, leg: 'source' })), ...tarball.map((f) => ({ ...f, leg: 'tarball' }))];
	const errors = all.filter((f) => f.severity === 2);
	const accepted = errors.filter(isAccepted);
	const notAccepted = errors.filter((f) => !isAccepted(f));
	const warnings = all.filter((f) => f.severity !== 2);

	console.log(`\n== Summary: ${errors.length} errors (${accepted.length} accepted exceptions, ${notAccepted.length} not accepted), ${warnings.length} warnings`);
	for (const exception of EXCEPTIONS) {
		const hits = accepted.filter(
			(f) => f.ruleId === `@n8n/community-nodes/${exception.rule}` && exception.files.includes(sourceFileOf(f.file)) && subjectsOf(f).every((s) => exception.allow.includes(s)),
		);
		const seen = [...new Set(hits.map((f) => `${subjectsOf(f).join(', ')} (${f.leg}: ${f.file})`))];
		const unused = hits.length === 0 ? ' (UNUSED: remove it from eslint.config.mjs)' : '';
		console.log(`accepted  ${exception.rule} [${exception.allow.join(', ')}]: ${hits.length} finding(s)${unused}`);
		for (const line of seen) console.log(`            ${line}`);
		console.log(`          reason: ${exception.reason}`);
	}
	for (const f of notAccepted) console.log(`NOT ACCEPTED  ${f.leg}: ${f.file}:${f.line}:${f.column}  ${f.ruleId}  ${f.message}`);
	for (const f of warnings) console.log(`warning   ${f.leg}: ${f.file}:${f.line}:${f.column}  ${f.ruleId}`);
	process.exitCode = notAccepted.length > 0 ? 1 : 0;
} finally {
	fs.rmSync(workDir, { recursive: true, force: true });
}
