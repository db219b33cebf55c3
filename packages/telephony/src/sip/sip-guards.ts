// The checks in front of the SIP stack, before any transaction or registrar work:
// - per-source rate limiting (token bucket per IP address): a request over the limit gets
//   503 Service Unavailable with Retry-After (RFC 3261 §21.5.4), and a source that keeps
//   going past `rejectsPerSecond` answers gets silence, so our 503s cannot be used to
//   amplify a flood toward a spoofed address;
// - scanners (User-Agent of friendly-scanner, sipvicious, sipcli and kin) dropped silently:
//   any answer confirms to them that a SIP server lives here;
// - size and header-count limits are the parser's (DEFAULT_SIP_LIMITS).
import type { Millis } from '@switchboard/core';
import { headerValue, type SipMessage } from './message.ts';
import { TokenBucketLimiter } from './token-bucket.ts';

export interface SipGuardOptions {
  /** Messages per second per source address; false turns rate limiting off. */
  readonly rateLimit?: { readonly ratePerSecond: number; readonly burst: number } | false;
  /** 503 answers per second per source before further excess is dropped; default 5. */
  readonly rejectsPerSecond?: number;
  /** Lower-case substrings of User-Agent that mark a scanner; default SCANNER_USER_AGENTS. */
  readonly scannerUserAgents?: readonly string[];
  /** Source addresses never rate limited (trunks, a load balancer, the benchmark). */
  readonly exempt?: readonly string[];
  readonly maxSources?: number;
}

export const SCANNER_USER_AGENTS: readonly string[] = [
  'friendly-scanner',
  'sipvicious',
  'sipcli',
  'sip-scan',
  'sipscan',
  'iwar',
  'sundayddr',
  'vaxsipuseragent',
  'siparmyknife',
  'smap',
  'pplsip',
  'sivus',
];

export const DEFAULT_RATE_LIMIT = { ratePerSecond: 100, burst: 200 } as const;

export type SipAdmission =
  | { readonly verdict: 'pass' }
  | { readonly verdict: 'reject'; readonly retryAfterSeconds: number }
  | { readonly verdict: 'drop' };

const PASS: SipAdmission = { verdict: 'pass' };
const DROP: SipAdmission = { verdict: 'drop' };

export class SipGuards {
  readonly #messages: TokenBucketLimiter | undefined;
  readonly #rejects: TokenBucketLimiter | undefined;
  readonly #scanners: readonly string[];
  readonly #exempt: ReadonlySet<string>;

  constructor(options: SipGuardOptions = {}) {
    const rate = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit;
    const maxKeys = options.maxSources ?? 100_000;
    if (rate) {
      this.#messages = new TokenBucketLimiter({ ...rate, maxKeys });
      const rejects = options.rejectsPerSecond ?? 5;
      this.#rejects = new TokenBucketLimiter({ ratePerSecond: rejects, burst: rejects, maxKeys });
    }
    this.#scanners = (options.scannerUserAgents ?? SCANNER_USER_AGENTS).map((s) => s.toLowerCase());
    this.#exempt = new Set(options.exempt ?? []);
  }

  /** Decided per message before it is parsed, from its source address alone. */
  admit(address: string, now: Millis): SipAdmission {
    if (!this.#messages || this.#exempt.has(address)) return PASS;
    const waitMs = this.#messages.take(address, now);
    if (waitMs === 0) return PASS;
    if (this.#rejects && this.#rejects.take(address, now) !== 0) return DROP;
    return { verdict: 'reject', retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** True for a request whose User-Agent names a known scanner. */
  isScanner(message: SipMessage): boolean {
    if (message.kind !== 'request') return false;
    const agent = headerValue(message, 'User-Agent');
    if (agent === undefined) return false;
    const lower = agent.toLowerCase();
    return this.#scanners.some((s) => lower.includes(s));
  }
}
