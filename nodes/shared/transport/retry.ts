// When to try a request again: backoff with jitter that honours the vendor's Retry-After or its rate-limit window, and cancellable waits.
import { sleep as n8nSleep } from 'n8n-workflow';

import { header } from './body';
import type { VendorResponse } from './types';

/**
 * How long to wait before retry number `attempt` (0-based): exponential backoff with
 * jitter, but never less than what the vendor asked for with Retry-After or X-RateLimit-Reset.
 * `rateLimitWindowMs` (for a 429 of a vendor with a known window): when the vendor did not say
 * when to come back, wait between half and one and a half windows. Then the retry lands in a
 * later window (backoff alone would spend every retry in the same one, which other processes
 * sharing the limit keep full), and the jitter spreads the refused requests of all processes
 * over the next window instead of sending them back at the same moment.
 */
export function retryDelayMs(
	attempt: number,
	headers: VendorResponse['headers'] = {},
	now = Date.now(),
	random = Math.random,
	rateLimitWindowMs?: number,
): number {
	const backoff = Math.min(30_000, 500 * 2 ** attempt);
	let wait = backoff / 2 + (random() * backoff) / 2;
	const retryAfter = header(headers, 'retry-after');
	const reset = Number(header(headers, 'x-ratelimit-reset'));
	const vendorSaidWhen = (retryAfter !== undefined && retryAfter !== '') || (Number.isFinite(reset) && reset > 0);
	if (rateLimitWindowMs && !vendorSaidWhen) wait = Math.max(wait, rateLimitWindowMs * (0.5 + random()));
	if (retryAfter !== undefined && retryAfter !== '') {
		const seconds = Number(retryAfter);
		const asked = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
		if (Number.isFinite(asked)) wait = Math.max(wait, asked + random() * 250);
	}
	if (Number.isFinite(reset) && reset > 0) {
		// Epoch seconds (documented by Unit21); small values are read as seconds from now.
		const asked = reset > 1e9 ? reset * 1000 - now : reset * 1000;
		wait = Math.max(wait, asked + random() * 250);
	}
	return Math.max(0, Math.round(wait));
}

/**
 * Waits `ms` with n8n's own `sleep`, which ends the wait at once when the execution's abort
 * signal fires; resolves false then (also when an older n8n's `sleep` ignored the signal).
 */
export async function waitUnlessCancelled(ms: number, signal?: AbortSignal): Promise<boolean> {
	if (signal?.aborted) return false;
	try {
		await n8nSleep(ms, signal);
	} catch {
		return false;
	}
	return signal?.aborted !== true;
}
