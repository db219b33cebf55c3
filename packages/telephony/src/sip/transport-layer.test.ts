import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { SipMessage, SipRequest, SipResponse } from './message.ts';
import { parseSipMessage } from './parse-message.ts';
import { responseTarget } from './response-target.ts';
import { SipGuards } from './sip-guards.ts';
import type { SipSource, SipTarget, SipTransport, SipTransportName } from './sip-transport.ts';
import { SipTransportLayer } from './transport-layer.ts';
import { VirtualSipClock } from './virtual-sip-clock.ts';
import { parseVia } from './via.ts';

class FakeTransport implements SipTransport {
  readonly name: SipTransportName;
  readonly reliable: boolean;
  readonly local = { address: '192.0.2.1', port: 5060 };
  readonly sent: { target: SipTarget; message: SipMessage }[] = [];
  readonly closedConnections = new Set<string>();

  constructor(name: SipTransportName) {
    this.name = name;
    this.reliable = name !== 'UDP';
  }

  send(target: SipTarget, bytes: Uint8Array): boolean {
    if (target.connectionId !== undefined && this.closedConnections.has(target.connectionId)) return false;
    const parsed = parseSipMessage(bytes);
    if (!parsed.ok) throw new Error(`unparseable output: ${parsed.error.message}`);
    this.sent.push({ target, message: parsed.value });
    return true;
  }

  async close(): Promise<void> {}
}

const UDP_SOURCE: SipSource = {
  transport: 'UDP',
  address: '198.51.100.7',
  port: 40000,
  connectionId: undefined,
};

