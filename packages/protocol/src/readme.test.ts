import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { INPUT_PROBLEMS } from './parse/limits.ts';
import { ROUTE_IDS, ROUTES } from './rest/route-catalogue.ts';
import { ERROR_CODES } from './wire/wire-error.ts';
import { CLIENT_FRAME_TYPES } from './ws/client-frames.ts';
import { COMMAND_NAMES } from './ws/command-catalogue.ts';
import { WIRE_EVENT_TYPES } from './ws/events.ts';
import { SERVER_FRAME_TYPES } from './ws/server-frames.ts';
import { TOPIC_FORMS } from './ws/topics.ts';
import { HTTP_STATUS_BY_ERROR } from './rest/http-status.ts';

// Table cells are compared without their padding (the formatter aligns the columns).
const squeeze = (text: string) => text.replace(/ *\| */g, '|');
const readme = squeeze(readFileSync(new URL('../README.md', import.meta.url), 'utf8'));

test('the README documents every command, route, topic, frame, event, input problem and error code', () => {
  const missing: string[] = [];
  const need = (text: string) => {
    if (!readme.includes(squeeze(text))) missing.push(text);
  };
  for (const name of COMMAND_NAMES) need(`| \`${name}\` |`);
  for (const id of ROUTE_IDS) {
    const route = ROUTES[id];
    if (!id.startsWith('agent') || route.method !== 'POST')
      need(`| ${route.method} | \`${route.path}\` | ${id} | ${route.role} |`);
  }
  for (const form of TOPIC_FORMS) need(`| \`${form}\` |`);
  for (const type of [...CLIENT_FRAME_TYPES, ...SERVER_FRAME_TYPES]) need(`| \`${type}\` |`);
  for (const type of WIRE_EVENT_TYPES) need(`\`${type}\``);
  for (const problem of INPUT_PROBLEMS.filter((p) => p !== 'oversize' && p !== 'unknown_route'))
    need(problem);
  for (const code of ERROR_CODES) need(`| \`${code}\` | ${HTTP_STATUS_BY_ERROR[code]} |`);
  assert.deepEqual(missing, []);
});
