import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createJsonLogger } from './json-logger.ts';
import { MetricsRegistry } from './metrics-registry.ts';

test('log lines are JSON with time, level, message and inherited context, below-threshold lines dropped', () => {
  const lines: string[] = [];
  const log = createJsonLogger({ level: 'info', write: (l) => lines.push(l), now: () => 0 });
  log.debug('hidden');
  log.child({ requestId: 'r1' }).info('handled', { contactId: 'c-1', status: 200 });
  log.error('failed', { err: new Error('boom') });
  assert.equal(lines.length, 2);
  assert.deepEqual(JSON.parse(lines[0]!), {
    time: '1970-01-01T00:00:00.000Z',
    level: 'info',
    msg: 'handled',
    requestId: 'r1',
    contactId: 'c-1',
    status: 200,
  });
  assert.equal(JSON.parse(lines[1]!).err.message, 'boom');
});

test('metrics render in the Prometheus text format with escaped labels', () => {
  const m = new MetricsRegistry();
  const c = m.counter('sb_contacts_total', 'Contacts by outcome.');
  c.inc({ outcome: 'answered' });
  c.inc({ outcome: 'answered' });
  c.inc({ outcome: 'a"b' });
  m.gauge('sb_sockets', 'Open sockets.', () => 3);
  m.gauge('sb_waiting', 'Waiting per queue.', () => new Map([['q1', 2]]), 'queue');
  const h = m.histogram('sb_lag_seconds', 'Lag.', [0.01, 0.1]);
  h.observe(0.005);
  h.observe(0.5);
  const text = m.render();
  assert.match(
    text,
    /# TYPE sb_contacts_total counter\nsb_contacts_total\{outcome="answered"\} 2\nsb_contacts_total\{outcome="a\\"b"\} 1/,
  );
  assert.match(text, /sb_sockets 3/);
  assert.match(text, /sb_waiting\{queue="q1"\} 2/);
  assert.match(
    text,
    /sb_lag_seconds_bucket\{le="0.01"\} 1\nsb_lag_seconds_bucket\{le="0.1"\} 1\nsb_lag_seconds_bucket\{le="\+Inf"\} 2\nsb_lag_seconds_sum 0.505\nsb_lag_seconds_count 2/,
  );
  assert.throws(() => m.counter('sb_sockets', 'again'));
});
