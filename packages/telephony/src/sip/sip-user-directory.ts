// Where the registrar finds credentials: the extension (the SIP username of an agent phone)
// maps to its password, or to H(A1) per digest algorithm so no password need be stored
// (H(A1) differs per algorithm: MD5 and SHA-256 each need their own). The server composes a
// directory over its configuration or database; the in-memory one serves tests and small sites.
import type { DigestSecret } from './digest-auth.ts';

export interface SipUserDirectory {
  /** The secret of a phone, or undefined when no phone has this extension. */
  secretOf(extension: string): DigestSecret | undefined;
}

export class InMemorySipUserDirectory implements SipUserDirectory {
  readonly #secrets = new Map<string, DigestSecret>();

  constructor(entries: Iterable<readonly [string, DigestSecret]> = []) {
    for (const [extension, secret] of entries) this.#secrets.set(extension, secret);
  }

  set(extension: string, secret: DigestSecret): void {
    this.#secrets.set(extension, secret);
  }

  delete(extension: string): boolean {
    return this.#secrets.delete(extension);
  }

  secretOf(extension: string): DigestSecret | undefined {
    return this.#secrets.get(extension);
  }
}
