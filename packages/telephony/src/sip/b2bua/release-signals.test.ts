import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HANGUP_REASONS } from '@switchboard/engine';
import { releaseSignalOf } from './release-signals.ts';

const reasonRow = (headers: readonly { name: string; value: string }[]) =>
  headers.find((h) => h.name === 'Reason')?.value;

describe('what a caller is told for each hang-up reason', () => {
  test('each reason has its final response; none is 487, which belongs to a CANCEL', () => {
    const statuses = Object.fromEntries(HANGUP_REASONS.map((r) => [r, releaseSignalOf(r).status]));
    assert.deepEqual(statuses, {
      normal: 480,
      timeout: 480,
      'queue-full': 486,
      'no-agents': 480,
      interrupted: 503,
      rejected: 603,
      failed: 500,
    });
  });

  test('a final response carries a Q.850 Reason only (RFC 6432), and Retry-After only on 503', () => {
    for (const reason of HANGUP_REASONS) {
      const signal = releaseSignalOf(reason, 45);
      assert.match(reasonRow(signal.responseHeaders) ?? '', /^Q\.850;cause=\d+;text="[^"]+"$/, reason);
      const retry = signal.responseHeaders.find((h) => h.name === 'Retry-After')?.value;
      assert.equal(retry, signal.status === 503 ? '45' : undefined, reason);
    }
  });

  test('a BYE says SIP cause and Q.850 cause, or Q.850 cause 16 alone for a normal clearing', () => {
    assert.equal(
      reasonRow(releaseSignalOf('normal').byeHeaders),
      'Q.850;cause=16;text="Normal call clearing"',
    );
    assert.equal(
      reasonRow(releaseSignalOf('queue-full').byeHeaders),
      'SIP;cause=486;text="Queue full", Q.850;cause=17;text="Queue full"',
    );
  });
});
