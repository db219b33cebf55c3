import { type AgentId, allowedActions, type AgentState, fail, ok, type Result } from '@switchboard/core';
import type { Engine } from '@switchboard/engine';
import type { CommandArgs, CommandName } from '@switchboard/protocol';
import type { Principal } from '../auth/principal.ts';
import { type ScopeDirectory, supervisesAgent } from '../scope/viewer.ts';
import { viewerOf } from './viewer-of.ts';

/**
 * A rule a logged-out agent's login must pass before the engine sees it (in sip mode: the extension's
 * phone is registered right now; see sip/phone-login-rule.ts). A refusal changes nothing.
 */
export type LoginCheck = (agentId: AgentId, extension: string | null) => Result<void>;

/**
 * One place that turns a command of the catalogue (WebSocket frame or REST POST) into an engine call,
 * after checking the caller may command that agent: an agent only itself, a supervisor the agents of
 * its groups, an admin anyone. Both transports call this, so they cannot disagree.
 */
export class CommandExecutor {
  private readonly engine: Engine;
  private readonly directory: ScopeDirectory;
  private readonly loginCheck: LoginCheck | null;

  /** `loginCheck`: absent on the simulated switch, where any extension (or none) will do. */
  constructor(engine: Engine, directory: ScopeDirectory, loginCheck: LoginCheck | null = null) {
    this.engine = engine;
    this.directory = directory;
    this.loginCheck = loginCheck;
  }

  execute<N extends CommandName>(
    principal: Principal,
    agentId: AgentId,
    name: N,
    args: CommandArgs<N>,
  ): Result<unknown> {
    if (!supervisesAgent(viewerOf(principal), agentId, this.directory)) {
      return fail('forbidden', `you may not command agent ${agentId}`, { agentId });
    }
    if (this.engine.agentState(agentId) === undefined)
      return fail('unknown_agent', `no agent ${agentId}`, { agentId });
    return this.run(agentId, name, args as Record<string, unknown>);
  }

  private run(agentId: AgentId, name: CommandName, a: Record<string, unknown>): Result<unknown> {
    const e = this.engine;
    const c = e.commands;
    switch (name) {
      case 'login': {
        const extension = (a.extension as string | null | undefined) ?? null;
        // Only a logged-out agent is checked: a logged-in one gets the engine's own answer.
        if (this.loginCheck !== null && e.agentState(agentId)?.name === 'LoggedOut') {
          const allowed = this.loginCheck(agentId, extension);
          if (!allowed.ok) return allowed;
        }
        return this.view(e.login(agentId, extension, a.pauseReason as string | undefined));
      }
      case 'ready':
        return this.view(e.ready(agentId));
      case 'pause':
        return this.view(e.pause(agentId, (a.reason as string | undefined) ?? e.pauseReasons.defaultCode));
      case 'logout':
        return this.view(e.logout(agentId));
      case 'extendWrapup':
        return this.view(e.extendWrapup(agentId, a.seconds as number));
      case 'endWrapup':
        return this.view(e.endWrapup(agentId, a.pauseReason as string | undefined));
      case 'answer':
        return this.after(agentId, c.offers.answer(agentId));
      case 'reject':
        return this.after(agentId, c.offers.reject(agentId));
      case 'hangup':
        return this.after(agentId, c.hangup(agentId));
      case 'hold':
        return this.after(agentId, c.hold(agentId));
      case 'resume':
        return this.after(agentId, c.resume(agentId));
      case 'transfer':
        return this.after(agentId, c.transfer(agentId, a.target as never));
      case 'consultStart':
        return this.after(agentId, c.startConsult(agentId, a.target as never));
      case 'consultCancel':
        return this.after(agentId, c.cancelConsult(agentId));
      case 'consultRetrieve':
        return this.after(agentId, c.retrieveConsult(agentId));
      case 'consultComplete':
        return this.after(
          agentId,
          a.mode === 'conference' ? c.completeConsultConference(agentId) : c.completeConsultTransfer(agentId),
        );
      case 'dtmf':
        return this.after(agentId, c.dtmf(agentId, a.digits as string));
      case 'recording':
        return this.after(agentId, c.recording(agentId, a.action as never));
      case 'setAttachedData':
        return this.onContact(agentId, a, (id) => c.setAttached(id, a.entries as never));
      case 'removeAttachedData':
        return this.onContact(agentId, a, (id) => c.removeAttached(id, a.keys as readonly string[]));
      case 'setDisposition':
        return this.onContact(agentId, a, (id) => c.setDisposition(id, a.disposition as never, agentId));
      case 'dial': {
        const options = {
          ...(a.queueId === undefined ? {} : { queueId: a.queueId as string }),
          ...(a.callerId === undefined ? {} : { callerId: a.callerId as string }),
        };
        const dialed = c.dial(agentId, a.number as string, options);
        if (!dialed.ok) return dialed;
        const state = e.agentState(agentId)!;
        return ok({ contactId: dialed.value, state, actions: allowedActions(state) });
      }
    }
  }

  private view(result: Result<AgentState>): Result<unknown> {
    return result.ok ? ok({ state: result.value, actions: allowedActions(result.value) }) : result;
  }

  private after(agentId: AgentId, result: Result<unknown>): Result<unknown> {
    if (!result.ok) return result;
    const state = this.engine.agentState(agentId)!;
    return ok({ state, actions: allowedActions(state) });
  }

  private onContact(
    agentId: AgentId,
    a: Record<string, unknown>,
    op: (contactId: string) => Result<unknown>,
  ): Result<unknown> {
    const contactId =
      (a.contactId as string | undefined) ?? this.engine.agentState(agentId)?.contactId ?? null;
    if (contactId === null) return fail('no_call', `agent ${agentId} has no contact`, { agentId });
    const contact = this.engine.contact(contactId);
    // An agent may touch only contacts it is bound to; supervisors and admins any in their scope.
    if (contact === undefined) return fail('unknown_contact', `no live contact ${contactId}`, { contactId });
    const done = op(contactId);
    return done.ok ? ok({ contact: done.value }) : done;
  }
}
