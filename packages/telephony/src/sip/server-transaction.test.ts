import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FakeSipSender } from './fake-sip-sender.ts';
import type { SipRequest, SipResponse } from './message.ts';
import { parseSipMessage } from './parse-message.ts';
import type { SipServerTransaction } from './server-transaction.ts';
import type { SipSource, SipTransportName } from './sip-transport.ts';
import { SipTransactionLayer } from './transaction-layer.ts';
import { VirtualSipClock } from './virtual-sip-clock.ts';

interface RequestSpec {
  readonly method?: string;
  readonly branch?: string | undefined;
  readonly transport?: SipTransportName;
  readonly toTag?: string;
  readonly cseqMethod?: string;
}

function request(spec: RequestSpec = {}): SipRequest {
  const method = spec.method ?? 'INVITE';
  const transport = spec.transport ?? 'UDP';
  const branch = 'branch' in spec ? spec.branch : 'z9hG4bK-abc';
  const via = `SIP/2.0/${transport} 198.51.100.7:5062${branch === undefined ? '' : `;branch=${branch}`}`;
  const text = [
    `${method} sip:2000@192.0.2.1 SIP/2.0`,
    `Via: ${via}`,
    'Max-Forwards: 70',
    'From: <sip:1001@192.0.2.1>;tag=from1',
    `To: <sip:2000@192.0.2.1>${spec.toTag ? `;tag=${spec.toTag}` : ''}`,
    'Call-ID: call-1@198.51.100.7',
    `CSeq: 7 ${spec.cseqMethod ?? method}`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  const parsed = parseSipMessage(text);
  if (!parsed.ok || parsed.value.kind !== 'request') throw new Error(`bad test request: ${text}`);
  return parsed.value;
}

function setup(transport: SipTransportName = 'UDP') {
  const clock = new VirtualSipClock(0);
  const sender = new FakeSipSender(clock);
  const seen: { requests: SipServerTransaction[]; acks: SipRequest[]; cancels: SipServerTransaction[] } = {
    requests: [],
    acks: [],
    cancels: [],
  };
  const errors: string[] = [];
  const layer = new SipTransactionLayer({
    clock,
    sender,
    randomToken: (() => {
      let n = 0;
      return () => `tok${++n}`;
    })(),
    user: {
      onRequest: (tx) => seen.requests.push(tx),
      onAck: (ack) => seen.acks.push(ack),
      onCancel: (invite) => seen.cancels.push(invite),
      onServerTransactionError: (_tx, reason) => errors.push(reason),
    },
  });
  const source: SipSource = {
    transport,
    address: '198.51.100.7',
    port: 5062,
    connectionId: transport === 'UDP' ? undefined : 'c1',
  };
  return { clock, sender, seen, errors, layer, source };
}

function statuses(sender: FakeSipSender): number[] {
  return sender.sent.map((s) => (s.message as SipResponse).status);
}

describe('INVITE server transaction', () => {
  test('an INVITE is answered 100 Trying at once and reaches the TU once, retransmissions get the last provisional', () => {
    const { sender, seen, layer, source } = setup();
    layer.receiveRequest(request(), source);
    assert.deepEqual(statuses(sender), [100]);
    assert.equal(seen.requests.length, 1);
    seen.requests[0]!.reply(180, 'Ringing');
    layer.receiveRequest(request(), source);
    assert.deepEqual(statuses(sender), [100, 180, 180]);
    assert.equal(seen.requests.length, 1);
    assert.equal(layer.stats.retransmissionsAbsorbed, 1);
  });

  test('a final 486 over UDP is retransmitted by timer G (T1 doubling up to T2) until timer H gives up at 64*T1', () => {
    const { clock, sender, seen, errors, layer, source } = setup();
    layer.receiveRequest(request(), source);
    seen.requests[0]!.reply(486, 'Busy Here');
    clock.advanceTo(40_000);
    const times = sender.sent.filter((s) => (s.message as SipResponse).status === 486).map((s) => s.at);
    assert.deepEqual(times, [0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500]);
    assert.deepEqual(errors, ['timeout']);
    assert.equal(layer.serverTransactionCount, 0);
  });

  test('the ACK for a 486 is consumed by the transaction: G stops, the TU never sees it, timer I (T4) ends it', () => {
    const { clock, sender, seen, layer, source } = setup();
    layer.receiveRequest(request(), source);
    const tx = seen.requests[0]!;
    tx.reply(486, 'Busy Here');
    clock.advanceTo(600);
    layer.receiveRequest(request({ method: 'ACK', toTag: tx.localTag, cseqMethod: 'ACK' }), source);
    assert.equal(tx.state, 'confirmed');
    assert.equal(seen.acks.length, 0);
    const before = sender.sent.length;
    layer.receiveRequest(request({ method: 'ACK', toTag: tx.localTag, cseqMethod: 'ACK' }), source);
    clock.advanceTo(5_599);
    assert.equal(sender.sent.length, before);
    assert.equal(layer.serverTransactionCount, 1);
    clock.advanceTo(5_600);
    assert.equal(tx.state, 'terminated');
    assert.equal(layer.serverTransactionCount, 0);
  });

  test('over TCP nothing is retransmitted and timer I is zero', () => {
    const { clock, sender, seen, layer, source } = setup('TCP');
    layer.receiveRequest(request({ transport: 'TCP' }), source);
    const tx = seen.requests[0]!;
    tx.reply(603, 'Decline');
    clock.advanceTo(10_000);
    assert.deepEqual(statuses(sender), [100, 603]);
    layer.receiveRequest(
      request({ method: 'ACK', transport: 'TCP', toTag: tx.localTag, cseqMethod: 'ACK' }),
      source,
    );
    clock.advanceBy(0);
    assert.equal(tx.state, 'terminated');
  });

  test('after a 2xx the transaction is Accepted (RFC 6026): INVITE copies absorbed, ACKs go to the TU, timer L ends it', () => {
    const { clock, sender, seen, layer, source } = setup();
    layer.receiveRequest(request(), source);
    const tx = seen.requests[0]!;
    tx.reply(200, 'OK');
    assert.equal(tx.state, 'accepted');
    layer.receiveRequest(request(), source);
    assert.deepEqual(statuses(sender), [100, 200]);
    assert.ok(tx.reply(200, 'OK'), 'the TU may retransmit its 2xx');
    layer.receiveRequest(
      request({ method: 'ACK', branch: 'z9hG4bK-ack', toTag: tx.localTag, cseqMethod: 'ACK' }),
      source,
    );
    assert.equal(seen.acks.length, 1);
    clock.advanceTo(32_000);
    assert.equal(tx.state, 'terminated');
  });

  test('RFC 2543 peers (no magic cookie) are matched by Request-URI, tags, Call-ID, CSeq and Via', () => {
    const { seen, sender, layer, source } = setup();
    layer.receiveRequest(request({ branch: undefined }), source);
    layer.receiveRequest(request({ branch: undefined }), source);
    assert.equal(seen.requests.length, 1);
    const tx = seen.requests[0]!;
    tx.reply(486, 'Busy Here');
    // An ACK whose To tag is not the one of our 486 belongs to no transaction.
    layer.receiveRequest(
      request({ method: 'ACK', branch: undefined, toTag: 'other', cseqMethod: 'ACK' }),
      source,
    );
    assert.equal(tx.state, 'completed');
    layer.receiveRequest(
      request({ method: 'ACK', branch: undefined, toTag: tx.localTag, cseqMethod: 'ACK' }),
      source,
    );
    assert.equal(tx.state, 'confirmed');
    assert.deepEqual(statuses(sender), [100, 100, 486], 'the copy of the INVITE got the 100 again');
  });

  test('a CANCEL for a proceeding INVITE gets 200 with the same To tag and the TU is told to end the INVITE', () => {
    const { seen, sender, layer, source } = setup();
    layer.receiveRequest(request(), source);
    const invite = seen.requests[0]!;
    layer.receiveRequest(request({ method: 'CANCEL' }), source);
    assert.deepEqual(seen.cancels, [invite]);
    const ok = sender.sent.at(-1)!.message as SipResponse;
    assert.equal(ok.status, 200);
    assert.equal(ok.cseq.method, 'CANCEL');
    assert.equal(ok.to.tag, invite.localTag);
    invite.reply(487, 'Request Terminated');
    assert.equal(invite.state, 'completed');
    assert.equal(seen.requests.length, 1, 'the CANCEL itself is not a new request for the TU');
  });

  test('a CANCEL matching no INVITE is answered 481', () => {
    const { sender, seen, layer, source } = setup();
    layer.receiveRequest(request({ method: 'CANCEL' }), source);
    assert.deepEqual(statuses(sender), [481]);
    assert.equal(seen.cancels.length, 0);
  });
});

describe('non-INVITE server transaction', () => {
  test('copies of a request in Trying are absorbed silently; after the final response each gets it again', () => {
    const { sender, seen, layer, source } = setup();
    layer.receiveRequest(request({ method: 'REGISTER' }), source);
    layer.receiveRequest(request({ method: 'REGISTER' }), source);
    assert.equal(sender.sent.length, 0, 'no 100 Trying for a non-INVITE');
    seen.requests[0]!.reply(200, 'OK');
    layer.receiveRequest(request({ method: 'REGISTER' }), source);
    assert.deepEqual(statuses(sender), [200, 200]);
    assert.equal(seen.requests.length, 1);
  });

  test('timer J keeps a completed transaction 64*T1 on UDP and ends it at once on TCP', () => {
    const udp = setup();
    udp.layer.receiveRequest(request({ method: 'OPTIONS' }), udp.source);
    udp.seen.requests[0]!.reply(200, 'OK');
    udp.clock.advanceTo(31_999);
    assert.equal(udp.layer.serverTransactionCount, 1);
    udp.clock.advanceTo(32_000);
    assert.equal(udp.layer.serverTransactionCount, 0);
    const tcp = setup('TCP');
    tcp.layer.receiveRequest(request({ method: 'OPTIONS', transport: 'TCP' }), tcp.source);
    tcp.seen.requests[0]!.reply(200, 'OK');
    tcp.clock.advanceBy(0);
    assert.equal(tcp.layer.serverTransactionCount, 0);
  });

  test('a response that cannot be sent ends the transaction with a transport error', () => {
    const { sender, seen, errors, layer, source } = setup();
    layer.receiveRequest(request({ method: 'OPTIONS' }), source);
    sender.working = false;
    assert.equal(seen.requests[0]!.reply(200, 'OK'), false);
    assert.deepEqual(errors, ['transport']);
    assert.equal(layer.serverTransactionCount, 0);
  });

  test('responses carry the To tag of the transaction and copy Via, From, Call-ID and CSeq', () => {
    const { sender, seen, layer, source } = setup();
    layer.receiveRequest(request({ method: 'OPTIONS' }), source);
    const tx = seen.requests[0]!;
    tx.reply(200, 'OK');
    const res = sender.sent[0]!.message as SipResponse;
    assert.equal(res.to.tag, tx.localTag);
    assert.equal(res.from.tag, 'from1');
    assert.equal(res.callId, 'call-1@198.51.100.7');
    assert.deepEqual(res.cseq, { seq: 7, method: 'OPTIONS' });
    assert.equal(res.via[0]?.branch, 'z9hG4bK-abc');
  });

  test('a TU that throws while handling a request still gets the request answered 500', () => {
    const { sender, source } = setup();
    const failing = new SipTransactionLayer({
      clock: new VirtualSipClock(0),
      sender,
      user: {
        onRequest: () => {
          throw new Error('TU bug');
        },
      },
    });
    failing.receiveRequest(request({ method: 'OPTIONS' }), source);
    assert.deepEqual(statuses(sender), [500]);
    failing.receiveRequest(request({ method: 'OPTIONS' }), source);
    assert.deepEqual(statuses(sender), [500, 500], 'a copy of the request gets the 500 again');
  });
});
