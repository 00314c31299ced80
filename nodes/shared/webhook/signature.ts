// Webhook signatures: constant-time comparison of hex HMACs over the raw body n8n received.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Constant-time comparison of a received hex signature with the expected one (case-insensitive). */
export function hexSignatureEquals(received: string | undefined, expected: string): boolean {
	if (!received) return false;
	const a = Buffer.from(received.trim().toLowerCase());
	const b = Buffer.from(expected.toLowerCase());
	return a.length === b.length && timingSafeEqual(a, b);
}

export function hmacHex(algorithm: 'sha1' | 'sha256' | 'sha512', secret: string, payload: Buffer | string): string {
	return createHmac(algorithm, secret).update(payload).digest('hex');
}

/** The raw bytes n8n received (kept by its body parser), for signature checks. */
export function rawBodyOf(request: { rawBody?: unknown; body?: unknown }): Buffer | undefined {
	const raw = request.rawBody;
	if (Buffer.isBuffer(raw)) return raw;
	if (typeof raw === 'string') return Buffer.from(raw);
	return undefined;
}
