// The registrar (RFC 3261 §10.3) with digest authentication (RFC 7616, RFC 8760, qop=auth):
//  1. the Request-URI host must be served (when domains are configured), else 404;
//  2. the To user is the extension; the request must authenticate as that extension: no or bad
//     credentials - unknown user and wrong password alike - get the very same 401 with a fresh
//     challenge per algorithm; a right digest on an expired, replayed (nc) or forgotten nonce
//     gets 401 stale=true; right credentials for another extension get 403;
//  3. Contact "*" with Expires 0 removes every binding; no Contact is a query;
//  4. each contact's expiry is its expires parameter, else the Expires header, else the default;
//     a non-zero expiry under minExpires refuses the whole request with 423 and Min-Expires,
//     one above maxExpires is shortened; 0 removes the binding;
//  5. a binding last touched by the same Call-ID with a CSeq not lower than the request's makes
//     the whole request fail with 400 (out of order, §10.3 step 7), and more than maxContacts
//     bindings with 403 - every check is done before anything changes;
//  6. 200 OK lists every current contact with its remaining expires, and a Date.
import { buildDigestChallenges, type DigestServerOptions, verifyDigestAuthorization } from './digest-auth.ts';
import { hasParam } from './header-params.ts';
import { headerValue, headerValues, type SipContact, type SipHeader, type SipRequest } from './message.ts';
import { formatNameAddr } from './name-addr.ts';
import { NonceCountTracker } from './nonce-count-tracker.ts';
import { unescapePercent } from './percent-escapes.ts';
import { DEFAULT_REGISTRAR_POLICY, type RegistrarPolicy } from './registrar-policy.ts';
import type { RegistrationStore, SipBinding } from './registration-store.ts';
import type { SipClock } from './sip-clock.ts';
import type { SipSource } from './sip-transport.ts';
import type { SipUserDirectory } from './sip-user-directory.ts';

export interface SipRegistrarOptions {
  readonly clock: SipClock;
  readonly directory: SipUserDirectory;
  readonly store: RegistrationStore;
  readonly policy: Partial<RegistrarPolicy> & Pick<RegistrarPolicy, 'realm' | 'nonceSecret'>;
  /** Replay protection state; default one remembering 100,000 nonces. */
  readonly tracker?: NonceCountTracker;
}

/** What to answer; the caller sends it through the REGISTER's server transaction. */
export interface RegistrarAnswer {
  readonly status: number;
  readonly reason: string;
  readonly headers: readonly SipHeader[];
}

interface Planned {
  readonly contact: SipContact;
  readonly expires: number;
  readonly existing: SipBinding | undefined;
}

function answer(status: number, reason: string, headers: SipHeader[] = []): RegistrarAnswer {
  return { status, reason, headers };
}

function withoutExpires(contact: SipContact): SipContact {
  if (!hasParam(contact.params, 'expires')) return { ...contact, expires: undefined };
  return {
    ...contact,
    expires: undefined,
    params: contact.params.filter((p) => p.name.toLowerCase() !== 'expires'),
  };
}

export class SipRegistrar {
  readonly #clock: SipClock;
  readonly #directory: SipUserDirectory;
  readonly #store: RegistrationStore;
  readonly #policy: RegistrarPolicy;
  readonly #tracker: NonceCountTracker;
  readonly #lookup: (username: string) => ReturnType<SipUserDirectory['secretOf']>;

  constructor(options: SipRegistrarOptions) {
    this.#clock = options.clock;
    this.#directory = options.directory;
    this.#store = options.store;
    this.#policy = { ...DEFAULT_REGISTRAR_POLICY, ...options.policy };
    this.#tracker = options.tracker ?? new NonceCountTracker({ maxNonces: 100_000 });
    this.#lookup = (username) => this.#directory.secretOf(username);
  }

  get policy(): RegistrarPolicy {
    return this.#policy;
  }

