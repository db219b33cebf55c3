// fast-check generators of VALID client frames, one per command of the catalogue (the mapped type
// makes a new command fail to compile until it has one). Test support for the property tests of
// the frame parser and of the SDK.
import fc from 'fast-check';
import type { ClientFrame, CommandFrame } from './client-frames.ts';
import { type CommandArgs, type CommandName, COMMAND_NAMES } from './command-catalogue.ts';
import type { Topic } from './topics.ts';

export const idArb = fc.stringMatching(/^[A-Za-z0-9_.:@-]{1,40}$/);
const pauseCode = fc.stringMatching(/^[A-Za-z0-9_.-]{1,64}$/);
const extension = fc.stringMatching(/^[A-Za-z0-9_.*#+-]{1,64}$/);
const dialable = fc.stringMatching(/^\+?[0-9*#]{1,32}$/);
const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 _-]{0,30}$/);
const key = fc.stringMatching(/^[A-Za-z0-9_]{1,32}$/);

const target = fc.oneof(
  fc.record({ kind: fc.constant('agent' as const), agentId: idArb }),
  fc.record({ kind: fc.constant('queue' as const), queueId: idArb }),
  fc.record({ kind: fc.constant('extension' as const), extension }),
  fc.record({ kind: fc.constant('external' as const), number: dialable }),
);

/** Optional keys are present or absent, never undefined (JSON has no undefined). */
function optional<T extends Record<string, unknown>>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) {
  return fc.record(model, { requiredKeys: [] }) as fc.Arbitrary<Partial<T>>;
}

const agentId = optional({ agentId: idArb });
const withAgent = <T extends object>(args: fc.Arbitrary<T>) =>
  fc.tuple(agentId, args).map(([a, rest]) => ({ ...a, ...rest }));
const none = withAgent(fc.constant({}));

export const ARGS_ARBITRARIES: { readonly [N in CommandName]: fc.Arbitrary<CommandArgs<N>> } = {
  login: withAgent(optional({ extension: fc.option(extension, { nil: null }), pauseReason: pauseCode })),
  ready: none,
  pause: withAgent(optional({ reason: pauseCode })),
  logout: none,
  extendWrapup: withAgent(fc.record({ seconds: fc.integer({ min: 30, max: 900 }) })),
  endWrapup: withAgent(optional({ pauseReason: pauseCode })),
  answer: none,
  reject: none,
  hangup: none,
  hold: none,
  resume: none,
  transfer: withAgent(fc.record({ target })),
  consultStart: withAgent(fc.record({ target })),
  consultCancel: none,
  consultRetrieve: none,
  consultComplete: withAgent(
    fc.record({ mode: fc.constantFrom('transfer' as const, 'conference' as const) }),
  ),
  dtmf: withAgent(fc.record({ digits: fc.stringMatching(/^[0-9*#A-D]{1,64}$/) })),
  recording: withAgent(
    fc.record({
      action: fc.constantFrom('start' as const, 'stop' as const, 'pause' as const, 'resume' as const),
    }),
  ),
  setAttachedData: withAgent(
    fc
      .tuple(
        optional({ contactId: idArb }),
        fc.array(fc.tuple(key, fc.string({ maxLength: 40 })), { minLength: 1, maxLength: 8 }),
      )
      .map(([c, entries]) => ({ ...c, entries })),
  ),
  removeAttachedData: withAgent(
    fc
      .tuple(optional({ contactId: idArb }), fc.array(key, { minLength: 1, maxLength: 8 }))
      .map(([c, keys]) => ({
        ...c,
        keys,
      })),
  ),
  setDisposition: withAgent(
    fc
      .tuple(
        optional({ contactId: idArb }),
        optional({
          level1: fc.option(word, { nil: null }),
          level2: fc.option(word, { nil: null }),
          level3: fc.option(word, { nil: null }),
          code: fc.option(word, { nil: null }),
          note: fc.option(fc.string({ maxLength: 60 }), { nil: null }),
        }),
      )
      .map(([c, disposition]) => ({ ...c, disposition })),
  ),
  dial: withAgent(
    fc
      .tuple(fc.record({ number: dialable }), optional({ queueId: idArb, callerId: dialable }))
      .map(([n, o]) => ({
        ...n,
        ...o,
      })),
  ),
};

export const commandFrameArb: fc.Arbitrary<CommandFrame> = fc
  .constantFrom(...COMMAND_NAMES)
  .chain((command) =>
    fc
      .tuple(idArb, ARGS_ARBITRARIES[command] as fc.Arbitrary<CommandArgs<CommandName>>)
      .map(([id, args]) => ({ type: 'command', id, command, args }) as CommandFrame),
  );

export const topicArb: fc.Arbitrary<Topic> = fc.oneof(
  fc.constantFrom<Topic>('agent:me', 'agents', 'queues', 'stats', 'contacts'),
  idArb.map((id): Topic => `agent:${id}`),
  idArb.map((id): Topic => `queue:${id}`),
);

export const clientFrameArb: fc.Arbitrary<ClientFrame> = fc.oneof(
  commandFrameArb,
  fc.record({
    type: fc.constantFrom('subscribe' as const, 'unsubscribe' as const),
    id: idArb,
    topics: fc.array(topicArb, { minLength: 1, maxLength: 6 }),
  }),
  fc.record({
    type: fc.constant('resume' as const),
    id: idArb,
    sessionId: idArb,
    lastSeq: fc.nat(),
  }),
  fc.record({ type: fc.constant('ping' as const), id: idArb }, { requiredKeys: ['type'] }),
);
