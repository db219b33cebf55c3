// Contact records: search with the store's keyset paging, filtered by the caller's scope. The store
// cannot express "records of these queues or of agents of these groups", so each page is filtered
// after it is read; to fill a page the search reads on (a bounded number of times) and hands back
// the cursor of the last record it read, visible or not. A page may therefore hold fewer records
// than asked while more follow: a client stops only when nextCursor is null.
import { fail, ok } from '@switchboard/core';
import type { ContactRecord } from '@switchboard/engine';
import { DEFAULT_PAGE_SIZE } from '@switchboard/protocol';
import type { ContactRecordQuery } from '../persistence/record-search.ts';
import { canSeeRecord } from '../scope/role-filter.ts';
import type { RouteCall, RouteHandler } from './route-call.ts';

/** Store reads one search may make to fill a page for a narrow scope. */
export const MAX_SEARCH_READS = 8;

function storeQuery(query: RouteCall<'searchContactRecords'>['query']): ContactRecordQuery | string {
  if (query.attachedValue !== undefined && query.attachedKey === undefined)
    return 'attachedValue needs attachedKey';
  const disposition = {
    ...(query.disposition === undefined ? {} : { level1: query.disposition }),
    ...(query.dispositionCode === undefined ? {} : { code: query.dispositionCode }),
  };
  return {
    from: query.from,
    to: query.to,
    ...(query.agentId === undefined ? {} : { agentId: query.agentId }),
    ...(query.queueId === undefined ? {} : { queueId: query.queueId }),
    ...(query.number === undefined ? {} : { customerNumber: query.number }),
    ...(query.direction === undefined ? {} : { direction: query.direction }),
    ...(query.outcome === undefined ? {} : { outcome: query.outcome }),
    ...(Object.keys(disposition).length === 0 ? {} : { disposition }),
    ...(query.attachedKey === undefined
      ? {}
      : {
          attached: {
            key: query.attachedKey,
            ...(query.attachedValue === undefined ? {} : { value: query.attachedValue }),
          },
        }),
  };
}

type RecordRoutes = 'searchContactRecords' | 'getContactRecord';

export const RECORD_HANDLERS: { readonly [R in RecordRoutes]: RouteHandler<R> } = {
  searchContactRecords: async ({ env, viewer, query }) => {
    if (query.from >= query.to) return fail('invalid_argument', 'from must be before to', { field: 'from' });
    const base = storeQuery(query);
    if (typeof base === 'string') return fail('invalid_argument', base, { field: 'attachedValue' });
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const items: ContactRecord[] = [];
    let cursor: string | null = query.cursor ?? null;
    for (let read = 0; read < MAX_SEARCH_READS && items.length < limit; read++) {
      // Never more than the page still needs: every record read can be handed out, so the cursor
      // of the store's page is exactly where the next request must go on.
      const page = await env.ctx.persistence.records.search({ ...base, cursor, limit: limit - items.length });
      if (!page.ok) return page;
      for (const record of page.value.records) {
        if (canSeeRecord(viewer, record, env.ctx.directory)) items.push(record);
      }
      cursor = page.value.nextCursor;
      if (cursor === null) break;
    }
    return ok({ items, nextCursor: cursor });
  },

  getContactRecord: async ({ env, viewer, params }) => {
    const record = await env.ctx.persistence.records.get(params.contactId);
    if (record === undefined) {
      return fail('unknown_contact', `no record of contact ${params.contactId}`, {
        contactId: params.contactId,
      });
    }
    if (!canSeeRecord(viewer, record, env.ctx.directory)) {
      return fail('forbidden', `contact ${params.contactId} is outside your scope`, {
        contactId: params.contactId,
      });
    }
    return ok(record);
  },
};
