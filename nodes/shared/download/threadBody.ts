// The body of a download answered from the thread: a stream of views into reused shared-memory slots.
import { Readable } from 'node:stream';

import { failBody } from './failBody';
import { MAX_SLOTS_PER_VIEW, giveBackRing, slotSizeFor, takeRing } from './rings';
import type { DownloadThread, FromThread } from './thread';
import { transferFailure } from './transferErrors';

/**
 * The body of a 2xx answer as a byte stream whose chunks are views of reused shared slots.
 * A slot goes back to the thread once the consumer has asked for the chunk after the next
 * one: n8n's store has then written it (it writes each chunk before reading another).
 */
export class ThreadBody extends Readable {
	private readonly ring: SharedArrayBuffer;
	private readonly slotSize: number;
	private readonly ready: Array<{ slot: number; length: number }> = [];
	/** Slots of the chunks pushed so far and not yet given back, one array per chunk. */
	private handedOut: number[][] = [];
	private ended = false;
	private wanted = false;
	private finished = false;
	private recycled = false;

	constructor(
		private readonly downloads: DownloadThread,
		private readonly id: number,
		private readonly expectedLength: number | undefined,
		private readonly idleTimeoutMs: number,
		private readonly onClose: () => void,
	) {
		// Object mode: each read() returns exactly one slot's view (in byte mode Node may join
		// two chunks into a new buffer, which is the allocation this class exists to avoid).
		// One chunk buffered ahead at most, so the consumer holds no more than two.
		super({ objectMode: true, highWaterMark: 1 });
		const slotSize = slotSizeFor(expectedLength);
		this.slotSize = slotSize;
		this.ring = takeRing(slotSize);
		downloads.post({ type: 'stream', id, ring: this.ring, slotSize });
	}

	receive(message: FromThread): void {
		if (message.type === 'chunk') {
			this.ready.push({ slot: message.slot, length: message.length });
		} else if (message.type === 'end') {
			this.ended = true;
			this.finished = true;
			this.downloads.close(this.id);
			if (this.expectedLength !== undefined && message.received !== this.expectedLength) {
				failBody(this, transferFailure('short', message.received, this.expectedLength, this.idleTimeoutMs));
				return;
			}
		}
		if (this.wanted) this.deliver();
	}

	/**
	 * Called once n8n's store has finished with this body (prepareBinaryData resolved): every
	 * chunk is then written, so the ring may serve another download. Not before: the stream
	 * ends while the store is still writing its last chunk. After a failure a write may still
	 * be reading the ring, so it is left to the garbage collector.
	 */
	recycle(): void {
		if (!this.ended || this.recycled) return;
		this.recycled = true;
		giveBackRing(this.slotSize, this.ring);
	}

	fail(reason: 'idle' | 'dropped', received: number): void {
		this.finished = true;
		this.downloads.close(this.id);
		failBody(this, transferFailure(reason, received, this.expectedLength, this.idleTimeoutMs));
	}

	override _read(): void {
		this.wanted = true;
		this.deliver();
	}

	private deliver(): void {
		if (this.destroyed) return;
		// The consumer asks for more: everything but the chunk it may still be writing is done.
		const done: number[] = [];
		while (this.handedOut.length > 1) done.push(...(this.handedOut.shift() as number[]));
		if (done.length > 0 && !this.finished) this.downloads.post({ type: 'free', id: this.id, slots: done });
		const first = this.ready.shift();
		if (first) {
			// Full slots that follow each other in the ring go out as one view: one larger write
			// for n8n's store when the disk is behind. At most half the ring, so that the thread
			// always has slots to fill while the store holds the last view it was given
			// (a view of the whole ring deadlocked: nothing could be freed until it was written,
			// and nothing more could arrive).
			const slots = [first.slot];
			let length = first.length;
			while (
				slots.length < MAX_SLOTS_PER_VIEW &&
				this.ready.length > 0 &&
				this.ready[0].slot === slots[slots.length - 1] + 1 &&
				length % this.slotSize === 0
			) {
				const next = this.ready.shift() as { slot: number; length: number };
				slots.push(next.slot);
				length += next.length;
			}
			this.wanted = false;
			this.handedOut.push(slots);
			this.push(Buffer.from(this.ring, first.slot * this.slotSize, length));
		} else if (this.ended) {
			this.wanted = false;
			this.push(null);
		}
	}

	override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
		this.downloads.close(this.id);
		this.onClose();
		callback(error);
	}
}
