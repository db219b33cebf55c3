// A DialogStore that survives the process, for the crash test: every change rewrites one JSON file
// synchronously, so a SIGKILL at any moment leaves the dialogs confirmed until then on disk. The
// server persists the same interface in its database; this is the smallest real stand-in.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { DialogRecord, DialogStore } from './dialog-store.ts';

export class FileDialogStore implements DialogStore {
  readonly #path: string;
  readonly #records = new Map<string, DialogRecord>();

  constructor(path: string) {
    this.#path = path;
    for (const record of FileDialogStore.read(path)) this.#records.set(record.key, record);
  }

  static read(path: string): DialogRecord[] {
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as DialogRecord[]) : [];
  }

  save(record: DialogRecord): void {
    this.#records.set(record.key, record);
    this.#flush();
  }

  remove(key: string): void {
    if (this.#records.delete(key)) this.#flush();
  }

  all(): readonly DialogRecord[] {
    return [...this.#records.values()];
  }

  #flush(): void {
    // Written aside, then renamed: a kill mid-write never leaves half a file.
    const temp = `${this.#path}.tmp`;
    writeFileSync(temp, JSON.stringify([...this.#records.values()]));
    renameSync(temp, this.#path);
  }
}
