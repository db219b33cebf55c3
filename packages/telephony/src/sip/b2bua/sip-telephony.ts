// Switchboard's `sip` Telephony: a back-to-back user agent on the SIP stack. Calls come in from
// trunks (TrunkDirectory) and become contacts (TelephonySink.inboundCall); the caller hears
// ringing (180: there is no media server to play anything) while the engine queues it; offers
// ring every registered contact of the agent's extension; the first answer is bridged to the
// caller with the SDP passed through (direct media). The engine's call control becomes
// re-INVITEs, INFOs, CANCELs and BYEs; see call-flows.ts and call-media.ts. Every confirmed leg
// is in the DialogStore, so after a crash `recoverDialogs` ends the calls nobody runs any more.
import type { AgentId, ContactId } from '@switchboard/core';
import type { CallTarget, DialRequest, OfferRequest, Telephony, TelephonySink } from '@switchboard/engine';
import type { HangupReason } from '@switchboard/engine';
import type { SipRequest } from '../message.ts';
import type { RegistrationStore } from '../registration-store.ts';
import type { SipServerTransaction } from '../server-transaction.ts';
import { SipService, type SipServiceOptions } from '../sip-service.ts';
import { type B2buaCall, newCall } from './b2bua-call.ts';
import { CallFlows, type CallFlowsContext } from './call-flows.ts';
import { DialFlow } from './dial-flow.ts';
import { holdCustomer, resumeCustomer } from './call-media.ts';
import { callerOf } from './caller-identity.ts';
import { type DialogRecord, type DialogStore, InMemoryDialogStore } from './dialog-store.ts';
import { dialogKey } from './dialog-state.ts';
import { endDialogs, type RecoveryReport } from './dialog-recovery.ts';
import { DTMF_RELAY_TYPE, dtmfDigits, formatDtmfRelay } from './dtmf-relay.ts';
import { DtmfInfoFront } from './dtmf-info-front.ts';
import { buildLegContext, type LegContext } from './leg-context.ts';
import { endConsultation, joinConference } from './consult-legs.ts';
import { PartyLegs } from './party-legs.ts';
import { DEFAULT_RETRY_AFTER_S, releaseSignalOf } from './release-signals.ts';
import { SipLeg } from './sip-leg.ts';
import type { TrunkDirectory } from './trunk-directory.ts';

export interface SipTelephonyOptions extends Omit<SipServiceOptions, 'onRequest' | 'user'> {
  /** The registrar's bindings: where agents' phones are. */
  readonly registrations: RegistrationStore;
  readonly trunks: TrunkDirectory;
  readonly dialogStore?: DialogStore;
  /** In-dialog OPTIONS on every confirmed leg this often (ms); 0 = none. Default 30 s. */
  readonly keepaliveMs?: number;
  /** Direction the customer gets on hold; default sendonly (RFC 3264 §8.4). */
  readonly holdDirection?: 'sendonly' | 'inactive';
  /** Retry-After (s) of the 503 a waiting caller gets when the server stops; default 30. */
  readonly retryAfterSeconds?: number;
  /** Random text for tags, Call-IDs and branches. */
  readonly randomToken?: () => string;
}

export class SipTelephony implements Telephony {
  readonly service: SipService;
  readonly dialogStore: DialogStore;
  readonly #options: SipTelephonyOptions;
  readonly #calls = new Map<string, B2buaCall>();
  readonly #dialogs = new Map<string, SipLeg>();
  readonly #ctx: LegContext;
  readonly #flows: CallFlows;
  readonly #dial: DialFlow;
  #sink: TelephonySink | null = null;
  /** The contact being admitted by inboundCall, and what the engine asked for it meanwhile. */
  #admitting: { hangups: Map<string, HangupReason>; offers: OfferRequest[] } | null = null;
  /** Calls admitted from trunks, INVITEs refused (no trunk), re-INVITEs sent and how they went. */
  readonly stats = { inbound: 0, refused: 0, reinvitesSent: 0, reinvitesAccepted: 0, reinvitesRefused: 0 };

