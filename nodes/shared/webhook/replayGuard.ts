// Replay protection for the webhook triggers: which deliveries a trigger node has already started the workflow for.
import { createHash } from 'node:crypto';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

/**
 * How long a delivery is remembered: longer than the longest vendor retry schedule
 * (Veriff retries hourly for up to 7 days; Sumsub after 5 min, 1 h, 5 h and 18 h; Unit21 within minutes).
 */
export const REMEMBER_DELIVERIES_DAYS = 8;
/** At most this many deliveries per trigger node: n8n loads the workflow's static data with every webhook call. */
export const REMEMBERED_DELIVERIES_MAX = 10_000;
/** How long this process itself remembers a delivery it let through (covers repeats that arrive at the same moment). */
const IN_PROCESS_MEMORY_MS = 10 * 60 * 1000;

const STATIC_DATA_FIELD = 'deliveries';
const DAY_SECONDS = 24 * 3600;

// Deliveries this process let through recently: `${workflowId}/${nodeId}/${hash}` → forget after (ms).
const letThroughHere = new Map<string, number>();

/** A short, fixed-length fingerprint of a delivery key (the keys hold vendor ids; only fingerprints are stored). */
function fingerprint(key: string): string {
	return createHash('sha256').update(key).digest('base64url').slice(0, 22);
}

function rememberedInThisProcess(id: string, nowMs: number): boolean {
	for (const [known, forgetAt] of letThroughHere) {
		if (forgetAt > nowMs) break; // insertion order = expiry order
		letThroughHere.delete(known);
	}
	if (letThroughHere.has(id)) return true;
	letThroughHere.set(id, nowMs + IN_PROCESS_MEMORY_MS);
	return false;
}

/**
 * Whether this trigger node has started the workflow for this delivery before; if not, remembers it.
 *
 * The memory is the workflow's static data (kept in n8n's database, shared by the main and the
 * webhook processes, kept across restarts), one field per trigger node holding a fingerprint and
 * the time (seconds) of each delivery. n8n saves static data changed in webhook() only when the
 * trigger answers the request itself: see answerVerifiedDelivery. Two copies of one delivery that
 * arrive at different processes within the same few milliseconds can both pass (n8n offers nodes
 * no atomic store); this process's own memory catches such copies when they arrive at one process.
 *
 * Test webhooks (the editor's "Listen for test event") are never remembered nor dropped.
 */
export function seenBefore(ctx: IWebhookFunctions, deliveryKey: string): boolean {
	if (ctx.getMode() === 'manual') return false;
	const nowMs = Date.now();
	const hash = fingerprint(deliveryKey);
	const workflowId = String(ctx.getWorkflow().id ?? '');
	const inProcess = rememberedInThisProcess(`${workflowId}/${ctx.getNode().id}/${hash}`, nowMs);

	const staticData = ctx.getWorkflowStaticData('node');
	const stored = staticData[STATIC_DATA_FIELD];
	const remembered = (stored && typeof stored === 'object' && !Array.isArray(stored) ? stored : {}) as IDataObject;
	if (inProcess || remembered[hash] !== undefined) return true;

	// Assign a new object (not a nested change), so n8n's change tracking of static data sees it.
	const nowSeconds = Math.floor(nowMs / 1000);
	const oldest = nowSeconds - REMEMBER_DELIVERIES_DAYS * DAY_SECONDS;
	const kept = Object.entries(remembered)
		.filter(([, seenAt]) => typeof seenAt === 'number' && seenAt >= oldest)
		.slice(-(REMEMBERED_DELIVERIES_MAX - 1));
	staticData[STATIC_DATA_FIELD] = Object.fromEntries([...kept, [hash, nowSeconds]]);
	return false;
}
