// The handle times of a queue's most recently finished contacts: the AHT input of the EWT.
// A contact's handle time (talk + hold + wrap-up) is only known when its wrap-up ends, so the
// sample is taken at `wrapupEnded`, joined with the talk and hold of its `completed` or
// `transferred` event. Log contract: every completed/transferred contact is followed by a
// wrapupEnded for the same agent and contact (wrapupMs 0 when the agent had no wrap-up), unless
// the system cut the contact off first: then an `interrupted` line ends it and no sample is taken
// (its handle time was never measured; a guess or a 0 would pull the AHT off).
import type { QueueId } from '../ids.ts';
import { fail, ok, type Result } from '../result.ts';
import type { QueueLogEvent } from './queue-log-event.ts';
import { checkQueueEventFor } from './queue-stats-accumulator.ts';

export const DEFAULT_EWT_WINDOW = 20;

// Talk ended, wrap-up not yet: normally one per agent in wrap-up. The cap only guards memory
// against a log that breaks the contract (a wrapupEnded that never comes); the oldest is dropped.
const MAX_PENDING = 10_000;

export interface RecentHandleTimesConfig {
  readonly queueId: QueueId;
  /** How many of the latest finished contacts to keep; default 20. */
  readonly window?: number;
}

export class RecentHandleTimes {
  readonly queueId: QueueId;
  readonly window: number;
  readonly #samples: number[] = [];
  readonly #pending = new Map<string, number>();

  private constructor(queueId: QueueId, window: number) {
    this.queueId = queueId;
    this.window = window;
  }

  static create(config: RecentHandleTimesConfig): Result<RecentHandleTimes> {
    const window = config.window ?? DEFAULT_EWT_WINDOW;
    if (!Number.isSafeInteger(window) || window < 1) {
      return fail('invalid_argument', 'recent handle times: window must be an integer >= 1', {
        field: 'window',
      });
    }
    if (typeof config.queueId !== 'string' || config.queueId.length === 0) {
      return fail('invalid_argument', 'recent handle times: queueId must be a non-empty string', {
        field: 'queueId',
      });
    }
    return ok(new RecentHandleTimes(config.queueId, window));
  }

  /** Takes any event of this queue (fed in time order); only the call-ending ones matter. */
  add(event: QueueLogEvent): Result<void> {
    const checked = checkQueueEventFor(this.queueId, event);
    if (!checked.ok) return checked;
    const e = checked.value;
    if (e.type === 'interrupted') {
      // A wrap-up that will never end: forget its talk, whoever (which agent of the contact) had it.
      const suffix = `\u0000${e.contactId}`;
      for (const key of [...this.#pending.keys()]) if (key.endsWith(suffix)) this.#pending.delete(key);
      return ok(undefined);
    }
    // NUL cannot occur in ids we issue, so the pair key cannot collide.
    if (e.type === 'completed' || e.type === 'transferred' || e.type === 'wrapupEnded') {
      const key = `${e.agentId}\u0000${e.contactId}`;
      if (e.type === 'wrapupEnded') {
        const talkAndHold = this.#pending.get(key);
        // A wrap-up whose call ended before this log began: its handle time is unknown, skip it.
        if (talkAndHold === undefined) return ok(undefined);
        this.#pending.delete(key);
        this.#samples.push(talkAndHold + e.wrapupMs);
        if (this.#samples.length > this.window) this.#samples.shift();
      } else {
        this.#pending.delete(key); // re-insert so Map order stays oldest-first
        this.#pending.set(key, e.talkMs + (e.type === 'completed' ? e.holdMs : 0));
        if (this.#pending.size > MAX_PENDING) this.#pending.delete(this.#pending.keys().next().value!);
      }
    }
    return ok(undefined);
  }

  /** Handle times (ms) of the latest finished contacts, oldest first, at most `window` of them. */
  samples(): readonly number[] {
    return [...this.#samples];
  }
}
