// The schema, as numbered forward steps. A released migration is never edited: a change is a new
// step. Statements are shared by both dialects unless they must differ (then one text each).
// Types are kept to the common ground: TEXT, INTEGER, BIGINT, DOUBLE PRECISION (times: Millis may
// be fractional under a simulated clock, and a double holds every whole ms up to 2^53 exactly); JSON is
// stored as TEXT (portable, and every JSON column is validated when read back); booleans are 0/1.
import type { Dialect } from './database.ts';

export type MigrationStatement = string | { readonly [D in Dialect]: string };

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly MigrationStatement[];
}

const SEQUENCE_COLUMN = {
  // AUTOINCREMENT: SQLite never reuses a rowid, even of a deleted last row, so seq only grows.
  sqlite: 'seq INTEGER PRIMARY KEY AUTOINCREMENT',
  postgres: 'seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY',
} as const;

function withSequence(before: string, after: string): MigrationStatement {
  return {
    sqlite: before + SEQUENCE_COLUMN.sqlite + after,
    postgres: before + SEQUENCE_COLUMN.postgres + after,
  };
}

// Records are paged by (arrived_at, contact_id): the id must sort the same way in both dialects,
// so PostgreSQL compares it bytewise ("C") like SQLite does, whatever the database's locale.
function contactRecordsTable(keyType: string): string {
  return `CREATE TABLE contact_records (
        contact_id ${keyType} PRIMARY KEY,
        direction TEXT NOT NULL,
        queue_id TEXT,
        customer_number TEXT NOT NULL,
        dialed_number TEXT NOT NULL,
        arrived_at DOUBLE PRECISION NOT NULL,
        connected_at DOUBLE PRECISION,
        ended_at DOUBLE PRECISION NOT NULL,
        outcome TEXT NOT NULL,
        agent_id TEXT,
        disposition_level1 TEXT,
        disposition_level2 TEXT,
        disposition_level3 TEXT,
        disposition_code TEXT,
        body TEXT NOT NULL
      )`;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'configuration',
    statements: [
      `CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        password_hash TEXT,
        role TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'agent')),
        scope TEXT,
        disabled INTEGER NOT NULL CHECK (disabled IN (0, 1))
      )`,
      'CREATE TABLE skills (id TEXT PRIMARY KEY, name TEXT NOT NULL)',
      `CREATE TABLE agents (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        agent_groups TEXT NOT NULL,
        extension TEXT UNIQUE
      )`,
      `CREATE TABLE agent_skills (
        agent_id TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
        skill_id TEXT NOT NULL REFERENCES skills (id),
        level DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (agent_id, skill_id)
      )`,
      'CREATE INDEX agent_skills_skill ON agent_skills (skill_id)',
      'CREATE TABLE queues (id TEXT PRIMARY KEY, name TEXT NOT NULL, config TEXT NOT NULL)',
      `CREATE TABLE queue_requirements (
        queue_id TEXT NOT NULL REFERENCES queues (id) ON DELETE CASCADE,
        skill_id TEXT NOT NULL REFERENCES skills (id),
        PRIMARY KEY (queue_id, skill_id)
      )`,
      'CREATE INDEX queue_requirements_skill ON queue_requirements (skill_id)',
      `CREATE TABLE memberships (
        agent_id TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
        queue_id TEXT NOT NULL REFERENCES queues (id) ON DELETE CASCADE,
        penalty INTEGER NOT NULL CHECK (penalty >= 0),
        PRIMARY KEY (agent_id, queue_id)
      )`,
      'CREATE INDEX memberships_queue ON memberships (queue_id)',
      `CREATE TABLE pause_reasons (
        code TEXT PRIMARY KEY,
        position INTEGER NOT NULL UNIQUE,
        name TEXT NOT NULL,
        category TEXT NOT NULL,
        sobot_code INTEGER UNIQUE,
        toolbar_substate TEXT UNIQUE
      )`,
      `CREATE TABLE dial_plan (
        number TEXT PRIMARY KEY,
        destination TEXT NOT NULL,
        queue_id TEXT REFERENCES queues (id),
        agent_id TEXT REFERENCES agents (id),
        priority INTEGER
      )`,
      'CREATE INDEX dial_plan_queue ON dial_plan (queue_id)',
      'CREATE INDEX dial_plan_agent ON dial_plan (agent_id)',
    ],
  },
  {
    version: 2,
    name: 'contact records and event logs',
    statements: [
      { sqlite: contactRecordsTable('TEXT'), postgres: contactRecordsTable('TEXT COLLATE "C"') },
      'CREATE INDEX contact_records_arrived ON contact_records (arrived_at, contact_id)',
      'CREATE INDEX contact_records_queue ON contact_records (queue_id, arrived_at, contact_id)',
      'CREATE INDEX contact_records_customer ON contact_records (customer_number, arrived_at, contact_id)',
      `CREATE TABLE contact_record_agents (
        contact_id TEXT NOT NULL REFERENCES contact_records (contact_id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        agent_id TEXT NOT NULL,
        PRIMARY KEY (contact_id, position)
      )`,
      'CREATE INDEX contact_record_agents_agent ON contact_record_agents (agent_id, contact_id)',
      `CREATE TABLE contact_record_attached (
        contact_id TEXT NOT NULL REFERENCES contact_records (contact_id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (contact_id, position)
      )`,
      'CREATE INDEX contact_record_attached_pair ON contact_record_attached (key, value, contact_id)',
      withSequence(
        'CREATE TABLE queue_log (',
        `, at DOUBLE PRECISION NOT NULL, contact_id TEXT NOT NULL, queue_id TEXT NOT NULL, type TEXT NOT NULL,
        agent_id TEXT, body TEXT NOT NULL)`,
      ),
      'CREATE INDEX queue_log_at ON queue_log (at)',
      'CREATE INDEX queue_log_queue ON queue_log (queue_id, at)',
      withSequence(
        'CREATE TABLE agent_log (',
        ', at DOUBLE PRECISION NOT NULL, agent_id TEXT NOT NULL, state TEXT NOT NULL, reason TEXT)',
      ),
      'CREATE INDEX agent_log_at ON agent_log (at)',
      'CREATE INDEX agent_log_agent ON agent_log (agent_id, at)',
    ],
  },
  {
    version: 3,
    name: 'recovery journal',
    statements: [
      `CREATE TABLE journal_contacts (
        contact_id TEXT PRIMARY KEY,
        queue_id TEXT,
        agent_id TEXT,
        updated_at DOUBLE PRECISION NOT NULL,
        body TEXT NOT NULL
      )`,
      `CREATE TABLE journal_agents (
        agent_id TEXT PRIMARY KEY,
        extension TEXT,
        logged_in_at DOUBLE PRECISION NOT NULL
      )`,
    ],
  },
  {
    version: 4,
    name: 'sip dialogs',
    statements: [
      // Every confirmed leg of every SIP call (the B2BUA's DialogStore): after a crash the restarted
      // server sends each a BYE. body = the whole DialogRecord JSON, validated when read back.
      `CREATE TABLE sip_dialogs (
        dialog_key TEXT PRIMARY KEY,
        contact_id TEXT NOT NULL,
        role TEXT NOT NULL,
        body TEXT NOT NULL
      )`,
    ],
  },
  {
    version: 5,
    name: 'sip registrations',
    statements: [
      // The registrar's bindings, so a restart knows the phones registered before it (registration-
      // repository.ts). One row per binding: the extension's list in order (position, oldest first);
      // body = the whole binding JSON, validated when read back; contact, transport and expires_at
      // are copies for people reading the table.
      `CREATE TABLE sip_registrations (
        extension TEXT NOT NULL,
        position INTEGER NOT NULL,
        contact TEXT NOT NULL,
        transport TEXT NOT NULL,
        expires_at DOUBLE PRECISION NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (extension, position)
      )`,
    ],
  },
];

export function statementFor(statement: MigrationStatement, dialect: Dialect): string {
  return typeof statement === 'string' ? statement : statement[dialect];
}
