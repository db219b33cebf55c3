import type { AgentId } from '@switchboard/core';
import type { Clock, Engine, TimerHandle } from '@switchboard/engine';
import type { Logger } from '../observability/json-logger.ts';

/**
 * Counts the open connections of each agent. A dropped socket never touches the agent's calls: only
 * when an agent has had no connection for the whole grace period is the engine told
 * (`disconnected`: a Ready agent goes Paused("disconnected"), one on a call pauses after it), and
 * the resulting agent.state event tells its supervisors. The grace timer runs on the engine's clock.
 */
export class AgentPresence {
  readonly #clock: Clock;
  readonly #engine: Engine;
  readonly #log: Logger;
  readonly #graceMs: number;
  readonly #connections = new Map<AgentId, number>();
  readonly #graceTimers = new Map<AgentId, TimerHandle>();

  constructor(deps: { clock: Clock; engine: Engine; log: Logger; graceMs: number }) {
    this.#clock = deps.clock;
    this.#engine = deps.engine;
    this.#log = deps.log;
    this.#graceMs = deps.graceMs;
  }

  /** Only users that are agents of the engine are followed (an admin without an agent is not). */
  connected(agentId: AgentId): void {
    if (this.#engine.agentState(agentId) === undefined) return;
    this.#connections.set(agentId, (this.#connections.get(agentId) ?? 0) + 1);
    const timer = this.#graceTimers.get(agentId);
    if (timer !== undefined) {
      this.#clock.cancelTimer(timer);
      this.#graceTimers.delete(agentId);
    }
  }

  disconnected(agentId: AgentId): void {
    const count = this.#connections.get(agentId);
    if (count === undefined) return;
    if (count > 1) {
      this.#connections.set(agentId, count - 1);
      return;
    }
    this.#connections.delete(agentId);
    const at = this.#clock.now() + this.#graceMs;
    this.#graceTimers.set(
      agentId,
      this.#clock.setTimer(at, () => {
        this.#graceTimers.delete(agentId);
        if (this.#connections.has(agentId)) return;
        const result = this.#engine.disconnected(agentId);
        this.#log.info('agent without connection past the grace period', {
          agentId,
          outcome: result.ok ? result.value.name : result.error.code,
        });
      }),
    );
  }

  connectionsOf(agentId: AgentId): number {
    return this.#connections.get(agentId) ?? 0;
  }

  /** Graceful stop: agents are not paused because the server itself goes away. */
  stop(): void {
    for (const timer of this.#graceTimers.values()) this.#clock.cancelTimer(timer);
    this.#graceTimers.clear();
  }
}
