import { eventFrameText } from './frame-text.ts';
import { ReplayBuffer } from './replay-buffer.ts';

/**
 * A session's replay buffer of frames, stored compactly: an event frame is kept as the event's JSON
 * (one string shared by every session that received the event) and its topic (an interned string),
 * and its text is rebuilt with its seq only if it is ever replayed. Keeping each session's own frame
 * text instead meant a string per delivery living for as long as the frame was unacknowledged, long
 * enough to be promoted and copied by the garbage collector; now a delivery keeps two pointers.
 * Other frames (snapshots) are kept as their text. Same numbering and release rules as ReplayBuffer.
 */
export class ReplayFrames {
  readonly #bodies: ReplayBuffer<string>;
  /** Per slot (seq % capacity): the quoted topic of an event frame, null for a frame kept as text. */
  readonly #topics: (string | null)[];
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = Math.max(0, Math.floor(capacity));
    this.#bodies = new ReplayBuffer<string>(this.#capacity);
    this.#topics = new Array(this.#capacity).fill(null);
  }

  /** Keeps a frame given as its whole text; returns its seq. */
  pushText(text: string): number {
    const seq = this.#bodies.push(text);
    if (this.#capacity > 0) this.#topics[seq % this.#capacity] = null;
    return seq;
  }

  /** Keeps an event frame as its parts (already JSON text); returns its seq. */
  pushEvent(topicJson: string, eventJson: string): number {
    const seq = this.#bodies.push(eventJson);
    if (this.#capacity > 0) this.#topics[seq % this.#capacity] = topicJson;
    return seq;
  }

  get lastSeq(): number {
    return this.#bodies.lastSeq;
  }

  get firstSeq(): number {
    return this.#bodies.firstSeq;
  }

  release(seq: number): void {
    this.#bodies.release(seq);
  }

  /** The frames after `afterSeq` as text, in order; null when some of them are gone (see ReplayBuffer.since). */
  since(afterSeq: number): string[] | null {
    const bodies = this.#bodies.since(afterSeq);
    if (bodies === null) return null;
    return bodies.map((body, i) => {
      const seq = afterSeq + 1 + i;
      const topic = this.#topics[seq % this.#capacity] ?? null;
      return topic === null ? body : eventFrameText(seq, topic, body);
    });
  }
}
