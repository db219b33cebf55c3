// `protocol` defines the wire shapes on its own (it imports nothing of the workspace), so this test
// is what keeps them from drifting: at compile time the engine's and core's types must fit the wire
// types (and the wire inputs must fit what the engine takes), and at run time the copied lists must
// equal the originals and every event a real engine publishes must pass the wire schemas.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as core from '@switchboard/core';
import {
  type AgentConfig,
  Engine,
  type EngineEvent,
  InMemoryEventBus,
  InMemoryStore,
  type MembershipConfig,
  type ContactRecord as EngineContactRecord,
  type RecordingAction,
  SequentialIds,
  type Telephony,
  VirtualClock,
} from '@switchboard/engine';
import * as wire from '@switchboard/protocol';
import { ROLES, type UserRecord } from './auth/index.ts';

// ---- compile-time conformance -------------------------------------------------------------------
type Fits<From, To> = [From] extends [To] ? true : false;
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
/** Compiles only when every check is true: the checks are tuples of `true`. */
function holds<T extends readonly true[]>(_checks?: T): void {}

type PublishedEvent = Exclude<EngineEvent, { type: 'agent.log' }>;
type EventOf<T extends wire.WireEventType> = Extract<wire.WireEvent, { type: T }>;

holds<
  [
    // What the engine sends fits what the wire says it sends …
    Fits<core.AgentState, wire.AgentState>,
    Fits<PublishedEvent, wire.WireEvent>,
    Fits<core.Contact, wire.Contact>,
    Fits<core.ContactEvent, wire.ContactEvent>,
    Fits<EngineContactRecord, wire.ContactRecord>,
    Fits<core.QueueLogEvent, wire.QueueLogEntry>,
    Fits<core.QueueStats, wire.QueueStats>,
    Fits<core.QueueSnapshot, wire.QueueSnapshot>,
    Fits<core.WaitEstimate, wire.WaitEstimate>,
    Fits<core.QueueIntervalStats, wire.QueueIntervalStats>,
    Fits<core.AgentStats, wire.AgentStats>,
    Fits<core.QueueConfig, wire.QueueConfig>,
    Fits<AgentConfig, wire.Agent>,
    Fits<MembershipConfig, wire.Membership>,
    Fits<core.PauseReason, wire.PauseReason>,
    Fits<Omit<UserRecord, 'passwordHash'>, wire.User>,
    // … with no field left out (a field added to core must be added to the wire shape) …
    SameKeys<core.AgentState, wire.AgentState>,
    SameKeys<core.Contact, wire.Contact>,
    SameKeys<core.Leg, wire.Contact['legs'][number]>,
    SameKeys<core.Disposition, NonNullable<wire.Contact['disposition']>>,
    SameKeys<EngineContactRecord, wire.ContactRecord>,
    SameKeys<core.QueueSnapshot, wire.QueueSnapshot>,
    SameKeys<core.AgentStats, wire.AgentStats>,
    SameKeys<core.QueueConfig, wire.QueueConfig>,
    SameKeys<Omit<UserRecord, 'passwordHash'>, wire.User>,
    Fits<'passwordHash' extends keyof wire.User ? 1 : 0, 0>,
    SameKeys<Extract<EngineEvent, { type: 'agent.state' }>, EventOf<'agent.state'>>,
    SameKeys<Extract<EngineEvent, { type: 'contact.changed' }>, EventOf<'contact.changed'>>,
    // … and what the wire takes in fits what the engine and core accept.
    Fits<wire.QueueConfig, core.QueueConfig>,
    Fits<wire.TargetInput, core.Target>,
    Fits<wire.DispositionInput, core.DispositionInput>,
    Fits<wire.CommandBody<'setAttachedData'>['entries'], core.AttachedData>,
    Fits<wire.CommandBody<'recording'>['action'], RecordingAction>,
    Fits<wire.CommandBody<'extendWrapup'>['seconds'], number>,
    Fits<wire.Agent, AgentConfig>,
    Fits<wire.PauseReason, core.PauseReason>,
    Fits<wire.ErrorCode, core.ErrorCode>,
    Fits<core.ErrorCode, wire.ErrorCode>,
  ]
>();

