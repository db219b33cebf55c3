// An agent joining or leaving a queue inside the Router: the member record is linked from both
// sides (queue.members, agent.memberships) and counted in the queue's presence counts.
import type { QueueState } from './queue-state.ts';
import type { AgentRecord, MemberRecord } from './router-records.ts';

/** Appends the agent to the queue's membership order (not yet in the available pool). */
export function joinQueue(queue: QueueState, agent: AgentRecord, penalty: number): MemberRecord {
  const member: MemberRecord = {
    agent,
    queue,
    agentId: agent.id,
    penalty,
    order: queue.nextOrder++,
    answered: 0,
    lastAnsweredAt: Number.NEGATIVE_INFINITY,
    metric: 0,
    inPool: false,
  };
  queue.refreshMetric(member);
  queue.members.set(agent.id, member);
  agent.memberships.push(member);
  queue.counts.add(agent.presence, 1);
  return member;
}

export function leaveQueue(member: MemberRecord): void {
  const { queue, agent } = member;
  if (member.inPool) queue.pool.remove(member);
  queue.counts.add(agent.presence, -1);
  queue.members.delete(member.agentId);
  agent.memberships.splice(agent.memberships.indexOf(member), 1);
}