function options(extra: { via?: string; userAgent?: string; cseq?: string } = {}): string {
  return [
    'OPTIONS sip:192.0.2.1 SIP/2.0',
    `Via: ${extra.via ?? 'SIP/2.0/UDP 198.51.100.7:40000;branch=z9hG4bK-o1'}`,
    'Max-Forwards: 70',
    'From: <sip:1001@192.0.2.1>;tag=a',
    'To: <sip:192.0.2.1>',
    'Call-ID: opt-1',
    `CSeq: ${extra.cseq ?? '1 OPTIONS'}`,
    ...(extra.userAgent ? [`User-Agent: ${extra.userAgent}`] : []),
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

function setup(guards = new SipGuards({ rateLimit: false })) {
  const clock = new VirtualSipClock(1_000_000);
  const layer = new SipTransportLayer({ clock, guards });
  const udp = new FakeTransport('UDP');
  const tcp = new FakeTransport('TCP');
  layer.addTransport(udp);
  layer.addTransport(tcp);
  const requests: SipRequest[] = [];
  const responses: SipResponse[] = [];
  layer.setReceiver({
    receiveRequest: (r) => requests.push(r),
    receiveResponse: (r) => responses.push(r),
  });
  const receive = (text: string, source: SipSource = UDP_SOURCE) =>
    layer.receive({ bytes: new TextEncoder().encode(text), source });
  return { clock, layer, udp, tcp, requests, responses, receive };
}

describe('inbound requests', () => {
  test('the top Via gets received and the rport value when the client asked for rport (RFC 3581)', () => {
    const { requests, receive } = setup();
    receive(options({ via: 'SIP/2.0/UDP phone.example:5060;branch=z9hG4bK-o1;rport' }));
    const via = requests[0]!.via[0]!;
    assert.equal(via.received, '198.51.100.7');
    assert.equal(via.rport, 40000);
    const row = requests[0]!.headers.find((h) => h.name === 'Via')!.value;
    assert.equal(row, 'SIP/2.0/UDP phone.example:5060;branch=z9hG4bK-o1;rport=40000;received=198.51.100.7');
  });

  test('a Via whose sent-by is the source address and without rport is left untouched', () => {
    const { requests, receive } = setup();
    receive(options());
    assert.equal(requests[0]!.via[0]!.received, undefined);
    assert.equal(
      requests[0]!.headers.find((h) => h.name === 'Via')!.value,
      'SIP/2.0/UDP 198.51.100.7:40000;branch=z9hG4bK-o1',
    );
  });

  test('a request the parser refuses is answered with its status, copying Via, From, To, Call-ID and CSeq, to its source', () => {
    const { udp, requests, receive } = setup();
    receive(options().replace('Max-Forwards: 70', 'Max-Forwards: 300'));
    assert.equal(requests.length, 0);
    const out = udp.sent[0]!;
    assert.equal((out.message as SipResponse).status, 400);
    assert.equal(out.message.callId, 'opt-1');
    assert.deepEqual(out.target, { ...UDP_SOURCE });
  });

  test('a refused request whose answer would copy the malformed row (here its CSeq) is dropped: no client could match it', () => {
    const { udp, receive, layer } = setup();
    receive(options({ cseq: 'x OPTIONS' }));
    assert.equal(udp.sent.length, 0);
    assert.equal(layer.stats.refusalsAnswered, 0);
  });

  test('a request over the size limit gets 513; bytes that are not SIP and broken responses get nothing', () => {
    const { udp, receive, layer } = setup();
    receive(options().replace('Content-Length: 0', `X-Pad: ${'a'.repeat(70_000)}\r\nContent-Length: 0`));
    receive(options().replace('Content-Length: 0', `${'X-A: b\r\n'.repeat(250)}Content-Length: 0`));
    assert.deepEqual(
      udp.sent.map((s) => [(s.message as SipResponse).status, s.message.callId]),
      [
        [513, 'opt-1'],
        [513, 'opt-1'],
      ],
    );
    receive('\u0016\u0003\u0001 hello');
    receive('SIP/2.0 200 OK\r\nVia: nonsense\r\n\r\n');
    assert.equal(udp.sent.length, 2);
    assert.equal(layer.stats.parseRefusals, 4);
  });

  test("a scanner's request (User-Agent friendly-scanner, sipvicious, sipcli) is dropped without an answer", () => {
    const { udp, requests, receive, layer } = setup();
    for (const ua of ['friendly-scanner', 'sipvicious 0.3', 'sipcli/v1.8', 'SIPVicious'])
      receive(options({ userAgent: ua }));
    assert.equal(requests.length, 0);
    assert.equal(udp.sent.length, 0);
    assert.equal(layer.stats.scanners, 4);
    receive(options({ userAgent: 'Yealink SIP-T46S' }));
    assert.equal(requests.length, 1);
  });

  test('a receiver that throws never takes the transport layer down', () => {
    const { layer, receive } = setup();
    layer.setReceiver({
      receiveRequest: () => {
        throw new Error('boom');
      },
      receiveResponse: () => {},
    });
    assert.doesNotThrow(() => receive(options()));
    assert.equal(layer.stats.handlerErrors, 1);
  });
});

describe('rate limiting', () => {
  test('past its bucket a source gets 503 with Retry-After, then silence, then service again once tokens flow', () => {
    const guards = new SipGuards({ rateLimit: { ratePerSecond: 2, burst: 2 }, rejectsPerSecond: 1 });
    const { udp, requests, receive, clock, layer } = setup(guards);
    receive(options());
    receive(options());
    receive(options());
    receive(options());
    assert.equal(requests.length, 2);
    assert.equal(udp.sent.length, 1);
    const busy = udp.sent[0]!.message as SipResponse;
    assert.equal(busy.status, 503);
    assert.deepEqual(
      busy.headers.filter((h) => h.name === 'Retry-After').map((h) => h.value),
      ['1'],
    );
    assert.equal(layer.stats.rateLimited, 1);
    assert.equal(layer.stats.droppedByGuards, 1);
    clock.advanceBy(1_000);
    receive(options());
    assert.equal(requests.length, 3);
  });

  test('each source has its own bucket and exempt addresses have none', () => {
    const guards = new SipGuards({ rateLimit: { ratePerSecond: 1, burst: 1 }, exempt: ['203.0.113.5'] });
    const { requests, receive } = setup(guards);
    receive(options());
    receive(options(), { ...UDP_SOURCE, address: '198.51.100.8' });
    for (let i = 0; i < 10; i++) receive(options(), { ...UDP_SOURCE, address: '203.0.113.5' });
    assert.equal(requests.length, 12);
  });
});

describe('response routing (RFC 3261 §18.2.2, RFC 3581)', () => {
  const via = (text: string) => {
    const v = parseVia(text);
    if (!v.ok) throw new Error(v.reason);
    return v.value;
  };

  test('UDP: received with rport value, received with the sent-by port, maddr, or the sent-by itself', () => {
    assert.deepEqual(
      responseTarget(via('SIP/2.0/UDP a.example:5070;received=198.51.100.7;rport=40000'), UDP_SOURCE),
      {
        transport: 'UDP',
        address: '198.51.100.7',
        port: 40000,
      },
    );
    assert.deepEqual(responseTarget(via('SIP/2.0/UDP a.example:5070;received=198.51.100.7'), UDP_SOURCE), {
      transport: 'UDP',
      address: '198.51.100.7',
      port: 5070,
    });
    assert.deepEqual(responseTarget(via('SIP/2.0/UDP a.example;maddr=239.1.1.1'), UDP_SOURCE), {
      transport: 'UDP',
      address: '239.1.1.1',
      port: 5060,
    });
    assert.deepEqual(responseTarget(via('SIP/2.0/UDP 198.51.100.7'), UDP_SOURCE), {
      transport: 'UDP',
      address: '198.51.100.7',
      port: 5060,
    });
  });

  test('TCP: back on the connection of the request, or to received/sent-by when it has closed', () => {
    const { layer, tcp } = setup();
    const source: SipSource = {
      transport: 'TCP',
      address: '198.51.100.7',
      port: 50123,
      connectionId: 'tcp-9',
    };
    const request = parseSipMessage(options({ via: 'SIP/2.0/TCP 198.51.100.7:5060;branch=z9hG4bK-t' }));
    assert.ok(request.ok);
    const response = {
      kind: 'response' as const,
      status: 200,
      reason: 'OK',
      headers: request.value.headers.filter((h) => ['Via', 'From', 'To', 'Call-ID', 'CSeq'].includes(h.name)),
    };
    assert.ok(layer.sendResponse(response, request.value.via[0], source));
    assert.equal(tcp.sent[0]?.target.connectionId, 'tcp-9');
    tcp.closedConnections.add('tcp-9');
    assert.ok(layer.sendResponse(response, request.value.via[0], source));
    assert.deepEqual(tcp.sent[1]?.target, {
      transport: 'TCP',
      address: '198.51.100.7',
      port: 5060,
      connectionId: undefined,
    });
  });
});

test('whatever bytes arrive, receive never throws and everything sent back parses', () => {
  const { receive, layer } = setup(new SipGuards({ rateLimit: { ratePerSecond: 50, burst: 5 } }));
  const base = options({ via: 'SIP/2.0/UDP h.example;branch=z9hG4bK-f;rport' });
  const mutation = fc.tuple(fc.nat(base.length), fc.nat(20), fc.string({ maxLength: 12 }));
  fc.assert(
    fc.property(
      fc.oneof(fc.string({ maxLength: 300 }), fc.array(mutation, { minLength: 1, maxLength: 4 })),
      (input) => {
        if (typeof input === 'string') receive(input);
        else {
          let text = base;
          for (const [at, cut, insert] of input) text = text.slice(0, at) + insert + text.slice(at + cut);
          receive(text);
        }
      },
    ),
    { numRuns: Number(process.env.FC_RUNS ?? 3000) },
  );
  assert.equal(layer.stats.handlerErrors, 0);
  assert.ok(layer.stats.received >= 3000 || process.env.FC_RUNS !== undefined);
});