// ---- run-time conformance -----------------------------------------------------------------------
describe('protocol conforms to core, engine and server', () => {
  test('the copied lists equal the originals, in order', () => {
    const pairs: [string, readonly unknown[], readonly unknown[]][] = [
      ['ERROR_CODES', wire.ERROR_CODES, core.ERROR_CODES],
      ['AGENT_STATE_NAMES', wire.AGENT_STATE_NAMES, core.AGENT_STATE_NAMES],
      ['AGENT_ACTIONS', wire.AGENT_ACTIONS, core.AGENT_ACTIONS],
      ['PAUSE_CATEGORIES', wire.PAUSE_CATEGORIES, core.PAUSE_CATEGORIES],
      ['CONTACT_PHASES', wire.CONTACT_PHASES, core.CONTACT_PHASES],
      ['CONTACT_DIRECTIONS', wire.CONTACT_DIRECTIONS, core.CONTACT_DIRECTIONS],
      ['CONTACT_OUTCOMES', wire.CONTACT_OUTCOMES, core.CONTACT_OUTCOMES],
      ['LEG_STATES', wire.LEG_STATES, core.LEG_STATES],
      ['LEG_ROLES', wire.LEG_ROLES, core.LEG_ROLES],
      ['RECORDING_STATES', wire.RECORDING_STATES, core.RECORDING_STATES],
      ['ROUTING_STRATEGIES', wire.ROUTING_STRATEGIES, core.ROUTING_STRATEGIES],
      ['EMPTY_RULES', wire.EMPTY_RULES, core.EMPTY_RULES],
      ['QUEUE_LOG_EVENT_TYPES', wire.QUEUE_LOG_EVENT_TYPES, core.QUEUE_LOG_EVENT_TYPES],
      ['REFUSE_REASONS', wire.REFUSE_REASONS, core.REFUSE_REASONS],
      ['CALL_ENDERS', wire.CALL_ENDERS, core.CALL_ENDERS],
      ['AGENT_LOG_STATES', wire.AGENT_STATE_NAMES, core.AGENT_LOG_STATES],
      ['ROLES', wire.ROLES, ROLES],
    ];
    for (const [name, copy, original] of pairs) assert.deepEqual(copy, original, name);
    assert.equal(wire.WRAPUP_EXTEND_MIN_SECONDS, core.WRAPUP_EXTEND_MIN_SECONDS);
    assert.equal(wire.WRAPUP_EXTEND_MAX_SECONDS, core.WRAPUP_EXTEND_MAX_SECONDS);
  });

  test("crash recovery's interrupted lines, with and without an agent, pass the wire schema", () => {
    const base = { at: Date.UTC(2026, 0, 5, 10), contactId: 'c1', queueId: 'sales' } as const;
    const lines: core.QueueLogEvent[] = [
      { ...base, type: 'interrupted', waitMs: 3_600_000 },
      { ...base, type: 'interrupted', waitMs: 12_000, agentId: 'a1' },
    ];
    for (const line of lines) {
      assertPasses(wire.QueueLogEntrySchema, core.unwrap(core.parseQueueLogEvent(line)));
      assertPasses(wire.WireEventSchema, { type: 'queue.log', at: line.at, entry: line });
    }
  });

  test("core's default pause reasons and a valid queue config pass the wire schemas", () => {
    for (const reason of core.DEFAULT_PAUSE_REASONS) assertPasses(wire.PauseReasonSchema, reason);
    assertPasses(wire.QueueConfigSchema, SALES);
  });

  test('every event, snapshot, statistic and record of a real engine passes the wire schemas', () => {
    const run = scenario();
    const published = run.events.filter((e): e is PublishedEvent => e.type !== 'agent.log');
    const types = new Set(published.map((e) => e.type));
    assert.deepEqual([...types].sort(), ['agent.state', 'contact.changed', 'contact.ended', 'queue.log']);
    for (const event of published) {
      assertPasses(wire.WireEventSchema, event);
      assert.ok(wire.eventTopics(event).length > 0);
    }
    const contactEventTypes = new Set(
      published.flatMap((e) => (e.type === 'contact.changed' ? e.events.map((c) => c.type) : [])),
    );
    assert.ok(contactEventTypes.size >= 12, `a broad scenario (${[...contactEventTypes].join(', ')})`);
    assertPasses(wire.QueueSnapshotSchema, core.unwrap(run.engine.queueSnapshot('sales')));
    for (const agentId of ['a1', 'a2']) {
      assertPasses(wire.AgentStatsSchema, core.unwrap(run.engine.agentStats(agentId)));
      const state = run.engine.agentState(agentId)!;
      assertPasses(wire.AgentStateViewSchema, { state, actions: core.allowedActions(state) });
    }
    assert.ok(run.store.contactRecords.length >= 2);
    for (const record of run.store.contactRecords) assertPasses(wire.ContactRecordSchema, record);
  });
});

