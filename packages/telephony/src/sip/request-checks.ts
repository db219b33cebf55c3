// What an element does with a well-formed message before acting on it: the checks of
// RFC 3261 §8.2 (UAS: method, Request-URI scheme, Require, body type, Accept), §16.3 (proxy:
// Max-Forwards, Proxy-Require), §10.3 (registrar: the To URI is an address-of-record) and
// §8.1.3.3/§16.7 for responses. The failure says which answer to send and the headers that
// answer must carry (Allow, Unsupported, Accept, Warning).
import type { Result } from '@switchboard/core';
import { ok } from '@switchboard/core';
import type { SipHeader, SipRequest, SipResponse } from './message.ts';
import { isKnownMethod } from './parse-message.ts';
import { sipFail } from './sip-failure.ts';

export interface RequestPolicy {
  /** 'uas': Switchboard answers the request itself; 'proxy': it would forward it. */
  readonly role: 'uas' | 'proxy';
  readonly methods: readonly string[];
  /** Request-URI schemes served, lower case. */
  readonly uriSchemes: readonly string[];
  /** Option tags supported (Require for a UAS, Proxy-Require for a proxy). */
  readonly extensions: readonly string[];
  /** Body types understood, "type/subtype" in lower case. */
  readonly bodyTypes: readonly string[];
  /** Body types our answers carry (an INVITE is answered with SDP). */
  readonly answerTypes: readonly string[];
  /** Apply the registrar's checks to REGISTER. */
  readonly registrar: boolean;
}

export const SWITCHBOARD_UAS_POLICY: RequestPolicy = {
  role: 'uas',
  methods: [
    'ACK',
    'BYE',
    'CANCEL',
    'INFO',
    'INVITE',
    'NOTIFY',
    'OPTIONS',
    'PRACK',
    'REFER',
    'REGISTER',
    'UPDATE',
  ],
  uriSchemes: ['sip', 'sips', 'tel'],
  extensions: ['path', 'outbound', 'gruu', 'replaces', '100rel', 'timer'],
  bodyTypes: ['application/sdp'],
  answerTypes: ['application/sdp'],
  registrar: true,
};

function refuse<T>(status: number, reason: string, responseHeaders: SipHeader[] = []): Result<T> {
  return sipFail(status, reason, { responseHeaders });
}

function acceptsAny(req: SipRequest, types: readonly string[]): boolean {
  if (req.accept === undefined) return true;
  return req.accept.some((r) =>
    types.some((t) => {
      const [type, subtype] = t.split('/');
      return (r.type === '*' || r.type === type) && (r.subtype === '*' || r.subtype === subtype);
    }),
  );
}

function checkAsUas(req: SipRequest, policy: RequestPolicy): Result<SipRequest> {
  const allow = [{ name: 'Allow', value: policy.methods.join(', ') }];
  if (!policy.methods.includes(req.method)) {
    return isKnownMethod(req.method)
      ? refuse(405, 'Method Not Allowed', allow)
      : refuse(501, 'Not Implemented', allow);
  }
  // Nothing can answer an ACK (RFC 3261 §17.2.1): whatever it holds, it is taken as it is.
  if (req.method === 'ACK') return ok(req);
  if (!policy.uriSchemes.includes(req.uri.scheme)) return refuse(416, 'Unsupported URI Scheme');
  if (policy.registrar && req.method === 'REGISTER') {
    // RFC 4475 §3.3.4: the To header of a REGISTER must hold a SIP or SIPS address-of-record.
    if (req.to.uri.kind !== 'sip') return refuse(400, 'To URI not SIP or SIPS');
    if (req.contactWildcard && req.expires !== 0) return refuse(400, 'Contact "*" requires Expires: 0');
  }
  // CANCEL (like ACK) is not refused for its Require (RFC 3261 §8.2.2.3).
  const unsupported = req.require.filter((t) => !policy.extensions.includes(t));
  if (unsupported.length > 0 && req.method !== 'CANCEL') {
    return refuse(420, 'Bad Extension', [{ name: 'Unsupported', value: unsupported.join(', ') }]);
  }
  if (req.body.length > 0) {
    const type = req.contentType;
    if (!type) return refuse(400, 'Body without Content-Type');
    if (!policy.bodyTypes.includes(`${type.type}/${type.subtype}`)) {
      return refuse(415, 'Unsupported Media Type', [{ name: 'Accept', value: policy.bodyTypes.join(', ') }]);
    }
  }
  if (req.method === 'INVITE' && !acceptsAny(req, policy.answerTypes)) {
    return refuse(406, 'Not Acceptable', [
      { name: 'Warning', value: `399 switchboard "Answers are ${policy.answerTypes.join(', ')}"` },
    ]);
  }
  return ok(req);
}

function checkAsProxy(req: SipRequest, policy: RequestPolicy): Result<SipRequest> {
  if (!policy.uriSchemes.includes(req.uri.scheme)) return refuse(416, 'Unsupported URI Scheme');
  if (req.maxForwards === 0) return refuse(483, 'Too Many Hops');
  const unsupported = req.proxyRequire.filter((t) => !policy.extensions.includes(t));
  if (unsupported.length > 0) {
    return refuse(420, 'Bad Extension', [{ name: 'Unsupported', value: unsupported.join(', ') }]);
  }
  return ok(req);
}

export function checkRequest(req: SipRequest, policy: RequestPolicy): Result<SipRequest> {
  return policy.role === 'uas' ? checkAsUas(req, policy) : checkAsProxy(req, policy);
}

/** Limited broadcast, "this network", and IPv4 multicast: never a place to send a response. */
function isBroadcastLike(host: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return false;
  const first = Number(m[1]);
  return host === '255.255.255.255' || host === '0.0.0.0' || (first >= 224 && first <= 239);
}

/**
 * A UAC drops a response carrying more than one Via (RFC 3261 §8.1.3.3); a proxy drops one
 * whose next hop is a broadcast or multicast address (RFC 4475 §3.3.10 bcast).
 */
export function checkResponse(res: SipResponse, role: 'uac' | 'proxy'): Result<SipResponse> {
  if (role === 'uac')
    return res.via.length === 1 ? ok(res) : sipFail('drop', 'Response with more than one Via');
  const next = res.via[1];
  if (next && (isBroadcastLike(next.received ?? next.host) || isBroadcastLike(next.maddr ?? next.host))) {
    return sipFail('drop', 'Response would be forwarded to a broadcast address');
  }
  return ok(res);
}
