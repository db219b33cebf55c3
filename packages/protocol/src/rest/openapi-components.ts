// Turns the inline schemas of the catalogue into OpenAPI components: every sub-schema with a
// `title` is stored once under #/components/schemas/<title> and replaced by a $ref. The copies are
// plain JSON (TypeBox's own markers are not enumerable and do not survive the copy).

export type JsonSchema = { [key: string]: unknown };

// Keywords whose value is data, not a schema: never searched for titled schemas.
const DATA_KEYWORDS = new Set(['const', 'enum', 'default', 'examples', 'required']);

export class ComponentCollector {
  readonly #schemas = new Map<string, JsonSchema>();
  readonly #json = new Map<string, string>();

  /** A copy of `schema` with titled sub-schemas (and itself, when titled) replaced by $refs. */
  ref(schema: unknown): unknown {
    return this.#copy(schema, false);
  }

  /** Sorted by name, for a stable document. */
  schemas(): Record<string, JsonSchema> {
    return Object.fromEntries([...this.#schemas].sort(([a], [b]) => a.localeCompare(b)));
  }

  #copy(value: unknown, isRoot: boolean): unknown {
    if (Array.isArray(value)) return value.map((item) => this.#copy(item, false));
    if (typeof value !== 'object' || value === null) return value;
    const source = value as JsonSchema;
    const title = source.title;
    if (!isRoot && typeof title === 'string') return this.#hoist(title, source);
    const copy: JsonSchema = {};
    for (const key of Object.keys(source)) {
      copy[key] = DATA_KEYWORDS.has(key) ? structuredClone(source[key]) : this.#copy(source[key], false);
    }
    return copy;
  }

  #hoist(title: string, source: JsonSchema): { $ref: string } {
    const copy = this.#copy(source, true) as JsonSchema;
    const json = JSON.stringify(copy);
    const known = this.#json.get(title);
    if (known === undefined) {
      this.#schemas.set(title, copy);
      this.#json.set(title, json);
    } else if (known !== json) {
      // Two different shapes under one name would make one of them lie in the docs.
      throw new Error(`two different schemas are titled ${title}`);
    }
    return { $ref: `#/components/schemas/${encodeURIComponent(title)}` };
  }
}
