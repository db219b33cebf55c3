// One leg of a bridged call: a dialog with one party (the trunk's caller, an agent phone, a
// transfer or consult target), as UAS (the INVITE came in) or UAC (we sent it). It owns the
// dialog's signalling - provisional and final answers, the ACK for a 2xx and its retransmissions,
// CANCEL, BYE, re-INVITE, INFO, in-dialog OPTIONS keepalive - and tells the call what the remote
// party did through LegEvents. The call decides what that means for the other legs.
import type { SipRequest, SipResponse } from '../message.ts';
import type { SipServerTransaction } from '../server-transaction.ts';
import type { SipTarget } from '../sip-transport.ts';
import { type DialogState, dialogKey, uasDialog } from './dialog-state.ts';
import { type LegRole, recordOf } from './dialog-store.ts';
import { type LegEvents, type LegState, type OutgoingLegOptions, sdpOf } from './leg-events.ts';
import { UacInvite } from './uac-invite.ts';
import { readDtmfRelay } from './dtmf-relay.ts';
import type { LegContext } from './leg-context.ts';
import { readOrigin, type SdpOrigin, withOrigin } from './sdp-text.ts';
import { InDialogRequests, okResponse } from './in-dialog-requests.ts';
import type { ReleaseSignal } from './release-signals.ts';

export class SipLeg {
  readonly key: string;
  readonly role: LegRole;
  readonly contactId: string;
  readonly agentId: string | null;
  readonly dialog: DialogState;
  readonly isUas: boolean;
  events: LegEvents = {};
  /** The last SDP the remote party sent (its offer or answer). */
  remoteSdp: string | undefined;
  /** The last SDP we sent to it. */
  localSdp: string | undefined;
  readonly #ctx: LegContext;
  #state: LegState;
  /** Set when we ended the leg: its failures and answers are no news for the call any more. */
  #endedLocally = false;
  #origin: SdpOrigin | undefined;
  readonly #inviteTx: SipServerTransaction | undefined;
  readonly #uac: UacInvite | undefined;
  readonly requests: InDialogRequests;
  #lastDtmfCseq = -1;

  private constructor(
    ctx: LegContext,
    init: {
      role: LegRole;
      contactId: string;
      agentId: string | null;
      dialog: DialogState;
      inviteTx?: SipServerTransaction;
      outgoing?: OutgoingLegOptions;
    },
  ) {
    this.#ctx = ctx;
    this.role = init.role;
    this.contactId = init.contactId;
    this.agentId = init.agentId;
    this.dialog = init.dialog;
    this.key = dialogKey(init.dialog.callId, init.dialog.localTag);
    this.isUas = init.inviteTx !== undefined;
    this.#inviteTx = init.inviteTx;
    this.#state = this.isUas ? 'early' : 'calling';
    this.requests = new InDialogRequests(ctx, this.dialog, {
      onCseq: () => this.#persist(),
      onDead: () => this.#remoteGone(),
    });
    ctx.index(this.key, this);
    this.#uac = init.outgoing === undefined ? undefined : new UacInvite(ctx, this, init.outgoing);
  }

  /** The leg of an INVITE that came in (the trunk's caller). */
  static incoming(ctx: LegContext, tx: SipServerTransaction, role: LegRole, contactId: string): SipLeg {
    const flow: SipTarget = { ...tx.source };
    const leg = new SipLeg(ctx, {
      role,
      contactId,
      agentId: null,
      dialog: uasDialog(tx.request, tx.localTag, flow),
      inviteTx: tx,
    });
    leg.remoteSdp = sdpOf(tx.request);
    leg.dialog.localCseq = 1;
    return leg;
  }

