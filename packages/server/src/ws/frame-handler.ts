import { fail, type Result, type SwitchboardError } from '@switchboard/core';
import type { Clock } from '@switchboard/engine';
import {
  type ClientFrame,
  type CommandFrame,
  type InputLimits,
  parseClientFrame,
  parseTopic,
  planResume,
  pongFrame,
  type ResumeFrame,
  resultError,
  resultOk,
  type SubscribeFrame,
  snapshotFrame,
  type Topic,
  type WireError,
  WS_CLOSE,
  wireError,
} from '@switchboard/protocol';
import type { CommandExecutor } from '../app/command-executor.ts';
import type { Logger } from '../observability/json-logger.ts';
import { seesQueue, supervisesAgent } from '../scope/viewer.ts';
import type { SessionRegistry } from './session-registry.ts';
import { type SnapshotSources, snapshotState } from './snapshot-state.ts';
import type { WsConnection } from './ws-connection.ts';
import type { WsSession } from './ws-session.ts';

export interface FrameHandlerDeps {
  readonly commands: CommandExecutor;
  readonly clock: Clock;
  readonly registry: SessionRegistry;
  readonly snapshots: SnapshotSources;
  readonly limits: InputLimits;
  readonly log: Logger;
  /**
   * Runs a command's answer once the events already on their way to clients have gone out (on
   * PostgreSQL events wait for the database: app/report-gate.ts). Absent: at once.
   */
  readonly whenReported?: (fn: () => void) => void;
}

/**
 * What a client frame does. Every frame that carries an id gets exactly one `result` (a `ping` a
 * `pong`); a frame that does not parse gets a result with the typed error and the connection stays;
 * only an oversize frame ends it (1009). Commands go through the CommandExecutor, which checks the
 * caller may command that agent.
 */
export class FrameHandler {
  readonly #deps: FrameHandlerDeps;

  constructor(deps: FrameHandlerDeps) {
    this.#deps = deps;
  }

