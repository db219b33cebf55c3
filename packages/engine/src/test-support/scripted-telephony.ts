import type { AgentId, ContactId } from '@switchboard/core';
import type {
  CallTarget,
  DialRequest,
  HangupReason,
  OfferRequest,
  Telephony,
  TelephonySink,
} from '../ports/telephony.ts';

/** One request the engine made of the switch, as data. */
export type TelephonyRequest =
  | { readonly kind: 'offer'; readonly contactId: ContactId; readonly agentId: AgentId }
  | { readonly kind: 'cancelOffer'; readonly contactId: ContactId; readonly agentId: AgentId }
  | { readonly kind: 'answer'; readonly contactId: ContactId; readonly agentId: AgentId }
  | { readonly kind: 'hangup'; readonly contactId: ContactId; readonly reason: HangupReason }
  | { readonly kind: 'releaseAgent'; readonly contactId: ContactId; readonly agentId: AgentId }
  | { readonly kind: 'hold' | 'resume' | 'endConsult' | 'conference'; readonly contactId: ContactId }
  | { readonly kind: 'redirect'; readonly contactId: ContactId; readonly target: CallTarget }
  | {
      readonly kind: 'consult';
      readonly contactId: ContactId;
      readonly agentId: AgentId;
      readonly target: CallTarget;
    }
  | { readonly kind: 'dtmf'; readonly contactId: ContactId; readonly digits: string }
  | { readonly kind: 'dial'; readonly request: DialRequest };

/**
 * A switch that does nothing by itself: it records what the engine asks, keeps track of which
 * phones ring for which contact, and leaves every fact (answer, hang-up, …) to the test, which
 * reports it through `sink` (the engine) exactly when it wants. Where SimTelephony draws who
 * answers when, this gives a scenario exact control.
 */
export class ScriptedTelephony implements Telephony {
  readonly requests: TelephonyRequest[] = [];
  /** Phones ringing now, per contact (an offer not yet cancelled, answered or released). */
  readonly ringing = new Map<ContactId, Set<AgentId>>();
  private attached: TelephonySink | null = null;

  get sink(): TelephonySink {
    if (this.attached === null) throw new Error('ScriptedTelephony used before the engine attached to it');
    return this.attached;
  }

  attach(sink: TelephonySink): void {
    this.attached = sink;
  }

  offer(request: OfferRequest): void {
    this.requests.push({ kind: 'offer', contactId: request.contactId, agentId: request.agentId });
    let phones = this.ringing.get(request.contactId);
    if (phones === undefined) {
      phones = new Set();
      this.ringing.set(request.contactId, phones);
    }
    phones.add(request.agentId);
  }

  /** Remote answer from the desktop: recorded, then answered at once as a phone with auto-answer would. */
  answerRemotely(contactId: ContactId, agentId: AgentId): boolean {
    this.requests.push({ kind: 'answer', contactId, agentId });
    if (!this.ringing.get(contactId)?.has(agentId)) return false;
    this.answer(contactId, agentId);
    return true;
  }

  cancelOffer(contactId: ContactId, agentId: AgentId): void {
    this.requests.push({ kind: 'cancelOffer', contactId, agentId });
    this.stopRinging(contactId, agentId);
  }

  hangup(contactId: ContactId, reason: HangupReason): void {
    this.requests.push({ kind: 'hangup', contactId, reason });
    this.ringing.delete(contactId);
  }

  releaseAgent(contactId: ContactId, agentId: AgentId): void {
    this.requests.push({ kind: 'releaseAgent', contactId, agentId });
  }

  hold(contactId: ContactId): void {
    this.requests.push({ kind: 'hold', contactId });
  }

  resume(contactId: ContactId): void {
    this.requests.push({ kind: 'resume', contactId });
  }

  redirect(contactId: ContactId, target: CallTarget): void {
    this.requests.push({ kind: 'redirect', contactId, target });
  }

  consult(contactId: ContactId, agentId: AgentId, target: CallTarget): void {
    this.requests.push({ kind: 'consult', contactId, agentId, target });
  }

  endConsult(contactId: ContactId): void {
    this.requests.push({ kind: 'endConsult', contactId });
  }

  conference(contactId: ContactId): void {
    this.requests.push({ kind: 'conference', contactId });
  }

  sendDtmf(contactId: ContactId, digits: string): void {
    this.requests.push({ kind: 'dtmf', contactId, digits });
  }

  dial(request: DialRequest): void {
    this.requests.push({ kind: 'dial', request });
  }

  /** The test reports that `agentId` picked up: the phone stops ringing, then the engine hears it. */
  answer(contactId: ContactId, agentId: AgentId): void {
    this.stopRinging(contactId, agentId);
    this.sink.agentAnswered(contactId, agentId);
  }

  /** The agents whose phone rings for the contact now, sorted. */
  ringingFor(contactId: ContactId): AgentId[] {
    return [...(this.ringing.get(contactId) ?? [])].sort();
  }

  /** Requests of one kind, in order. */
  requestsOf<K extends TelephonyRequest['kind']>(kind: K): Extract<TelephonyRequest, { kind: K }>[] {
    return this.requests.filter((r): r is Extract<TelephonyRequest, { kind: K }> => r.kind === kind);
  }

  private stopRinging(contactId: ContactId, agentId: AgentId): void {
    const phones = this.ringing.get(contactId);
    phones?.delete(agentId);
    if (phones?.size === 0) this.ringing.delete(contactId);
  }
}
