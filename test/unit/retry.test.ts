import { retryDelayMs, waitUnlessCancelled } from '../../nodes/shared/transport/retry';

describe('retryDelayMs', () => {
	const now = Date.parse('2026-01-01T00:00:00Z');

	it('backs off exponentially with jitter when the vendor says nothing', () => {
		expect(retryDelayMs(0, {}, now, () => 0)).toBe(250);
		expect(retryDelayMs(0, {}, now, () => 1)).toBe(500);
		expect(retryDelayMs(2, {}, now, () => 0)).toBe(1000);
		expect(retryDelayMs(2, {}, now, () => 1)).toBe(2000);
	});

	it('a 429 of a vendor with a known window and no Retry-After waits 0.5-1.5 windows, whatever the attempt', () => {
		for (const attempt of [0, 1, 2]) {
			expect(retryDelayMs(attempt, {}, now, () => 0, 5_250)).toBe(2_625);
			expect(retryDelayMs(attempt, {}, now, () => 1, 5_250)).toBe(7_875);
		}
	});

	it('the window never shortens a longer backoff', () => {
		expect(retryDelayMs(6, {}, now, () => 1, 5_250)).toBe(30_000);
	});

	it('Retry-After and X-RateLimit-Reset win over the window (the vendor said when)', () => {
		expect(retryDelayMs(0, { 'retry-after': '1' }, now, () => 0, 5_250)).toBe(1_000);
		expect(retryDelayMs(0, { 'x-ratelimit-reset': String(now / 1000 + 2) }, now, () => 0, 5_250)).toBe(2_000);
	});
});

describe('waitUnlessCancelled', () => {
	it('waits, and says whether the wait ran to its end', async () => {
		const started = Date.now();
		expect(await waitUnlessCancelled(50)).toBe(true);
		expect(Date.now() - started).toBeGreaterThanOrEqual(45);
	});

	it('ends at once when the execution is cancelled', async () => {
		const controller = new AbortController();
		const started = Date.now();
		setTimeout(() => controller.abort(), 20);
		expect(await waitUnlessCancelled(10_000, controller.signal)).toBe(false);
		expect(Date.now() - started).toBeLessThan(1_000);
	});

	it('does not wait when the execution is already cancelled', async () => {
		const controller = new AbortController();
		controller.abort();
		expect(await waitUnlessCancelled(10_000, controller.signal)).toBe(false);
	});
});
