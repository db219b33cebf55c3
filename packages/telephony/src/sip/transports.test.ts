// The transports on real sockets (127.0.0.1, free ports), through the whole stack.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { WebSocketServer } from 'ws';
import { computeDigestAuthorization, selectDigestChallenge } from './digest-client.ts';
import { TcpPeer, UdpPeer } from './loopback-peer.ts';
import { headerValues, type SipMessage, type SipResponse } from './message.ts';
import { SipRegistrar } from './registrar.ts';
import { RegistrationStore } from './registration-store.ts';
import { SystemSipClock } from './sip-clock.ts';
import { SipService } from './sip-service.ts';
import { InMemorySipUserDirectory } from './sip-user-directory.ts';
import { TcpTransport } from './tcp-transport.ts';
import { VirtualSipClock } from './virtual-sip-clock.ts';

function request(method: string, transport: string, port: number, extra: string[] = [], cseq = 1): string {
  return [
    `${method} sip:127.0.0.1 SIP/2.0`,
    `Via: SIP/2.0/${transport} 127.0.0.1:${port};branch=z9hG4bK-${method}-${cseq}-${Math.random().toString(36).slice(2)};rport`,
    'Max-Forwards: 70',
    '<From>',
    'To: <sip:1001@127.0.0.1>',
    `Call-ID: ${transport}-${port}@test`,
    `CSeq: ${cseq} ${method}`,
    `Contact: <sip:1001@127.0.0.1:${port};transport=${transport.toLowerCase()}>`,
    ...extra,
    'Content-Length: 0',
    '',
    '',
  ]
    .join('\r\n')
    .replace('<From>', 'From: <sip:1001@127.0.0.1>;tag=t1');
}

function status(m: SipMessage | undefined): number | undefined {
  return m?.kind === 'response' ? m.status : undefined;
}