  /** Sends an INVITE to a party and returns its leg (state 'calling'). */
  static outgoing(ctx: LegContext, options: OutgoingLegOptions): SipLeg {
    const dialog: DialogState = {
      callId: `${ctx.token()}@${ctx.host}`,
      localTag: ctx.token(),
      remoteTag: undefined,
      localAddress: '',
      remoteAddress: options.to,
      remoteTarget: options.requestUri,
      routeSet: [],
      localCseq: 1,
      flow: options.flow,
    };
    const withTag = { ...dialog, localAddress: `${options.from};tag=${dialog.localTag}` };
    const leg = new SipLeg(ctx, {
      role: options.role,
      contactId: options.contactId,
      agentId: options.agentId,
      dialog: withTag,
      outgoing: options,
    });
    leg.#uac?.start();
    return leg;
  }

  get state(): LegState {
    return this.#state;
  }

  get live(): boolean {
    return this.#state !== 'ended';
  }

  get answered(): boolean {
    return this.#state === 'confirmed';
  }

  /** The SDP to send this party: its first origin kept, the version one up each time (RFC 3264 §8). */
  shapeSdp(sdp: string): string {
    const origin = readOrigin(sdp);
    if (origin === undefined) return sdp;
    this.#origin =
      this.#origin === undefined ? origin : { ...this.#origin, version: this.#origin.version + 1n };
    const shaped = withOrigin(sdp, this.#origin);
    this.localSdp = shaped;
    return shaped;
  }

  // ---- UAS side ------------------------------------------------------------------------------

  /** 180 Ringing to the caller (no media server: nothing to play, the caller's phone rings back). */
  ring(): void {
    this.#inviteTx?.reply(180, 'Ringing', {
      headers: [{ name: 'Contact', value: this.#ctx.contact(this.dialog.flow.transport) }],
    });
  }

  /** 200 with our SDP to the INVITE that came in; retransmitted until the ACK (§13.3.1.4). */
  answer(sdp: string | undefined): void {
    const tx = this.#inviteTx;
    if (tx === undefined || this.#state !== 'early') return;
    const body = sdp === undefined ? undefined : this.shapeSdp(sdp);
    const response = okResponse(
      tx.request,
      this.dialog.localTag,
      this.#ctx.contact(this.dialog.flow.transport),
      body,
    );
    this.#state = 'confirmed';
    this.requests.send2xx(tx, response);
    this.#confirmed();
  }

  /** Answers a re-INVITE of the remote party with our SDP. */
  acceptReinvite(tx: SipServerTransaction, sdp: string | undefined): void {
    const body = sdp === undefined ? this.localSdp : this.shapeSdp(sdp);
    this.requests.send2xx(
      tx,
      okResponse(tx.request, this.dialog.localTag, this.#ctx.contact(this.dialog.flow.transport), body),
    );
  }

  /** A final refusal of the INVITE that came in (the leg ends, no event). */
  reject(status: number, reason: string): void {
    if (!this.isUas || this.#state !== 'early') return;
    this.#inviteTx?.reply(status, reason);
    this.#finish(true);
  }

  // ---- both sides ----------------------------------------------------------------------------

  // Ends the leg from our side as its state requires: BYE to a confirmed dialog (the signal's Reason),
  // CANCEL to an INVITE we sent (§9.1), the signal's final response (487 without) to one that came in.
  end(signal?: ReleaseSignal): void {
    if (this.#state === 'ended') return;
    if (this.#state === 'confirmed') this.requests.bye(signal?.byeHeaders);
    else if (!this.isUas) this.#uac?.cancel();
    else if (signal === undefined) this.#inviteTx?.reply(487, 'Request Terminated');
    else this.#inviteTx?.reply(signal.status, signal.phrase, { headers: signal.responseHeaders });
    this.#finish(true);
  }

  /** Re-INVITE with this SDP (origin shaped); resolves with the party's answer, undefined on failure. */
  reinvite(sdp: string): Promise<string | undefined> {
    if (this.#state !== 'confirmed') return Promise.resolve(undefined);
    return this.requests.reinvite(() => this.shapeSdp(sdp));
  }

  info(contentType: string, body: string): void {
    if (this.#state === 'confirmed') this.requests.info(contentType, body);
  }

  /** An in-dialog request from the remote party (not ACK, not CANCEL). */
  receive(tx: SipServerTransaction): void {
    const method = tx.request.method;
    if (this.#state === 'ended') {
      tx.reply(481, 'Call/Transaction Does Not Exist');
      return;
    }
    if (method === 'BYE') {
      tx.reply(200, 'OK');
      this.#remoteGone();
    } else if (method === 'INVITE') {
      const sdp = sdpOf(tx.request);
      if (sdp !== undefined) this.remoteSdp = sdp;
      if (this.events.onReinvite) this.events.onReinvite(this, tx, sdp);
      else this.acceptReinvite(tx, undefined);
    } else if (method === 'INFO') {
      // Other INFO packages (media control, ...) are acknowledged and ignored.
      tx.reply(200, 'OK');
    } else if (method === 'UPDATE' && tx.request.body.length === 0) {
      tx.reply(200, 'OK');
    } else tx.reply(501, 'Not Implemented');
  }

  /** A dtmf-relay INFO (answered by DtmfInfoFront); copies with a CSeq already seen are ignored. */
  receiveDtmf(cseq: number, body: string): void {
    if (this.#state !== 'confirmed' || cseq <= this.#lastDtmfCseq) return;
    this.#lastDtmfCseq = cseq;
    const digit = readDtmfRelay(body);
    if (digit !== undefined) this.events.onDtmf?.(this, digit, body);
  }

  receiveAck(ack: SipRequest): void {
    this.requests.ackReceived(ack.cseq.seq);
  }

  /** CANCEL of the INVITE that came in (the transaction layer has answered the CANCEL 200). */
  receiveCancel(): void {
    if (!this.isUas || this.#state !== 'early') return;
    this.#inviteTx?.reply(487, 'Request Terminated');
    this.#remoteGone();
  }

  // ---- called by UacInvite -------------------------------------------------------------------

  /** @internal The first 2xx made the dialog. */
  uacConfirmed(response: SipResponse): void {
    if (this.#endedLocally) {
      // Our CANCEL crossed the 200: the call no longer wants this leg.
      this.requests.bye();
      this.#ctx.unindex(this.key);
      return;
    }
    this.remoteSdp = sdpOf(response);
    this.#state = 'confirmed';
    this.#confirmed();
    this.events.onAnswered?.(this);
  }

  /** @internal A provisional answer with a tag: early. */
  uacEarly(): void {
    if (this.#state === 'calling') this.#state = 'early';
  }

  /** @internal The INVITE failed (non-2xx, timeout, transport). */
  uacFailed(status: number, reason: string): void {
    if (this.#state === 'ended') {
      this.#ctx.unindex(this.key);
      return;
    }
    const wanted = !this.#endedLocally;
    this.#finish(!wanted);
    if (wanted) this.events.onFailed?.(this, status, reason);
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  #confirmed(): void {
    this.#persist();
    this.requests.keepAlive(this.#ctx.keepaliveMs);
  }

  #remoteGone(): void {
    if (this.#state === 'ended') return;
    this.#finish(false);
    this.events.onEnded?.(this);
  }

  #finish(local: boolean): void {
    if (local) this.#endedLocally = true;
    if (this.#state === 'ended') return;
    const wasCancelWait = !this.isUas && this.#state !== 'confirmed' && local;
    this.#state = 'ended';
    this.requests.stop();
    this.#ctx.store.remove(this.key);
    // A UAC leg we cancel stays indexed until its INVITE ends: a 200 crossing the CANCEL still
    // finds it (UacInvite unindexes it then).
    if (!wasCancelWait) this.#ctx.unindex(this.key);
  }

  #persist(): void {
    if (this.#state !== 'confirmed') return;
    this.#ctx.store.save(recordOf(this, this.dialog));
  }
}
