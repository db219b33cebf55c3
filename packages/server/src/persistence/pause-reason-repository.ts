// The pause-reason catalogue as stored, in the order it was given. The engine adds the system
// reasons (no_answer, disconnected, restart) itself, so they need not be stored.
import { ok, type PauseReason, type PauseReasonCode, type Result } from '@switchboard/core';
import { validatePauseReason } from './config-records.ts';
import type { Database, Row, Step } from './database.ts';
import { corruptRow, mustExist } from './step-checks.ts';

export function insertPauseReasonSteps(reason: PauseReason): Step[] {
  return [
    {
      sql: `INSERT INTO pause_reasons (code, position, name, category, sobot_code, toolbar_substate)
        SELECT ?, COALESCE(MAX(position), 0) + 1, ?, ?, ?, ? FROM pause_reasons`,
      params: [
        reason.code,
        reason.name,
        reason.category,
        reason.sobotCode ?? null,
        reason.toolbarSubstate ?? null,
      ],
    },
  ];
}

function reasonOf(row: Row): PauseReason {
  const reason: Record<string, unknown> = { code: row.code, name: row.name, category: row.category };
  if (row.sobot_code !== null) reason.sobotCode = row.sobot_code;
  if (row.toolbar_substate !== null) reason.toolbarSubstate = row.toolbar_substate;
  const valid = validatePauseReason(reason as unknown as PauseReason);
  if (!valid.ok) throw corruptRow('pause_reasons', row.code, valid.error.message);
  return valid.value;
}

const SELECT = 'SELECT code, name, category, sobot_code, toolbar_substate FROM pause_reasons';

export class PauseReasonRepository {
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  /** Appended at the end of the list; already_exists for a taken code, Sobot code or substate. */
  async create(input: PauseReason): Promise<Result<PauseReason>> {
    const reason = validatePauseReason(input);
    if (!reason.ok) return reason;
    const done = await this.db.run(insertPauseReasonSteps(reason.value));
    return done.ok ? reason : done;
  }

  /** Keeps the reason's place in the list. */
  async update(input: PauseReason): Promise<Result<PauseReason>> {
    const reason = validatePauseReason(input);
    if (!reason.ok) return reason;
    const { code, name, category, sobotCode, toolbarSubstate } = reason.value;
    const done = await this.db.run([
      {
        sql: 'UPDATE pause_reasons SET name = ?, category = ?, sobot_code = ?, toolbar_substate = ? WHERE code = ?',
        params: [name, category, sobotCode ?? null, toolbarSubstate ?? null, code],
        check: mustExist('unknown_pause_reason', `no pause reason '${code}'`, { reason: code }),
      },
    ]);
    return done.ok ? reason : done;
  }

  async delete(code: PauseReasonCode): Promise<Result<void>> {
    const done = await this.db.run([
      {
        sql: 'DELETE FROM pause_reasons WHERE code = ?',
        params: [code],
        check: mustExist('unknown_pause_reason', `no pause reason '${code}'`, { reason: code }),
      },
    ]);
    return done.ok ? ok(undefined) : done;
  }

  async list(): Promise<readonly PauseReason[]> {
    return (await this.db.query(`${SELECT} ORDER BY position`)).map(reasonOf);
  }
}
