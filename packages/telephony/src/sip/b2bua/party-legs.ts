// Places legs toward the parties a call can reach: an extension (every registered contact of it,
// forked), a number through the outbound trunk, or one of our agents (its extension). An agent
// phone is reached on the flow it registered over when that is a connection (TCP, WebSocket) or
// it asked for it (RFC 5626 `ob`), else at the address of its Contact (RFC 3261 §8.1.2).
import type { CallTarget } from '@switchboard/engine';
import { isIP } from 'node:net';
import { hasParam } from '../header-params.ts';
import type { RegistrationStore, SipBinding } from '../registration-store.ts';
import type { SipTarget } from '../sip-transport.ts';
import { formatUri } from '../uri.ts';
import type { LegRole } from './dialog-store.ts';
import type { LegContext } from './leg-context.ts';
import { SipLeg } from './sip-leg.ts';
import type { SipTrunk, TrunkDirectory } from './trunk-directory.ts';

export interface PlaceOptions {
  readonly role: LegRole;
  readonly contactId: string;
  readonly agentId: string | null;
  /** The caller id the called party sees (user part). */
  readonly callerId: string;
  readonly sdp: string | undefined;
}

export function bindingFlow(binding: SipBinding): SipTarget {
  const uri = binding.contact.uri;
  const source: SipTarget = { ...binding.source };
  if (source.connectionId !== undefined || uri.kind !== 'sip' || hasParam(uri.params, 'ob')) return source;
  if (isIP(uri.host.replace(/^\[|\]$/g, '')) === 0) return source;
  return {
    transport: source.transport,
    address: uri.host.replace(/^\[|\]$/g, ''),
    port: uri.port ?? 5060,
  };
}

export class PartyLegs {
  readonly #ctx: LegContext;
  readonly #registrations: RegistrationStore;
  readonly #trunks: TrunkDirectory;

  constructor(ctx: LegContext, registrations: RegistrationStore, trunks: TrunkDirectory) {
    this.#ctx = ctx;
    this.#registrations = registrations;
    this.#trunks = trunks;
  }

  #from(callerId: string): string {
    return `"${callerId.replace(/["\\]/g, '')}" <sip:${encodeURIComponent(callerId)}@${this.#ctx.host}>`;
  }

  /** One leg per registered contact of the extension (none when it is not registered). */
  extension(extension: string, options: PlaceOptions): SipLeg[] {
    return this.#registrations.contactsOf(extension).map((binding) => {
      const uri = formatUri(binding.contact.uri);
      return SipLeg.outgoing(this.#ctx, {
        ...options,
        requestUri: uri,
        flow: bindingFlow(binding),
        from: this.#from(options.callerId),
        to: `<${uri}>`,
      });
    });
  }

  /** A call out through the trunk (none when no trunk has an outbound target). */
  external(number: string, options: PlaceOptions, trunk?: SipTrunk): SipLeg[] {
    const chosen = trunk ?? this.#trunks.outboundTrunk();
    const out = chosen?.outbound;
    if (out === undefined) return [];
    const domain = out.domain ?? out.address;
    const uri = `sip:${encodeURIComponent(number).replace(/%2B/g, '+')}@${domain}`;
    return [
      SipLeg.outgoing(this.#ctx, {
        ...options,
        requestUri: uri,
        flow: { transport: out.transport, address: out.address, port: out.port },
        from: this.#from(options.callerId),
        to: `<${uri}>`,
      }),
    ];
  }

  /** Legs toward a call target of the engine (a queue cannot be called: none). */
  target(target: CallTarget, options: PlaceOptions): SipLeg[] {
    switch (target.kind) {
      case 'agent':
        return target.extension === null
          ? []
          : this.extension(target.extension, { ...options, agentId: target.agentId });
      case 'extension':
        return this.extension(target.extension, options);
      case 'external':
        return this.external(target.number, options);
      case 'queue':
        return [];
    }
  }
}
