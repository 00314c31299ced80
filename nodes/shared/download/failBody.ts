// Failing a download body safely: the error waits until n8n's store listens for it.

/** A download body: a node Readable stream (n8n's response stream, the guard or the thread's body). */
export type DownloadBody = NodeJS.ReadableStream & { readonly destroyed: boolean; destroy(error?: Error): unknown };

/**
 * Destroys a download body with `error`: at once when its consumer listens for errors, else
 * as soon as it starts to. n8n's store creates and opens its file before it reads the body;
 * an 'error' emitted before that has no listener and would be an uncaught exception in n8n
 * (seen with connections dropped right after the answer's head).
 */
export function failBody(body: DownloadBody, error: Error): void {
	if (body.destroyed) return;
	if (body.listenerCount('error') > 0) {
		body.destroy(error);
		return;
	}
	const onListener = (event: string | symbol) => {
		if (event !== 'error') return;
		body.off('newListener', onListener);
		// After the listener is in place (newListener fires just before it is added).
		queueMicrotask(() => body.destroy(error));
	};
	body.on('newListener', onListener);
}
