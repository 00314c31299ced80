// How this n8n process stores binary data: its mode (seen from a stored empty file) and the file size cap of "database" mode.
import type { IExecuteFunctions } from 'n8n-workflow';
import { readFileSync } from 'node:fs';

/**
 * The mode of n8n's binary data store, as n8n writes it at the start of every stored file's
 * id: `filesystem-v2` (also for `filesystem`), `database`, `s3`, `azure`; `memory` when files
 * stay inside the items (no id, n8n's "default" mode); `unknown` when the probe failed.
 */
export type BinaryStoreMode = 'filesystem-v2' | 'database' | 's3' | 'azure' | 'memory' | 'unknown' | string;

let probed: Promise<BinaryStoreMode> | undefined;

/**
 * The binary data mode of this n8n process. n8n picks it once at start-up (BinaryDataService.init:
 * N8N_DEFAULT_BINARY_DATA_MODE, else `database` when the process runs in queue mode - `n8n worker`
 * switches to queue mode itself - else `filesystem`) and gives nodes no way to read it. The
 * environment alone can therefore not tell; the id of a stored empty file can
 * (`<mode>:<file id>`, BinaryDataService.createBinaryDataId). Probed once per process; a failed
 * probe is tried again at the next download.
 */
export async function binaryStoreMode(ctx: IExecuteFunctions): Promise<BinaryStoreMode> {
	probed ??= ctx.helpers
		.prepareBinaryData(Buffer.alloc(0), 'kyc-media-binary-mode-check', 'application/octet-stream')
		.then((stored) => (stored.id ? String(stored.id).split(':')[0] : 'memory'))
		.catch(() => 'unknown');
	const mode = await probed;
	if (mode === 'unknown') probed = undefined;
	return mode;
}

const DEFAULT_DATABASE_MAX_MIB = 512;

/**
 * n8n's cap on one file in "database" mode, in MiB, read from the environment exactly as
 * n8n's config does (n8n-core BinaryDataConfig.dbMaxFileSize with @n8n/config's Env decorator):
 * N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE, else the file named by ..._FILE; surrounding spaces
 * and quotes dropped; blank → default 512; not a number or above 1024 → default 512 (n8n warns).
 */
export function databaseMaxFileSizeMiB(env: NodeJS.ProcessEnv = process.env, readFile = readTextFile): number {
	const name = 'N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE';
	let raw: string | undefined;
	if (name in env) raw = env[name];
	else if (env[`${name}_FILE`]) raw = readFile(env[`${name}_FILE`] as string)?.trim();
	if (raw === undefined) return DEFAULT_DATABASE_MAX_MIB;
	const value = raw.trim().replace(/^(['"])(.*)\1$/, '$2').trim();
	if (value === '') return DEFAULT_DATABASE_MAX_MIB;
	const parsed = Number(value);
	return Number.isNaN(parsed) || parsed > 1024 ? DEFAULT_DATABASE_MAX_MIB : parsed;
}

function readTextFile(file: string): string | undefined {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
}
