import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertRefused, changeOf, connected, must, T0 } from './contact-fixtures.ts';
import { pauseRecording, resumeRecording, startRecording, stopRecording } from './recording.ts';
import { blindTransfer } from './transfer.ts';

const at = T0 + 20_000;
const on = () => must(startRecording(connected(), { at }));
const paused = () => must(pauseRecording(on(), { at }));

describe('recording', () => {
  test('start, pause, resume and stop move the recording state and say so', () => {
    const start = changeOf(startRecording(connected(), { at }));
    assert.equal(start.contact.recording, 'on');
    assert.deepEqual(start.events, [
      { type: 'recordingChanged', contactId: 'c1', at, from: 'off', to: 'on' },
    ]);
    assert.equal(paused().recording, 'paused');
    assert.equal(must(resumeRecording(paused(), { at })).recording, 'on');
    assert.equal(must(stopRecording(on(), { at })).recording, 'off');
    assert.equal(must(stopRecording(paused(), { at })).recording, 'off');
  });

  test('each command from a recording state it does not start from is a conflict', () => {
    assertRefused(on(), (c) => startRecording(c, { at }), 'conflict');
    assertRefused(paused(), (c) => startRecording(c, { at }), 'conflict');
    assertRefused(connected(), (c) => pauseRecording(c, { at }), 'conflict');
    assertRefused(paused(), (c) => pauseRecording(c, { at }), 'conflict');
    assertRefused(connected(), (c) => resumeRecording(c, { at }), 'conflict');
    assertRefused(on(), (c) => resumeRecording(c, { at }), 'conflict');
    assertRefused(connected(), (c) => stopRecording(c, { at }), 'conflict');
  });

  test('a transfer to a queue stops the recording', () => {
    const back = must(blindTransfer(on(), { target: { kind: 'queue', queueId: 'support' }, at }));
    assert.equal(back.recording, 'off');
  });

  test('a transfer to an outside party keeps recording the customer', () => {
    const away = must(blindTransfer(on(), { target: { kind: 'external', number: '0600' }, at }));
    assert.equal(away.recording, 'on');
  });
});
