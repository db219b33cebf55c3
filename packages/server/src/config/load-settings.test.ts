import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSettings } from './load-settings.ts';

test('defaults apply when neither the file nor the environment names a setting', () => {
  const s = loadSettings({}, {});
  assert.ok(s.ok);
  if (!s.ok) return;
  assert.equal(s.value.get('http.port'), 8080);
  assert.equal(s.value.get('http.host'), '127.0.0.1');
  assert.equal(s.value.get('database.kind'), 'sqlite');
  assert.deepEqual(s.value.get('ws.allowedOrigins'), []);
});

test('the environment wins over the file, and both are converted to the setting type', () => {
  const s = loadSettings(
    { http: { port: 9000 }, demo: { traffic: false }, ws: { allowedOrigins: ['https://a'] } },
    {
      SWITCHBOARD_HTTP_PORT: '9100',
      SWITCHBOARD_DEMO_TRAFFIC: 'yes',
      SWITCHBOARD_WS_ALLOWED_ORIGINS: 'https://x, https://y',
    },
  );
  assert.ok(s.ok);
  if (!s.ok) return;
  assert.equal(s.value.get('http.port'), 9100);
  assert.equal(s.value.get('demo.traffic'), true);
  assert.deepEqual(s.value.get('ws.allowedOrigins'), ['https://x', 'https://y']);
});

test('every bad value and unknown key is reported at once as invalid_argument', () => {
  const s = loadSettings(
    { http: { port: 70000, colour: 'blue' }, database: { kind: 'postgres' } },
    { SWITCHBOARD_LOG_LEVEL: 'loud', SWITCHBOARD_WS_GRACE_SECONDS: '-1' },
  );
  assert.equal(s.ok, false);
  if (s.ok) return;
  assert.equal(s.error.code, 'invalid_argument');
  const problems = s.error.details.problems as string[];
  assert.equal(problems.length, 5, problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('http.colour')));
  assert.ok(problems.some((p) => p.includes('database.url')));
});

test('sip mode is off by default and its settings have their documented defaults', () => {
  const s = loadSettings({}, {});
  assert.ok(s.ok);
  if (!s.ok) return;
  assert.equal(s.value.get('telephony.kind'), 'sim');
  assert.equal(s.value.get('sip.host'), '127.0.0.1');
  assert.equal(s.value.get('sip.udpPort'), 5060);
  assert.equal(s.value.get('sip.tcpPort'), 5060);
  assert.equal(s.value.get('sip.websocket'), true);
  assert.equal(s.value.get('sip.advertisedHost'), null);
  assert.deepEqual(s.value.get('sip.trunks'), []);
  assert.deepEqual(s.value.get('sip.phones'), []);
});

test('trunks and phones come from the config file as JSON values and from the environment as JSON text', () => {
  const trunk = {
    id: 'carrier',
    addresses: ['192.0.2.7'],
    credentials: { username: 'carrier', password: 'secret' },
    outbound: { address: 'sip.carrier.example', port: 5080, transport: 'TCP' },
    callerId: '+3215550100',
  };
  const s = loadSettings(
    { telephony: { kind: 'sip' }, sip: { trunks: [trunk], phones: [{ extension: '1001', password: 'a' }] } },
    { SWITCHBOARD_SIP_PHONES: '[{"extension":"2001","password":"b"}]' },
  );
  assert.ok(s.ok, s.ok ? '' : s.error.message);
  if (!s.ok) return;
  assert.deepEqual(s.value.get('sip.trunks'), [trunk]);
  assert.deepEqual(s.value.get('sip.phones'), [{ extension: '2001', password: 'b' }], 'the environment wins');
  const minimal = loadSettings({ sip: { trunks: [{ id: 'out', outbound: { address: '192.0.2.9' } }] } }, {});
  assert.ok(minimal.ok);
  if (!minimal.ok) return;
  assert.deepEqual(minimal.value.get('sip.trunks'), [
    { id: 'out', outbound: { address: '192.0.2.9', port: 5060, transport: 'UDP' } },
  ]);
});

test('a bad structured value is refused with every bad field named below its setting', () => {
  const s = loadSettings(
    {
      sip: {
        trunks: [
          { id: 'a', addresses: ['not-an-ip'], outbound: { address: 'x', port: 0, transport: 'SCTP' } },
          { id: 'a', credentials: { username: 'u', pasword: 'typo' } },
          { id: 'nothing' },
        ],
        phones: [{ extension: '10 01', password: '' }, 'x'],
      },
    },
    {},
  );
  assert.equal(s.ok, false);
  if (s.ok) return;
  assert.equal(s.error.code, 'invalid_argument');
  const fields = s.error.details.fields as string[];
  for (const field of [
    'sip.trunks[0].addresses[0]',
    'sip.trunks[0].outbound.port',
    'sip.trunks[0].outbound.transport',
    'sip.trunks[1].id',
    'sip.trunks[1].credentials.pasword',
    'sip.trunks[1].credentials.password',
    'sip.trunks[2]',
    'sip.phones[0].extension',
    'sip.phones[0].password',
    'sip.phones[1]',
  ])
    assert.ok(fields.includes(field), `${field} named in ${fields.join(', ')}`);
  const problems = s.error.details.problems as string[];
  assert.equal(problems.length, fields.length);
  assert.ok(problems.some((p) => p.startsWith('sip.trunks[1].id: "a" is used by an earlier trunk')));
});

test('structured settings from the environment must be JSON text, and their fields are named after the variable', () => {
  const s = loadSettings(
    {},
    { SWITCHBOARD_SIP_TRUNKS: '[{"id":', SWITCHBOARD_SIP_PHONES: '[{"extension":"1001"}]' },
  );
  assert.equal(s.ok, false);
  if (s.ok) return;
  const fields = s.error.details.fields as string[];
  assert.deepEqual(fields.sort(), ['SWITCHBOARD_SIP_PHONES[0].password', 'SWITCHBOARD_SIP_TRUNKS']);
  assert.ok((s.error.details.problems as string[]).some((p) => p.includes('must be JSON text')));
});

test('demo traffic cannot be on in sip mode, and digest algorithms are limited to the known ones', () => {
  const s = loadSettings(
    { telephony: { kind: 'sip' }, demo: { traffic: true } },
    { SWITCHBOARD_SIP_DIGEST_ALGORITHMS: 'MD5, SHA-1' },
  );
  assert.equal(s.ok, false);
  if (s.ok) return;
  assert.deepEqual(s.error.details.fields, ['SWITCHBOARD_SIP_DIGEST_ALGORITHMS', 'demo.traffic']);
  const md5First = loadSettings({ sip: { digestAlgorithms: ['MD5', 'SHA-256'] } }, {});
  assert.ok(md5First.ok);
  if (md5First.ok) assert.deepEqual(md5First.value.get('sip.digestAlgorithms'), ['MD5', 'SHA-256']);
});
