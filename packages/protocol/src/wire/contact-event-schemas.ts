// What a contact operation changed, as core's ContactEvent: *action* events (what was done and why)
// and *state* events (which field changed). Each names its contact and the time of the operation.
import Type, { type TProperties } from 'typebox';
import {
  AttachedDataSchema,
  ContactDirectionSchema,
  ContactOutcomeSchema,
  ContactPhaseSchema,
  DispositionSchema,
  LegRoleSchema,
  LegSchema,
  LegStateSchema,
  RecordingStateSchema,
  TargetSchema,
} from './contact-schemas.ts';
import { id, millis, nullable, oneOf, open, type Wire } from './schema-builders.ts';

export const OFFER_WITHDRAW_REASONS = ['withdrawn', 'no_answer'] as const;
export const TRANSFER_MODES = ['blind', 'consult', 'conference_left'] as const;
export const CONSULT_END_REASONS = [
  'cancelled',
  'retrieved',
  'target_ended',
  'transferred',
  'conferenced',
  'call_ended',
] as const;

function contactEvent<T extends string, P extends TProperties>(type: T, properties: P) {
  return open({ contactId: id(), at: millis(), type: Type.Literal(type), ...properties });
}

export const ContactEventSchema = Type.Union(
  [
    contactEvent('created', {
      direction: ContactDirectionSchema,
      customerNumber: Type.String(),
      dialedNumber: Type.String(),
    }),
    contactEvent('offerWithdrawn', {
      agentId: id(),
      legId: id(),
      reason: oneOf(OFFER_WITHDRAW_REASONS),
    }),
    contactEvent('transferred', {
      target: TargetSchema,
      byAgentId: id(),
      mode: oneOf(TRANSFER_MODES),
      toLegId: nullable(id()),
    }),
    contactEvent('consultStarted', { target: TargetSchema, legId: id(), byAgentId: id() }),
    contactEvent('consultEnded', { legId: id(), reason: oneOf(CONSULT_END_REASONS) }),
    contactEvent('dtmf', { legId: id(), digits: Type.String() }),
    contactEvent('phaseChanged', { from: ContactPhaseSchema, to: ContactPhaseSchema }),
    contactEvent('ended', { outcome: ContactOutcomeSchema }),
    contactEvent('queueChanged', { from: nullable(id()), to: nullable(id()) }),
    contactEvent('agentChanged', { from: nullable(id()), to: nullable(id()) }),
    contactEvent('legAdded', { leg: LegSchema }),
    contactEvent('legStateChanged', { legId: id(), from: LegStateSchema, to: LegStateSchema }),
    contactEvent('legRoleChanged', { legId: id(), from: LegRoleSchema, to: LegRoleSchema }),
    contactEvent('legMuteChanged', { legId: id(), muted: Type.Boolean() }),
    contactEvent('holdChanged', { onHold: Type.Boolean() }),
    contactEvent('recordingChanged', { from: RecordingStateSchema, to: RecordingStateSchema }),
    contactEvent('conferenceChanged', { conference: Type.Boolean() }),
    contactEvent('attachedDataChanged', { set: AttachedDataSchema, removed: Type.Array(Type.String()) }),
    contactEvent('dispositionChanged', { disposition: nullable(DispositionSchema) }),
  ],
  { title: 'ContactEvent' },
);
export type ContactEvent = Wire<typeof ContactEventSchema>;
export type ContactEventType = ContactEvent['type'];