  private constructor(options: SipTelephonyOptions, service: SipService) {
    this.#options = options;
    this.service = service;
    this.dialogStore = options.dialogStore ?? new InMemoryDialogStore();
    this.#ctx = buildLegContext(service, {
      clock: options.clock,
      timers: options.timers,
      advertisedHost: options.listen?.advertisedHost,
      randomToken: options.randomToken,
      store: this.dialogStore,
      keepaliveMs: options.keepaliveMs ?? 30_000,
      dialogs: this.#dialogs,
      counters: this.stats,
    });
    const flowsContext: CallFlowsContext = {
      clock: options.clock,
      parties: new PartyLegs(this.#ctx, options.registrations, options.trunks),
      host: this.#ctx.host,
      token: this.#ctx.token,
      sink: () => this.#requireSink(),
      forget: (call) => this.#calls.delete(call.contactId),
    };
    this.#flows = new CallFlows(flowsContext);
    this.#dial = new DialFlow(flowsContext, this.#flows);
  }
  /** Starts the SIP side (transports, transactions, registrar) with the B2BUA as its user. */
  static async start(options: SipTelephonyOptions): Promise<SipTelephony> {
    let telephony: SipTelephony | undefined;
    const service = await SipService.start({
      ...options,
      onRequest: (tx) => telephony?.handleRequest(tx),
      user: {
        onAck: (ack) => telephony?.legOf(ack.callId, ack.to.tag)?.receiveAck(ack),
        onCancel: (invite) => telephony?.legOf(invite.request.callId, invite.localTag)?.receiveCancel(),
      },
    });
    telephony = new SipTelephony(options, service);
    const front = telephony;
    service.transportLayer.setReceiver(
      new DtmfInfoFront(service.transactions, service.transportLayer, (callId, tag) =>
        front.legOf(callId, tag),
      ),
    );
    return telephony;
  }

  attach(sink: TelephonySink): void {
    this.#sink = sink;
  }

  get activeCalls(): number {
    return this.#calls.size;
  }

  get activeDialogs(): number {
    return this.#dialogs.size;
  }

  async close(): Promise<void> {
    await this.service.close();
  }

  // ---- SIP side ------------------------------------------------------------------------------

  /** The leg of the dialog with this Call-ID and our tag. */
  legOf(callId: string, localTag: string | undefined): SipLeg | undefined {
    return localTag === undefined ? undefined : this.#dialogs.get(dialogKey(callId, localTag));
  }

  /** A request the SIP service passes on (not REGISTER, OPTIONS, ACK or CANCEL). */
  handleRequest(tx: SipServerTransaction): void {
    const request = tx.request;
    if (request.to.tag !== undefined) {
      const leg = this.#dialogs.get(dialogKey(request.callId, request.to.tag));
      if (leg) leg.receive(tx);
      else tx.reply(481, 'Call/Transaction Does Not Exist');
    } else if (request.method === 'INVITE') this.#inbound(tx, request);
    else if (request.method === 'BYE' || request.method === 'INFO')
      tx.reply(481, 'Call/Transaction Does Not Exist');
    else
      tx.reply(405, 'Method Not Allowed', {
        headers: [{ name: 'Allow', value: 'INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REGISTER' }],
      });
  }

  #inbound(tx: SipServerTransaction, request: SipRequest): void {
    const admission = this.#options.trunks.admit(request, tx.source, this.#options.clock.now());
    if (admission.kind === 'refused') {
      this.stats.refused++;
      tx.reply(403, 'Forbidden');
      return;
    }
    if (admission.kind === 'challenge') {
      tx.reply(407, 'Proxy Authentication Required', { headers: admission.headers });
      return;
    }
    const caller = callerOf(request);
    this.#admitting = { hangups: new Map(), offers: [] };
    // The engine may end or offer the contact before it has returned its id: #admitting keeps that.
    const contactId = this.#requireSink().inboundCall(caller);
    const admitting = this.#admitting;
    this.#admitting = null;
    if (contactId === null) {
      tx.reply(404, 'Not Found');
      return;
    }
    const refusal = admitting.hangups.get(contactId);
    if (refusal !== undefined) {
      // Released before it rang (full queue, join-empty, dial-plan hang-up): the reason's answer.
      const signal = this.#signal(refusal);
      tx.reply(signal.status, signal.phrase, { headers: signal.responseHeaders });
      return;
    }
    this.stats.inbound++;
    const call = newCall(contactId, 'inbound', caller.customerNumber);
    const leg = SipLeg.incoming(this.#ctx, tx, 'customer', contactId);
    leg.events = this.#flows.customerEvents(call);
    call.customer = leg;
    this.#calls.set(contactId, call);
    leg.ring();
    for (const offer of admitting.offers) if (offer.contactId === contactId) this.offer(offer);
  }

  // ---- the Telephony port --------------------------------------------------------------------

  offer(request: OfferRequest): void {
    const call = this.#calls.get(request.contactId);
    if (call === undefined && this.#admitting !== null) {
      // Offered before inboundCall returned its id: placed once the caller's leg exists.
      this.#admitting.offers.push(request);
      return;
    }
    if (call === undefined || call.ended) return;
    this.#flows.offer(call, request.agentId, request.extension);
  }

  /** A SIP phone cannot be picked up from the desktop (no uaCSTA here): the engine says so. */
  answerRemotely(_contactId: ContactId, _agentId: AgentId): boolean {
    return false;
  }

  cancelOffer(contactId: ContactId, agentId: AgentId): void {
    const call = this.#calls.get(contactId);
    const legs = call?.agentLegs.get(agentId);
    if (call === undefined || legs === undefined) return;
    call.agentLegs.delete(agentId);
    for (const leg of legs) {
      if (leg === call.bridged) call.bridged = null;
      leg.end();
    }
  }

  /** The caller hears why (release-signals.ts): a final response while unanswered, else a BYE's Reason. */
  hangup(contactId: ContactId, reason: HangupReason): void {
    const call = this.#calls.get(contactId);
    if (call !== undefined) this.#flows.finish(call, () => {}, this.#signal(reason));
    // Ended before inboundCall returned its id (a full queue refuses at once): answered in #inbound.
    else this.#admitting?.hangups.set(contactId, reason);
  }

  releaseAgent(contactId: ContactId, agentId: AgentId): void {
    const call = this.#calls.get(contactId);
    if (call === undefined) return;
    const legs = call.agentLegs.get(agentId) ?? [];
    call.agentLegs.delete(agentId);
    for (const leg of legs) {
      if (leg === call.bridged) call.bridged = null;
      leg.end();
    }
    // A consultation completed as a transfer: the consulted party takes the customer.
    if (call.consult !== null) this.#flows.completeTransfer(call);
  }

  hold(contactId: ContactId): void {
    const call = this.#calls.get(contactId);
    if (call !== undefined) holdCustomer(call, this.#options.holdDirection ?? 'sendonly');
  }

  resume(contactId: ContactId): void {
    const call = this.#calls.get(contactId);
    if (call !== undefined) resumeCustomer(call);
  }

  redirect(contactId: ContactId, target: CallTarget): void {
    const call = this.#calls.get(contactId);
    if (call !== undefined) this.#flows.redirect(call, target);
  }

  consult(contactId: ContactId, _agentId: AgentId, target: CallTarget): void {
    const call = this.#calls.get(contactId);
    if (call === undefined) return;
    holdCustomer(call, this.#options.holdDirection ?? 'sendonly');
    this.#flows.consult(call, target);
  }

  endConsult(contactId: ContactId): void {
    const call = this.#calls.get(contactId);
    if (call !== undefined) endConsultation(call);
  }

  /** Three parties without a mixer (consult-legs.ts): the consulted party stays in the signalling. */
  conference(contactId: ContactId): void {
    const call = this.#calls.get(contactId);
    if (call !== undefined) joinConference(call);
  }

  sendDtmf(contactId: ContactId, digits: string): void {
    const customer = this.#calls.get(contactId)?.customer;
    for (const digit of dtmfDigits(digits)) customer?.info(DTMF_RELAY_TYPE, formatDtmfRelay(digit));
  }

  dial(request: DialRequest): void {
    const call = newCall(request.contactId, 'outbound', request.number);
    this.#calls.set(request.contactId, call);
    const trunk = this.#options.trunks.outboundTrunk();
    const callerId = request.callerId ?? trunk?.callerId ?? request.extension ?? 'anonymous';
    this.#dial.dial(call, request.agentId, request.extension, request.number, callerId);
  }

  // ---- after a crash -------------------------------------------------------------------------

  /** Ends every recorded dialog with a BYE (both legs of each call) and forgets the records. */
  recoverDialogs(records: readonly DialogRecord[] = this.dialogStore.all()): Promise<RecoveryReport> {
    return endDialogs(this.#ctx, records);
  }

  #signal(reason: HangupReason) {
    return releaseSignalOf(reason, this.#options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_S);
  }

  #requireSink(): TelephonySink {
    if (this.#sink === null) throw new Error('SipTelephony used before the engine attached to it');
    return this.#sink;
  }
}
