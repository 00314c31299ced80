// Why a download stopped before its end, in the words the user sees (after "… failed: ").
export function transferFailure(
	reason: 'idle' | 'dropped' | 'short',
	received: number,
	expectedLength: number | undefined,
	idleTimeoutMs: number,
): Error {
	switch (reason) {
		case 'idle':
			return new Error(`no data arrived for ${Math.round(idleTimeoutMs / 1000)} s (received ${received} bytes)`);
		case 'dropped':
			return new Error(
				`the connection dropped after ${received}${expectedLength !== undefined ? ` of ${expectedLength}` : ''} bytes: the transfer was cut short`,
			);
		case 'short':
			return new Error(`the transfer was cut short: received ${received} of ${expectedLength} bytes`);
	}
}
