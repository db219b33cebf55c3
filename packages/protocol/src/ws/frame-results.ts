// What the `result` frame of each non-command client frame holds (a command's result is in the
// command catalogue).
import Type from 'typebox';
import { count, id, oneOf, open, type Wire } from '../wire/schema-builders.ts';
import { TopicSchema } from './topics.ts';

/** subscribe and unsubscribe: every topic the connection is subscribed to now. */
export const SubscriptionResultSchema = open(
  { topics: Type.Array(TopicSchema) },
  {
    title: 'SubscriptionResult',
    description: 'After subscribe, a snapshot (full: false) of the new topics follows.',
  },
);
export type SubscriptionResult = Wire<typeof SubscriptionResultSchema>;

export const ResumeResultSchema = open(
  {
    sessionId: id({ description: 'The resumed session: this connection now continues its seq numbering.' }),
    mode: oneOf(['replay', 'snapshot']),
    replayed: count({
      description: 'replay: how many event/snapshot frames follow, with their original seq.',
    }),
  },
  {
    title: 'ResumeResult',
    description: 'replay: the missed frames follow; snapshot: one snapshot with full: true follows.',
  },
);
export type ResumeResult = Wire<typeof ResumeResultSchema>;
