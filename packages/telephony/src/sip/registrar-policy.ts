// The registrar's settings and their defaults, in one place so the README and the server's
// settings table can quote them.
import type { ServerDigestAlgorithm } from './digest-auth.ts';
import type { SipTransportName } from './sip-transport.ts';

export interface RegistrarPolicy {
  /** Digest realm (RFC 3261 §22.1); usually the SIP domain. */
  readonly realm: string;
  /** Nonce MAC key: the same on every node that must accept the others' nonces. */
  readonly nonceSecret: Uint8Array | string;
  /** How long a nonce is accepted before the client is sent a stale challenge. */
  readonly nonceLifetimeMs: number;
  /** Challenges offered, most preferred first, per transport (see DEFAULT_CHALLENGE_ORDER). */
  readonly algorithms: Readonly<Record<SipTransportName, readonly ServerDigestAlgorithm[]>>;
  /** Shortest registration accepted (423 Interval Too Brief below it, RFC 3261 §10.3 step 7). */
  readonly minExpires: number;
  /** Longest registration granted; longer requests are shortened to it. */
  readonly maxExpires: number;
  /** When neither the Contact nor the request says. */
  readonly defaultExpires: number;
  /** Contacts one extension may hold at once (several devices per agent phone). */
  readonly maxContacts: number;
  /** Request-URI hosts served; empty serves any (a single-domain switch). */
  readonly domains: readonly string[];
}

/**
 * RFC 8760: SHA-256 first, then MD5, on every transport. Clients differ in which challenge
 * they read: JsSIP 3 keeps only the last WWW-Authenticate (MD5 here, the only one it knows),
 * while sipp 3.6 and some desk phones take the first and know only MD5 - a site with such
 * phones lists MD5 first (or alone) for their transport.
 */
export const DEFAULT_CHALLENGE_ORDER: Readonly<Record<SipTransportName, readonly ServerDigestAlgorithm[]>> = {
  UDP: ['SHA-256', 'MD5'],
  TCP: ['SHA-256', 'MD5'],
  WS: ['SHA-256', 'MD5'],
};

export const DEFAULT_REGISTRAR_POLICY: Omit<RegistrarPolicy, 'realm' | 'nonceSecret'> = {
  nonceLifetimeMs: 300_000,
  algorithms: DEFAULT_CHALLENGE_ORDER,
  minExpires: 60,
  maxExpires: 7_200,
  defaultExpires: 3_600,
  maxContacts: 10,
  domains: [],
};
