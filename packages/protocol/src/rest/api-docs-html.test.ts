import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderApiDocsHtml } from './api-docs-html.ts';
import { buildOpenApi, type OpenApiDocument } from './openapi.ts';
import { ROUTE_IDS } from './route-catalogue.ts';

describe('renderApiDocsHtml', () => {
  const html = renderApiDocsHtml(buildOpenApi());

  test('the page lists every operation and every schema with an anchor', () => {
    for (const id of ROUTE_IDS) assert.ok(html.includes(`id="op-${id}"`), id);
    for (const name of ['AgentState', 'Contact', 'QueueConfig', 'ErrorEnvelope']) {
      assert.ok(html.includes(`id="schema-${name}"`), name);
    }
  });

  test('a $ref is a link to the schema it names', () => {
    assert.ok(html.includes('<a href="#schema-AgentStateView">AgentStateView</a>'));
  });

  test('it loads nothing from elsewhere', () => {
    assert.equal(/<script|<link|src=|@import|https?:\/\/(?!spec\.openapis)/.test(html), false);
  });

  test('text from the document is escaped', () => {
    const doc = {
      openapi: '3.1.0',
      info: { title: '<b>T</b>', version: '1', description: 'a & "b"' },
      paths: { '/x': { get: { operationId: 'x', summary: '<script>alert(1)</script>', responses: {} } } },
    } as unknown as OpenApiDocument;
    const page = renderApiDocsHtml(doc);
    assert.equal(page.includes('<script>'), false);
    assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(page.includes('&lt;b&gt;T&lt;/b&gt;'));
  });
});
