import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WS_CLOSE } from '@switchboard/protocol';
import { BUFFER_CHECK_EVERY_FLUSHES } from './ws-connection.ts';
import { inProcessHub } from './ws-fake-socket.ts';
import { ADMIN, createTestContext } from './ws-test-app.ts';

test('a client that reads slower than it is sent to is dropped with 1013 within a few messages, and its session keeps numbering for resume', () => {
  const t = createTestContext();
  const { hub, open, flush } = inProcessHub(t, { maxBufferedBytes: 1000 });
  const { socket, connection } = open(ADMIN);
  hub.receive(connection, JSON.stringify({ type: 'subscribe', id: 's', topics: ['agents'] }));
  flush();
  // Under the limit: any number of messages go out.
  for (let i = 0; i < 3 * BUFFER_CHECK_EVERY_FLUSHES; i++) {
    t.engine.login('a1', null);
    t.engine.logout('a1');
    flush();
  }
  assert.equal(socket.closeCode, null);
  const sentBefore = socket.sent.length;
  // The kernel stops taking bytes: the socket's buffer grows past the limit.
  socket.bufferedAmount = 5000;
  for (let i = 0; i < BUFFER_CHECK_EVERY_FLUSHES; i++) {
    t.engine.login('a1', null);
    t.engine.logout('a1');
    flush();
  }
  assert.equal(socket.closeCode, WS_CLOSE.tryAgainLater);
  assert.ok(
    socket.sent.length - sentBefore < BUFFER_CHECK_EVERY_FLUSHES,
    'dropped before the last flush of the run',
  );
  assert.equal(connection.open, false);
  // Nothing more is written to the dropped socket, but the session still numbers what it would have sent.
  const session = connection.session;
  const lastSeq = session.buffer.lastSeq;
  const written = socket.sent.length;
  t.engine.login('a1', null);
  flush();
  assert.equal(socket.sent.length, written);
  assert.equal(session.buffer.lastSeq, lastSeq + 1);
});
