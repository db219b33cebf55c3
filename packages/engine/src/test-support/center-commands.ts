// Test support: plays the call-command events of a random contact center (random-center.ts).
import type { AgentId, ContactId, Target } from '@switchboard/core';
import type { Harness } from './engine-harness.ts';
import type { CONSULT_ENDS, CommandEvent, TargetDraw } from './center-events.ts';
import { agentIdOf, queueIdOf } from './random-center.ts';

export function pick<T>(list: readonly T[], index: number): T | undefined {
  return list[index % Math.max(1, list.length)];
}

/** Agents handling a call now (OnCall and the contact's handler), in id order. */
function handlers(h: Harness): AgentId[] {
  return h.engine.agentIds().filter((id) => {
    const state = h.state(id);
    return state.name === 'OnCall' && h.engine.contact(state.contactId!)?.agentId === id;
  });
}

function dialing(h: Harness, contactId: ContactId): boolean {
  const contact = h.engine.contact(contactId);
  return contact?.direction === 'outbound' && contact.legs[0]?.state === 'ringing';
}

function targetOf(h: Harness, draw: TargetDraw): Target {
  if (draw.kind === 'queue')
    return { kind: 'queue', queueId: queueIdOf(draw.index % h.config.queues.length) };
  if (draw.kind === 'agent')
    return { kind: 'agent', agentId: agentIdOf(draw.index % h.config.agents.length) };
  return { kind: 'external', number: '+15550777' };
}

function endConsult(h: Harness, agent: AgentId, how: (typeof CONSULT_ENDS)[number]): void {
  const commands = h.engine.commands;
  if (how === 'cancel') commands.cancelConsult(agent);
  else if (how === 'retrieve') commands.retrieveConsult(agent);
  else if (how === 'transfer') commands.completeConsultTransfer(agent);
  else commands.completeConsultConference(agent);
}

/** Plays one command event; the contact ids of new outbound calls are added to `created`. */
export function playCommand(h: Harness, event: CommandEvent, created: ContactId[]): void {
  const { engine } = h;
  const commands = engine.commands;
  switch (event.kind) {
    case 'arriveAnswered': {
      const queueId = queueIdOf(event.queue % h.config.queues.length);
      const id = h.telephony.sink.inboundCall({ customerNumber: '+15550100', dialedNumber: queueId });
      if (id === null) return;
      created.push(id);
      h.flush();
      const agent = h.telephony.ringingFor(id)[0];
      if (agent !== undefined) h.telephony.answer(id, agent);
      return;
    }
    case 'hold':
    case 'resume': {
      const agent = pick(handlers(h), event.pick);
      if (agent !== undefined) commands[event.kind](agent);
      return;
    }
    case 'transfer':
    case 'consult': {
      const agent = pick(handlers(h), event.pick);
      if (agent === undefined) return;
      const target = targetOf(h, event.to);
      if (event.kind === 'transfer') commands.transfer(agent, target);
      else commands.startConsult(agent, target);
      return;
    }
    case 'consultEnd': {
      const agent = pick(
        handlers(h).filter((id) => engine.contact(h.state(id).contactId!)?.consult !== null),
        event.pick,
      );
      if (agent !== undefined) endConsult(h, agent, event.how);
      return;
    }
    case 'consultFlow': {
      const agent = pick(handlers(h), event.pick);
      if (agent === undefined || !commands.startConsult(agent, targetOf(h, event.to)).ok) return;
      if (event.answered) engine.consultAnswered(h.state(agent).contactId!);
      endConsult(h, agent, event.how);
      return;
    }
    case 'consultAnswer':
    case 'consultFail': {
      const id = pick(
        // Consultations, and consult transfers completed before the party answered (a blind
        // transfer's target is rung as an offer: it answers through the answer event).
        h.liveContactIds().filter((c) => {
          const contact = engine.contact(c)!;
          const offered = (agent: AgentId) => h.telephony.ringingFor(c).includes(agent);
          return (
            contact.consult !== null ||
            contact.legs.some(
              (l) =>
                l.role === 'transferred-to' &&
                l.state === 'ringing' &&
                !(l.party.kind === 'agent' && offered(l.party.agentId)),
            )
          );
        }),
        event.pick,
      );
      if (id === undefined) return;
      if (event.kind === 'consultAnswer') engine.consultAnswered(id);
      else engine.consultFailed(id, 'busy');
      return;
    }
    case 'dial': {
      const agent = agentIdOf(event.agent % h.config.agents.length);
      const queueId = event.queue === null ? undefined : queueIdOf(event.queue % h.config.queues.length);
      const dialed = commands.dial(agent, '+15550123', queueId === undefined ? {} : { queueId });
      if (dialed.ok) created.push(dialed.value);
      return;
    }
    case 'dialAnswer':
    case 'dialFail': {
      const id = pick(
        h.liveContactIds().filter((c) => dialing(h, c)),
        event.pick,
      );
      if (id === undefined) return;
      if (event.kind === 'dialAnswer') engine.dialAnswered(id);
      else engine.dialFailed(id, 'no_answer');
      return;
    }
  }
}
