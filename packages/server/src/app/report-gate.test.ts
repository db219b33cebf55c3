import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type EngineEvent, InMemoryEventBus } from '@switchboard/engine';
import { ManualWrites as Writes } from './manual-writes.ts';
import { ReportGate } from './report-gate.ts';

const state = (n: number): EngineEvent =>
  ({
    type: 'agent.log',
    at: n,
    entry: { at: n, agentId: `a${n}`, state: 'Ready', reason: null },
  }) as unknown as EngineEvent;
const settle = () => new Promise((resolve) => setImmediate(resolve));

function scene() {
  const engineBus = new InMemoryEventBus();
  const writes = new Writes();
  const errors: unknown[] = [];
  const gate = new ReportGate(engineBus, writes, (e) => errors.push(e));
  const seen: string[] = [];
  gate.subscribe((e) => seen.push(`event ${e.at}`));
  return { engineBus, writes, gate, seen, errors };
}

test('with nothing waiting to be written an event passes straight through, in the same turn', () => {
  const { engineBus, seen } = scene();
  engineBus.publish(state(1));
  assert.deepEqual(seen, ['event 1']);
});

test('an event waits for the writes queued before it, and those after it wait in order behind it', async () => {
  const { engineBus, writes, gate, seen } = scene();
  writes.queue(); // the record of event 1
  engineBus.publish(state(1));
  engineBus.publish(state(2)); // nothing of its own to write, but it must not overtake event 1
  writes.queue(); // the line of event 3
  engineBus.publish(state(3));
  assert.equal(gate.holding, 3);
  let drained = false;
  void gate.drained().then(() => {
    drained = true;
  });
  await settle();
  assert.equal(drained, false);
  assert.deepEqual(seen, []);
  writes.commit(1);
  await settle();
  assert.deepEqual(seen, ['event 1', 'event 2'], 'event 3 waits for its own write');
  writes.commit(1);
  await settle();
  assert.deepEqual(seen, ['event 1', 'event 2', 'event 3']);
  assert.equal(gate.holding, 0);
  await gate.drained();
  engineBus.publish(state(4));
  assert.deepEqual(seen.at(-1), 'event 4', 'straight through again');
});

test("a command's answer handed to whenReported follows the events taken in before it", async () => {
  const { engineBus, writes, gate, seen } = scene();
  gate.whenReported(() => seen.push('answer 0'));
  assert.deepEqual(seen, ['answer 0'], 'nothing held: at once');
  writes.queue();
  engineBus.publish(state(1));
  gate.whenReported(() => seen.push('answer 1'));
  engineBus.publish(state(2));
  writes.commit(1);
  await settle();
  assert.deepEqual(seen, ['answer 0', 'event 1', 'answer 1', 'event 2']);
});

test('a listener or an answer that throws is reported and stops nothing', async () => {
  const { engineBus, writes, gate, seen, errors } = scene();
  gate.subscribe(() => {
    throw new Error('listener');
  });
  writes.queue();
  engineBus.publish(state(1));
  gate.whenReported(() => {
    throw new Error('answer');
  });
  engineBus.publish(state(2));
  writes.commit(1);
  await settle();
  assert.deepEqual(seen, ['event 1', 'event 2']);
  assert.deepEqual(
    errors.map((e) => (e as Error).message),
    ['listener', 'answer', 'listener'],
  );
});
