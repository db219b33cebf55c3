// RFC 4475 torture suite: for each of the 49 messages, what the RFC says a compliant element
// does with it - accept it, answer with a status, or drop it - in the role(s) the RFC names.
// Field-level checks of the accepted messages are in torture-fields.test.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  handleAs,
  loadTorture,
  type TortureOutcome,
  type TortureRole,
  tortureNames,
} from './torture-element.ts';
import { parseSipMessage } from './parse-message.ts';

interface TortureCase {
  /** Section of RFC 4475 the expectation comes from. */
  readonly section: string;
  readonly rule: string;
  readonly outcomes: Partial<Record<TortureRole, TortureOutcome>>;
  /** A word the refusal's reason must contain, so it is refused for the RFC's reason. */
  readonly because?: string;
}

const TABLE: Readonly<Record<string, TortureCase>> = {
  // 3.1.1 Valid messages: a parser must accept them.
  wsinv: { section: '3.1.1.1', rule: 'a short tortuous INVITE is accepted', outcomes: { parser: 'accept' } },
  intmeth: {
    section: '3.1.1.2',
    rule: 'a wide range of valid characters is accepted; an endpoint answers the unknown method with 501',
    outcomes: { parser: 'accept', uas: 501 },
  },
  esc01: { section: '3.1.1.3', rule: 'valid use of % escaping is accepted', outcomes: { parser: 'accept' } },
  escnull: { section: '3.1.1.4', rule: 'escaped nulls in URIs are accepted', outcomes: { parser: 'accept' } },
  esc02: {
    section: '3.1.1.5',
    rule: 'a % that is no escape is accepted; RE%47IST%45R is an unknown method (501 at an endpoint)',
    outcomes: { parser: 'accept', uas: 501 },
  },
  lwsdisp: {
    section: '3.1.1.6',
    rule: 'no LWS between display name and < is accepted',
    outcomes: { parser: 'accept' },
  },
  longreq: {
    section: '3.1.1.7',
    rule: 'long values in header fields are accepted',
    outcomes: { parser: 'accept' },
  },
  dblreq: {
    section: '3.1.1.8',
    rule: 'extra trailing octets in a UDP datagram are ignored and the REGISTER handled',
    outcomes: { parser: 'accept', registrar: 'accept' },
  },
  semiuri: {
    section: '3.1.1.9',
    rule: 'a semicolon-separated user part is accepted',
    outcomes: { parser: 'accept' },
  },
  transports: {
    section: '3.1.1.10',
    rule: 'a variety of transport types is accepted',
    outcomes: { parser: 'accept' },
  },
  mpart01: {
    section: '3.1.1.11',
    rule: 'a multipart MIME message is accepted',
    outcomes: { parser: 'accept' },
  },
  unreason: {
    section: '3.1.1.12',
    rule: 'an unusual reason phrase is accepted',
    outcomes: { parser: 'accept' },
  },
  noreason: {
    section: '3.1.1.13',
    rule: 'an empty reason phrase is accepted',
    outcomes: { parser: 'accept' },
  },
  // 3.1.2 Invalid messages.
  badinv01: {
    section: '3.1.2.1',
    rule: 'extraneous header field separators get 400',
    outcomes: { parser: 400 },
    because: 'Via',
  },
  clerr: {
    section: '3.1.2.2',
    rule: 'a Content-Length larger than the datagram gets 400',
    outcomes: { parser: 400 },
    because: 'Content-Length',
  },
  ncl: {
    section: '3.1.2.3',
    rule: 'a negative Content-Length gets 400',
    outcomes: { parser: 400 },
    because: 'Content-Length',
  },
  scalar02: {
    section: '3.1.2.4',
    rule: 'request scalar fields with overlarge values get 400 for the CSeq',
    outcomes: { parser: 400 },
    because: 'CSeq',
  },
  scalarlg: {
    section: '3.1.2.5',
    rule: 'a response with overlarge scalar fields is discarded',
    outcomes: { parser: 'drop' },
  },
  quotbal: {
    section: '3.1.2.6',
    rule: 'an unterminated quoted string in a display name gets 400',
    outcomes: { parser: 400 },
    because: 'To',
  },
  ltgtruri: {
    section: '3.1.2.7',
    rule: 'a Request-URI in <> gets 400',
    outcomes: { parser: 400 },
    because: 'Request-URI',
  },
  lwsruri: {
    section: '3.1.2.8',
    rule: 'LWS inside the Request-URI gets 400',
    outcomes: { parser: 400 },
    because: 'Request-Line',
  },
  lwsstart: {
    section: '3.1.2.9',
    rule: 'multiple SP between start-line elements get 400',
    outcomes: { parser: 400 },
    because: 'Request-Line',
  },
  trws: {
    section: '3.1.2.10',
    rule: 'SP after the SIP-Version of the Request-Line gets 400',
    outcomes: { parser: 400 },
    because: 'Request-Line',
  },
  escruri: {
    section: '3.1.2.11',
    rule: 'escaped headers in the Request-URI get 400',
    outcomes: { parser: 400 },
    because: 'headers',
  },
  baddate: {
    section: '3.1.2.12',
    rule: 'a non-GMT time zone in Date gets 400',
    outcomes: { parser: 400 },
    because: 'Date',
  },
  regbadct: {
    section: '3.1.2.13',
    rule: 'a Contact URI with escaped headers outside <> gets 400',
    outcomes: { parser: 400 },
    because: 'Contact',
  },
  badaspec: {
    section: '3.1.2.14',
    rule: 'spaces inside an addr-spec get 400',
    outcomes: { parser: 400 },
    because: 'To',
  },
  baddn: {
    section: '3.1.2.15',
    rule: 'non-token characters in an unquoted display name get 400',
    outcomes: { parser: 400 },
    because: 'From',
  },
  badvers: { section: '3.1.2.16', rule: 'an unknown protocol version gets 505', outcomes: { parser: 505 } },
  mismatch01: {
    section: '3.1.2.17',
    rule: 'a start-line method that CSeq does not repeat gets 400',
    outcomes: { parser: 400 },
    because: 'CSeq',
  },
  mismatch02: {
    section: '3.1.2.18',
    rule: 'an unknown method with a mismatched CSeq gets 501, the answer the RFC prefers',
    outcomes: { parser: 501 },
    because: 'CSeq',
  },
  bigcode: { section: '3.1.2.19', rule: 'a status code above 699 is dropped', outcomes: { parser: 'drop' } },
  // 3.2 Transaction layer semantics.
  badbranch: {
    section: '3.2.1',
    rule: 'a branch that is only the magic cookie parses (RFC 2543 matching applies)',
    outcomes: { parser: 'accept', uas: 'accept' },
  },
  // 3.3 Application layer semantics.
  insuf: {
    section: '3.3.1',
    rule: 'missing Call-ID, From and To get 400',
    outcomes: { parser: 400 },
    because: 'Missing',
  },
  unkscm: {
    section: '3.3.2',
    rule: 'an unknown Request-URI scheme parses and gets 416',
    outcomes: { parser: 'accept', uas: 416, proxy: 416 },
  },
  novelsc: {
    section: '3.3.3',
    rule: 'a known but atypical Request-URI scheme parses and gets 416',
    outcomes: { parser: 'accept', uas: 416 },
  },
  unksm2: {
    section: '3.3.4',
    rule: 'unknown schemes in To, From and Contact parse; a registrar answers 400 (To is no SIP AOR)',
    outcomes: { parser: 'accept', registrar: 400 },
  },
  bext01: {
    section: '3.3.5',
    rule: 'unsupported Require / Proxy-Require options get 420',
    outcomes: { parser: 'accept', uas: 420, proxy: 420 },
  },
  invut: {
    section: '3.3.6',
    rule: 'an unknown Content-Type gets 415 at an endpoint',
    outcomes: { parser: 'accept', uas: 415 },
  },
  regaut01: {
    section: '3.3.7',
    rule: 'an unknown Authorization scheme gets a fresh 401 digest challenge',
    outcomes: { parser: 'accept', 'authenticating-registrar': 401 },
  },
  multi01: {
    section: '3.3.8',
    rule: 'multiple values in single-value fields get 400',
    outcomes: { parser: 400 },
    because: 'Multiple',
  },
  mcl01: {
    section: '3.3.9',
    rule: 'multiple Content-Length values get 400',
    outcomes: { parser: 400 },
    because: 'Content-Length',
  },
  bcast: {
    section: '3.3.10',
    rule: 'a 200 OK with a broadcast Via is dropped by an endpoint and by a proxy',
    outcomes: { parser: 'accept', uac: 'drop', proxy: 'drop' },
  },
  zeromf: {
    section: '3.3.11',
    rule: 'Max-Forwards 0 gets 483 from a proxy; an endpoint processes it',
    outcomes: { parser: 'accept', proxy: 483, uas: 'accept' },
  },
  cparam01: {
    section: '3.3.12',
    rule: 'a REGISTER with a Contact header parameter succeeds',
    outcomes: { parser: 'accept', registrar: 'accept' },
  },
  cparam02: {
    section: '3.3.13',
    rule: 'a REGISTER with a Contact url-parameter succeeds',
    outcomes: { parser: 'accept', registrar: 'accept' },
  },
  regescrt: {
    section: '3.3.14',
    rule: 'a REGISTER with a URL-escaped header in Contact succeeds',
    outcomes: { parser: 'accept', registrar: 'accept' },
  },
  sdp01: {
    section: '3.3.15',
    rule: 'an INVITE whose Accept excludes SDP gets 406 at an endpoint',
    outcomes: { parser: 'accept', uas: 406 },
  },
  // 3.4 Backward compatibility.
  inv2543: {
    section: '3.4.1',
    rule: 'an INVITE in RFC 2543 syntax is accepted',
    outcomes: { parser: 'accept', uas: 'accept' },
  },
};

describe('RFC 4475 torture messages', () => {
  test('the table covers every torture message in testdata, and nothing else', () => {
    assert.deepEqual(Object.keys(TABLE).sort(), tortureNames());
    assert.equal(tortureNames().length, 49);
  });

  for (const [name, c] of Object.entries(TABLE)) {
    test(`${name} (RFC 4475 §${c.section}): ${c.rule}`, () => {
      const bytes = loadTorture(name);
      for (const [role, outcome] of Object.entries(c.outcomes)) {
        assert.equal(handleAs(bytes, role as TortureRole), outcome, `${name} as ${role}`);
      }
      if (c.because !== undefined) {
        const result = parseSipMessage(bytes);
        assert.ok(!result.ok);
        assert.equal(result.error.code, 'invalid_argument');
        assert.match(result.error.message, new RegExp(c.because));
      }
    });
  }
});
