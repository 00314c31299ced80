/** Assertion helpers shared by the integration tests. */
import { createHash } from 'node:crypto';
import type { INodeExecutionData } from 'n8n-workflow';

import { secretValues } from './simulators';

/** Hex sha256 of some bytes. */
export function sha256(bytes: Buffer | string): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Everything a value holds as text, including the non-enumerable `message`/`stack` of
 * errors and their description, cause and context (JSON.stringify alone drops those).
 */
export function serialize(value: unknown): string {
	const seen = new WeakSet<object>();
	const walk = (v: unknown): unknown => {
		if (Buffer.isBuffer(v)) return v.toString('latin1');
		if (typeof v !== 'object' || v === null) return v;
		if (seen.has(v)) return '[circular]';
		seen.add(v);
		if (Array.isArray(v)) return v.map(walk);
		const out: Record<string, unknown> = {};
		for (const key of Object.getOwnPropertyNames(v)) {
			out[key] = walk((v as Record<string, unknown>)[key]);
		}
		return out;
	};
	return JSON.stringify(walk(value)) ?? String(value);
}

/** Fails when any secret of the demo credentials (or `extra`) appears anywhere in the values. */
export function expectNoSecrets(values: unknown[], extra: string[] = []): void {
	const text = values.map(serialize).join('\n');
	for (const secret of [...secretValues(), ...extra]) {
		if (secret && text.includes(secret)) {
			throw new Error(`a secret value (${secret.slice(0, 4)}…) appears in the output or error`);
		}
	}
}

/** The pairedItem indexes of output items, in output order. */
export function pairedIndexes(items: INodeExecutionData[]): number[] {
	return items.map((item) => {
		const paired = item.pairedItem;
		if (typeof paired === 'number') return paired;
		if (Array.isArray(paired) || paired === undefined) throw new Error(`unexpected pairedItem ${JSON.stringify(paired)}`);
		return paired.item;
	});
}

/** A TCP port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
	const net = await import('node:net');
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}
