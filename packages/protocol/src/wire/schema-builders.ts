// The few shapes every wire schema is built from. Each schema is written once with TypeBox and is
// at the same time the runtime validator (compiled), the TypeScript type (Wire<typeof S>) and the
// JSON Schema of the OpenAPI document (the schema object itself, JSON Schema 2020-12).
import Type, { type Static, type TProperties, type TSchema, type TSchemaOptions } from 'typebox';

/** Readonly all the way down: the engine hands out frozen values, so the wire types must accept them. */
export type DeepReadonly<T> = T extends readonly unknown[]
  ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** The TypeScript type of a wire schema. */
export type Wire<S extends TSchema> = DeepReadonly<Static<S>>;

export interface ShapeOptions {
  /** A titled schema becomes a named component (#/components/schemas/<title>) in the OpenAPI document. */
  readonly title?: string;
  readonly description?: string;
}

/**
 * An object the server READS (frames, request bodies): an unknown field is refused, so a misspelt
 * argument is an error naming it instead of being silently ignored.
 */
export function closed<P extends TProperties>(properties: P, options: ShapeOptions = {}) {
  return Type.Object(properties, { ...options, additionalProperties: false });
}

/**
 * An object the server WRITES (responses, events): open, so the server can add a field without
 * breaking a client that validates what it receives. Clients ignore fields they do not know.
 */
export function open<P extends TProperties>(properties: P, options: ShapeOptions = {}) {
  return Type.Object(properties, { ...options });
}

export function nullable<S extends TSchema>(schema: S) {
  return Type.Union([schema, Type.Null()]);
}

/** A closed list of strings (one JSON Schema `enum`, so a wrong value gets one clear error). */
export function oneOf<const V extends string[]>(values: readonly [...V], options: TSchemaOptions = {}) {
  return Type.Enum<V>(values, options);
}

/** Milliseconds since the Unix epoch (or a duration in ms, by the field's name). */
export function millis(options: TSchemaOptions = {}) {
  return Type.Number(options);
}

/** A count or a duration that is never negative. */
export function count(options: TSchemaOptions = {}) {
  return Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, ...options });
}

// Identifiers in what the server WRITES are any string: a stricter rule here could only ever
// reject a value the engine accepted. What the server READS is bounded (inputId).
export function id(options: TSchemaOptions = {}) {
  return Type.String(options);
}

/** Printable, 1–128 characters: the bound core's checkId applies, checked at the edge as well. */
export const ID_PATTERN = '^[^\\u0000-\\u001f\\u007f]{1,128}$';

export function inputId(options: TSchemaOptions = {}) {
  return Type.String({ minLength: 1, maxLength: 128, pattern: ID_PATTERN, ...options });
}

/**
 * An ordered [key, value] pair (attached data). Written as a 2020-12 tuple (prefixItems), which is
 * what OpenAPI 3.1 reads; TypeBox's own Tuple still emits the draft-7 `items: [...]` form.
 */
export function pair(key: TSchema, value: TSchema) {
  return Type.Unsafe<[string, string]>({
    type: 'array',
    prefixItems: [key, value],
    items: false,
    minItems: 2,
    maxItems: 2,
  });
}

/** A map from string keys to one value schema (`additionalProperties`, the form OpenAPI tools read best). */
export function stringMap<S extends TSchema>(value: S, options: TSchemaOptions = {}) {
  return Type.Unsafe<Record<string, Static<S>>>({ type: 'object', additionalProperties: value, ...options });
}
