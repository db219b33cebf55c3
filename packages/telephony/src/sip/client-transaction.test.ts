import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SipOutgoingRequest } from './client-transaction.ts';
import { FakeSipSender } from './fake-sip-sender.ts';
import type { SipRequest, SipResponse } from './message.ts';
import { parseSipMessage } from './parse-message.ts';
import type { SipTarget, SipTransportName } from './sip-transport.ts';
import { SipTransactionLayer } from './transaction-layer.ts';
import { VirtualSipClock } from './virtual-sip-clock.ts';

function outgoing(method: string): SipOutgoingRequest {
  return {
    kind: 'request',
    method,
    uri: 'sip:1001@198.51.100.7:5062',
    headers: [
      { name: 'Max-Forwards', value: '70' },
      { name: 'From', value: '<sip:switchboard@192.0.2.1>;tag=sb1' },
      { name: 'To', value: '<sip:1001@198.51.100.7>' },
      { name: 'Call-ID', value: 'out-1@192.0.2.1' },
      { name: 'CSeq', value: `3 ${method}` },
      { name: 'Route', value: '<sip:proxy.example.com;lr>' },
    ],
  };
}

function responseTo(req: SipRequest, status: number, toTag = 'phone1'): SipResponse {
  const text = [
    `SIP/2.0 ${status} Reason`,
    `Via: ${req.headers.find((h) => h.name === 'Via')!.value}`,
    `From: <sip:switchboard@192.0.2.1>;tag=sb1`,
    `To: <sip:1001@198.51.100.7>${status > 100 ? `;tag=${toTag}` : ''}`,
    `Call-ID: ${req.callId}`,
    `CSeq: ${req.cseq.seq} ${req.cseq.method}`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  const parsed = parseSipMessage(text);
  if (!parsed.ok || parsed.value.kind !== 'response') throw new Error('bad test response');
  return parsed.value;
}

function setup(transport: SipTransportName = 'UDP') {
  const clock = new VirtualSipClock(0);
  const sender = new FakeSipSender(clock);
  const strays: SipResponse[] = [];
  const layer = new SipTransactionLayer({
    clock,
    sender,
    user: { onRequest: () => {}, onStrayResponse: (r) => strays.push(r) },
  });
  const target: SipTarget = { transport, address: '198.51.100.7', port: 5062 };
  const heard: number[] = [];
  const events: string[] = [];
  const handler = {
    onResponse: (r: SipResponse) => heard.push(r.status),
    onTimeout: () => events.push(`timeout@${clock.now()}`),
    onTransportError: () => events.push('transport'),
  };
  return { clock, sender, strays, layer, target, heard, events, handler };
}

function sentTimes(sender: FakeSipSender, method: string): number[] {
  return sender.sent
    .filter((s) => s.message.kind === 'request' && s.message.method === method)
    .map((s) => s.at);
}

describe('non-INVITE client transaction', () => {
  test('over UDP timer E retransmits at T1 doubling up to T2 and timer F reports a timeout at 64*T1', () => {
    const { clock, sender, layer, target, events, handler } = setup();
    const tx = layer.request(outgoing('OPTIONS'), target, handler);
    assert.ok(tx);
    clock.advanceTo(40_000);
    assert.deepEqual(
      sentTimes(sender, 'OPTIONS'),
      [0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500],
    );
    assert.deepEqual(events, ['timeout@32000']);
    assert.equal(layer.clientTransactionCount, 0);
  });

  test('a provisional response moves it to Proceeding where E fires every T2; the final response reaches the TU once and K absorbs copies', () => {
    const { clock, sender, layer, target, heard, handler } = setup();
    const tx = layer.request(outgoing('BYE'), target, handler)!;
    const sent = sender.sent[0]!.message as SipRequest;
    clock.advanceTo(100);
    layer.receiveResponse(responseTo(sent, 100), { ...target, connectionId: undefined });
    clock.advanceTo(9_000);
    assert.deepEqual(sentTimes(sender, 'BYE'), [0, 500, 4500, 8500]);
    layer.receiveResponse(responseTo(sent, 200), { ...target, connectionId: undefined });
    layer.receiveResponse(responseTo(sent, 200), { ...target, connectionId: undefined });
    assert.deepEqual(heard, [100, 200]);
    assert.equal(tx.state, 'completed');
    clock.advanceTo(9_000 + 5_000);
    assert.equal(tx.state, 'terminated');
  });

  test('over TCP nothing is retransmitted and a final response ends the transaction at once', () => {
    const { clock, sender, layer, target, handler } = setup('TCP');
    const tx = layer.request(outgoing('OPTIONS'), target, handler)!;
    clock.advanceTo(20_000);
    assert.deepEqual(sentTimes(sender, 'OPTIONS'), [0]);
    layer.receiveResponse(responseTo(sender.sent[0]!.message as SipRequest, 200), {
      ...target,
      connectionId: 'c',
    });
    clock.advanceBy(0);
    assert.equal(tx.state, 'terminated');
  });

  test('our Via carries the transport, our sent-by, a magic-cookie branch and rport', () => {
    const { sender, layer, target, handler } = setup();
    const tx = layer.request(outgoing('OPTIONS'), target, handler)!;
    const via = (sender.sent[0]!.message as SipRequest).via;
    assert.equal(via.length, 1);
    assert.equal(via[0]!.transport, 'UDP');
    assert.equal(via[0]!.host, '192.0.2.1');
    assert.equal(via[0]!.branch, tx.branch);
    assert.ok(tx.branch.startsWith('z9hG4bK'));
    assert.equal(via[0]!.rport, true);
  });

  test('a response whose branch or CSeq method matches no transaction is stray', () => {
    const { sender, strays, layer, target, heard, handler } = setup();
    layer.request(outgoing('OPTIONS'), target, handler);
    const sent = sender.sent[0]!.message as SipRequest;
    const wrongMethod = { ...responseTo(sent, 200), cseq: { seq: 3, method: 'BYE' } };
    layer.receiveResponse(wrongMethod, { ...target, connectionId: undefined });
    assert.equal(strays.length, 1);
    assert.deepEqual(heard, []);
  });
});

describe('INVITE client transaction', () => {
  test('timer A retransmits at T1 doubling (no T2 cap) and timer B times out at 64*T1', () => {
    const { clock, sender, layer, target, events, handler } = setup();
    layer.request(outgoing('INVITE'), target, handler);
    clock.advanceTo(40_000);
    assert.deepEqual(sentTimes(sender, 'INVITE'), [0, 500, 1500, 3500, 7500, 15500, 31500]);
    assert.deepEqual(events, ['timeout@32000']);
  });

  test('a provisional response stops timer A and timer B', () => {
    const { clock, sender, layer, target, events, handler } = setup();
    const tx = layer.request(outgoing('INVITE'), target, handler)!;
    layer.receiveResponse(responseTo(sender.sent[0]!.message as SipRequest, 180), {
      ...target,
      connectionId: undefined,
    });
    clock.advanceTo(100_000);
    assert.deepEqual(sentTimes(sender, 'INVITE'), [0]);
    assert.deepEqual(events, []);
    assert.equal(tx.state, 'proceeding');
  });

  test("a 486 is acknowledged inside the transaction with the INVITE's Via, Route, From, Call-ID and the To of the response", () => {
    const { clock, sender, layer, target, heard, handler } = setup();
    const tx = layer.request(outgoing('INVITE'), target, handler)!;
    const invite = sender.sent[0]!.message as SipRequest;
    const busy = responseTo(invite, 486, 'busy-tag');
    layer.receiveResponse(busy, { ...target, connectionId: undefined });
    const ack = sender.sent.at(-1)!.message as SipRequest;
    assert.equal(ack.method, 'ACK');
    assert.equal(ack.via[0]!.branch, invite.via[0]!.branch);
    assert.equal(ack.to.tag, 'busy-tag');
    assert.deepEqual(ack.cseq, { seq: 3, method: 'ACK' });
    assert.equal(ack.callId, invite.callId);
    assert.equal(ack.route.length, 1);
    assert.deepEqual(heard, [486]);
    // The 486 again (our ACK was lost): the ACK again, the TU hears nothing new.
    layer.receiveResponse(busy, { ...target, connectionId: undefined });
    assert.equal(sentTimes(sender, 'ACK').length, 2);
    assert.deepEqual(heard, [486]);
    clock.advanceTo(31_999);
    assert.equal(tx.state, 'completed');
    clock.advanceTo(32_000);
    assert.equal(tx.state, 'terminated');
  });

  test('2xx responses (and their retransmissions) go to the TU, which acknowledges them itself; timer M ends the transaction', () => {
    const { clock, sender, layer, target, heard, handler } = setup();
    const tx = layer.request(outgoing('INVITE'), target, handler)!;
    const invite = sender.sent[0]!.message as SipRequest;
    layer.receiveResponse(responseTo(invite, 200), { ...target, connectionId: undefined });
    layer.receiveResponse(responseTo(invite, 200), { ...target, connectionId: undefined });
    assert.deepEqual(heard, [200, 200]);
    assert.deepEqual(sentTimes(sender, 'ACK'), []);
    assert.equal(tx.state, 'accepted');
    clock.advanceTo(32_000);
    assert.equal(tx.state, 'terminated');
  });

  test("CANCEL is sent after a provisional response, with the INVITE's branch, in its own transaction", () => {
    const { sender, layer, target, handler } = setup();
    const tx = layer.request(outgoing('INVITE'), target, handler)!;
    assert.equal(layer.cancel(tx, handler), undefined, 'no CANCEL before a provisional response (§9.1)');
    const invite = sender.sent[0]!.message as SipRequest;
    layer.receiveResponse(responseTo(invite, 180), { ...target, connectionId: undefined });
    const cancelTx = layer.cancel(tx, handler);
    assert.ok(cancelTx);
    const cancel = sender.sent.at(-1)!.message as SipRequest;
    assert.equal(cancel.method, 'CANCEL');
    assert.equal(cancel.via[0]!.branch, invite.via[0]!.branch);
    assert.deepEqual(cancel.cseq, { seq: 3, method: 'CANCEL' });
    assert.equal(cancel.to.tag, undefined);
    assert.equal(layer.clientTransactionCount, 2);
  });

  test('a request that cannot be sent reports a transport error and leaves no transaction', () => {
    const { sender, layer, target, events, handler } = setup();
    sender.working = false;
    assert.equal(layer.request(outgoing('INVITE'), target, handler), undefined);
    assert.deepEqual(events, ['transport']);
    assert.equal(layer.clientTransactionCount, 0);
  });
});