  handle(request: SipRequest, source: SipSource): RegistrarAnswer {
    const now = this.#clock.now();
    if (request.method !== 'REGISTER')
      return answer(405, 'Method Not Allowed', [{ name: 'Allow', value: 'REGISTER' }]);
    const domains = this.#policy.domains;
    if (
      domains.length > 0 &&
      (request.uri.kind !== 'sip' || !domains.includes(request.uri.host.toLowerCase()))
    ) {
      return answer(404, 'Not Found');
    }
    const to = request.to.uri;
    if (to.kind !== 'sip' || to.user === undefined) return answer(404, 'Not Found');
    const extension = unescapePercent(to.user);
    const digest = this.#digestOptions(source);
    const verdict = verifyDigestAuthorization(digest, {
      header: this.#authorization(request),
      method: request.method,
      now,
      lookup: this.#lookup,
      tracker: this.#tracker,
    });
    if (verdict.outcome === 'challenge') {
      const challenges = buildDigestChallenges(digest, now, verdict.stale);
      return answer(
        401,
        'Unauthorized',
        challenges.map((value) => ({ name: 'WWW-Authenticate', value })),
      );
    }
    if (verdict.username !== extension) return answer(403, 'Forbidden');
    return this.#bind(request, extension, source, now);
  }

  #digestOptions(source: SipSource): DigestServerOptions {
    return {
      realm: this.#policy.realm,
      secret: this.#policy.nonceSecret,
      nonceLifetimeMs: this.#policy.nonceLifetimeMs,
      algorithms: this.#policy.algorithms[source.transport],
    };
  }

  /** The Authorization for our realm when a client sent several (one per realm, §22.4). */
  #authorization(request: SipRequest): string | undefined {
    const all = headerValues(request, 'Authorization');
    if (all.length <= 1) return all[0];
    const realm = `realm="${this.#policy.realm}"`;
    return all.find((v) => v.includes(realm)) ?? all[0];
  }

  #bind(request: SipRequest, extension: string, source: SipSource, now: number): RegistrarAnswer {
    const callId = request.callId;
    const cseq = request.cseq.seq;
    const outOfOrder = (b: SipBinding | undefined) =>
      b !== undefined && b.callId === callId && cseq <= b.cseq;
    if (request.contactWildcard) {
      if (this.#store.contactsOf(extension).some(outOfOrder)) return answer(400, 'Invalid CSeq number');
      this.#store.removeAll(extension);
      return this.#ok(extension, now);
    }
    const { minExpires, maxExpires, defaultExpires } = this.#policy;
    const plan: Planned[] = [];
    for (const contact of request.contacts) {
      const asked = contact.expires ?? request.expires ?? defaultExpires;
      if (asked > 0 && asked < minExpires) {
        return answer(423, 'Interval Too Brief', [{ name: 'Min-Expires', value: String(minExpires) }]);
      }
      const existing = this.#store.find(extension, contact.uri);
      if (outOfOrder(existing)) return answer(400, 'Invalid CSeq number');
      plan.push({ contact, expires: Math.min(asked, maxExpires), existing });
    }
    const current = this.#store.contactsOf(extension).length;
    const added = plan.filter((p) => !p.existing && p.expires > 0).length;
    const removed = plan.filter((p) => p.existing && p.expires === 0).length;
    if (added > 0 && current + added - removed > this.#policy.maxContacts) {
      return answer(403, 'Too Many Contacts');
    }
    const userAgent = headerValue(request, 'User-Agent');
    for (const p of plan) {
      if (p.expires === 0) {
        this.#store.remove(extension, p.contact.uri);
        continue;
      }
      this.#store.put({
        extension,
        contact: withoutExpires(p.contact),
        callId,
        cseq,
        expiresAt: now + p.expires * 1000,
        registeredAt: p.existing?.registeredAt ?? now,
        source,
        userAgent,
      });
    }
    return this.#ok(extension, now);
  }

  #ok(extension: string, now: number): RegistrarAnswer {
    const headers: SipHeader[] = this.#store.contactsOf(extension).map((b) => ({
      name: 'Contact',
      value: formatNameAddr({
        ...b.contact,
        params: [
          ...b.contact.params,
          { name: 'expires', value: String(Math.max(0, Math.round((b.expiresAt - now) / 1000))) },
        ],
      }),
    }));
    headers.push({ name: 'Date', value: new Date(now).toUTCString() });
    return answer(200, 'OK', headers);
  }
}
