// Whether a download may run in the download thread: disk binary store, no proxy, no SSRF filter, no fault.
import type { IExecuteFunctions } from 'n8n-workflow';

import { downloadThreadFaulted } from './thread';

const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy'];

let storeWritesToDisk: Promise<boolean> | undefined;

/**
 * True when a download may run in the download thread: n8n keeps binary data on local disk
 * (checked once per process by storing an empty file), and n8n's HTTP client would not send
 * it through a proxy or an SSRF filter, which the thread does not replicate. Setting
 * KYC_MEDIA_DOWNLOAD_THREAD=off turns the thread off.
 */
export async function downloadThreadUsable(ctx: IExecuteFunctions): Promise<boolean> {
	if (process.env.KYC_MEDIA_DOWNLOAD_THREAD === 'off') return false;
	if (PROXY_VARIABLES.some((name) => Boolean(process.env[name]))) return false;
	if (/^(true|1)$/i.test(process.env.N8N_SSRF_PROTECTION_ENABLED ?? '')) return false;
	if (downloadThreadFaulted() || typeof SharedArrayBuffer === 'undefined') return false;
	storeWritesToDisk ??= ctx.helpers
		.prepareBinaryData(Buffer.alloc(0), 'kyc-media-binary-mode-check', 'application/octet-stream')
		.then((stored) => /^filesystem/.test(String(stored.id ?? '')))
		.catch(() => false);
	return await storeWritesToDisk;
}
