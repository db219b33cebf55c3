import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { AgentId, ContactId } from '../ids.ts';
import { NaiveRouter } from './naive-router.ts';
import { Router } from './router.ts';
import { type ScenarioModel, scenarioArb, seededRandom } from './router-scenario.ts';
import { playScenario } from './router-scenario-driver.ts';
import type { Assignment, WaitingContact } from './waiting-contact.ts';

const numRuns = Number(process.env.FC_RUNS ?? 10000);

/** Eligibility written straight from the README rules, independent of the routers' code. */
function eligible(model: ScenarioModel, contact: WaitingContact, agentId: AgentId): boolean {
  const config = model.configs.get(contact.queueId)!;
  const penalty = model.penalties.get(contact.queueId)!.get(agentId);
  if (penalty === undefined) return false;
  let cap = config.maxPenalty;
  let drop = 0;
  for (const step of config.relaxation) {
    if (model.now - contact.enqueuedAt < step.afterMs) break;
    cap = step.maxPenalty;
    drop = step.minLevelDrop ?? drop;
  }
  if (penalty > cap) return false;
  const skills = model.skills.get(agentId) ?? new Map<string, number>();
  return [...config.requirements, ...(contact.requirements ?? [])].every(
    ({ skill, minLevel }) => (skills.get(skill) ?? Number.NEGATIVE_INFINITY) >= minLevel - drop,
  );
}

const waitingIn = (model: ScenarioModel): WaitingContact[] =>
  [...model.fate.values()].filter((fate) => fate.state === 'waiting').map((fate) => fate.contact);
const availableIn = (model: ScenarioModel): AgentId[] =>
  [...model.presence].filter(([, presence]) => presence === 'available').map(([agentId]) => agentId);

interface BeforeRoute {
  readonly waiting: ReadonlySet<ContactId>;
  readonly available: ReadonlySet<AgentId>;
}

function checkRoute(model: ScenarioModel, before: BeforeRoute, assignments: readonly Assignment[]): void {
  const offered = assignments.flatMap((assignment) => assignment.agentIds);
  assert.equal(new Set(offered).size, offered.length, 'an agent was offered two contacts');
  const contactIds = assignments.map((assignment) => assignment.contactId);
  assert.equal(new Set(contactIds).size, contactIds.length, 'a contact was offered twice');
  // Replay the pass: each offer must come from the agents still available at its turn.
  const stillAvailable = new Set(before.available);
  for (const assignment of assignments) {
    assert.ok(before.waiting.has(assignment.contactId), 'assigned a contact that was not waiting');
    const contact = model.fate.get(assignment.contactId)!.contact;
    const { strategy } = model.configs.get(contact.queueId)!;
    const penalties = model.penalties.get(contact.queueId)!;
    const candidates = [...stillAvailable].filter((agentId) => eligible(model, contact, agentId));
    for (const agentId of assignment.agentIds)
      assert.ok(candidates.includes(agentId), `${agentId} was not eligible and available`);
    const lowest = Math.min(...candidates.map((agentId) => penalties.get(agentId)!));
    const tier = candidates.filter((agentId) => penalties.get(agentId) === lowest).sort();
    if (strategy === 'ring-all')
      assert.deepEqual([...assignment.agentIds].sort(), tier, 'ring-all rings the lowest tier');
    else assert.equal(assignment.agentIds.length, 1, 'only ring-all offers to a group');
    if (strategy !== 'weighted-random')
      assert.ok(tier.includes(assignment.agentIds[0]!), 'lower penalty first');
    for (const agentId of assignment.agentIds) stillAvailable.delete(agentId);
  }
  for (const contact of waitingIn(model)) {
    for (const agentId of availableIn(model)) {
      assert.ok(
        !eligible(model, contact, agentId),
        `${contact.contactId} left waiting while ${agentId} could take it`,
      );
    }
  }
}

for (const [name, Kind] of [
  ['Router', Router],
  ['NaiveRouter', NaiveRouter],
] as const) {
  test(`${name}: no double offer, only eligible available agents, no eligible pair left, no contact lost`, () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const router = new Kind({ random: seededRandom(scenario.seed) });
        let before: BeforeRoute = { waiting: new Set(), available: new Set() };
        playScenario(router, scenario, {
          beforeRoute(model) {
            const waiting = new Set(waitingIn(model).map((contact) => contact.contactId));
            before = { waiting, available: new Set(availableIn(model)) };
          },
          afterOp(op, output, model) {
            if (op.kind === 'route') checkRoute(model, before, output as Assignment[]);
            // Each contact is in exactly one place: waiting (and shown once) or assigned/removed/refused.
            const shown = [...model.configs.keys()].flatMap((id) =>
              router.waiting(id).map((c) => c.contactId),
            );
            const expected = waitingIn(model).map((contact) => contact.contactId);
            assert.deepEqual(shown.sort(), expected.sort());
            for (const [agentId, presence] of model.presence)
              assert.equal(router.presenceOf(agentId), presence);
          },
        });
      }),
      { numRuns },
    );
  });
}
