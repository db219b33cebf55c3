// Structural checks of an OpenAPI 3.1 document: what a generator gets wrong and a reader trips on.
// Empty list = sound. Used by the tests of buildOpenApi, and by the server's test of what it serves.
type Json = { [key: string]: unknown };

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function openApiProblems(doc: unknown): string[] {
  if (!isObject(doc)) return ['the document is not an object'];
  const problems: string[] = [];
  if (doc.openapi !== '3.1.0') problems.push('openapi must be "3.1.0"');
  const info = doc.info;
  if (!isObject(info) || typeof info.title !== 'string' || typeof info.version !== 'string') {
    problems.push('info needs a title and a version');
  }
  const paths = isObject(doc.paths) ? doc.paths : {};
  const operationIds = new Map<string, string>();
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith('/')) problems.push(`path ${path} does not start with /`);
    if (!isObject(item)) continue;
    const templated = new Set([...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!));
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const id = op.operationId;
      if (typeof id !== 'string') problems.push(`${where} has no operationId`);
      else if (operationIds.has(id))
        problems.push(`operationId ${id} is used by ${operationIds.get(id)} and ${where}`);
      else operationIds.set(id, where);
      problems.push(...parameterProblems(where, templated, op.parameters));
      const responses = op.responses;
      if (!isObject(responses) || Object.keys(responses).length === 0)
        problems.push(`${where} has no responses`);
      else {
        for (const [status, response] of Object.entries(responses)) {
          if (!isObject(response) || typeof response.description !== 'string')
            problems.push(`${where} response ${status} has no description`);
        }
      }
    }
  }
  problems.push(...refProblems(doc), ...draft7Problems(doc));
  return problems;
}

function parameterProblems(where: string, templated: Set<string>, parameters: unknown): string[] {
  const problems: string[] = [];
  const list = Array.isArray(parameters) ? parameters.filter(isObject) : [];
  const declared = new Set<string>();
  const seen = new Set<string>();
  for (const p of list) {
    const key = `${String(p.in)}:${String(p.name)}`;
    if (seen.has(key)) problems.push(`${where} declares parameter ${key} twice`);
    seen.add(key);
    if (p.in !== 'path') continue;
    declared.add(String(p.name));
    if (p.required !== true) problems.push(`${where} path parameter ${String(p.name)} must be required`);
    if (!templated.has(String(p.name)))
      problems.push(`${where} declares path parameter ${String(p.name)} not in the path`);
  }
  for (const name of templated) {
    if (!declared.has(name)) problems.push(`${where} does not declare path parameter ${name}`);
  }
  return problems;
}

/** Every local $ref points at something in the document. */
function refProblems(doc: Json): string[] {
  const problems: string[] = [];
  walk(doc, (node) => {
    const ref = node.$ref;
    if (typeof ref !== 'string') return;
    if (!ref.startsWith('#/')) problems.push(`$ref ${ref} is not local`);
    else if (resolvePointer(doc, ref.slice(1)) === undefined) problems.push(`$ref ${ref} does not resolve`);
  });
  return problems;
}

/** OpenAPI 3.1 reads JSON Schema 2020-12: the draft-7 tuple form (items: [...]) is invalid there. */
function draft7Problems(doc: Json): string[] {
  const problems: string[] = [];
  walk(doc, (node) => {
    if (Array.isArray(node.items))
      problems.push('a schema uses draft-7 tuple items: [...] (use prefixItems)');
    if ('additionalItems' in node) problems.push('a schema uses draft-7 additionalItems');
  });
  return problems;
}

function walk(value: unknown, visit: (node: Json) => void): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (isObject(node)) {
      visit(node);
      stack.push(...Object.values(node));
    }
  }
}

export function resolvePointer(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  let at: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isObject(at) && !Array.isArray(at)) return undefined;
    if (!Object.hasOwn(at, key)) return undefined;
    at = (at as Json)[key];
  }
  return at;
}
