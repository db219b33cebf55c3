import type { EventLog } from './event-log.ts';
import { eventFrameText } from './frame-text.ts';

/**
 * A session's last `capacity` frames, by seq, for resume after a reconnect: a client that says "I
 * have everything up to N" gets N+1… replayed if they are all still here, else a full snapshot.
 * An event frame is kept as two numbers' worth: the event's number in the hub's EventLog and its
 * topic (an interned string); its text is rebuilt with its seq only if it is ever replayed. Nothing
 * a delivery stores here points at a fresh heap object (event-log.ts says why that matters). Other
 * frames (snapshots) are rare and kept as their text.
 */
export class ReplayFrames {
  readonly #capacity: number;
  readonly #log: EventLog;
  /** Per slot (seq % capacity): the event's number in the log, or -1 for a frame kept as text. */
  readonly #events: Float64Array;
  /** Per slot: the quoted topic of an event frame. */
  readonly #topics: (string | undefined)[];
  /** Frames kept as text, by seq; only while their slot is theirs. */
  readonly #texts = new Map<number, string>();
  #last = 0;

  constructor(capacity: number, log: EventLog) {
    this.#capacity = Math.max(0, Math.floor(capacity));
    this.#log = log;
    this.#events = new Float64Array(this.#capacity);
    this.#topics = new Array<string | undefined>(this.#capacity).fill(undefined);
  }

  /** Keeps a frame given as its whole text; returns its seq. */
  pushText(text: string): number {
    const seq = this.#take();
    if (this.#capacity > 0) {
      this.#events[seq % this.#capacity] = -1;
      this.#texts.set(seq, text);
    }
    return seq;
  }

  /** Keeps an event frame as its topic (JSON text) and the event's number in the log; returns its seq. */
  pushEvent(topicJson: string, eventNumber: number): number {
    const seq = this.#take();
    if (this.#capacity > 0) {
      const slot = seq % this.#capacity;
      this.#events[slot] = eventNumber;
      this.#topics[slot] = topicJson;
    }
    return seq;
  }

  get lastSeq(): number {
    return this.#last;
  }

  /** Oldest seq still held by this session (lastSeq + 1 when none); the log may have lost it sooner. */
  get firstSeq(): number {
    return Math.max(1, this.#last - this.#capacity + 1);
  }

  /**
   * The frames after `afterSeq` as text, in order; null when some of them are gone (out of the
   * window or out of the log), or `afterSeq` is from the future (the client talks of another session).
   */
  since(afterSeq: number): string[] | null {
    if (!Number.isSafeInteger(afterSeq) || afterSeq < 0 || afterSeq > this.#last) return null;
    if (afterSeq + 1 < this.firstSeq) return null;
    const out: string[] = [];
    for (let seq = afterSeq + 1; seq <= this.#last; seq++) {
      const slot = seq % this.#capacity;
      const event = this.#events[slot]!;
      if (event < 0) {
        const text = this.#texts.get(seq);
        if (text === undefined) return null;
        out.push(text);
        continue;
      }
      const json = this.#log.read(event);
      if (json === null) return null;
      out.push(eventFrameText(seq, this.#topics[slot]!, json));
    }
    return out;
  }

  /** Numbers the next frame; the text frame whose slot it takes is dropped. */
  #take(): number {
    const seq = ++this.#last;
    if (this.#capacity > 0 && this.#texts.size > 0) this.#texts.delete(seq - this.#capacity);
    return seq;
  }
}
