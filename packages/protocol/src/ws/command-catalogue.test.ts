import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AGENT_ACTIONS } from '../wire/agent-schemas.ts';
import { ERROR_CODES } from '../wire/wire-error.ts';
import { COMMAND_NAMES, COMMAND_OF_ACTION, COMMANDS, isCommandName } from './command-catalogue.ts';

interface Shape {
  readonly properties: Record<string, unknown>;
  readonly required?: readonly string[];
}

describe('command catalogue', () => {
  test('it holds every agent and call command of the engine', () => {
    for (const name of [
      'login',
      'ready',
      'pause',
      'logout',
      'extendWrapup',
      'endWrapup',
      'answer',
      'reject',
      'hangup',
      'hold',
      'resume',
      'transfer',
      'consultStart',
      'consultCancel',
      'consultRetrieve',
      'consultComplete',
      'dtmf',
      'recording',
      'setAttachedData',
      'removeAttachedData',
      'setDisposition',
      'dial',
    ]) {
      assert.ok(isCommandName(name), name);
    }
    assert.equal(COMMAND_NAMES.length, 22);
  });

  test('each command has a summary, a closed args schema, a result schema and known error codes', () => {
    for (const name of COMMAND_NAMES) {
      const spec = COMMANDS[name];
      assert.ok(spec.summary.length > 10, name);
      assert.equal((spec.args as { additionalProperties?: unknown }).additionalProperties, false, name);
      assert.ok(spec.result, name);
      for (const code of spec.errors)
        assert.ok((ERROR_CODES as readonly string[]).includes(code), `${name}: ${code}`);
    }
  });

  test('the WebSocket args are the REST body plus an optional agentId', () => {
    for (const name of COMMAND_NAMES) {
      const { args, frameArgs } = COMMANDS[name] as { args: Shape; frameArgs: Shape };
      assert.deepEqual(
        Object.keys(frameArgs.properties).sort(),
        [...Object.keys(args.properties), 'agentId'].sort(),
      );
      assert.equal((frameArgs.required ?? []).includes('agentId'), false, name);
      assert.deepEqual([...(frameArgs.required ?? [])].sort(), [...(args.required ?? [])].sort(), name);
    }
  });

  test('every action an agent state can allow has a command to send', () => {
    assert.deepEqual(Object.keys(COMMAND_OF_ACTION).sort(), [...AGENT_ACTIONS].sort());
    for (const command of Object.values(COMMAND_OF_ACTION)) assert.ok(isCommandName(command), command);
  });

  test('a name that is not a command (or an inherited property) is not taken for one', () => {
    for (const name of ['toString', '__proto__', 'constructor', 'Login', '', 42, null]) {
      assert.equal(isCommandName(name), false, String(name));
    }
  });
});
