// Test support: the random events of the engine's property test, drawn as plain data (indices,
// not ids) so a shrunk counterexample reads as a short script; `center-run.ts` and
// `center-commands.ts` resolve the indices against the live engine when they play them.
import fc from 'fast-check';

export const PAUSE_CODES = ['break', 'meal', 'dnd'] as const;

export type CenterEvent =
  | { readonly kind: 'arrive'; readonly queue: number; readonly priority: number }
  | { readonly kind: 'login'; readonly agent: number; readonly paused: boolean }
  | { readonly kind: 'ready' | 'logout' | 'endWrapup' | 'disconnect'; readonly agent: number }
  /** Seconds outside 30..900 are refused; within, the wrap-up runs longer. */
  | { readonly kind: 'extendWrapup'; readonly agent: number; readonly seconds: number }
  | { readonly kind: 'pause'; readonly agent: number; readonly reason: number }
  /** The `pick`-th ringing agent answers or rejects. */
  | { readonly kind: 'answer' | 'reject'; readonly pick: number }
  /**
   * The `pick`-th agent bound to a contact hangs up. `bySwitch`: the switch reports it; otherwise
   * the agent uses the hangup command.
   */
  | { readonly kind: 'agentHangup'; readonly pick: number; readonly bySwitch: boolean }
  /** The customer of the `pick`-th live contact hangs up (an abandon before answer). */
  | { readonly kind: 'callerHangup'; readonly pick: number }
  /** A late answer from a phone that no longer rings for that contact. */
  | { readonly kind: 'staleAnswer'; readonly agent: number; readonly pick: number }
  | { readonly kind: 'advance'; readonly ms: number }
  | CommandEvent;

/** Where a transfer or consultation goes: a queue, an agent (by index) or an outside number. */
export type TargetDraw =
  | { readonly kind: 'queue' | 'agent'; readonly index: number }
  | { readonly kind: 'external' };

/** Call commands of the `pick`-th agent handling a call, and what the far ends of those calls do. */
export type CommandEvent =
  /** A caller arrives and, when the contact rings an agent at once, that agent answers. */
  | { readonly kind: 'arriveAnswered'; readonly queue: number }
  | { readonly kind: 'hold' | 'resume'; readonly pick: number }
  | { readonly kind: 'transfer' | 'consult'; readonly pick: number; readonly to: TargetDraw }
  | { readonly kind: 'consultEnd'; readonly pick: number; readonly how: (typeof CONSULT_ENDS)[number] }
  /** A whole consultation at once: start, maybe answered, then ended `how`. */
  | {
      readonly kind: 'consultFlow';
      readonly pick: number;
      readonly to: TargetDraw;
      readonly answered: boolean;
      readonly how: (typeof CONSULT_ENDS)[number];
    }
  /** The consulted party (or an unattended transfer's target) of the `pick`-th such contact answers or fails. */
  | { readonly kind: 'consultAnswer' | 'consultFail'; readonly pick: number }
  | { readonly kind: 'dial'; readonly agent: number; readonly queue: number | null }
  | { readonly kind: 'dialAnswer' | 'dialFail'; readonly pick: number };

export const CONSULT_ENDS = ['cancel', 'retrieve', 'transfer', 'conference'] as const;

/** The ACD's own events: arrivals, agents, answers, hang-ups, time. */
export const eventArb: fc.Arbitrary<CenterEvent> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('arrive' as const), queue: fc.nat(3), priority: fc.nat(2) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('login' as const), agent: fc.nat(5), paused: fc.boolean() }),
  },
  // Ready often: agents a ring-no-answer paused come back, so calls keep being answered.
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('ready' as const), agent: fc.nat(5) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('logout' as const, 'endWrapup' as const, 'disconnect' as const),
      agent: fc.nat(5),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('extendWrapup' as const),
      agent: fc.nat(5),
      seconds: fc.oneof(fc.constant(30), fc.integer({ min: 0, max: 1000 })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('pause' as const), agent: fc.nat(5), reason: fc.nat(2) }),
  },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('answer' as const), pick: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reject' as const), pick: fc.nat(5) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('agentHangup' as const),
      pick: fc.nat(5),
      bySwitch: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('callerHangup' as const), pick: fc.nat(7) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('staleAnswer' as const), agent: fc.nat(5), pick: fc.nat(7) }),
  },
  // Mostly short steps (calls get answered and talked over), sometimes long ones (timeouts fire).
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 3000 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 40_000 }) }),
  },
);

const targetArb: fc.Arbitrary<TargetDraw> = fc.oneof(
  fc.record({ kind: fc.constantFrom('queue' as const, 'agent' as const), index: fc.nat(5) }),
  fc.record({ kind: fc.constant('external' as const) }),
);

/** Call commands and what the far ends of those calls do. */
export const commandEventArb: fc.Arbitrary<CenterEvent> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('consultFlow' as const),
      pick: fc.nat(5),
      to: targetArb,
      answered: fc.boolean(),
      how: fc.constantFrom(...CONSULT_ENDS),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('arriveAnswered' as const), queue: fc.nat(3) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constantFrom('hold' as const, 'resume' as const), pick: fc.nat(5) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom('transfer' as const, 'consult' as const),
      pick: fc.nat(5),
      to: targetArb,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('consultEnd' as const),
      pick: fc.nat(5),
      how: fc.constantFrom(...CONSULT_ENDS),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom('consultAnswer' as const, 'consultFail' as const),
      pick: fc.nat(5),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('dial' as const),
      agent: fc.nat(5),
      queue: fc.option(fc.nat(3)),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('dialAnswer' as const, 'dialFail' as const),
      pick: fc.nat(5),
    }),
  },
);
