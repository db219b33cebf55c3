// The canonical agent state on the wire (DESIGN.md "Agent state"): the state name, since when, why,
// what is pending after the call, and the actions a client may offer now. Field for field the
// shape of core's AgentState; the lists are copies of core's, checked equal by the conformance test.
import Type from 'typebox';
import { id, millis, nullable, oneOf, open, type Wire } from './schema-builders.ts';

export const AGENT_STATE_NAMES = [
  'LoggedOut',
  'Ready',
  'Paused',
  'Ringing',
  'Dialing',
  'OnCall',
  'Wrapup',
] as const;
export type AgentStateName = (typeof AGENT_STATE_NAMES)[number];

export const AGENT_ACTIONS = [
  'login',
  'logout',
  'ready',
  'pause',
  'answer',
  'reject',
  'hangup',
  'hold',
  'resume',
  'dial',
  'transfer',
  'consult',
  'conference',
  'dtmf',
  'record',
  'extendWrapup',
  'endWrapup',
  'endWrapupIntoPause',
  'setDisposition',
] as const;
export type AgentAction = (typeof AGENT_ACTIONS)[number];

export const AgentStateNameSchema = oneOf(AGENT_STATE_NAMES, { title: 'AgentStateName' });
export const AgentActionSchema = oneOf(AGENT_ACTIONS, { title: 'AgentAction' });

export const PendingStateSchema = Type.Union(
  [
    open({ kind: Type.Literal('pause'), reason: Type.String() }),
    open({ kind: Type.Literal('logout') }),
    Type.Null(),
  ],
  {
    title: 'PendingState',
    description: 'A pause or logout asked during a call: it applies when the call and its wrap-up end.',
  },
);

export const AfterCallSchema = Type.Union(
  [
    open({ name: Type.Literal('Ready') }),
    open({ name: Type.Literal('Paused'), reason: Type.String() }),
    Type.Null(),
  ],
  { title: 'AfterCall', description: 'Where the agent goes after the call when nothing is pending.' },
);

export const AgentStateSchema = open(
  {
    agentId: id(),
    name: AgentStateNameSchema,
    since: millis({ description: 'When the current state began (ms since the epoch).' }),
    reason: nullable(Type.String({ description: 'Paused: the pause reason code; otherwise why.' })),
    contactId: nullable(id()),
    onHold: Type.Boolean(),
    wrapupEndsAt: nullable(millis()),
    pending: PendingStateSchema,
    extension: nullable(Type.String()),
    afterCall: AfterCallSchema,
  },
  { title: 'AgentState' },
);
export type AgentState = Wire<typeof AgentStateSchema>;

/** The state with the actions allowed now: what a softphone toolbar renders its buttons from. */
export const AgentStateViewSchema = open(
  { state: AgentStateSchema, actions: Type.Array(AgentActionSchema) },
  { title: 'AgentStateView' },
);
export type AgentStateView = Wire<typeof AgentStateViewSchema>;
