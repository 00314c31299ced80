// The shared-memory rings downloads hand their bytes over in: slot sizes, and a pool of finished rings.

const SLOT_SIZE = 512 * 1024;
const SLOTS = 8;
/** A view handed to n8n's store spans at most half the ring (see ThreadBody.deliver). */
export const MAX_SLOTS_PER_VIEW = SLOTS / 2;

let allocated = 0;

/** How many rings this process has allocated (for tests: reuse keeps it small). */
export function ringsAllocated(): number {
	return allocated;
}

/** Slots of a power-of-two size, so that rings can be reused: small files get small ones. */
export function slotSizeFor(expectedLength: number | undefined): number {
	if (expectedLength === undefined) return SLOT_SIZE;
	let size = 64 * 1024;
	while (size < expectedLength && size < SLOT_SIZE) size *= 2;
	return size;
}

// Shared memory is not counted by V8 as memory pressure: rings dropped after each download
// would pile up until some unrelated garbage collection. Finished rings are kept for the
// next downloads instead, a few per slot size.
const idleRings = new Map<number, SharedArrayBuffer[]>();
const IDLE_RINGS_PER_SIZE = 4;

export function takeRing(slotSize: number): SharedArrayBuffer {
	const idle = idleRings.get(slotSize)?.pop();
	if (idle) return idle;
	allocated++;
	return new SharedArrayBuffer(slotSize * SLOTS);
}

export function giveBackRing(slotSize: number, ring: SharedArrayBuffer): void {
	const idle = idleRings.get(slotSize) ?? [];
	if (idle.length < IDLE_RINGS_PER_SIZE) idle.push(ring);
	idleRings.set(slotSize, idle);
}
