// Frames a client sends. Every frame but `ping` carries a client-chosen `id` and gets exactly one
// `result` frame with that id: ok with the result, or not ok with a typed error.
import Type from 'typebox';
import { closed, count, inputId, type Wire } from '../wire/schema-builders.ts';
import type { CommandArgs, CommandName } from './command-catalogue.ts';
import { TopicListSchema } from './topics.ts';

export const CLIENT_FRAME_TYPES = ['command', 'subscribe', 'unsubscribe', 'resume', 'ping'] as const;
export type ClientFrameType = (typeof CLIENT_FRAME_TYPES)[number];

const frameId = () => inputId({ description: 'Chosen by the client, echoed in the result frame.' });

export const SubscribeFrameSchema = closed(
  { type: Type.Literal('subscribe'), id: frameId(), topics: TopicListSchema },
  { title: 'SubscribeFrame', description: 'Adds topics; a snapshot (full: false) of them follows.' },
);
export const UnsubscribeFrameSchema = closed(
  { type: Type.Literal('unsubscribe'), id: frameId(), topics: TopicListSchema },
  { title: 'UnsubscribeFrame' },
);
export const ResumeFrameSchema = closed(
  {
    type: Type.Literal('resume'),
    id: frameId(),
    sessionId: inputId({ description: 'The sessionId of the hello of the connection that was lost.' }),
    lastSeq: count({ description: 'The seq of the last event or snapshot the client processed (0: none).' }),
  },
  { title: 'ResumeFrame' },
);
export const PingFrameSchema = closed(
  { type: Type.Literal('ping'), id: Type.Optional(frameId()) },
  { title: 'PingFrame', description: 'Client heartbeat; the server answers pong with the same id.' },
);

/** The envelope of a command frame; `args` is checked against the named command's schema. */
export const CommandFrameEnvelopeSchema = closed(
  {
    type: Type.Literal('command'),
    id: frameId(),
    command: Type.String({ maxLength: 64 }),
    args: Type.Optional(Type.Object({})),
  },
  { title: 'CommandFrame', description: '`args` may be omitted when the command needs none.' },
);

/** A command frame as the parser returns it: args always present and typed by the command name. */
export type CommandFrame<N extends CommandName = CommandName> = {
  [K in N]: {
    readonly type: 'command';
    readonly id: string;
    readonly command: K;
    readonly args: CommandArgs<K>;
  };
}[N];

export type SubscribeFrame = Wire<typeof SubscribeFrameSchema>;
export type UnsubscribeFrame = Wire<typeof UnsubscribeFrameSchema>;
export type ResumeFrame = Wire<typeof ResumeFrameSchema>;
export type PingFrame = Wire<typeof PingFrameSchema>;
export type ClientFrame = CommandFrame | SubscribeFrame | UnsubscribeFrame | ResumeFrame | PingFrame;

/** Builds a command frame with typed arguments (what the SDK sends). */
export function commandFrame<N extends CommandName>(
  id: string,
  command: N,
  args: CommandArgs<N>,
): CommandFrame<N> {
  return { type: 'command', id, command, args } as CommandFrame<N>;
}
