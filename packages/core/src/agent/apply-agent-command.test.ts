import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AgentCommand } from './agent-command.ts';
import { type AgentState, initialAgentState } from './agent-state.ts';
import {
  ANSWER,
  DIAL,
  defaultCatalog,
  drive,
  LOGIN,
  nextStepAt,
  OFFER,
  ON_CALL,
  T0,
} from './agent-test-driver.ts';
import { applyAgentCommand } from './apply-agent-command.ts';

const catalog = defaultCatalog();

function refuse(state: AgentState, command: AgentCommand, now = state.since + 1000) {
  const before = structuredClone(state);
  const result = applyAgentCommand(state, command, now, catalog);
  assert.equal(result.ok, false, `${command.type} from ${state.name} should be refused`);
  assert.deepEqual(state, before, 'a refused command leaves the state as it was');
  return result.ok ? assert.fail('unreachable') : result.error;
}

describe('login and presence', () => {
  test('a new agent starts LoggedOut with nothing set', () => {
    const state = initialAgentState('a1', T0);
    assert.deepEqual(state, {
      agentId: 'a1',
      name: 'LoggedOut',
      since: T0,
      reason: null,
      contactId: null,
      onHold: false,
      wrapupEndsAt: null,
      pending: null,
      extension: null,
      afterCall: null,
    });
  });

  test('login makes the agent Ready on its extension', () => {
    const state = drive([LOGIN]);
    assert.equal(state.name, 'Ready');
    assert.equal(state.reason, 'login');
    assert.equal(state.extension, '1001');
    assert.equal(state.since, nextStepAt([]));
  });

  test('login with a pause reason logs in Paused (Sobot logs in as DND by default)', () => {
    const state = drive([{ type: 'login', extension: null, pauseReason: 'dnd' }]);
    assert.equal(state.name, 'Paused');
    assert.equal(state.reason, 'dnd');
    assert.equal(state.extension, null);
  });

  test('login with an empty extension is an invalid argument', () => {
    const error = refuse(initialAgentState('a1', T0), { type: 'login', extension: '  ' });
    assert.equal(error.code, 'invalid_argument');
    assert.equal(error.details.field, 'extension');
  });

  test('pause with an unknown reason is refused with unknown_pause_reason', () => {
    const error = refuse(drive([LOGIN]), { type: 'pause', reason: 'nap' });
    assert.equal(error.code, 'unknown_pause_reason');
    assert.equal(error.details.reason, 'nap');
  });

  test('a Paused agent changing its reason starts a new pause', () => {
    const commands: AgentCommand[] = [LOGIN, { type: 'pause', reason: 'break' }];
    const state = drive([...commands, { type: 'pause', reason: 'meal' }]);
    assert.equal(state.name, 'Paused');
    assert.equal(state.reason, 'meal');
    assert.equal(state.since, nextStepAt(commands));
  });

  test('ready from Paused, then logout, clears the extension', () => {
    const paused = drive([LOGIN, { type: 'pause', reason: 'break' }, { type: 'ready' }]);
    assert.equal(paused.name, 'Ready');
    assert.equal(paused.reason, 'ready');
    const out = drive([LOGIN, { type: 'logout' }]);
    assert.equal(out.name, 'LoggedOut');
    assert.equal(out.extension, null);
  });

  test('a refused command names the state and the command', () => {
    const error = refuse(initialAgentState('a1', T0), { type: 'ready' });
    assert.equal(error.code, 'transition_not_allowed');
    assert.deepEqual(error.details, { from: 'LoggedOut', command: 'ready' });
  });

  test('a command type the table does not know is refused, not a crash', () => {
    for (const type of ['bogus', 'toString', '__proto__']) {
      const error = refuse(drive([LOGIN]), { type } as unknown as AgentCommand);
      assert.equal(error.code, 'transition_not_allowed');
    }
  });

  test('the state table is asked before the arguments', () => {
    const error = refuse(initialAgentState('a1', T0), { type: 'pause', reason: 'nap' });
    assert.equal(error.code, 'transition_not_allowed');
  });

  test('a non-finite now is an invalid argument', () => {
    const error = refuse(drive([LOGIN]), { type: 'pause', reason: 'break' }, Number.NaN);
    assert.equal(error.code, 'invalid_argument');
  });

  test('applying a command never mutates the input (it is frozen, and stays equal)', () => {
    const state = drive([LOGIN]);
    assert.ok(Object.isFrozen(state));
    const before = structuredClone(state);
    const next = applyAgentCommand(state, OFFER, T0 + 99_000, catalog);
    assert.ok(next.ok && next.value !== state);
    assert.deepEqual(state, before);
  });
});