  handle(connection: WsConnection, data: string | Uint8Array): void {
    const outcome = parseClientFrame(data, this.#deps.limits);
    switch (outcome.kind) {
      case 'oversize':
        connection.close(WS_CLOSE.messageTooBig, 'frame over the size limit');
        return;
      case 'error':
        connection.send(resultError(outcome.id, outcome.error));
        return;
      case 'frame':
        this.#dispatch(connection, outcome.frame);
    }
  }

  /**
   * Answers a frame that is not executed (over the frame-rate limit) with `error`, under the frame's
   * id when it has a readable one, so the client knows which of its frames to send again. Parsed
   * only for that id; an oversize frame still ends the connection (1009).
   */
  refuse(connection: WsConnection, data: string | Uint8Array, error: WireError): void {
    const outcome = parseClientFrame(data, this.#deps.limits);
    if (outcome.kind === 'oversize') {
      connection.close(WS_CLOSE.messageTooBig, 'frame over the size limit');
      return;
    }
    const id = outcome.kind === 'error' ? outcome.id : (outcome.frame.id ?? null);
    connection.send(resultError(id, error));
  }

  #dispatch(connection: WsConnection, frame: ClientFrame): void {
    switch (frame.type) {
      case 'command': {
        // The answer follows the events the command caused, also when those wait for the database.
        const answer = this.#command(connection, frame);
        const { whenReported } = this.#deps;
        if (whenReported === undefined) connection.send(answer);
        else whenReported(() => connection.send(answer));
        return;
      }
      case 'subscribe':
        this.#subscribe(connection, frame);
        return;
      case 'unsubscribe':
        this.#deps.registry.unsubscribe(connection.session, frame.topics);
        connection.send(resultOk(frame.id, { topics: [...connection.session.topics.keys()] }));
        return;
      case 'resume':
        this.#resume(connection, frame);
        return;
      case 'ping':
        connection.send(pongFrame(frame.id, this.#deps.clock.now()));
    }
  }

  #command(connection: WsConnection, frame: CommandFrame) {
    const args = frame.args as Readonly<Record<string, unknown>>;
    const agentId = typeof args.agentId === 'string' ? args.agentId : connection.session.ownAgentId;
    let result: Result<unknown>;
    try {
      result = this.#deps.commands.execute(connection.principal, agentId, frame.command, frame.args as never);
    } catch (error) {
      // A bug in a command must still give the client its one answer, and keep the socket.
      this.#deps.log.error('command failed', { command: frame.command, agentId, err: error });
      result = fail('internal', 'the command failed on the server', { command: frame.command });
    }
    return result.ok ? resultOk(frame.id, result.value) : resultError(frame.id, wireErrorOf(result.error));
  }

  #subscribe(connection: WsConnection, frame: SubscribeFrame): void {
    const session = connection.session;
    const refused = frame.topics.filter((topic) => !mayWatch(session, topic, this.#deps.snapshots));
    if (refused.length > 0) {
      const error = wireError('forbidden', `you may not watch ${refused.join(', ')}`, { topics: refused });
      connection.send(resultError(frame.id, error));
      return;
    }
    this.#deps.registry.subscribe(session, frame.topics);
    connection.send(resultOk(frame.id, { topics: [...session.topics.keys()] }));
    const topics = [...new Set(frame.topics)];
    this.#emitSnapshot(session, topics, false);
  }

  #resume(connection: WsConnection, frame: ResumeFrame): void {
    const { registry } = this.#deps;
    const old = registry.get(frame.sessionId);
    if (old === undefined || old.principal.userId !== connection.principal.userId) {
      const error = wireError('not_found', 'no such session (it expired, or is not yours): subscribe again', {
        sessionId: frame.sessionId,
      });
      connection.send(resultError(frame.id, error));
      return;
    }
    if (old !== connection.session) {
      old.sink?.close(WS_CLOSE.sessionTakenOver, 'session resumed on another connection');
      registry.forget(connection.session);
      connection.session = old;
      registry.setPrincipal(old, connection.principal);
      registry.attach(old, connection);
    }
    const plan = planResume(old.replayWindow(), frame.lastSeq);
    // The session's window may still name frames whose events the shared log has dropped since:
    // then it is a snapshot after all.
    const frames = plan.mode === 'replay' ? old.buffer.since(frame.lastSeq) : null;
    if (frames !== null) {
      connection.send(resultOk(frame.id, { sessionId: old.id, mode: 'replay', replayed: frames.length }));
      for (const text of frames) connection.enqueue(text, Number.NaN);
      return;
    }
    connection.send(resultOk(frame.id, { sessionId: old.id, mode: 'snapshot', replayed: 0 }));
    this.#emitSnapshot(old, [...old.topics.keys()], true);
  }

  #emitSnapshot(session: WsSession, topics: readonly Topic[], full: boolean): void {
    const state = snapshotState(topics, session.viewer, session.ownAgentId, this.#deps.snapshots);
    session.emit((seq) => JSON.stringify(snapshotFrame(seq, full, state)), Number.NaN);
  }
}

export function wireErrorOf(error: SwitchboardError): WireError {
  return wireError(error.code, error.message, { ...error.details });
}

/**
 * A topic naming one agent or one queue outside the caller's scope is refused outright (the role
 * filter would let nothing through anyway, and a refusal says why); broad topics are filtered.
 */
function mayWatch(session: WsSession, topic: Topic, sources: SnapshotSources): boolean {
  const parsed = parseTopic(topic);
  if (!parsed.ok) return false;
  switch (parsed.value.kind) {
    case 'agent':
      return supervisesAgent(session.viewer, parsed.value.agentId, sources.directory);
    case 'queue':
      return seesQueue(session.viewer, parsed.value.queueId);
    default:
      return true;
  }
}
