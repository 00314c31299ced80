// When to try a request again: backoff with jitter that honours the vendor's Retry-After, and cancellable waits.
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

/** Waits `ms`, or rejects at once when the execution is cancelled. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(new Error('The execution was cancelled'));
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		const onAbort = () => {
			clearTimeout(timer);
			reject(new Error('The execution was cancelled'));
		};
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}
