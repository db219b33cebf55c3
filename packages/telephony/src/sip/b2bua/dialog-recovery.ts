// After a crash: the dialog store still lists the legs of calls nobody runs any more. Each gets a
// BYE, built from its record with a CSeq above the last one recorded, over the flow it used; the
// record is removed whatever the answer (a 481 means the party had already given up).
import type { DialogState } from './dialog-state.ts';
import { dialogRows } from './dialog-state.ts';
import type { DialogRecord } from './dialog-store.ts';
import type { LegContext } from './leg-context.ts';

export interface RecoveryReport {
  readonly ended: number;
  /** Answered 2xx. */
  readonly confirmed: number;
  /** Any other answer (481: already gone), a timeout or no route. */
  readonly unanswered: number;
}

function stateOf(record: DialogRecord): DialogState {
  return {
    callId: record.callId,
    localTag: record.localTag,
    remoteTag: record.remoteTag,
    localAddress: record.localAddress,
    remoteAddress: record.remoteAddress,
    remoteTarget: record.remoteTarget,
    routeSet: record.routeSet,
    localCseq: record.localCseq + 1,
    flow: record.flow,
  };
}

export async function endDialogs(ctx: LegContext, records: readonly DialogRecord[]): Promise<RecoveryReport> {
  const outcomes = await Promise.all(
    records.map(
      (record) =>
        new Promise<boolean>((resolve) => {
          const dialog = stateOf(record);
          const headers = dialogRows(dialog, dialog.localCseq, 'BYE', ctx.contact(dialog.flow.transport));
          const tx = ctx.transactions.request(
            { kind: 'request', method: 'BYE', uri: dialog.remoteTarget, headers },
            dialog.flow,
            {
              onResponse: (r) => {
                if (r.status >= 200) resolve(r.status < 300);
              },
              onTimeout: () => resolve(false),
              onTransportError: () => resolve(false),
            },
          );
          ctx.store.remove(record.key);
          if (tx === undefined) resolve(false);
        }),
    ),
  );
  const confirmed = outcomes.filter(Boolean).length;
  return { ended: records.length, confirmed, unanswered: records.length - confirmed };
}
