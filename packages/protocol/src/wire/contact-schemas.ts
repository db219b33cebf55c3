// The contact (interaction) on the wire: phase, legs with roles, attached data as ordered pairs,
// disposition, consultation, recording. Field for field core's Contact; lists copied from core and
// checked equal by the conformance test.
import Type from 'typebox';
import { id, millis, nullable, oneOf, open, pair, type Wire } from './schema-builders.ts';

export const CONTACT_PHASES = ['queued', 'offered', 'connected', 'wrapup', 'done'] as const;
export const CONTACT_DIRECTIONS = ['inbound', 'outbound'] as const;
export const CONTACT_OUTCOMES = [
  'answered',
  'abandoned',
  'timeout',
  'overflowed',
  'refused',
  'interrupted',
  'failed',
  'transferred',
] as const;
export const LEG_STATES = ['ringing', 'up', 'held', 'ended'] as const;
export const RECORDING_STATES = ['off', 'on', 'paused'] as const;
export const LEG_ROLES = [
  'unknown',
  'caller',
  'called',
  'agent',
  'consulting',
  'consulted',
  'transferring',
  'transferred-to',
  'conference-host',
  'conference',
  'monitoring',
  'monitored',
  'barging',
  'barged',
  'intercepting',
  'intercepted',
] as const;
export type ContactPhase = (typeof CONTACT_PHASES)[number];
export type LegRole = (typeof LEG_ROLES)[number];

export const ContactPhaseSchema = oneOf(CONTACT_PHASES, { title: 'ContactPhase' });
export const ContactDirectionSchema = oneOf(CONTACT_DIRECTIONS, { title: 'ContactDirection' });
export const ContactOutcomeSchema = oneOf(CONTACT_OUTCOMES, { title: 'ContactOutcome' });
export const LegStateSchema = oneOf(LEG_STATES, { title: 'LegState' });
export const LegRoleSchema = oneOf(LEG_ROLES, { title: 'LegRole' });
export const RecordingStateSchema = oneOf(RECORDING_STATES, { title: 'RecordingState' });

/** Where a transfer or consultation went (as the server reports it). */
export const TargetSchema = Type.Union(
  [
    open({ kind: Type.Literal('agent'), agentId: id() }),
    open({ kind: Type.Literal('queue'), queueId: id() }),
    open({ kind: Type.Literal('extension'), extension: Type.String() }),
    open({ kind: Type.Literal('external'), number: Type.String() }),
  ],
  { title: 'Target' },
);

export const PartySchema = Type.Union(
  [
    open({ kind: Type.Literal('customer'), number: Type.String() }),
    open({ kind: Type.Literal('agent'), agentId: id() }),
    open({ kind: Type.Literal('extension'), extension: Type.String() }),
    open({ kind: Type.Literal('external'), number: Type.String() }),
  ],
  { title: 'Party', description: 'Who is at the far end of a leg.' },
);

export const LegSchema = open(
  {
    id: id(),
    role: LegRoleSchema,
    party: PartySchema,
    state: LegStateSchema,
    muted: Type.Boolean(),
    startedAt: millis(),
    endedAt: nullable(millis()),
  },
  { title: 'Leg' },
);

/** Ordered [key, value] pairs: an update keeps the key's position, a new key appends. */
export const AttachedDataSchema = Type.Array(pair(Type.String(), Type.String()), {
  title: 'AttachedData',
  description: 'Ordered [key, value] pairs (xuc USR_ variables, CTToolbar CallData, uContact data).',
});
export type AttachedData = Wire<typeof AttachedDataSchema>;

const level = () => nullable(Type.String());

export const DispositionSchema = open(
  {
    level1: level(),
    level2: level(),
    level3: level(),
    code: level(),
    note: level(),
    setBy: nullable(id()),
    setAt: millis(),
  },
  {
    title: 'Disposition',
    description: 'uContact l1/l2/l3 typification or a CTToolbar outcome code, with a free note.',
  },
);

export const ConsultStateSchema = open(
  { target: TargetSchema, legId: id(), byAgentId: id(), byLegId: id(), startedAt: millis() },
  { title: 'ConsultState' },
);

export const ContactSchema = open(
  {
    id: id(),
    direction: ContactDirectionSchema,
    phase: ContactPhaseSchema,
    queueId: nullable(id()),
    priority: Type.Integer(),
    customerNumber: Type.String(),
    dialedNumber: Type.String(),
    arrivedAt: millis(),
    queuedAt: nullable(millis()),
    offeredAt: nullable(millis()),
    offeredTo: nullable(id()),
    connectedAt: nullable(millis()),
    agentId: nullable(id()),
    wrapupAt: nullable(millis()),
    endedAt: nullable(millis()),
    outcome: nullable(ContactOutcomeSchema),
    legs: Type.Array(LegSchema, { description: 'legs[0] is always the customer leg.' }),
    attached: AttachedDataSchema,
    disposition: nullable(DispositionSchema),
    onHold: Type.Boolean(),
    recording: RecordingStateSchema,
    consult: nullable(ConsultStateSchema),
    conference: Type.Boolean(),
    updatedAt: millis(),
  },
  { title: 'Contact' },
);
export type Contact = Wire<typeof ContactSchema>;

/** The one record written per contact when it is done (the CDR of the contact center). */
export const ContactRecordSchema = open(
  {
    contactId: id(),
    direction: ContactDirectionSchema,
    queueId: nullable(id()),
    customerNumber: Type.String(),
    dialedNumber: Type.String(),
    arrivedAt: millis(),
    connectedAt: nullable(millis()),
    endedAt: millis(),
    outcome: ContactOutcomeSchema,
    agentId: nullable(id()),
    agents: Type.Array(id()),
    waitMs: millis(),
    talkMs: millis(),
    holdMs: millis(),
    wrapupMs: millis(),
    attached: AttachedDataSchema,
    disposition: nullable(DispositionSchema),
  },
  { title: 'ContactRecord' },
);
export type ContactRecord = Wire<typeof ContactRecordSchema>;
