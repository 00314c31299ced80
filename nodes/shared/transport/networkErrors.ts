// Network failures (refused, reset, timed out…): how to recognise them and say them in words.

/** Errors raised before anything reached the server: always safe to retry. */
export const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Errors after the request may have been received: retried only when nothing changes data. */
const DROPPED_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
]);

const NETWORK_ERROR_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'DNS lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	ECONNRESET: 'connection reset',
	EPIPE: 'connection broken',
	ERR_SOCKET_CONNECTION_TIMEOUT: 'connection timed out',
	UND_ERR_SOCKET: 'connection closed',
};

/** The fields of an error (or of its cause) that say which network failure it is. */
interface ErrorLike {
	code?: unknown;
	errno?: unknown;
	message?: unknown;
	cause?: unknown;
	reason?: unknown;
}

/** The network error code behind an error (looking through causes), if it is one we know. */
export function networkErrorCode(error: unknown): string | undefined {
	let current = error as ErrorLike | null | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		const code = current.code ?? current.errno;
		if (typeof code === 'string' && (NOT_SENT_CODES.has(code) || DROPPED_CODES.has(code))) return code;
		if (typeof current.message === 'string' && /socket hang up/i.test(current.message)) return 'ECONNRESET';
		// axios: the connection closed before the whole (non-streamed) body arrived.
		if (typeof current.message === 'string' && /stream has been aborted/i.test(current.message)) return 'ECONNRESET';
		if (typeof current.message === 'string' && /timeout of \d+ms exceeded/i.test(current.message)) {
			return 'ETIMEDOUT';
		}
		current = (current.cause ?? current.reason) as ErrorLike | null | undefined;
	}
	return undefined;
}

/**
 * Why a request got no answer, in words. Words rather than the code because n8n replaces a
 * whole message that contains a code such as "ECONNRESET" by a generic sentence.
 */
export function networkFailureReason(code: string, vendorName: string, timeoutMs: number): string {
	if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') return `no answer from ${vendorName} within ${timeoutMs / 1000} s`;
	const words = NETWORK_ERROR_WORDS[code] ?? 'network error';
	return NOT_SENT_CODES.has(code)
		? `could not reach ${vendorName} (${words})`
		: `the connection to ${vendorName} dropped before it answered (${words})`;
}
