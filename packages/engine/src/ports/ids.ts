/** Id port: where new contact, leg and record ids come from (sequential in tests, random in production). */
export interface Ids {
  next(kind: IdKind): string;
}

export type IdKind = 'contact' | 'leg' | 'timer' | 'record';
