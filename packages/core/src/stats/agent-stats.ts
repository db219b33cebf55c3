// One agent's statistics: time per state from its AgentLogEvents, call counts from the queue log.
// State time is a sequence of segments (each state lasts until the next event), so unlike the
// queue counters it needs the events in time order; the open segment is counted up to `now`.
import type { AgentId, Millis } from '../ids.ts';
import { fail, ok, type Result } from '../result.ts';
import {
  AGENT_LOG_STATES,
  type AgentLogEvent,
  type AgentLogState,
  type QueueLogEvent,
} from './queue-log-event.ts';
import { parseAgentLogEvent, parseQueueLogEvent } from './queue-log-parse.ts';

/** Key of pause time that had no reason code (no real code is the empty string). */
export const NO_PAUSE_REASON = '';

export interface AgentStats {
  readonly agentId: AgentId;
  readonly at: Millis;
  readonly state: AgentLogState;
  /** When the current state began; null before the first event. */
  readonly stateSince: Millis | null;
  readonly reason: string | null;
  /** Time in any state but LoggedOut. */
  readonly loginMs: number;
  readonly readyMs: number;
  readonly pausedMs: number;
  /** Pause time per reason code (NO_PAUSE_REASON for a pause without a code). */
  readonly pausedByReasonMs: Readonly<Record<string, number>>;
  readonly ringingMs: number;
  readonly dialingMs: number;
  /** Time OnCall, hold included, inbound and outbound alike. */
  readonly talkMs: number;
  readonly wrapupMs: number;
  readonly logins: number;
  readonly firstLoginAt: Millis | null;
  readonly lastLoginAt: Millis | null;
  readonly lastLogoutAt: Millis | null;
  readonly offered: number;
  readonly callsAnswered: number;
  readonly ringNoAnswers: number;
  readonly completed: number;
  readonly transferred: number;
  /** Σ talkMs of this agent's completed/transferred queue events: queue-call talk, per queue if fed one queue. */
  readonly queueTalkMs: number;
  readonly occupancy: number | null;
}

export class AgentStatsAccumulator {
  readonly agentId: AgentId;
  #state: AgentLogState = 'LoggedOut';
  #since: Millis | null = null;
  #reason: string | null = null;
  readonly #closedMs: Record<AgentLogState, number>;
  readonly #pausedByReason = new Map<string, number>();
  #logins = 0;
  #firstLoginAt: Millis | null = null;
  #lastLoginAt: Millis | null = null;
  #lastLogoutAt: Millis | null = null;
  #offered = 0;
  #answered = 0;
  #ringNoAnswers = 0;
  #completed = 0;
  #transferred = 0;
  #queueTalkMs = 0;

  constructor(agentId: AgentId) {
    this.agentId = agentId;
    this.#closedMs = Object.fromEntries(AGENT_LOG_STATES.map((s) => [s, 0])) as Record<AgentLogState, number>;
  }

  /** The agent entered a state. Refused (nothing changes) if malformed, another agent's, or out of order. */
  addState(input: AgentLogEvent): Result<void> {
    const parsed = parseAgentLogEvent(input);
    if (!parsed.ok) return parsed;
    const event = parsed.value;
    if (event.agentId !== this.agentId) {
      return fail('invalid_argument', `agent stats: event of agent ${event.agentId} fed to ${this.agentId}`, {
        field: 'agentId',
      });
    }
    if (this.#since !== null && event.at < this.#since) {
      return fail('invalid_argument', 'agent stats: events must be fed in time order', {
        field: 'at',
        since: this.#since,
        at: event.at,
      });
    }
    if (this.#since !== null) this.#close(event.at - this.#since);
    const wasOut = this.#state === 'LoggedOut';
    if (wasOut && event.state !== 'LoggedOut') {
      this.#logins += 1;
      this.#firstLoginAt ??= event.at;
      this.#lastLoginAt = event.at;
    } else if (!wasOut && event.state === 'LoggedOut') {
      this.#lastLogoutAt = event.at;
    }
    this.#state = event.state;
    this.#since = event.at;
    this.#reason = event.reason;
    return ok(undefined);
  }

  /** Any queue event; those that do not name this agent are accepted and ignored. */
  addQueueEvent(input: QueueLogEvent): Result<void> {
    const parsed = parseQueueLogEvent(input);
    if (!parsed.ok) return parsed;
    const event = parsed.value;
    if (!('agentId' in event) || event.agentId !== this.agentId) return ok(undefined);
    if (event.type === 'offered') this.#offered += 1;
    else if (event.type === 'connected') this.#answered += 1;
    else if (event.type === 'ringNoAnswer') this.#ringNoAnswers += 1;
    else if (event.type === 'completed') {
      this.#completed += 1;
      this.#queueTalkMs += event.talkMs;
    } else if (event.type === 'transferred') {
      this.#transferred += 1;
      this.#queueTalkMs += event.talkMs;
    }
    // `interrupted` naming the agent (its call was cut off by a crash) adds nothing: the answer is
    // counted already, and the talk was never measured. The agent's time comes from the agent log.
    return ok(undefined);
  }

  #close(durationMs: number): void {
    this.#closedMs[this.#state] += durationMs;
    if (this.#state === 'Paused') {
      const key = this.#reason ?? NO_PAUSE_REASON;
      this.#pausedByReason.set(key, (this.#pausedByReason.get(key) ?? 0) + durationMs);
    }
  }

  /** The figures as of `now`, the current state counted up to `now` (never below 0). */
  stats(now: Millis): AgentStats {
    const ms = { ...this.#closedMs };
    const pausedByReasonMs = Object.fromEntries(this.#pausedByReason);
    if (this.#since !== null) {
      const open = Math.max(0, now - this.#since);
      ms[this.#state] += open;
      if (this.#state === 'Paused') {
        const key = this.#reason ?? NO_PAUSE_REASON;
        pausedByReasonMs[key] = (pausedByReasonMs[key] ?? 0) + open;
      }
    }
    const work = ms.OnCall + ms.Wrapup;
    const loginMs = ms.Ready + ms.Paused + ms.Ringing + ms.Dialing + ms.OnCall + ms.Wrapup;
    return {
      agentId: this.agentId,
      at: now,
      state: this.#state,
      stateSince: this.#since,
      reason: this.#reason,
      loginMs,
      readyMs: ms.Ready,
      pausedMs: ms.Paused,
      pausedByReasonMs,
      ringingMs: ms.Ringing,
      dialingMs: ms.Dialing,
      talkMs: ms.OnCall,
      wrapupMs: ms.Wrapup,
      logins: this.#logins,
      firstLoginAt: this.#firstLoginAt,
      lastLoginAt: this.#lastLoginAt,
      lastLogoutAt: this.#lastLogoutAt,
      offered: this.#offered,
      callsAnswered: this.#answered,
      ringNoAnswers: this.#ringNoAnswers,
      completed: this.#completed,
      transferred: this.#transferred,
      queueTalkMs: this.#queueTalkMs,
      // Occupancy = (talk + wrap-up) / (talk + wrap-up + ready): the share of the time the agent was
      // open for work that went into handling it. Paused time is excluded because the agent chose
      // to be unavailable (break, training, back-office): counting it as idle would make a
      // well-staffed team on lunch look under-used, and that time belongs to shrinkage, not to the
      // workload. Ringing and dialing are short transition states and sit in neither part.
      occupancy: work + ms.Ready === 0 ? null : work / (work + ms.Ready),
    };
  }
}
