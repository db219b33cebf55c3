// Leg roles. Sobot's DNRole list (specs/002, "DNRole description") is the richest vendor vocabulary,
// so our roles cover every one of its meanings; the two tables below are the documented mapping in
// both directions and the Sobot dialect uses them as they are.
import type { Contact, Leg } from './contact.ts';

export const LEG_ROLES = [
  'unknown',
  'caller', // the customer of an inbound contact
  'called', // the customer of an outbound contact
  'agent', // the agent handling the customer (offered, talking), in no initiator part right now
  'consulting', // the handling agent while a consultation is in progress
  'consulted', // the third party of a consultation
  'transferring', // the agent leg that left by transferring the customer (ends as it takes the role)
  'transferred-to', // the party the customer was transferred to
  'conference-host', // the handling agent while a three-party conference is up
  'conference', // a party added to the conference
  'monitoring', // a supervisor listening
  'monitored', // the leg being listened to
  'barging', // a supervisor barging in
  'barged', // the leg barged into
  'intercepting', // a party taking the call away from the agent
  'intercepted', // the leg the call was taken away from
] as const;
export type LegRole = (typeof LEG_ROLES)[number];

/** Sobot DNRole names with their numeric codes, exactly as the spec lists them. */
export const DN_ROLES = {
  Unknown: 0,
  Origination: 1,
  Destination: 2,
  AddedBy: 3,
  NewParty: 4,
  DeletedBy: 5,
  DeletedParty: 6,
  ObserveBy: 7,
  TransferBy: 8,
  ConsultBy: 9,
  BargeinBy: 10,
  BargeinTo: 11,
  InterceptTo: 12,
  TransferTo: 13,
  ObserveTo: 14,
  InterceptBy: 15,
  ConferenceBy: 16,
} as const;
export type DnRole = keyof typeof DN_ROLES;

/**
 * Every DNRole to our role. Sobot's roles are per event ("who did what in this message"); ours
 * are per leg. So the three conference-edit roles collapse: the party that adds (AddedBy), removes
 * (DeletedBy) or starts (ConferenceBy) is the conference host; the removed party (DeletedParty) is a
 * 'conference' leg whose state is 'ended' — the removal itself is the leg's end event.
 */
export const DN_ROLE_TO_LEG_ROLE: { readonly [R in DnRole]: LegRole } = {
  Unknown: 'unknown',
  Origination: 'caller',
  Destination: 'called',
  AddedBy: 'conference-host',
  NewParty: 'conference',
  DeletedBy: 'conference-host',
  DeletedParty: 'conference',
  ObserveBy: 'monitoring',
  TransferBy: 'transferring',
  ConsultBy: 'consulting',
  BargeinBy: 'barging',
  BargeinTo: 'barged',
  InterceptTo: 'intercepted',
  TransferTo: 'transferred-to',
  ObserveTo: 'monitored',
  InterceptBy: 'intercepting',
  ConferenceBy: 'conference-host',
};

/**
 * Our role to the DNRole a Sobot event shows. 'agent' has no DNRole of its own: Sobot shows the
 * agent as the call's origin or destination, which depends on the direction (see dnRoleOf).
 * 'consulted' has none either (there is no "ConsultTo"): the consulted party is the destination
 * of the consultation call. A conference leg that has ended shows as DeletedParty.
 */
export const LEG_ROLE_TO_DN_ROLE: { readonly [R in Exclude<LegRole, 'agent'>]: DnRole } = {
  unknown: 'Unknown',
  caller: 'Origination',
  called: 'Destination',
  consulting: 'ConsultBy',
  consulted: 'Destination',
  transferring: 'TransferBy',
  'transferred-to': 'TransferTo',
  'conference-host': 'ConferenceBy',
  conference: 'NewParty',
  monitoring: 'ObserveBy',
  monitored: 'ObserveTo',
  barging: 'BargeinBy',
  barged: 'BargeinTo',
  intercepting: 'InterceptBy',
  intercepted: 'InterceptTo',
};

/** The DNRole Sobot would show for this leg of this contact. */
export function dnRoleOf(contact: Contact, leg: Leg): DnRole {
  if (leg.role === 'agent') return contact.direction === 'inbound' ? 'Destination' : 'Origination';
  if (leg.role === 'conference' && leg.state === 'ended') return 'DeletedParty';
  return LEG_ROLE_TO_DN_ROLE[leg.role];
}
