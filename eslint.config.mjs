// `npm run lint`: the lint config of n8n's own tooling (`n8n-node lint`, @n8n/node-cli 0.48.3), plus the exceptions this package needs, each listed once below with its reason.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { globalIgnores } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importPlugin from 'eslint-plugin-import-x';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

/** The download thread (README, "Large downloads run off n8n's main thread"): its worker script and the modules that run it. */
const DOWNLOAD_THREAD = [
	'nodes/shared/download/thread.ts',
	'nodes/shared/download/thread.worker.js',
	'nodes/shared/download/threadBody.ts',
	'nodes/shared/download/threadUsable.ts',
];

/**
 * The only findings of n8n's rules this package accepts. All of them are rules of n8n Cloud
 * (they keep the package self-hosted only: README "n8n Cloud"). `allow` names exactly what is
 * accepted in `files` (dependency, module or global): anything else the rule finds there still
 * fails. Nothing else is switched off, and eslint-disable comments have no effect (as in n8n's
 * scanner). `npm run scan` reads this list too.
 */
export const EXCEPTIONS = [
	{
		rule: 'no-runtime-dependencies',
		files: ['package.json'],
		allow: ['form-data'],
		reason:
			'form-data builds the multipart uploads to Unit21 as a stream of known length, so that files of hundreds of MB are never held in memory; n8n-workflow offers no streaming multipart body.',
	},
	{
		rule: 'no-restricted-imports',
		files: ['nodes/Unit21/actions/uploadBodies.ts'],
		allow: ['form-data'],
		reason: 'where the streamed multipart upload bodies are built with form-data (see no-runtime-dependencies above).',
	},
	{
		rule: 'no-restricted-imports',
		files: DOWNLOAD_THREAD,
		allow: ['node:worker_threads', 'node:http', 'node:https', 'node:path', 'node:stream'],
		reason:
			"the download thread sends large downloads' GET from a worker thread (node:worker_threads, node:http/https, node:path to find the worker script) and hands the bytes to n8n's store as a node:stream Readable of reused shared memory, so that n8n's main thread does not collect its large heap for every ~64 MB received (bench/README.md).",
	},
	{
		rule: 'no-restricted-globals',
		files: DOWNLOAD_THREAD,
		allow: ['__dirname', 'process', 'setTimeout', 'clearTimeout'],
		reason:
			"the download thread: __dirname locates thread.worker.js; process.env says whether the thread may stand in for n8n's client (proxy variables, N8N_SSRF_PROTECTION_ENABLED, KYC_MEDIA_DOWNLOAD_THREAD=off); the worker's idle timer uses the timers (plain JavaScript in a worker: n8n-workflow is not loaded there).",
	},
	{
		rule: 'no-restricted-imports',
		files: ['nodes/shared/download/guardedBody.ts'],
		allow: ['node:stream'],
		reason:
			"downloads through n8n's own client pass through a node:stream Transform that fails a body arriving short, dropped or stalled without buffering it (n8n's store takes a node Readable; there is no stream class among the modules n8n Cloud allows).",
	},
	{
		rule: 'no-restricted-imports',
		files: ['nodes/shared/download/binaryStore.ts'],
		allow: ['node:fs'],
		reason:
			"n8n gives nodes no way to read its binary data config: the cap of \"database\" mode is read as n8n's own config reads it, from N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE or the file its _FILE variant names (node:fs), so that a download n8n would refuse after reading it whole is refused before (issue 13).",
	},
	{
		rule: 'no-restricted-globals',
		files: ['nodes/shared/download/binaryStore.ts'],
		allow: ['process'],
		reason: 'process.env: the cap of "database" binary mode, as above.',
	},
];

/** True when every subject of a finding (module, global, dependency) is accepted for that rule in that file. */
export function isAcceptedException(rule, file, subjects) {
	return (
		subjects.length > 0 &&
		EXCEPTIONS.some((e) => e.rule === rule && e.files.includes(file) && subjects.every((s) => e.allow.includes(s)))
	);
}

/** What a finding of one of the excepted rules is about: the dependencies, the module or the global. */
function subjectsOf(rule, descriptor) {
	if (rule === 'no-runtime-dependencies') {
		return (descriptor.node.value.properties ?? []).map((property) => property.key.value ?? property.key.name);
	}
	const subject = descriptor.data?.modulePath ?? descriptor.data?.name;
	return subject === undefined ? [] : [String(subject)];
}

/** The rule as it is, except that findings listed in EXCEPTIONS are not reported. */
function withExceptions(rule, name) {
	return {
		...rule,
		create(context) {
			const file = path.relative(ROOT, context.physicalFilename).split(path.sep).join('/');
			const report = (descriptor) => {
				if (!isAcceptedException(name, file, subjectsOf(name, descriptor))) context.report(descriptor);
			};
			return rule.create(Object.create(context, { report: { value: report } }));
		},
	};
}

const communityRules = { ...n8nCommunityNodesPlugin.rules };
for (const name of new Set(EXCEPTIONS.map((e) => e.rule))) communityRules[name] = withExceptions(communityRules[name], name);
const communityNodesPlugin = { ...n8nCommunityNodesPlugin, rules: communityRules };
// n8n's recommended set with Cloud support (what `n8n-node lint` uses by default), its rules as above.
const communityNodesRecommended = {
	...n8nCommunityNodesPlugin.configs.recommended,
	plugins: { '@n8n/community-nodes': communityNodesPlugin },
};

export default tseslint.config(
	globalIgnores(['dist']),
	{ linterOptions: { noInlineConfig: true } },
	// From here to the end of the nodes block: @n8n/node-cli's dist/configs/eslint.js, unchanged but
	// for the comments. The reasons of its switched-off rules are n8n's (@n8n/scan-community-package).
	{
		files: ['**/*.ts'],
		extends: [
			js.configs.recommended,
			tseslint.configs.recommended,
			communityNodesRecommended,
			importPlugin.configs['flat/recommended'],
		],
		rules: {
			// Off in n8n's config (n8n's code base turns it off too): apply() is not an error.
			'prefer-spread': 'off',
			'no-console': 'error',
		},
	},
	{
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		settings: {
			'import-x/resolver-next': [createTypeScriptImportResolver()],
		},
	},
	{
		files: ['package.json'],
		extends: [communityNodesRecommended],
		rules: {
			...n8nNodesBase.configs.community.rules,
		},
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: {
				extraFileExtensions: ['.json'],
			},
		},
	},
	{
		files: ['./credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Not valid for community nodes (their documentation URL is a full URL).
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			// The community rule credential-password-field checks the same, more accurately.
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['./nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Inputs and outputs may be the NodeConnectionTypes enum instead of the string "main".
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			// A vendor API may have a maximum, so maxValue is valid.
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	// The worker script is plain JavaScript shipped as is: n8n's scanner lints it with the same rules.
	{
		files: ['nodes/**/*.js'],
		extends: [communityNodesRecommended],
		languageOptions: { sourceType: 'commonjs' },
		rules: { 'no-console': 'error' },
	},
);
