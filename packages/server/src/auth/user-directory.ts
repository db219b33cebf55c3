// Where the authenticator looks users up. The server's store implements it later; tests
// use a Map. Lookups are async because a real directory is a database or LDAP.
import type { Role, SupervisorScope } from './principal.ts';

export interface UserRecord {
  readonly id: string;
  readonly username: string;
  /** scrypt encoded hash; null for a user who may only log in by SSO. */
  readonly passwordHash: string | null;
  readonly role: Role;
  /** Required for supervisors, absent otherwise. */
  readonly scope?: SupervisorScope;
  readonly disabled: boolean;
}

export interface UserDirectory {
  findByUsername(username: string): Promise<UserRecord | undefined>;
  findById(id: string): Promise<UserRecord | undefined>;
  /** Optional: lets a successful login upgrade a hash made with older scrypt parameters. */
  updatePasswordHash?(id: string, passwordHash: string): Promise<void>;
}
