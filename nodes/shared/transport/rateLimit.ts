// A sliding-window rate limiter: at most N requests started in any window, shared by the executions of one process.
import { sleep } from 'n8n-workflow';

/**
 * At most `limit` starts in any window of `windowMs`: a caller waits for the oldest start
 * in the window to age out. Shared by all executions in this n8n process.
 */
export class SlidingWindowLimiter {
	private readonly starts: number[] = [];

	private queue: Promise<void> = Promise.resolve();

	constructor(
		private readonly limit: number,
		private readonly windowMs: number,
	) {}

	async take(): Promise<void> {
		// Serialise callers so that concurrent items see each other's starts.
		const turn = this.queue.then(async () => {
			for (;;) {
				const now = Date.now();
				while (this.starts.length > 0 && now - this.starts[0] >= this.windowMs) this.starts.shift();
				if (this.starts.length < this.limit) {
					this.starts.push(now);
					return;
				}
				await sleep(this.starts[0] + this.windowMs - now + 1);
			}
		});
		this.queue = turn.catch(() => undefined);
		await turn;
	}
}
