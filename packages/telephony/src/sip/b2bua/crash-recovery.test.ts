// A B2BUA process is killed with SIGKILL during an established call; its dialogs were kept in a
// file. A restarted B2BUA reads them and ends the call cleanly: a BYE to the caller and to the
// agent phone, each in its own dialog, answered 200.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startCenter } from './b2bua-fixture.ts';
import { FileDialogStore } from './file-dialog-store.ts';
import { until } from './scripted-center.ts';
import { ScriptedUa } from './scripted-ua.ts';

test('after a SIGKILL during a call, the restarted B2BUA ends both legs with BYE from the recorded dialogs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-crash-'));
  const file = join(dir, 'dialogs.json');
  const trunk = await ScriptedUa.open('trunk', 42_000);
  const phone = await ScriptedUa.open('3001', 41_000);
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, 'crash-child.ts'), file, String(phone.port)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const m = /READY (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`crash child exited ${code} before it was ready`)));
    });
    const answer = await trunk.call(port, '100', '0991234567');
    assert.equal(answer.status, 200);
    await until(() => FileDialogStore.read(file).length === 2, 3_000, 'both legs on disk');
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    assert.equal(trunk.requests('BYE').length + phone.requests('BYE').length, 0, 'nobody hung up yet');

    const restarted = await startCenter({ agents: 1, dialogStore: new FileDialogStore(file) });
    try {
      const report = await restarted.telephony.recoverDialogs();
      assert.deepEqual(report, { ended: 2, confirmed: 2, unanswered: 0 });
      const [callerBye] = trunk.requests('BYE');
      const [phoneBye] = phone.requests('BYE');
      assert.equal(callerBye?.callId, answer.callId);
      assert.equal(callerBye?.to.tag, answer.from.tag, 'sent in the caller’s dialog');
      assert.equal(phoneBye?.callId, phone.incomingCalls[0]);
      assert.equal(phoneBye?.to.tag, '3001-tag', 'sent in the phone’s dialog');
      assert.deepEqual(FileDialogStore.read(file), [], 'the records are gone');
    } finally {
      await restarted.close();
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    trunk.close();
    phone.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
