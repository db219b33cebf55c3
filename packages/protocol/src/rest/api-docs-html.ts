// A readable, self-contained HTML page of the OpenAPI document (served at /docs): no script, no
// stylesheet or font from elsewhere, so it works offline and under a strict Content-Security-Policy.
import type { OpenApiDocument } from './openapi.ts';

type Json = { [key: string]: unknown };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem 2rem;color:#222}
h2{border-bottom:1px solid #ccc;margin-top:2.5rem}h3{margin:1.5rem 0 .25rem;font-family:monospace}
.m{display:inline-block;min-width:4rem;font-weight:bold}.get{color:#06c}.post{color:#080}.put,.patch{color:#a60}
.delete{color:#c00}table{border-collapse:collapse;margin:.25rem 0}td,th{border:1px solid #ddd;padding:.2rem .5rem;
text-align:left;vertical-align:top}pre{background:#f6f6f6;padding:.5rem;overflow:auto}small{color:#666}`;

export function renderApiDocsHtml(doc: OpenApiDocument): string {
  const info = (doc.info ?? {}) as Json;
  const paths = doc.paths as Record<string, Json>;
  const ops = Object.entries(paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m] !== undefined).map((method) => ({
      path,
      method,
      op: item[method] as Json,
    })),
  );
  const tags = [
    ...new Set(ops.map(({ op }) => String((op.tags as string[] | undefined)?.[0] ?? 'other'))),
  ].sort();
  const schemas = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, unknown>;
  const sections = tags.map((tag) => {
    const inTag = ops.filter(({ op }) => String((op.tags as string[] | undefined)?.[0] ?? 'other') === tag);
    return `<h2 id="tag-${anchor(tag)}">${esc(tag)}</h2>\n${inTag.map(renderOperation).join('\n')}`;
  });
  const components = Object.entries(schemas).map(
    ([name, schema]) =>
      `<h3 id="schema-${anchor(name)}">${esc(name)}</h3>\n<pre>${linkRefs(esc(JSON.stringify(schema, null, 2)))}</pre>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${esc(String(info.title ?? 'API'))}</title><style>${STYLE}</style></head><body>
<h1>${esc(String(info.title ?? 'API'))} <small>${esc(String(info.version ?? ''))}</small></h1>
<p>${esc(String(info.description ?? ''))}</p>
<p>The machine-readable document: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
<nav><ul>${tags.map((t) => `<li><a href="#tag-${anchor(t)}">${esc(t)}</a></li>`).join('')}<li><a href="#schemas">schemas</a></li></ul></nav>
${sections.join('\n')}
<h2 id="schemas">schemas</h2>
${components.join('\n')}
</body></html>
`;
}

function renderOperation({ path, method, op }: { path: string; method: string; op: Json }): string {
  const params = (op.parameters as Json[] | undefined) ?? [];
  const rows = params
    .map(
      (p) =>
        `<tr><td>${esc(String(p.name))}</td><td>${esc(String(p.in))}</td><td>${p.required ? 'yes' : 'no'}</td>` +
        `<td>${schemaLink(p.schema)}</td><td>${esc(String(p.description ?? ''))}</td></tr>`,
    )
    .join('');
  const body = (op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
  const responses = Object.entries((op.responses ?? {}) as Record<string, Json>)
    .map(([status, r]) => {
      const content = r.content as Record<string, Json> | undefined;
      const schema = content === undefined ? '' : schemaLink(content['application/json']?.schema);
      return `<tr><td>${esc(status)}</td><td>${esc(String(r.description ?? ''))}</td><td>${schema}</td></tr>`;
    })
    .join('');
  return `<h3 id="op-${anchor(String(op.operationId))}"><span class="m ${method}">${method.toUpperCase()}</span> ${esc(path)}</h3>
<p>${esc(String(op.summary ?? ''))} <small>operationId ${esc(String(op.operationId))}; least role: ${esc(String(op['x-required-role'] ?? '—'))}</small></p>
${rows === '' ? '' : `<table><tr><th>parameter</th><th>in</th><th>required</th><th>schema</th><th></th></tr>${rows}</table>`}
${body === undefined ? '' : `<p>Body: ${schemaLink(body['application/json']?.schema)}</p>`}
<table><tr><th>status</th><th>meaning</th><th>body</th></tr>${responses}</table>`;
}

/** A $ref as a link to its schema; an inline schema as compact JSON. */
function schemaLink(schema: unknown): string {
  if (typeof schema !== 'object' || schema === null) return '';
  const ref = (schema as Json).$ref;
  if (typeof ref === 'string') return linkRefs(esc(JSON.stringify(ref)));
  return `<code>${linkRefs(esc(JSON.stringify(schema)))}</code>`;
}

function linkRefs(escaped: string): string {
  return escaped.replace(
    /&quot;#\/components\/schemas\/([^&]+)&quot;/g,
    (_all, name: string) =>
      `<a href="#schema-${anchor(decodeURIComponent(name))}">${esc(decodeURIComponent(name))}</a>`,
  );
}

function anchor(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_');
}

function esc(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
