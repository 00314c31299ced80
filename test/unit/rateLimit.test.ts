import { SlidingWindowLimiter } from '../../nodes/shared/transport/rateLimit';

describe('SlidingWindowLimiter', () => {
	it('lets `limit` requests start at once, then holds the next until the window has passed', async () => {
		const limiter = new SlidingWindowLimiter(3, 300);
		const started: number[] = [];
		const t0 = Date.now();
		await Promise.all(
			Array.from({ length: 7 }, async () => {
				await limiter.take();
				started.push(Date.now() - t0);
			}),
		);
		started.sort((a, b) => a - b);
		// 3 start at once; the 4th to 6th wait a window, the 7th two windows.
		expect(started.slice(3, 6).every((t) => t >= 290)).toBe(true);
		expect(started[6]).toBeGreaterThanOrEqual(590);
		// Never more than 3 starts in any 300 ms window.
		for (let i = 3; i < started.length; i++) expect(started[i] - started[i - 3]).toBeGreaterThanOrEqual(290);
	});
});
