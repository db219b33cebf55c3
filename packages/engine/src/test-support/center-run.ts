// Test support: plays a random contact center (random-center.ts) on a Harness, calling `check`
// after every event, then ends the day: every caller still in the building hangs up, wrap-ups run
// out and the clock is drained.
import type { AgentId, ContactId } from '@switchboard/core';
import { pick, playCommand } from './center-commands.ts';
import { Harness } from './engine-harness.ts';
import { type CenterEvent, PAUSE_CODES } from './center-events.ts';
import { agentIdOf, type Center, queueIdOf } from './random-center.ts';

export interface CenterRun {
  readonly h: Harness;
  /** Every contact the engine took in or dialed, in order. */
  readonly created: readonly ContactId[];
}

const HOUR = 3_600_000;

export function playCenter(
  center: Center,
  check: (h: Harness, after: CenterEvent | 'start' | 'end') => void,
): CenterRun {
  const h = new Harness(center.config);
  const created: ContactId[] = [];
  const agents = center.config.agents.length;
  const queues = center.config.queues.length;
  center.start.forEach((start, i) => {
    if (start !== 'out')
      h.engine.login(agentIdOf(i), `ext-${agentIdOf(i)}`, start === 'paused' ? 'break' : undefined);
  });
  h.flush();
  check(h, 'start');
  for (const event of center.events) {
    const agentId = 'agent' in event ? agentIdOf(event.agent % agents) : '';
    play(h, event, agentId, queues, created);
    check(h, event);
  }
  // End of the day: callers hang up (abandons for those still waiting), then time runs on until
  // every wrap-up and timer is over. A few rounds, because ending a contact can free an agent who
  // is then offered another one.
  for (let round = 0; round < 20 && h.engine.liveContacts > 0; round++) {
    for (const id of h.liveContactIds()) h.telephony.sink.customerHangup(id);
    h.advance(HOUR);
    check(h, 'end');
  }
  h.advance(24 * HOUR);
  check(h, 'end');
  return { h, created };
}

/** Agents in one of the given states, in id order. */
function bound(h: Harness, states: readonly string[]): AgentId[] {
  return h.engine.agentIds().filter((id) => states.includes(h.state(id).name));
}

function play(h: Harness, event: CenterEvent, agentId: AgentId, queues: number, created: ContactId[]): void {
  const { engine, telephony } = h;
  const contactOf = (agent: AgentId) => engine.agentState(agent)?.contactId ?? null;
  switch (event.kind) {
    case 'arrive': {
      const id = telephony.sink.inboundCall({
        customerNumber: '+15550100',
        dialedNumber: queueIdOf(event.queue % queues),
        priority: event.priority,
      });
      if (id !== null) created.push(id);
      break;
    }
    case 'login':
      engine.login(agentId, `ext-${agentId}`, event.paused ? 'break' : undefined);
      break;
    case 'ready':
      engine.ready(agentId);
      break;
    case 'logout':
      engine.logout(agentId);
      break;
    case 'endWrapup':
      engine.endWrapup(agentId);
      break;
    case 'extendWrapup':
      engine.extendWrapup(agentId, event.seconds);
      break;
    case 'disconnect':
      engine.disconnected(agentId);
      break;
    case 'pause':
      engine.pause(agentId, PAUSE_CODES[event.reason % PAUSE_CODES.length]!);
      break;
    case 'answer':
    case 'reject': {
      const agent = pick(bound(h, ['Ringing']), event.pick);
      const contactId = agent === undefined ? null : contactOf(agent);
      if (agent === undefined || contactId === null) break;
      if (event.kind === 'answer') telephony.answer(contactId, agent);
      else telephony.sink.agentRejected(contactId, agent);
      break;
    }
    case 'agentHangup': {
      const agent = pick(bound(h, ['Ringing', 'Dialing', 'OnCall']), event.pick);
      const contactId = agent === undefined ? null : contactOf(agent);
      if (agent === undefined || contactId === null) break;
      if (event.bySwitch) telephony.sink.agentHangup(contactId, agent);
      else engine.commands.hangup(agent);
      break;
    }
    case 'callerHangup': {
      const id = pick(h.liveContactIds(), event.pick);
      if (id !== undefined) telephony.sink.customerHangup(id);
      break;
    }
    case 'staleAnswer': {
      const id = pick(h.liveContactIds(), event.pick);
      if (id !== undefined && !telephony.ringingFor(id).includes(agentId))
        telephony.sink.agentAnswered(id, agentId);
      break;
    }
    case 'advance':
      h.advance(event.ms);
      break;
    default:
      playCommand(h, event, created);
  }
  // Routing passes run on the next turn of the clock: let them, as the switch's next event would.
  h.flush();
}
