// Routes that read the live contact center: agent states, contacts in progress, live statistics,
// statistics per interval and the queue log. What the WebSocket pushes, a REST client can poll.
import Type from 'typebox';
import { AgentStateViewSchema } from '../wire/agent-schemas.ts';
import { ContactSchema } from '../wire/contact-schemas.ts';
import { QueueLogEntrySchema } from '../wire/queue-log-schemas.ts';
import { count, id, inputId, open } from '../wire/schema-builders.ts';
import {
  AgentIntervalStatsSchema,
  AgentStatsSchema,
  QueueIntervalStatsSchema,
  QueueSnapshotSchema,
  QueueStatsSchema,
  WaitEstimateSchema,
} from '../wire/stats-schemas.ts';
import {
  API_PREFIX,
  defineRoute,
  listOf,
  pageOf,
  pageQueryFields,
  params,
  rangeQueryFields,
} from './route.ts';

const none = { params: null, query: null, body: null } as const;
const agentId = params({ agentId: inputId() });
const queueId = params({ queueId: inputId() });
const contactId = params({ contactId: inputId() });

export const MIN_INTERVAL_MS = 60_000;
export const MAX_INTERVAL_MS = 86_400_000;
export const DEFAULT_INTERVAL_MS = 900_000;

const intervalQuery = params({
  ...rangeQueryFields,
  intervalMs: Type.Optional(
    count({
      minimum: MIN_INTERVAL_MS,
      maximum: MAX_INTERVAL_MS,
      multipleOf: MIN_INTERVAL_MS,
      description: `Bucket length, whole minutes; default ${DEFAULT_INTERVAL_MS} (15 min), buckets aligned to UTC.`,
    }),
  ),
});

export const LIVE_ROUTES = {
  listAgentStates: defineRoute({
    ...none,
    method: 'GET',
    path: `${API_PREFIX}/agent-states`,
    summary: 'The live state of every agent the caller may see, with the actions allowed now.',
    tag: 'agents',
    role: 'supervisor',
    response: listOf(AgentStateViewSchema, { title: 'AgentStateList' }),
    status: 200,
    errors: [],
  }),
  getAgentState: defineRoute({
    ...none,
    method: 'GET',
    path: `${API_PREFIX}/agents/{agentId}/state`,
    summary: "An agent's live state and the actions allowed now.",
    tag: 'agents',
    role: 'agent',
    params: agentId,
    response: AgentStateViewSchema,
    status: 200,
    errors: ['unknown_agent'],
  }),
  listContacts: defineRoute({
    ...none,
    method: 'GET',
    path: `${API_PREFIX}/contacts`,
    summary: 'Contacts in progress, optionally of one queue or one agent.',
    tag: 'contacts',
    role: 'supervisor',
    query: params({ queueId: Type.Optional(inputId()), agentId: Type.Optional(inputId()) }),
    response: listOf(ContactSchema, { title: 'ContactList' }),
    status: 200,
    errors: [],
  }),
  getContact: defineRoute({
    ...none,
    method: 'GET',
    path: `${API_PREFIX}/contacts/{contactId}`,
    summary: 'A contact in progress (an agent sees the contacts it handles).',
    tag: 'contacts',
    role: 'agent',
    params: contactId,
    response: ContactSchema,
    status: 200,
    errors: ['unknown_contact'],
  }),
  getWaitEstimate: defineRoute({
    ...none,
    method: 'GET',
    path: `${API_PREFIX}/contacts/{contactId}/wait-estimate`,
    summary: 'Position and estimated wait of a waiting contact.',
    tag: 'contacts',
    role: 'supervisor',
    params: contactId,
    response: WaitEstimateSchema,
    status: 200,
    errors: ['unknown_contact', 'conflict'],
  }),
  listQueueStats: defineRoute({
    ...none,
    method: 'GET',
    path: `${API_PREFIX}/stats/queues`,
    summary: 'Live statistics of every queue the caller may see.',
    tag: 'statistics',
    role: 'supervisor',
    response: listOf(QueueSnapshotSchema, { title: 'QueueSnapshotList' }),
    status: 200,
    errors: [],
  }),
  getQueueStats: defineRoute({
    ...none,
    method: 'GET',
    path: `${API_PREFIX}/queues/{queueId}/stats`,
    summary: "A queue's live statistics: totals, waiting, longest wait, agents by state, EWT.",
    tag: 'statistics',
    role: 'supervisor',
    params: queueId,
    response: QueueSnapshotSchema,
    status: 200,
    errors: ['unknown_queue'],
  }),
  getQueueIntervalStats: defineRoute({
    ...none,
    method: 'GET',
    path: `${API_PREFIX}/queues/{queueId}/stats/intervals`,
    summary: "A queue's statistics per interval over [from, to), and their total.",
    tag: 'statistics',
    role: 'supervisor',
    params: queueId,
    query: intervalQuery,
    response: open(
      {
        queueId: id(),
        intervalMs: count(),
        items: Type.Array(QueueIntervalStatsSchema),
        total: QueueStatsSchema,
      },
      { title: 'QueueIntervalReport' },
    ),
    status: 200,
    errors: ['unknown_queue'],
  }),
  listAgentStats: defineRoute({
    ...none,
    method: 'GET',
    path: `${API_PREFIX}/stats/agents`,
    summary: 'Live statistics of every agent the caller may see.',
    tag: 'statistics',
    role: 'supervisor',
    response: listOf(AgentStatsSchema, { title: 'AgentStatsList' }),
    status: 200,
    errors: [],
  }),
  getAgentStats: defineRoute({
    ...none,
    method: 'GET',
    path: `${API_PREFIX}/agents/{agentId}/stats`,
    summary: "An agent's live statistics (time per state, calls, occupancy).",
    tag: 'statistics',
    role: 'agent',
    params: agentId,
    response: AgentStatsSchema,
    status: 200,
    errors: ['unknown_agent'],
  }),
  getAgentIntervalStats: defineRoute({
    ...none,
    method: 'GET',
    path: `${API_PREFIX}/agents/{agentId}/stats/intervals`,
    summary: "An agent's statistics per interval over [from, to).",
    tag: 'statistics',
    role: 'agent',
    params: agentId,
    query: intervalQuery,
    response: open(
      { agentId: id(), intervalMs: count(), items: Type.Array(AgentIntervalStatsSchema) },
      { title: 'AgentIntervalReport' },
    ),
    status: 200,
    errors: ['unknown_agent'],
  }),
  getQueueLog: defineRoute({
    ...none,
    method: 'GET',
    path: `${API_PREFIX}/queues/{queueId}/log`,
    summary: "A queue's log entries over [from, to), oldest first, paged.",
    tag: 'statistics',
    role: 'supervisor',
    params: queueId,
    query: params({ ...rangeQueryFields, ...pageQueryFields }),
    response: pageOf(QueueLogEntrySchema, { title: 'QueueLogPage' }),
    status: 200,
    errors: ['unknown_queue'],
  }),
};
