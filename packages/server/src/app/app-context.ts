import type { Clock, Engine, EventBus } from '@switchboard/engine';
import type { Authenticator } from '../auth/authenticator.ts';
import type { Settings } from '../config/load-settings.ts';
import type { Logger } from '../observability/json-logger.ts';
import type { MetricsRegistry } from '../observability/metrics-registry.ts';
import type { Persistence } from '../persistence/persistence.ts';
import type { ScopeDirectory } from '../scope/viewer.ts';
import type { CommandExecutor } from './command-executor.ts';
import type { ConfigService } from './config-service.ts';

/**
 * Everything the transports (REST, WebSocket) need, built once by the composition root
 * (create-app.ts) and passed down. Nothing here is a singleton: tests build as many apps as they like,
 * each with its own clock, database and engine.
 */
export interface AppContext {
  readonly clock: Clock;
  readonly engine: Engine;
  /**
   * Engine events (agent.state, contact.changed, contact.ended, queue.log, agent.log) as clients may
   * see them: on PostgreSQL each only once the writes before it are durable (report-gate.ts).
   */
  readonly bus: EventBus;
  /**
   * Runs `fn` once every event already on its way to `bus` subscribers has reached them (a command's
   * answer after the events it caused). Absent: events are never held, `fn` may run at once.
   */
  readonly whenReported?: (fn: () => void) => void;
  readonly persistence: Persistence;
  readonly auth: Authenticator;
  /** Agent and call commands of the catalogue, with the permission check; shared by REST and WS. */
  readonly commands: CommandExecutor;
  /** Configuration changes: written to the database, then applied to the running engine. */
  readonly config: ConfigService;
  /** Agent → groups, for the role filter. */
  readonly directory: ScopeDirectory;
  readonly log: Logger;
  readonly metrics: MetricsRegistry;
  readonly settings: Settings;
}
