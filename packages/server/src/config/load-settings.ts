import { fail, ok, type Result } from '@switchboard/core';
import { SETTINGS, type SettingSpec } from './settings-table.ts';
import type { FieldProblem } from './sip-structured-settings.ts';

/** `readonly object[]`: the structured settings (type 'json'), already checked against their shape. */
export type SettingValue = string | number | boolean | readonly string[] | readonly object[] | null;
export type Settings = ReadonlyMap<string, SettingValue>;

/**
 * Resolves every setting: environment variable, else config file value, else default. Each value is
 * checked against its spec; all problems are reported together in one invalid_argument whose
 * details hold the messages (`problems`) and the bad fields (`fields`: a setting's key or
 * environment variable, followed by the path inside a structured value, e.g. `sip.trunks[1].id`).
 */
export function loadSettings(
  file: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>,
): Result<Settings> {
  const known = new Set(SETTINGS.map((s) => s.key));
  const problems: string[] = [];
  const fields: string[] = [];
  const problem = (field: string, message: string) => {
    problems.push(`${field}: ${message}`);
    fields.push(field);
  };
  for (const key of flattenKeys(file))
    if (!known.has(key)) problem(key, 'unknown setting in the config file');
  const values = new Map<string, SettingValue>();
  for (const spec of SETTINGS) {
    const fromEnv = env[spec.env];
    const fromFile = pick(file, spec.key);
    const raw = fromEnv !== undefined ? fromEnv : fromFile;
    if (raw === undefined) {
      values.set(spec.key, spec.default);
      continue;
    }
    const name = fromEnv !== undefined ? spec.env : spec.key;
    const parsed = coerce(spec, raw, fromEnv !== undefined);
    if (typeof parsed === 'string') problem(name, parsed);
    else if ('problems' in parsed) for (const p of parsed.problems) problem(`${name}${p.path}`, p.message);
    else values.set(spec.key, parsed.value);
  }
  if (values.get('database.kind') === 'postgres' && !values.get('database.url')) {
    problem('database.url', 'required (SWITCHBOARD_DATABASE_URL) when database.kind is postgres');
  }
  // The demo's simulated callers exist only on the simulated switch: in sip mode calls come from trunks.
  if (values.get('telephony.kind') === 'sip' && values.get('demo.traffic') === true) {
    problem(
      'demo.traffic',
      "simulated traffic runs on the simulated switch only; it cannot be on when telephony.kind is 'sip'",
    );
  }
  return problems.length > 0
    ? fail('invalid_argument', `bad configuration: ${problems.join('; ')}`, { problems, fields })
    : ok(values);
}

type Coerced = { value: SettingValue } | { problems: readonly FieldProblem[] } | string;

function coerce(spec: SettingSpec, raw: unknown, fromEnv: boolean): Coerced {
  switch (spec.type) {
    case 'string':
      return typeof raw === 'string' ? { value: raw } : 'must be a string';
    case 'enum':
      return typeof raw === 'string' && spec.values!.includes(raw)
        ? { value: raw }
        : `must be one of ${spec.values!.join(', ')}`;
    case 'boolean': {
      if (typeof raw === 'boolean') return { value: raw };
      if (fromEnv && typeof raw === 'string' && /^(1|true|yes|on)$/i.test(raw)) return { value: true };
      if (fromEnv && typeof raw === 'string' && /^(0|false|no|off)$/i.test(raw)) return { value: false };
      return 'must be true or false';
    }
    case 'port':
    case 'integer': {
      const n =
        typeof raw === 'number'
          ? raw
          : fromEnv && typeof raw === 'string' && /^\d+$/.test(raw)
            ? Number(raw)
            : Number.NaN;
      const [min, max] =
        spec.type === 'port' ? [0, 65_535] : [spec.min ?? 0, spec.max ?? Number.MAX_SAFE_INTEGER];
      return Number.isSafeInteger(n) && n >= min && n <= max
        ? { value: n }
        : `must be a whole number from ${min} to ${max}`;
    }
    case 'list': {
      const items =
        fromEnv && typeof raw === 'string'
          ? raw
              .split(',')
              .map((s) => s.trim())
              .filter((s) => s.length > 0)
          : raw;
      if (!Array.isArray(items) || !items.every((s) => typeof s === 'string'))
        return 'must be a list of strings';
      const allowed = spec.values;
      if (allowed !== undefined && !items.every((s) => allowed.includes(s)))
        return `must be a list of ${allowed.join(', ')}`;
      return { value: items as string[] };
    }
    case 'json': {
      let value = raw;
      if (fromEnv) {
        try {
          value = JSON.parse(raw as string);
        } catch (error) {
          return `must be JSON text (${(error as Error).message})`;
        }
      }
      return spec.shape!.parse(value);
    }
  }
}

function pick(file: Record<string, unknown>, key: string): unknown {
  let node: unknown = file;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function flattenKeys(node: Record<string, unknown>, prefix = ''): string[] {
  const keys: string[] = [];
  for (const [k, v] of Object.entries(node)) {
    const key = prefix === '' ? k : `${prefix}.${k}`;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && !SETTINGS.some((s) => s.key === key))
      keys.push(...flattenKeys(v as Record<string, unknown>, key));
    else keys.push(key);
  }
  return keys;
}

/** The configuration reference (docs/configuration.md and /docs), generated from the table. */
export function settingsReference(): string {
  const rows = SETTINGS.map(
    (s) =>
      `| \`${s.key}\` | \`${s.env}\` | ${s.type}${s.values ? ` (${s.values.join(', ')})` : ''}${s.shape ? ` (${s.shape.name})` : ''} | \`${JSON.stringify(s.default)}\` | ${s.doc} |`,
  );
  return ['| setting | environment | type | default | meaning |', '|---|---|---|---|---|', ...rows].join(
    '\n',
  );
}