describe('UDP, TCP and WebSocket transports on loopback', () => {
  const clock = new SystemSipClock();
  const store = new RegistrationStore(clock);
  const directory = new InMemorySipUserDirectory([['1001', { password: 'pw-1001' }]]);
  const registrar = new SipRegistrar({
    clock,
    directory,
    store,
    policy: { realm: 'sb.test', nonceSecret: 'k' },
  });
  let http: Server;
  let service: SipService;
  let httpPort = 0;
  let otherPathHits = 0;

  before(async () => {
    http = createServer((_req, res) => res.end('switchboard'));
    // Another WebSocket service on the same HTTP server: /sip must not disturb it.
    const other = new WebSocketServer({ noServer: true });
    http.on('upgrade', (req, socket, head) => {
      if (req.url === '/events') {
        otherPathHits++;
        other.handleUpgrade(req, socket, head, (ws) => ws.send('hello'));
      }
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    httpPort = (http.address() as AddressInfo).port;
    service = await SipService.start({
      clock,
      registrar,
      listen: { address: '127.0.0.1', udpPort: 0, tcpPort: 0, ws: { server: http, path: '/sip' } },
    });
  });

  after(async () => {
    await service.close();
    store.clear();
    clock.cancelAll();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });

  test('UDP: a phone registers with a SHA-256 digest; the answer comes back to its port, Via stamped', async () => {
    const peer = await UdpPeer.open();
    try {
      const port = service.ports.udp!;
      peer.send(request('REGISTER', 'UDP', peer.port), port);
      const challenge = (await peer.next()) as SipResponse;
      assert.equal(challenge.status, 401);
      assert.equal(challenge.via[0]?.rport, peer.port);
      assert.equal(challenge.via[0]?.received, '127.0.0.1');
      const chosen = selectDigestChallenge(headerValues(challenge, 'WWW-Authenticate'));
      assert.match(chosen ?? '', /SHA-256/);
      const auth = computeDigestAuthorization({
        challenge: chosen!,
        method: 'REGISTER',
        uri: 'sip:127.0.0.1',
        username: '1001',
        password: 'pw-1001',
        cnonce: 'abc',
        nc: 1,
      });
      assert.ok(auth.ok);
      peer.send(request('REGISTER', 'UDP', peer.port, [`Authorization: ${auth.value}`], 2), port);
      assert.equal(status(await peer.next()), 200);
      assert.equal(store.contactsOf('1001').at(-1)?.source.transport, 'UDP');
    } finally {
      peer.close();
    }
  });

  test('TCP: two messages in one segment and one message in three segments are each answered', async () => {
    const peer = await TcpPeer.open(service.ports.tcp!);
    try {
      const opt = request('OPTIONS', 'TCP', peer.localPort);
      peer.write(opt + request('OPTIONS', 'TCP', peer.localPort, [], 2));
      assert.equal(status(await peer.next()), 200);
      assert.equal(status(await peer.next()), 200);
      const third = request('OPTIONS', 'TCP', peer.localPort, [], 3);
      peer.write(third.slice(0, 10));
      peer.write(third.slice(10, 100));
      peer.write(third.slice(100));
      assert.equal(status(await peer.next()), 200);
    } finally {
      peer.close();
    }
  });

  test('TCP: a CRLFCRLF keep-alive is answered with CRLF (RFC 5626)', async () => {
    const peer = await TcpPeer.open(service.ports.tcp!);
    try {
      peer.write('\r\n\r\n');
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(peer.pongs, 1);
    } finally {
      peer.close();
    }
  });

  test('TCP: a message whose framing is lost closes the connection', async () => {
    const peer = await TcpPeer.open(service.ports.tcp!);
    peer.write(request('OPTIONS', 'TCP', peer.localPort).replace('Content-Length: 0', 'Content-Length: -5'));
    await peer.closed;
    assert.ok(peer.socket.destroyed);
  });

  test('TCP: a request toward the phone reuses the connection the phone opened', async () => {
    const peer = await TcpPeer.open(service.ports.tcp!);
    try {
      peer.write(request('OPTIONS', 'TCP', peer.localPort));
      assert.equal(status(await peer.next()), 200);
      const tx = service.transactions.request(
        {
          kind: 'request',
          method: 'OPTIONS',
          uri: `sip:1001@127.0.0.1:${peer.localPort}`,
          headers: [
            { name: 'From', value: '<sip:switchboard@127.0.0.1>;tag=s' },
            { name: 'To', value: '<sip:1001@127.0.0.1>' },
            { name: 'Call-ID', value: 'reuse@test' },
            { name: 'CSeq', value: '1 OPTIONS' },
          ],
        },
        { transport: 'TCP', address: '127.0.0.1', port: peer.localPort },
        { onResponse: () => {} },
      );
      assert.ok(tx);
      const arrived = await peer.next();
      assert.equal(arrived?.kind === 'request' ? arrived.method : undefined, 'OPTIONS');
    } finally {
      peer.close();
    }
  });

  test('WebSocket: a handshake without the sip subprotocol is refused; other paths of the HTTP server still work', async () => {
    const refused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${httpPort}/sip`);
      ws.onopen = () => resolve('open');
      ws.onerror = () => resolve('error');
    });
    assert.equal(refused, 'error');
    const greeting = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${httpPort}/events`);
      ws.onmessage = (e) => {
        resolve(String(e.data));
        ws.close();
      };
      ws.onerror = () => resolve('error');
    });
    assert.equal(greeting, 'hello');
    assert.equal(otherPathHits, 1);
  });

  test('WebSocket: one SIP message per frame, answered in one frame on the same connection', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${httpPort}/sip`, 'sip');
    try {
      await new Promise<void>((resolve, reject) => {
        ws.onopen = () => resolve();
        ws.onerror = () => reject(new Error('no WebSocket'));
      });
      assert.equal(ws.protocol, 'sip');
      const frames: string[] = [];
      const got = new Promise<void>((resolve) => {
        ws.onmessage = (e) => {
          frames.push(String(e.data));
          resolve();
        };
      });
      ws.send(request('OPTIONS', 'WS', 0).replace('127.0.0.1:0', 'df7jal23ls0d.invalid'));
      await got;
      assert.equal(frames.length, 1);
      assert.match(frames[0]!, /^SIP\/2.0 200 OK\r\n/);
      assert.match(frames[0]!, /received=127\.0\.0\.1/);
    } finally {
      ws.close();
    }
  });
});

test('TCP: a connection idle longer than idleMs is closed (virtual clock)', async () => {
  const clock = new VirtualSipClock(0);
  const transport = await TcpTransport.listen({
    address: '127.0.0.1',
    port: 0,
    sink: () => {},
    clock,
    idleMs: 30_000,
  });
  try {
    const peer = await TcpPeer.open(transport.local.port);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(transport.connectionCount, 1);
    clock.advanceBy(29_999);
    assert.equal(transport.connectionCount, 1);
    clock.advanceBy(1);
    await peer.closed;
    for (let i = 0; i < 50 && transport.connectionCount > 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(transport.connectionCount, 0);
  } finally {
    await transport.close();
  }
});
