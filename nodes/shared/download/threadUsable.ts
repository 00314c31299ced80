// Whether a download may run in the download thread: disk binary store, no proxy, no SSRF filter, no fault.
import type { IExecuteFunctions } from 'n8n-workflow';

import { binaryStoreMode } from './binaryStore';
import { downloadThreadFaulted } from './thread';

const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy'];

/**
 * True when a download may run in the download thread: n8n keeps binary data on local disk
 * (filesystem mode, see binaryStore.ts; never in "database", S3 or memory mode), and n8n's
 * HTTP client would not send it through a proxy or an SSRF filter, which the thread does not
 * replicate. Setting
 * KYC_MEDIA_DOWNLOAD_THREAD=off turns the thread off.
 */
export async function downloadThreadUsable(ctx: IExecuteFunctions): Promise<boolean> {
	if (process.env.KYC_MEDIA_DOWNLOAD_THREAD === 'off') return false;
	if (PROXY_VARIABLES.some((name) => Boolean(process.env[name]))) return false;
	if (/^(true|1)$/i.test(process.env.N8N_SSRF_PROTECTION_ENABLED ?? '')) return false;
	if (downloadThreadFaulted() || typeof SharedArrayBuffer === 'undefined') return false;
	// Only n8n's filesystem store writes each chunk before it asks for the next, which the
	// thread's reused slots need; "database" and memory modes collect every chunk first.
	return /^filesystem/.test(await binaryStoreMode(ctx));
}