function assertPasses(schema: Parameters<typeof wire.checker>[0], value: unknown): void {
  const checked = wire.checker(schema).check(JSON.parse(JSON.stringify(value)));
  assert.ok(
    checked.ok,
    checked.ok ? '' : `${checked.error.message} in ${JSON.stringify(value).slice(0, 300)}`,
  );
}

const SALES: core.QueueConfig = core.queueWithDefaults('sales', {
  name: 'Sales',
  overflow: { onTimeout: { kind: 'hangup' }, onFull: null, onEmpty: null },
  wrapupMs: 5000,
  maxPenalty: 1,
});

/** A switch that does nothing: the scenario reports the network's facts itself. */
const SILENT_SWITCH: Telephony = {
  attach: () => {},
  offer: () => {},
  answerRemotely: () => false,
  cancelOffer: () => {},
  hangup: () => {},
  releaseAgent: () => {},
  hold: () => {},
  resume: () => {},
  redirect: () => {},
  consult: () => {},
  endConsult: () => {},
  conference: () => {},
  sendDtmf: () => {},
  dial: () => {},
};

/** Inbound calls with hold, data, disposition, recording, DTMF, a consultation, a transfer; a dial. */
function scenario() {
  const clock = new VirtualClock(Date.UTC(2026, 0, 5, 9));
  const bus = new InMemoryEventBus((error) => {
    throw error;
  });
  const store = new InMemoryStore({ keepLogs: true });
  const events: EngineEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const engine = core.unwrap(
    Engine.create(
      { clock, ids: new SequentialIds(), bus, store, telephony: SILENT_SWITCH, random: () => 0 },
      {
        agents: [
          { id: 'a1', name: 'Ann', skills: { fr: 3 }, groups: ['day'] },
          { id: 'a2', name: 'Bob' },
        ],
        queues: [SALES],
        memberships: [
          { agentId: 'a1', queueId: 'sales', penalty: 0 },
          { agentId: 'a2', queueId: 'sales', penalty: 1 },
        ],
        dialPlan: [{ number: '100', destination: { kind: 'queue', queueId: 'sales' } }],
      },
    ),
  );
  const step = (ms = 1000) => clock.advanceBy(ms);
  const ok = (result: core.Result<unknown>) => core.unwrap(result);
  ok(engine.login('a1', '201'));
  step();
  ok(engine.login('a2', null));
  step();
  const first = engine.inboundCall({
    customerNumber: '+15550100',
    dialedNumber: '100',
    attached: [['order', '42']],
  })!;
  step(0);
  engine.agentAnswered(first, 'a1');
  step(5000);
  ok(engine.commands.hold('a1'));
  ok(engine.commands.resume('a1'));
  ok(engine.commands.setAttached(first, [['tier', 'gold']]));
  ok(engine.commands.removeAttached(first, ['order']));
  ok(engine.commands.recording('a1', 'start'));
  ok(engine.commands.dtmf('a1', '12#'));
  ok(engine.commands.startConsult('a1', { kind: 'agent', agentId: 'a2' }));
  step();
  engine.consultAnswered(first);
  step();
  ok(engine.commands.cancelConsult('a1'));
  ok(engine.commands.resume('a1'));
  ok(engine.pause('a1', 'break'));
  ok(engine.commands.setDisposition(first, { level1: 'sale', note: 'ok' }, 'a1'));
  engine.customerHangup(first);
  ok(engine.extendWrapup('a1', 30));
  step(60_000);
  const second = engine.inboundCall({ customerNumber: '+15550111', dialedNumber: '100' })!;
  step(0);
  engine.agentAnswered(second, 'a2');
  step(3000);
  ok(engine.commands.transfer('a2', { kind: 'external', number: '+15550999' }));
  step(10_000);
  ok(engine.ready('a1'));
  const out = ok(engine.commands.dial('a1', '+15550123')) as string;
  step(2000);
  engine.dialAnswered(out);
  step(4000);
  ok(engine.commands.hangup('a1'));
  step(10_000);
  return { engine, store, events };
}
