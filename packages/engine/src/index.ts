// Public entry of the engine: the Engine, its ports and their in-memory implementations.
export { presenceOf } from './agent-book.ts';
export { InMemoryEventBus } from './bus/in-memory-event-bus.ts';
export type { RecordingAction } from './call-commands.ts';
export { SystemClock } from './clock/system-clock.ts';
export { VirtualClock } from './clock/virtual-clock.ts';
export { type CallTimes, type ContactRecord, contactRecordOf } from './contact-record.ts';
export { Engine, type EngineDeps } from './engine.ts';
export type { AgentConfig, DialPlanEntry, EngineConfig, MembershipConfig } from './engine-config.ts';
export type { EngineEvent, EngineEventType } from './engine-events.ts';
export { RandomIds } from './ids/random-ids.ts';
export { SequentialIds } from './ids/sequential-ids.ts';
export type { Clock, TimerHandle } from './ports/clock.ts';
export type { EngineEventListener, EventBus } from './ports/event-bus.ts';
export type { IdKind, Ids } from './ports/ids.ts';
export type { Store } from './ports/store.ts';
export {
  type CallTarget,
  type DialRequest,
  HANGUP_REASONS,
  type HangupReason,
  type InboundCall,
  type OfferRequest,
  type Telephony,
  type TelephonySink,
} from './ports/telephony.ts';
export { InMemoryStore } from './store/in-memory-store.ts';
