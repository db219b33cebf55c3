// What every contact operation returns, and the one place that turns "before, after" into the
// state events, so the events always describe exactly what changed and nothing else.
import type { Millis } from '../ids.ts';
import { ok, type Result } from '../result.ts';
import type { AttachedData, Contact } from './contact.ts';
import type {
  ContactActionEvent,
  ContactEvent,
  ContactEventBody,
  ContactStateEvent,
} from './contact-events.ts';

export interface ContactChange {
  readonly contact: Contact;
  readonly events: readonly ContactEvent[];
}

/**
 * Finishes an operation: derives the state events from the diff, stamps updatedAt when state
 * changed, and puts the action events first (they explain the state events that follow).
 * With no state change the input contact itself is returned (e.g. DTMF is an event only).
 */
export function commit(
  before: Contact,
  after: Contact,
  at: Millis,
  actions: readonly ContactActionEvent[] = [],
): Result<ContactChange> {
  const stateEvents = diffContact(before, after);
  const contact = stateEvents.length > 0 ? { ...after, updatedAt: at } : before;
  const bodies: readonly ContactEventBody[] = [...actions, ...stateEvents];
  return ok({ contact, events: bodies.map((body) => ({ ...body, contactId: before.id, at })) });
}

/** The state events that turn `before` into `after`, in a fixed order (legs first, phase last). */
export function diffContact(before: Contact, after: Contact): ContactStateEvent[] {
  const events: ContactStateEvent[] = [];
  const beforeLegs = new Map(before.legs.map((leg) => [leg.id, leg]));
  for (const leg of after.legs) {
    const old = beforeLegs.get(leg.id);
    if (old === undefined) {
      events.push({ type: 'legAdded', leg });
      continue;
    }
    if (old.role !== leg.role)
      events.push({ type: 'legRoleChanged', legId: leg.id, from: old.role, to: leg.role });
    if (old.state !== leg.state) {
      events.push({ type: 'legStateChanged', legId: leg.id, from: old.state, to: leg.state });
    }
    if (old.muted !== leg.muted) events.push({ type: 'legMuteChanged', legId: leg.id, muted: leg.muted });
  }
  if (before.onHold !== after.onHold) events.push({ type: 'holdChanged', onHold: after.onHold });
  if (before.conference !== after.conference) {
    events.push({ type: 'conferenceChanged', conference: after.conference });
  }
  if (before.recording !== after.recording) {
    events.push({ type: 'recordingChanged', from: before.recording, to: after.recording });
  }
  if (before.agentId !== after.agentId)
    events.push({ type: 'agentChanged', from: before.agentId, to: after.agentId });
  if (before.queueId !== after.queueId)
    events.push({ type: 'queueChanged', from: before.queueId, to: after.queueId });
  const attached = diffAttached(before.attached, after.attached);
  if (attached.set.length > 0 || attached.removed.length > 0)
    events.push({ type: 'attachedDataChanged', ...attached });
  if (before.disposition !== after.disposition) {
    events.push({ type: 'dispositionChanged', disposition: after.disposition });
  }
  if (before.phase !== after.phase)
    events.push({ type: 'phaseChanged', from: before.phase, to: after.phase });
  if (before.outcome === null && after.outcome !== null)
    events.push({ type: 'ended', outcome: after.outcome });
  return events;
}

function diffAttached(
  before: AttachedData,
  after: AttachedData,
): { set: AttachedData; removed: readonly string[] } {
  if (before === after) return { set: [], removed: [] };
  const old = new Map(before);
  const now = new Map(after);
  const set = after.filter(([key, value]) => old.get(key) !== value);
  const removed = before.filter(([key]) => !now.has(key)).map(([key]) => key);
  return { set, removed };
}
