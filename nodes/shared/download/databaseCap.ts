// Refusing, from its Content-Length, a download that n8n's "database" binary mode would refuse only after reading it whole.
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import { header } from '../transport/body';
import type { VendorResponse } from '../transport/types';
import { binaryStoreMode, databaseMaxFileSizeMiB } from './binaryStore';
import type { DownloadRequest } from './downloadToBinary';

const MiB = 1024 * 1024;
const SETTING = 'N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE';

/**
 * In "database" mode n8n's store (DatabaseManager.store) collects the whole body in memory and
 * only then compares its size with N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE: a file over the cap
 * costs the worker its full size (and more) before failing. When the answer's Content-Length
 * already says the file is over the cap, the body is dropped unread and the item fails with
 * what to change. Same comparison as n8n's (size in MiB > cap), so nothing n8n would store is
 * refused. Without a usable Content-Length (none, or a compressed body) n8n's own check applies.
 */
export async function refuseOverDatabaseCap(
	ctx: IExecuteFunctions,
	request: DownloadRequest,
	response: VendorResponse,
	contentLength: number | undefined,
): Promise<void> {
	if (contentLength === undefined) return;
	const encoding = header(response.headers, 'content-encoding');
	if (encoding !== undefined && encoding !== '' && encoding.toLowerCase() !== 'identity') return;
	if ((await binaryStoreMode(ctx)) !== 'database') return;
	const capMiB = databaseMaxFileSizeMiB();
	if (contentLength / MiB <= capMiB) return;

	(response.body as NodeJS.ReadableStream & { destroy(): void }).destroy();
	const sizeMiB = Math.round((contentLength / MiB) * 100) / 100;
	throw new NodeOperationError(
		ctx.getNode(),
		`${request.what} failed: the file is ${sizeMiB} MiB (${contentLength} bytes), over the ${capMiB} MiB that n8n stores in "database" binary data mode; raise ${SETTING} to store it (item ${request.itemIndex})`,
		{
			itemIndex: request.itemIndex,
			description:
				`This n8n keeps binary data in its database (N8N_DEFAULT_BINARY_DATA_MODE=database, n8n's default in queue mode), ` +
				`which holds each file whole in memory and refuses files over ${SETTING} (MiB; default 512, at most 1024). ` +
				'The download was stopped before its body was read; nothing was stored. Raise the setting on every n8n process ' +
				'that runs executions (the workers in queue mode), or use S3 binary data mode (or filesystem mode outside queue mode) for larger files.',
		},
	);
}
