// Reading the stored logs whole over a range: the repositories page by sequence id (at most
// MAX_LOG_PAGE lines a read), and a report needs every line of its range.
import type { AgentId, AgentLogEvent, Millis, QueueId, QueueLogEvent, Result } from '@switchboard/core';
import { ok } from '@switchboard/core';
import { type LogPage, MAX_LOG_PAGE } from '../persistence/log-reads.ts';
import type { Persistence } from '../persistence/persistence.ts';

interface Range {
  readonly from?: Millis;
  readonly to: Millis;
}

async function readAll<E>(
  read: (afterSeq: number | undefined) => Promise<Result<LogPage<E>>>,
): Promise<Result<E[]>> {
  const events: E[] = [];
  let afterSeq: number | undefined;
  for (;;) {
    const page = await read(afterSeq);
    if (!page.ok) return page;
    for (const entry of page.value.entries) events.push(entry.event);
    if (!page.value.more || page.value.lastSeq === null) return ok(events);
    afterSeq = page.value.lastSeq;
  }
}

export function queueLogOf(persistence: Persistence, range: Range & { queueId?: QueueId }) {
  return readAll<QueueLogEvent>((afterSeq) =>
    persistence.queueLog.read({
      ...range,
      limit: MAX_LOG_PAGE,
      ...(afterSeq === undefined ? {} : { afterSeq }),
    }),
  );
}

export function agentLogOf(persistence: Persistence, range: Range & { agentId: AgentId }) {
  return readAll<AgentLogEvent>((afterSeq) =>
    persistence.agentLog.read({
      ...range,
      limit: MAX_LOG_PAGE,
      ...(afterSeq === undefined ? {} : { afterSeq }),
    }),
  );
}
