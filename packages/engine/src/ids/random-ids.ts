import { randomUUID } from 'node:crypto';
import type { IdKind, Ids } from '../ports/ids.ts';

/** Production ids: UUIDs, unique across restarts and nodes. */
export class RandomIds implements Ids {
  next(_kind: IdKind): string {
    return randomUUID();
  }
}
