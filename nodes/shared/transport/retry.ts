// When to try a request again: backoff with jitter that honours the vendor's Retry-After, and cancellable waits.
import { sleep } from 'n8n-workflow';

import { header } from './body';
import type { VendorResponse } from './types';

/**
 * How long to wait before retry number `attempt` (0-based): exponential backoff with
 * jitter, but never less than what the vendor asked for with Retry-After or X-RateLimit-Reset.
 */
export function retryDelayMs(
	attempt: number,
	headers: VendorResponse['headers'] = {},
	now = Date.now(),
	random = Math.random,
): number {
	const backoff = Math.min(30_000, 500 * 2 ** attempt);
	let wait = backoff / 2 + (random() * backoff) / 2;
	const retryAfter = header(headers, 'retry-after');
	if (retryAfter !== undefined && retryAfter !== '') {
		const seconds = Number(retryAfter);
		const asked = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
		if (Number.isFinite(asked)) wait = Math.max(wait, asked + random() * 250);
	}
	const reset = Number(header(headers, 'x-ratelimit-reset'));
	if (Number.isFinite(reset) && reset > 0) {
		// Epoch seconds (documented by Unit21); small values are read as seconds from now.
		const asked = reset > 1e9 ? reset * 1000 - now : reset * 1000;
		wait = Math.max(wait, asked + random() * 250);
	}
	return Math.max(0, Math.round(wait));
}

/**
 * Waits `ms` before a retry; false when the execution was cancelled. n8n's sleep ends the wait
 * at once on cancellation (n8n versions whose sleep ignores the signal finish the wait first).
 */
export async function waitBeforeRetry(ms: number, signal?: AbortSignal): Promise<boolean> {
	if (signal?.aborted) return false;
	const waited = await sleep(ms, signal).then(
		() => true,
		() => false,
	);
	return waited && signal?.aborted !== true;
}
