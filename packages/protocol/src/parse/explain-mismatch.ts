// Says WHERE a value fails its schema and what was wrong, in one line a developer can act on.
// The compiled check only says yes or no, and a union's raw error list names every branch; this
// walks the schema the way a reader would: it follows the branch the value meant (by its `kind` or
// `type` discriminator, null or not, its JSON type), so "/args/target/number must match pattern"
// comes out instead of four branch failures.
import Value from 'typebox/value';
import { escapePointer } from './decode-json.ts';

export interface Mismatch {
  /** JSON Pointer of the offending value ('' = the whole input). */
  readonly path: string;
  readonly message: string;
}

type Schema = Readonly<Record<string, unknown>>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `schema`: a TypeBox schema or any JSON Schema object of the subset the wire shapes use. */
export function explainMismatch(schema: object, value: unknown, path = ''): Mismatch | null {
  return explain(schema as Schema, value, path);
}

function explain(schema: Schema, value: unknown, path: string): Mismatch | null {
  if (Array.isArray(schema.anyOf)) return explainUnion(schema.anyOf as Schema[], value, path);
  if (schema.type === 'object' && isRecord(value)) {
    const inner = explainObject(schema, value, path);
    if (inner !== null) return inner;
  }
  if (schema.type === 'array' && Array.isArray(value)) {
    const inner = explainArray(schema, value, path);
    if (inner !== null) return inner;
  }
  return ownProblem(schema, value, path);
}

function explainObject(schema: Schema, value: Record<string, unknown>, path: string): Mismatch | null {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const key of (schema.required ?? []) as string[]) {
    if (!Object.hasOwn(value, key)) return { path: `${path}/${escapePointer(key)}`, message: 'is required' };
  }
  for (const key of Object.keys(value)) {
    if (Object.hasOwn(properties, key)) continue;
    const extra = schema.additionalProperties;
    if (extra === false) return { path: `${path}/${escapePointer(key)}`, message: 'is not an allowed field' };
    if (isRecord(extra)) {
      const inner = explain(extra, value[key], `${path}/${escapePointer(key)}`);
      if (inner !== null) return inner;
    }
  }
  for (const [key, sub] of Object.entries(properties)) {
    if (!Object.hasOwn(value, key)) continue;
    const inner = explain(sub, value[key], `${path}/${escapePointer(key)}`);
    if (inner !== null) return inner;
  }
  return null;
}

function explainArray(schema: Schema, value: unknown[], path: string): Mismatch | null {
  const prefix = (schema.prefixItems ?? []) as Schema[];
  for (const [i, item] of value.entries()) {
    const sub = i < prefix.length ? prefix[i] : schema.items;
    if (sub === false) return { path: `${path}/${i}`, message: 'is one item too many' };
    if (!isRecord(sub)) continue;
    const inner = explain(sub, item, `${path}/${i}`);
    if (inner !== null) return inner;
  }
  return null;
}

function explainUnion(branches: readonly Schema[], value: unknown, path: string): Mismatch | null {
  if (value === null) {
    return branches.some((b) => b.type === 'null') ? null : { path, message: `must be ${typesOf(branches)}` };
  }
  const candidates = branches.filter((b) => b.type !== 'null');
  if (candidates.length === 1) return explain(candidates[0]!, value, path);
  const discriminator = discriminatorOf(candidates);
  if (discriminator !== null && isRecord(value)) {
    const tag = value[discriminator];
    const chosen = candidates.filter((b) => constOf(b, discriminator) === tag);
    if (chosen.length === 1) return explain(chosen[0]!, value, path);
    // Several branches share the tag (result ok: true / ok: false): tell them apart by another key.
    if (chosen.length > 1) return explainUnion(chosen, value, path);
    const allowed = [...new Set(candidates.map((b) => String(constOf(b, discriminator))))].join(', ');
    return { path: `${path}/${escapePointer(discriminator)}`, message: `must be one of: ${allowed}` };
  }
  const sameType = candidates.filter((b) => matchesType(b.type, value));
  if (sameType.length === 1) return explain(sameType[0]!, value, path);
  return { path, message: `must be ${typesOf(branches)}` };
}

/** The property every branch pins to a constant, with the most distinct values (at least two). */
function discriminatorOf(branches: readonly Schema[]): string | null {
  const first = branches[0]?.properties;
  if (!isRecord(first)) return null;
  let best: { key: string; values: number } | null = null;
  for (const key of Object.keys(first)) {
    const tags = branches.map((b) => constOf(b, key));
    if (tags.some((t) => t === undefined)) continue;
    const values = new Set(tags).size;
    if (values >= 2 && (best === null || values > best.values)) best = { key, values };
  }
  return best?.key ?? null;
}

function constOf(branch: Schema, key: string): unknown {
  const property = isRecord(branch.properties) ? branch.properties[key] : undefined;
  return isRecord(property) ? property.const : undefined;
}

function matchesType(type: unknown, value: unknown): boolean {
  switch (type) {
    case 'object':
      return isRecord(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
    case 'number':
      return typeof value === 'number';
    case 'string':
    case 'boolean':
      return typeof value === type;
    default:
      return false;
  }
}

function typesOf(branches: readonly Schema[]): string {
  const names = branches.map((b) =>
    b.const !== undefined ? JSON.stringify(b.const) : String(b.type ?? 'a value'),
  );
  return [...new Set(names)].join(' or ');
}

/** The node's own keywords (type, pattern, bounds, enum …), its children being known good. */
function ownProblem(schema: Schema, value: unknown, path: string): Mismatch | null {
  const [first] = Value.Errors(schema, value);
  if (first === undefined) return null;
  const at = `${path}${first.instancePath}`;
  if (first.keyword === 'enum') {
    const allowed = (schema.enum as unknown[] | undefined) ?? [];
    const shown = allowed.slice(0, 24).map(String).join(', ');
    return { path: at, message: `must be one of: ${shown}${allowed.length > 24 ? ', …' : ''}` };
  }
  return { path: at, message: first.message };
}
