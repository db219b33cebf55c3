/**
 * The recent events of the whole WebSocket API, each kept once as UTF-8 bytes in one fixed block of
 * memory outside the JavaScript heap, for resume. Sessions keep only the number an event got here
 * (replay-frames.ts), so a delivery leaves nothing on the heap behind it: keeping each event's JSON
 * string alive until the client had acknowledged it made the garbage collector copy and promote
 * every event (a fifth of the server's time at full speed, with the page faults of a growing old
 * generation). The price is a copy of the event's bytes into the block, once per event, and a
 * decode when a frame is actually replayed.
 *
 * Bounded by bytes: once the block is full the oldest events are overwritten, and a resume that
 * needs one of them gets a full snapshot instead (the session's own window is checked first).
 */
export class EventLog {
  readonly #bytes: Buffer;
  /** Per event slot (number % slots): where its bytes start (absolute, growing) and how many. */
  readonly #starts: Float64Array;
  readonly #lengths: Int32Array;
  /** Number of the next event, and bytes written so far (absolute: the block offset is this % size). */
  #next = 0;
  #written = 0;

  /**
   * `bytes`: the block's size. Event slots are sized for events of 128 bytes on average; smaller
   * events are dropped by slot count rather than by bytes, which is the same rule.
   */
  constructor(bytes: number) {
    // Written through once now: the kernel maps a page of a fresh block on its first write, and
    // those page faults would otherwise fall on the first minutes of traffic.
    this.#bytes = Buffer.allocUnsafeSlow(Math.max(0, Math.floor(bytes))).fill(0);
    const slots = Math.max(64, Math.ceil(this.#bytes.length / 128));
    this.#starts = new Float64Array(slots);
    this.#lengths = new Int32Array(slots).fill(-1);
  }

  get size(): number {
    return this.#bytes.length;
  }

  /** Keeps an event's JSON; returns its number (events too big for the block get one, but cannot be read). */
  append(json: string): number {
    const n = this.#next++;
    const slot = n % this.#starts.length;
    const size = this.#bytes.length;
    // A UTF-8 encoding takes at most 3 bytes per UTF-16 unit: an event that might not fit before
    // the end of the block starts over at its beginning (the bytes skipped are simply unused).
    const worst = json.length * 3;
    if (worst > size) {
      this.#lengths[slot] = -1;
      return n;
    }
    let at = this.#written % size;
    if (size - at < worst) {
      this.#written += size - at;
      at = 0;
    }
    const length = this.#bytes.write(json, at);
    this.#starts[slot] = this.#written;
    this.#lengths[slot] = length;
    this.#written += length;
    return n;
  }

  /** The JSON of event `n`, or null when it was overwritten, never kept, or not yet written. */
  read(n: number): string | null {
    const slots = this.#starts.length;
    if (!Number.isSafeInteger(n) || n < 0 || n >= this.#next || n < this.#next - slots) return null;
    const slot = n % slots;
    const length = this.#lengths[slot]!;
    const start = this.#starts[slot]!;
    if (length < 0 || start < this.#written - this.#bytes.length) return null;
    const at = start % this.#bytes.length;
    return this.#bytes.toString('utf8', at, at + length);
  }
}