describe('offers (ACD)', () => {
  test('an offer rings a Ready agent with the contact, to return to Ready', () => {
    const state = drive([LOGIN, OFFER]);
    assert.equal(state.name, 'Ringing');
    assert.equal(state.contactId, 'contact-1');
    assert.deepEqual(state.afterCall, { name: 'Ready' });
  });

  test('a Paused agent is not offered contacts', () => {
    const error = refuse(drive([LOGIN, { type: 'pause', reason: 'break' }]), OFFER);
    assert.equal(error.code, 'transition_not_allowed');
  });

  test('an offer with an empty contact id is an invalid argument', () => {
    assert.equal(refuse(drive([LOGIN]), { type: 'offer', contactId: '' }).code, 'invalid_argument');
  });

  test('answer connects the call', () => {
    const state = drive(ON_CALL);
    assert.equal(state.name, 'OnCall');
    assert.equal(state.reason, 'answered');
    assert.equal(state.contactId, 'contact-1');
  });

  test('a rejected or withdrawn offer returns the agent to Ready', () => {
    for (const type of ['reject', 'withdraw'] as const) {
      const state = drive([LOGIN, OFFER, { type }]);
      assert.equal(state.name, 'Ready');
      assert.equal(state.reason, type === 'reject' ? 'rejected' : 'withdrawn');
      assert.equal(state.contactId, null);
      assert.equal(state.afterCall, null);
    }
  });

  test('ring-no-answer pauses the agent with no_answer', () => {
    const state = drive([LOGIN, OFFER, { type: 'ringNoAnswer' }]);
    assert.equal(state.name, 'Paused');
    assert.equal(state.reason, 'no_answer');
    assert.equal(state.contactId, null);
  });

  test('a second offer while Ringing is refused', () => {
    assert.equal(refuse(drive([LOGIN, OFFER]), OFFER).code, 'transition_not_allowed');
  });
});

describe('dialing out', () => {
  test('a dial from Ready connects and returns to Ready after the call', () => {
    const dialing = drive([LOGIN, DIAL]);
    assert.equal(dialing.name, 'Dialing');
    assert.equal(dialing.contactId, 'contact-2');
    const after = drive([LOGIN, DIAL, { type: 'dialConnected' }, { type: 'callEnded', wrapupMs: 0 }]);
    assert.equal(after.name, 'Ready');
    assert.equal(after.reason, 'call_ended');
  });

  test('a dial from Paused returns to Paused with the same reason after the call and wrap-up', () => {
    const commands: AgentCommand[] = [
      LOGIN,
      { type: 'pause', reason: 'meeting' },
      DIAL,
      { type: 'dialConnected' },
      { type: 'callEnded', wrapupMs: null },
    ];
    assert.deepEqual(drive(commands).afterCall, { name: 'Paused', reason: 'meeting' });
    const after = drive([...commands, { type: 'endWrapup' }]);
    assert.equal(after.name, 'Paused');
    assert.equal(after.reason, 'meeting');
    assert.equal(after.since, nextStepAt(commands));
  });

  test('a failed dial from Paused returns to Paused', () => {
    const state = drive([LOGIN, { type: 'pause', reason: 'break' }, DIAL, { type: 'dialFailed' }]);
    assert.equal(state.name, 'Paused');
    assert.equal(state.reason, 'break');
  });

  test('ready during a dial from Paused makes the agent Ready after the call', () => {
    const state = drive([
      LOGIN,
      { type: 'pause', reason: 'break' },
      DIAL,
      { type: 'ready' },
      { type: 'dialConnected' },
      { type: 'callEnded', wrapupMs: 0 },
    ]);
    assert.equal(state.name, 'Ready');
  });
});

