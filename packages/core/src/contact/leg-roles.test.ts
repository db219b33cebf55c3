import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { conferenced, consulting, must, newInbound, outboundDialing, T0 } from './contact-fixtures.ts';
import { endLeg } from './third-party.ts';
import {
  DN_ROLE_TO_LEG_ROLE,
  DN_ROLES,
  type DnRole,
  dnRoleOf,
  LEG_ROLE_TO_DN_ROLE,
  LEG_ROLES,
} from './leg-roles.ts';

// The "DNRole description" list of specs/002 (Sobot Call SDK 6.4), copied verbatim: the specs are
// not part of the repository, so the test carries the text it checks against.
const SPEC_ROLES = `
Unknown(0, ""),
Origination(1, "Caller")
Destination(2, "Called")
AddedBy(3, "Attendee")
NewParty(4, "Party added in the meeting")
DeletedBy(5, "Party deleting others from the meeting")
DeletedParty(6, "Party quitting from the meeting")
ObserveBy(7, "Monitor")
TransferBy(8, "Transfer initiator")
ConsultBy(9, "Inquirer")
BargeinBy(10, "Interrupt initiator")
BargeinTo(11, "Interrupted")
InterceptTo(12, "Taken-away")
TransferTo(13, "Transferred")
ObserveTo(14, "Monitored")
InterceptBy(15, "Takeaway initiator")
ConferenceBy(16, "")
`;

describe('leg roles and the Sobot DNRole mapping', () => {
  test('every DNRole of the Sobot spec, with its code, is in the mapping', () => {
    const listed = [...SPEC_ROLES.matchAll(/^(\w+)\((\d+), "[^"]*"\),?$/gm)].map((m) => [m[1], Number(m[2])]);
    assert.equal(listed.length, 17);
    assert.deepEqual(Object.fromEntries(listed), DN_ROLES);
    for (const [name] of listed)
      assert.ok(LEG_ROLES.includes(DN_ROLE_TO_LEG_ROLE[name as DnRole]), String(name));
  });

  test('every role but agent shows as a DNRole that maps back to a role of the same part', () => {
    for (const role of LEG_ROLES) {
      if (role === 'agent') continue;
      const dn = LEG_ROLE_TO_DN_ROLE[role];
      // consulted shows as Destination (Sobot has no ConsultTo), the one role that does not round-trip.
      assert.equal(DN_ROLE_TO_LEG_ROLE[dn], role === 'consulted' ? 'called' : role, role);
    }
  });

  test('the customer shows as Origination inbound and Destination outbound; the agent the other way round', () => {
    const inbound = newInbound();
    assert.equal(dnRoleOf(inbound, inbound.legs[0]!), 'Origination');
    const outbound = outboundDialing();
    assert.equal(dnRoleOf(outbound, outbound.legs[0]!), 'Destination');
    assert.equal(dnRoleOf(outbound, outbound.legs[1]!), 'Origination');
    const talking = consulting();
    assert.equal(dnRoleOf(talking, talking.legs[1]!), 'ConsultBy');
    assert.equal(dnRoleOf(talking, talking.legs[2]!), 'Destination');
  });

  test('a conference shows ConferenceBy and NewParty, and DeletedParty once the party has left', () => {
    const conf = conferenced();
    assert.equal(dnRoleOf(conf, conf.legs[1]!), 'ConferenceBy');
    assert.equal(dnRoleOf(conf, conf.legs[2]!), 'NewParty');
    const left = must(endLeg(conf, { legId: 'c1.L3', at: T0 + 99_000 }));
    assert.equal(dnRoleOf(left, left.legs[2]!), 'DeletedParty');
    assert.equal(dnRoleOf(left, left.legs[1]!), 'Destination');
  });
});
