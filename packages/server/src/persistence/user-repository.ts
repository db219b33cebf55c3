// User accounts (login name, password hash, role and supervisor scope). Implements the auth
// layer's UserDirectory, so the Authenticator reads users straight from the database.
import { ok, type Result } from '@switchboard/core';
import { isConsistentScope, isRole, type SupervisorScope } from '../auth/principal.ts';
import type { UserDirectory, UserRecord } from '../auth/user-directory.ts';
import { validateUser } from './config-records.ts';
import type { Database, Row, Step } from './database.ts';
import { corruptRow, jsonColumn, mustExist, nullableText, numberColumn, textColumn } from './step-checks.ts';

const COLUMNS = 'id, username, password_hash, role, scope, disabled';

export function insertUserSteps(user: UserRecord): Step[] {
  return [
    {
      sql: `INSERT INTO users (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`,
      params: [
        user.id,
        user.username,
        user.passwordHash,
        user.role,
        user.scope === undefined ? null : JSON.stringify(user.scope),
        user.disabled ? 1 : 0,
      ],
    },
  ];
}

function userOf(row: Row): UserRecord {
  const role = textColumn(row, 'role');
  if (!isRole(role)) throw corruptRow('users.role', role);
  const scope = row.scope === null ? undefined : jsonColumn(row, 'scope');
  if (!isConsistentScope(role, scope)) throw corruptRow('users.scope', row.scope);
  const disabled = numberColumn(row, 'disabled');
  const user: UserRecord = {
    id: textColumn(row, 'id'),
    username: textColumn(row, 'username'),
    passwordHash: nullableText(row, 'password_hash'),
    role,
    disabled: disabled === 1,
  };
  return scope === undefined ? user : { ...user, scope: scope as SupervisorScope };
}

export class UserRepository implements UserDirectory {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** already_exists when the id or the username is taken. */
  async create(input: UserRecord): Promise<Result<UserRecord>> {
    const user = validateUser(input);
    if (!user.ok) return user;
    const done = await this.db.run(insertUserSteps(user.value));
    return done.ok ? user : done;
  }

  /** Replaces the user with this id; unknown_user when there is none, already_exists on a username clash. */
  async update(input: UserRecord): Promise<Result<UserRecord>> {
    const user = validateUser(input);
    if (!user.ok) return user;
    const { id, username, passwordHash, role, scope, disabled } = user.value;
    const done = await this.db.run([
      {
        sql: 'UPDATE users SET username = ?, password_hash = ?, role = ?, scope = ?, disabled = ? WHERE id = ?',
        params: [
          username,
          passwordHash,
          role,
          scope === undefined ? null : JSON.stringify(scope),
          disabled ? 1 : 0,
          id,
        ],
        check: mustExist('unknown_user', `no user '${id}'`, { userId: id }),
      },
    ]);
    return done.ok ? user : done;
  }

  async delete(id: string): Promise<Result<void>> {
    const done = await this.db.run([
      {
        sql: 'DELETE FROM users WHERE id = ?',
        params: [id],
        check: mustExist('unknown_user', `no user '${id}'`, { userId: id }),
      },
    ]);
    return done.ok ? ok(undefined) : done;
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM users WHERE id = ?`, [id]);
    return rows[0] === undefined ? undefined : userOf(rows[0]);
  }

  async findByUsername(username: string): Promise<UserRecord | undefined> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM users WHERE username = ?`, [username]);
    return rows[0] === undefined ? undefined : userOf(rows[0]);
  }

  async list(): Promise<readonly UserRecord[]> {
    return (await this.db.query(`SELECT ${COLUMNS} FROM users ORDER BY id`)).map(userOf);
  }

  /** UserDirectory's rehash-on-login hook; rejects with unknown_user if the user vanished meanwhile. */
  async updatePasswordHash(id: string, passwordHash: string): Promise<void> {
    const done = await this.db.run([
      {
        sql: 'UPDATE users SET password_hash = ? WHERE id = ?',
        params: [passwordHash, id],
        check: mustExist('unknown_user', `no user '${id}'`, { userId: id }),
      },
    ]);
    if (!done.ok) throw done.error;
  }
}
