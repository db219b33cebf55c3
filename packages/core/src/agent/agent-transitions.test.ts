import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { AGENT_COMMAND_TYPES, type AgentCommand } from './agent-command.ts';
import { agentStateViolations } from './agent-invariants.ts';
import { AGENT_STATE_NAMES, type AgentState, type AgentStateName, initialAgentState } from './agent-state.ts';
import { defaultCatalog, T0 } from './agent-test-driver.ts';
import { AGENT_TRANSITIONS } from './agent-transitions.ts';
import { applyAgentCommand } from './apply-agent-command.ts';

const catalog = defaultCatalog();

// One valid example of every command (several where the arguments pick different targets).
const SAMPLE_COMMANDS: readonly AgentCommand[] = [
  { type: 'login', extension: '1001' },
  { type: 'login', extension: null, pauseReason: 'dnd' },
  { type: 'ready' },
  { type: 'pause', reason: 'break' },
  { type: 'pause', reason: 'meal' },
  { type: 'logout' },
  { type: 'offer', contactId: 'c1' },
  { type: 'answer' },
  { type: 'reject' },
  { type: 'withdraw' },
  { type: 'ringNoAnswer' },
  { type: 'dial', contactId: 'c2' },
  { type: 'dialConnected' },
  { type: 'dialFailed' },
  { type: 'hold' },
  { type: 'resume' },
  { type: 'callEnded', wrapupMs: 0 },
  { type: 'callEnded', wrapupMs: null },
  { type: 'callEnded', wrapupMs: 30_000 },
  { type: 'extendWrapup', seconds: 60 },
  { type: 'endWrapup' },
  { type: 'endWrapupIntoPause', reason: 'dnd' },
  { type: 'wrapupExpired' },
  { type: 'disconnect' },
  { type: 'forceLogout' },
  { type: 'serverRestart' },
];

const key = (from: string, command: string, to: string) => `${from} --${command}--> ${to}`;

function tableTriples(): Set<string> {
  const triples = new Set<string>();
  for (const from of AGENT_STATE_NAMES) {
    for (const [command, targets] of Object.entries(AGENT_TRANSITIONS[from])) {
      for (const to of targets ?? []) triples.add(key(from, command, to));
    }
  }
  return triples;
}

// Explores every concrete state reachable with the sample commands (times far enough apart that
// every timed wrap-up has expired), recording each transition applyAgentCommand makes.
function explore(): { observed: Set<string>; states: AgentState[] } {
  const observed = new Set<string>();
  const states: AgentState[] = [];
  const seen = new Set<string>();
  const shape = (s: AgentState) =>
    JSON.stringify({ ...s, since: 0, wrapupEndsAt: s.wrapupEndsAt === null ? 0 : 1 });
  const queue = [initialAgentState('a1', T0)];
  while (queue.length > 0) {
    const state = queue.shift()!;
    if (seen.has(shape(state))) continue;
    seen.add(shape(state));
    states.push(state);
    for (const command of SAMPLE_COMMANDS) {
      const result = applyAgentCommand(state, command, state.since + 3_600_000, catalog);
      if (!result.ok) continue;
      observed.add(key(state.name, command.type, result.value.name));
      queue.push(result.value);
    }
  }
  return { observed, states };
}

describe('the transition table', () => {
  test('every state is reachable from LoggedOut through the table', () => {
    const reached = new Set<AgentStateName>(['LoggedOut']);
    const frontier: AgentStateName[] = ['LoggedOut'];
    while (frontier.length > 0) {
      const from = frontier.pop()!;
      for (const targets of Object.values(AGENT_TRANSITIONS[from])) {
        for (const to of targets ?? []) {
          if (!reached.has(to)) {
            reached.add(to);
            frontier.push(to);
          }
        }
      }
    }
    assert.deepEqual([...reached].sort(), [...AGENT_STATE_NAMES].sort());
  });

  test('every transition applyAgentCommand makes is in the table, and every table entry is made', () => {
    const { observed } = explore();
    const table = tableTriples();
    assert.deepEqual(
      [...observed].filter((t) => !table.has(t)),
      [],
      'transitions missing from the table',
    );
    assert.deepEqual(
      [...table].filter((t) => !observed.has(t)),
      [],
      'table entries never taken',
    );
  });

  test('every reachable state satisfies the invariants', () => {
    const { states } = explore();
    assert.ok(states.length > 30, `explored ${states.length} states`);
    for (const state of states) assert.deepEqual(agentStateViolations(state), [], JSON.stringify(state));
  });

  test('the table names only known states and commands, and lists each target once', () => {
    for (const from of AGENT_STATE_NAMES) {
      for (const [command, targets] of Object.entries(AGENT_TRANSITIONS[from])) {
        assert.ok((AGENT_COMMAND_TYPES as readonly string[]).includes(command), command);
        assert.equal(new Set(targets).size, targets!.length, `${from}/${command}`);
        for (const to of targets!) assert.ok(AGENT_STATE_NAMES.includes(to), to);
      }
    }
  });

  test('every command is allowed somewhere and forceLogout from every logged-in state', () => {
    for (const command of AGENT_COMMAND_TYPES) {
      assert.ok(
        AGENT_STATE_NAMES.some((from) => AGENT_TRANSITIONS[from][command] !== undefined),
        `${command} is allowed nowhere`,
      );
    }
    for (const from of AGENT_STATE_NAMES.filter((s) => s !== 'LoggedOut')) {
      assert.deepEqual(AGENT_TRANSITIONS[from].forceLogout, ['LoggedOut']);
    }
  });

  test('the table cannot be edited at run time', () => {
    assert.ok(Object.isFrozen(AGENT_TRANSITIONS));
    assert.ok(Object.isFrozen(AGENT_TRANSITIONS.Ready));
    assert.ok(Object.isFrozen(AGENT_TRANSITIONS.Ready.pause));
    assert.throws(() => {
      (AGENT_TRANSITIONS.Ready as Record<string, unknown>).answer = ['OnCall'];
    }, TypeError);
  });

  test('the README shows exactly this table', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    const block =
      /<!-- agent-transition-table:start -->\n([\s\S]*?)\n<!-- agent-transition-table:end -->/.exec(readme);
    assert.ok(block, 'README has the table block');
    // Compared cell by cell: the formatter pads markdown tables to align the columns.
    const cells = (markdown: string) =>
      markdown.split('\n').map((line) => line.split('|').map((cell) => cell.trim().replace(/^-+$/, '---')));
    assert.deepEqual(cells(block[1]!), cells(renderTable()));
  });
});

// Markdown: one row per command, one column per state; '=' stays, '·' refused.
function renderTable(): string {
  const lines = [
    `| command | ${AGENT_STATE_NAMES.join(' | ')} |`,
    `|---|${AGENT_STATE_NAMES.map(() => '---|').join('')}`,
  ];
  for (const command of AGENT_COMMAND_TYPES) {
    const cells = AGENT_STATE_NAMES.map((from) => {
      const targets = AGENT_TRANSITIONS[from][command];
      return targets ? targets.map((to) => (to === from ? '=' : to)).join(' / ') : '·';
    });
    lines.push(`| \`${command}\` | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
