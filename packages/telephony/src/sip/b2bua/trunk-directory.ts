// Which trunks may bring calls in, and how calls go out through them. A trunk is recognised by
// the source address of its INVITE, by digest credentials (a 407 challenge answered with
// Proxy-Authorization, RFC 3261 §22.3), or by both when it names both. Anything else is refused
// with 403: Switchboard is no open relay, and agent phones place calls through the engine (dial).
import type { Millis } from '@switchboard/core';
import {
  buildDigestChallenges,
  type DigestServerOptions,
  verifyDigestAuthorization,
} from '../digest-auth.ts';
import type { ServerDigestAlgorithm } from '../digest-auth.ts';
import { headerValue, type SipHeader, type SipRequest } from '../message.ts';
import { NonceCountTracker } from '../nonce-count-tracker.ts';
import type { SipSource, SipTransportName } from '../sip-transport.ts';

export interface SipTrunkOutbound {
  readonly address: string;
  readonly port: number;
  readonly transport: SipTransportName;
  /** Host part of the Request-URI and To; default the address. */
  readonly domain?: string;
}

export interface SipTrunk {
  readonly id: string;
  /** Source IP addresses its calls come from (any port). */
  readonly addresses?: readonly string[];
  /** Credentials it answers a 407 with; with `addresses` too, both must match. */
  readonly credentials?: { readonly username: string; readonly password: string };
  /** Where calls out (external transfer, consult, outbound dial) go. */
  readonly outbound?: SipTrunkOutbound;
  /** Caller id for calls out when the engine gives none. */
  readonly callerId?: string;
}

export type TrunkAdmission =
  | { readonly kind: 'trunk'; readonly trunk: SipTrunk }
  | { readonly kind: 'challenge'; readonly headers: readonly SipHeader[] }
  | { readonly kind: 'refused' };

export interface TrunkDirectoryOptions {
  readonly trunks: readonly SipTrunk[];
  readonly realm?: string;
  readonly nonceSecret?: string;
  readonly nonceLifetimeMs?: number;
  readonly algorithms?: readonly ServerDigestAlgorithm[];
}

export class TrunkDirectory {
  readonly #trunks: readonly SipTrunk[];
  readonly #digest: DigestServerOptions;
  readonly #tracker = new NonceCountTracker({ maxNonces: 10_000 });

  constructor(options: TrunkDirectoryOptions) {
    this.#trunks = options.trunks;
    this.#digest = {
      realm: options.realm ?? 'switchboard',
      secret: options.nonceSecret ?? crypto.randomUUID(),
      nonceLifetimeMs: options.nonceLifetimeMs ?? 300_000,
      algorithms: options.algorithms ?? ['SHA-256', 'MD5'],
    };
  }

  get trunks(): readonly SipTrunk[] {
    return this.#trunks;
  }

  /** The trunk calls out go through: the one named, else the first that has an outbound target. */
  outboundTrunk(id?: string): SipTrunk | undefined {
    return this.#trunks.find((t) => t.outbound !== undefined && (id === undefined || t.id === id));
  }

  admit(request: SipRequest, source: SipSource, now: Millis): TrunkAdmission {
    const byAddress = this.#trunks.filter((t) => t.addresses?.includes(source.address) === true);
    const open = byAddress.find((t) => t.credentials === undefined);
    if (open !== undefined) return { kind: 'trunk', trunk: open };
    // Digest: trunks at this address that also need credentials, or credential-only trunks.
    const candidates = [
      ...byAddress,
      ...this.#trunks.filter((t) => t.credentials !== undefined && (t.addresses ?? []).length === 0),
    ];
    if (candidates.length === 0) return { kind: 'refused' };
    const verdict = verifyDigestAuthorization(this.#digest, {
      header: headerValue(request, 'Proxy-Authorization'),
      method: request.method,
      now,
      lookup: (username) => {
        const trunk = candidates.find((t) => t.credentials?.username === username);
        return trunk?.credentials === undefined ? undefined : { password: trunk.credentials.password };
      },
      tracker: this.#tracker,
    });
    if (verdict.outcome === 'authorized') {
      const trunk = candidates.find((t) => t.credentials?.username === verdict.username);
      if (trunk !== undefined) return { kind: 'trunk', trunk };
    }
    const stale = verdict.outcome === 'challenge' && verdict.stale;
    const values = buildDigestChallenges(this.#digest, now, stale);
    return { kind: 'challenge', headers: values.map((value) => ({ name: 'Proxy-Authenticate', value })) };
  }
}
