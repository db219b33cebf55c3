// Events are data: what a contact operation changed, for the engine to publish and for the
// telephony side to act on (ring a leg, bridge, hold, play DTMF, start recording …).
// Two kinds: *action* events say what was done and why (emitted by the operation), *state*
// events say which field changed (derived from the before/after diff in contact-change.ts, so a
// state change can never go unannounced).
import type { AgentId, ContactId, LegId, Millis, QueueId } from '../ids.ts';
import type {
  AttachedData,
  ContactDirection,
  ContactOutcome,
  ContactPhase,
  Disposition,
  Leg,
  LegState,
  RecordingState,
  Target,
} from './contact.ts';
import type { LegRole } from './leg-roles.ts';

export type OfferWithdrawReason = 'withdrawn' | 'no_answer';
export type TransferMode = 'blind' | 'consult' | 'conference_left';
export type ConsultEndReason =
  | 'cancelled'
  | 'retrieved'
  | 'target_ended'
  | 'transferred'
  | 'conferenced'
  | 'call_ended';

export type ContactActionEvent =
  | {
      readonly type: 'created';
      readonly direction: ContactDirection;
      readonly customerNumber: string;
      readonly dialedNumber: string;
    }
  | {
      readonly type: 'offerWithdrawn';
      readonly agentId: AgentId;
      readonly legId: LegId;
      readonly reason: OfferWithdrawReason;
    }
  | {
      readonly type: 'transferred';
      readonly target: Target;
      readonly byAgentId: AgentId;
      readonly mode: TransferMode;
      /** The leg the customer is now bridged to; null for a transfer to a queue. */
      readonly toLegId: LegId | null;
    }
  | {
      readonly type: 'consultStarted';
      readonly target: Target;
      readonly legId: LegId;
      readonly byAgentId: AgentId;
    }
  | { readonly type: 'consultEnded'; readonly legId: LegId; readonly reason: ConsultEndReason }
  | { readonly type: 'dtmf'; readonly legId: LegId; readonly digits: string };

export type ContactStateEvent =
  | { readonly type: 'phaseChanged'; readonly from: ContactPhase; readonly to: ContactPhase }
  | { readonly type: 'ended'; readonly outcome: ContactOutcome }
  | { readonly type: 'queueChanged'; readonly from: QueueId | null; readonly to: QueueId | null }
  | { readonly type: 'agentChanged'; readonly from: AgentId | null; readonly to: AgentId | null }
  | { readonly type: 'legAdded'; readonly leg: Leg }
  | {
      readonly type: 'legStateChanged';
      readonly legId: LegId;
      readonly from: LegState;
      readonly to: LegState;
    }
  | { readonly type: 'legRoleChanged'; readonly legId: LegId; readonly from: LegRole; readonly to: LegRole }
  | { readonly type: 'legMuteChanged'; readonly legId: LegId; readonly muted: boolean }
  | { readonly type: 'holdChanged'; readonly onHold: boolean }
  | { readonly type: 'recordingChanged'; readonly from: RecordingState; readonly to: RecordingState }
  | { readonly type: 'conferenceChanged'; readonly conference: boolean }
  | { readonly type: 'attachedDataChanged'; readonly set: AttachedData; readonly removed: readonly string[] }
  | { readonly type: 'dispositionChanged'; readonly disposition: Disposition | null };

export type ContactEventBody = ContactActionEvent | ContactStateEvent;

/** Every event names its contact and the time of the operation that produced it. */
export type ContactEvent = { readonly contactId: ContactId; readonly at: Millis } & ContactEventBody;
export type ContactEventType = ContactEvent['type'];
