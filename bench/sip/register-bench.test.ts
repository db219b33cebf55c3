import assert from 'node:assert/strict';
import { test } from 'node:test';
import { benchRegister } from './register.bench.ts';

test('the REGISTER benchmark measures the registrar and the baseline with the same sipp scenario', async () => {
  const rows = await benchRegister({ rate: 100, calls: 200, phones: 50 });
  assert.deepEqual(
    rows.map((r) => r.peer),
    ['switchboard registrar', 'trivial responder (baseline)'],
  );
  for (const r of rows) {
    assert.equal(r.failed, 0, `${r.peer}: no failed registration`);
    assert.equal(r.successful, 200);
    assert.ok(r.registrationsPerSecond > 0);
  }
});