describe('hold', () => {
  test('hold and resume toggle onHold without starting a new state', () => {
    const held = drive([...ON_CALL, { type: 'hold' }]);
    assert.equal(held.onHold, true);
    assert.equal(held.since, nextStepAt([LOGIN, OFFER]));
    const resumed = drive([...ON_CALL, { type: 'hold' }, { type: 'resume' }]);
    assert.equal(resumed.onHold, false);
  });

  test('hold is allowed only OnCall', () => {
    for (const commands of [
      [],
      [LOGIN],
      [LOGIN, OFFER],
      [LOGIN, DIAL],
      [...ON_CALL, { type: 'callEnded', wrapupMs: null }],
    ]) {
      const state = drive(commands as AgentCommand[]);
      const error = refuse(state, { type: 'hold' });
      assert.equal(error.code, 'transition_not_allowed');
      assert.deepEqual(error.details, { from: state.name, command: 'hold' });
    }
  });

  test('hold on a held call, or resume on a call not held, is a conflict', () => {
    assert.equal(refuse(drive([...ON_CALL, { type: 'hold' }]), { type: 'hold' }).code, 'conflict');
    assert.equal(refuse(drive(ON_CALL), { type: 'resume' }).code, 'conflict');
  });

  test('a call ended while on hold leaves wrap-up not on hold', () => {
    const state = drive([...ON_CALL, { type: 'hold' }, { type: 'callEnded', wrapupMs: 30_000 }]);
    assert.equal(state.name, 'Wrapup');
    assert.equal(state.onHold, false);
  });
});

describe('disconnect, force logout and restart', () => {
  test('a Ready agent whose connection is gone is paused as disconnected', () => {
    const state = drive([LOGIN, { type: 'disconnect' }]);
    assert.equal(state.name, 'Paused');
    assert.equal(state.reason, 'disconnected');
  });

  test('a disconnect during a call pauses the agent after the call, unless it chose otherwise', () => {
    const during = drive([...ON_CALL, { type: 'disconnect' }]);
    assert.deepEqual(during.pending, { kind: 'pause', reason: 'disconnected' });
    const after = drive([...ON_CALL, { type: 'disconnect' }, { type: 'callEnded', wrapupMs: 0 }]);
    assert.equal(after.reason, 'disconnected');
    const chose = drive([...ON_CALL, { type: 'logout' }, { type: 'disconnect' }]);
    assert.deepEqual(chose.pending, { kind: 'logout' });
  });

  test('a disconnect of a Paused or LoggedOut agent is refused (it gets no calls anyway)', () => {
    assert.equal(
      refuse(drive([LOGIN, { type: 'pause', reason: 'break' }]), { type: 'disconnect' }).code,
      'transition_not_allowed',
    );
    assert.equal(refuse(drive([]), { type: 'disconnect' }).code, 'transition_not_allowed');
  });

  test('a forced logout ends any state at once, pending or not', () => {
    const state = drive([...ON_CALL, { type: 'pause', reason: 'break' }, { type: 'forceLogout' }]);
    assert.equal(state.name, 'LoggedOut');
    assert.equal(state.reason, 'forced_logout');
    assert.equal(state.pending, null);
    assert.equal(state.contactId, null);
  });

  test('after a server restart agents come back Paused(restart), a Paused agent keeps its reason', () => {
    assert.equal(drive([LOGIN, { type: 'serverRestart' }]).reason, 'restart');
    assert.equal(drive([...ON_CALL, { type: 'serverRestart' }]).reason, 'restart');
    const paused = drive([LOGIN, { type: 'pause', reason: 'meal' }, { type: 'serverRestart' }]);
    assert.equal(paused.reason, 'meal');
    const leaving = drive([...ON_CALL, { type: 'logout' }, { type: 'serverRestart' }]);
    assert.equal(leaving.name, 'LoggedOut');
  });

  test('ANSWER is refused once the call is connected', () => {
    assert.equal(refuse(drive(ON_CALL), ANSWER).code, 'transition_not_allowed');
  });
});
