// Frames the server sends. `event` and `snapshot` frames carry the session's sequence number
// (1, 2, 3 … with no gap), so a client that reconnects can ask for what it missed; `result`,
// `pong` and `hello` are answers on one connection and carry none.
import Type from 'typebox';
import { AgentStateViewSchema } from '../wire/agent-schemas.ts';
import { ContactSchema } from '../wire/contact-schemas.ts';
import { count, id, millis, nullable, open, type Wire } from '../wire/schema-builders.ts';
import { AgentStatsSchema, QueueSnapshotSchema } from '../wire/stats-schemas.ts';
import { type WireError, WireErrorSchema } from '../wire/wire-error.ts';
import { WireEventSchema, type WireEvent } from './events.ts';
import { type Topic, TopicSchema } from './topics.ts';

export const PROTOCOL_VERSION = 'switchboard.v1';
export const SERVER_FRAME_TYPES = ['hello', 'result', 'event', 'snapshot', 'pong', 'batch'] as const;

export const HelloFrameSchema = open(
  {
    type: Type.Literal('hello'),
    protocol: Type.Literal(PROTOCOL_VERSION),
    sessionId: id({ description: 'Quote it in `resume` after a reconnect.' }),
    heartbeatMs: count({ description: 'Ping at least this often; silence for 2× this ends the connection.' }),
    resumeBufferSize: count({ description: 'How many event/snapshot frames the server keeps for resume.' }),
    serverTime: millis(),
  },
  { title: 'HelloFrame' },
);

const resultId = () =>
  nullable(id({ description: 'The id of the frame answered; null when the frame had no readable id.' }));

export const ResultOkFrameSchema = open(
  { type: Type.Literal('result'), id: resultId(), ok: Type.Literal(true), result: Type.Unknown() },
  { title: 'ResultOkFrame' },
);
export const ResultErrorFrameSchema = open(
  { type: Type.Literal('result'), id: resultId(), ok: Type.Literal(false), error: WireErrorSchema },
  { title: 'ResultErrorFrame' },
);

export const EventFrameSchema = open(
  {
    type: Type.Literal('event'),
    seq: count({ minimum: 1 }),
    topic: TopicSchema,
    event: WireEventSchema,
  },
  {
    title: 'EventFrame',
    description: '`topic` names the subscription it came through, as the client wrote it.',
  },
);

/** The state a snapshot carries: each list holds what the subscriptions cover, the others are empty. */
export const SnapshotStateSchema = open(
  {
    topics: Type.Array(TopicSchema, { description: 'The subscriptions this state covers.' }),
    agents: Type.Array(AgentStateViewSchema),
    contacts: Type.Array(ContactSchema),
    queues: Type.Array(QueueSnapshotSchema),
    agentStats: Type.Array(AgentStatsSchema),
  },
  { title: 'SnapshotState' },
);
export type SnapshotState = Wire<typeof SnapshotStateSchema>;

export const SnapshotFrameSchema = open(
  {
    type: Type.Literal('snapshot'),
    seq: count({ minimum: 1 }),
    full: Type.Boolean({
      description:
        'true: the whole state of every subscription, replacing all the client knew (a resume that fell ' +
        'out of the replay buffer); false: the initial state of topics just subscribed.',
    }),
    state: SnapshotStateSchema,
  },
  { title: 'SnapshotFrame' },
);

export const PongFrameSchema = open(
  { type: Type.Literal('pong'), id: Type.Optional(id()), serverTime: millis() },
  { title: 'PongFrame' },
);

/** Every frame but `batch`: what a batch may hold (batches do not nest). */
export const SingleServerFrameSchema = Type.Union(
  [
    HelloFrameSchema,
    ResultOkFrameSchema,
    ResultErrorFrameSchema,
    EventFrameSchema,
    SnapshotFrameSchema,
    PongFrameSchema,
  ],
  { title: 'SingleServerFrame' },
);

export const BatchFrameSchema = open(
  {
    type: Type.Literal('batch'),
    frames: Type.Array(SingleServerFrameSchema, {
      minItems: 2,
      description: 'Frames in the order they were sent; handle them one by one as if each came alone.',
    }),
  },
  {
    title: 'BatchFrame',
    description: 'Several frames in one WebSocket message. `seq` and resume stay per frame.',
  },
);

// Flat, not a union of unions: the checker names the path of the branch whose `type` matches.
export const ServerFrameSchema = Type.Union([...SingleServerFrameSchema.anyOf, BatchFrameSchema], {
  title: 'ServerFrame',
});
export type ServerFrame = Wire<typeof ServerFrameSchema>;
export type SingleServerFrame = Wire<typeof SingleServerFrameSchema>;
export type BatchFrame = Wire<typeof BatchFrameSchema>;
export type HelloFrame = Wire<typeof HelloFrameSchema>;
export type ResultFrame = Wire<typeof ResultOkFrameSchema> | Wire<typeof ResultErrorFrameSchema>;
export type EventFrame = Wire<typeof EventFrameSchema>;
export type SnapshotFrame = Wire<typeof SnapshotFrameSchema>;
export type PongFrame = Wire<typeof PongFrameSchema>;

export function helloFrame(fields: Omit<HelloFrame, 'type' | 'protocol'>): HelloFrame {
  return { type: 'hello', protocol: PROTOCOL_VERSION, ...fields };
}

export function resultOk(id: string | null, result: unknown): ResultFrame {
  return { type: 'result', id, ok: true, result };
}

export function resultError(id: string | null, error: WireError): ResultFrame {
  return { type: 'result', id, ok: false, error };
}

export function eventFrame(seq: number, topic: Topic, event: WireEvent): EventFrame {
  return { type: 'event', seq, topic, event };
}

export function snapshotFrame(seq: number, full: boolean, state: SnapshotState): SnapshotFrame {
  return { type: 'snapshot', seq, full, state };
}

export function pongFrame(id: string | undefined, serverTime: number): PongFrame {
  return id === undefined ? { type: 'pong', serverTime } : { type: 'pong', id, serverTime };
}

export function batchFrame(frames: readonly SingleServerFrame[]): BatchFrame {
  return { type: 'batch', frames: [...frames] };
}

/**
 * The text of a batch of frames already serialised (each a JSON object): spliced, not re-serialised,
 * so it equals JSON.stringify(batchFrame(frames.map(JSON.parse))). One frame is sent as itself.
 */
export function batchFrameText(texts: readonly string[]): string {
  const n = texts.length;
  if (n === 1) return texts[0]!;
  if (n === 0) return '{"type":"batch","frames":[]}';
  // The opening and closing ride on the first and last frame, so that join builds the whole text in
  // one flat string: wrapping the joined frames in a template made a rope that the socket write
  // then flattened again, a second copy of a message that can be hundreds of kilobytes.
  const parts = new Array<string>(n);
  for (let i = 0; i < n; i++) parts[i] = texts[i]!;
  parts[0] = `{"type":"batch","frames":[${parts[0]}`;
  parts[n - 1] = `${parts[n - 1]}]}`;
  return parts.join(',');
}

/** The frames a message carries, in order: a batch's frames, or the frame itself. */
export function unbatch(frame: ServerFrame): readonly SingleServerFrame[] {
  return frame.type === 'batch' ? frame.frames : [frame];
}
