import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { COMMAND_NAMES } from '../ws/command-catalogue.ts';
import { commandRouteId } from './command-routes.ts';
import { API_PREFIX, HTTP_METHODS } from './route.ts';
import { matchRoute, ROUTE_IDS, ROUTES } from './route-catalogue.ts';

describe('route catalogue', () => {
  test('every route lives under /api/v1 and says its method, status, role and summary', () => {
    for (const id of ROUTE_IDS) {
      const route = ROUTES[id];
      assert.ok(route.path.startsWith(`${API_PREFIX}/`), id);
      assert.ok((HTTP_METHODS as readonly string[]).includes(route.method), id);
      assert.ok(route.summary.length > 0, id);
      assert.equal(route.status === 204, route.response === null, `${id}: 204 exactly when there is no body`);
    }
  });

  test("a path's {params} are exactly the route's params schema", () => {
    for (const id of ROUTE_IDS) {
      const route = ROUTES[id];
      const inPath = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = route.params === null ? [] : Object.keys(route.params.properties).sort();
      assert.deepEqual(declared, inPath, id);
    }
  });

  test('no two routes share a method and a path', () => {
    const seen = new Set(ROUTE_IDS.map((id) => `${ROUTES[id].method} ${ROUTES[id].path}`));
    assert.equal(seen.size, ROUTE_IDS.length);
  });

  test('every command of the catalogue is POST /api/v1/agents/{agentId}/<command>', () => {
    for (const name of COMMAND_NAMES) {
      const route = ROUTES[commandRouteId(name)];
      assert.equal(route.method, 'POST');
      assert.equal(route.path, `${API_PREFIX}/agents/{agentId}/${name}`);
    }
  });

  test('the resources of the issue are all there', () => {
    const paths = new Set(ROUTE_IDS.map((id) => `${ROUTES[id].method} ${ROUTES[id].path}`));
    for (const expected of [
      'GET /api/v1/agents',
      'POST /api/v1/users',
      'PUT /api/v1/queues/{queueId}',
      'PUT /api/v1/queues/{queueId}/members/{agentId}',
      'GET /api/v1/skills',
      'GET /api/v1/pause-reasons',
      'GET /api/v1/contact-records',
      'GET /api/v1/queues/{queueId}/stats',
      'GET /api/v1/queues/{queueId}/stats/intervals',
      'GET /api/v1/agents/{agentId}/stats/intervals',
      'POST /api/v1/agents/{agentId}/login',
      'POST /api/v1/agents/{agentId}/consultStart',
    ]) {
      assert.ok(paths.has(expected), expected);
    }
  });

  test('matchRoute finds the route and its decoded params, and nothing for an unknown path or method', () => {
    assert.deepEqual(matchRoute('GET', '/api/v1/agents/a%2F1'), {
      routeId: 'getAgent',
      params: { agentId: 'a/1' },
    });
    assert.deepEqual(matchRoute('POST', '/api/v1/agents/a1/hold'), {
      routeId: 'agentHold',
      params: { agentId: 'a1' },
    });
    assert.deepEqual(matchRoute('GET', '/api/v1/agent-states'), { routeId: 'listAgentStates', params: {} });
    assert.equal(matchRoute('GET', '/api/v1/agents/a1/nope'), null);
    assert.equal(matchRoute('PATCH', '/api/v1/agents/a1/hold'), null);
    assert.equal(
      matchRoute('GET', '/api/v1/agents/%E0%A4%A'),
      null,
      'a bad percent-encoding matches nothing',
    );
    assert.equal(matchRoute('GET', '/api/v1/agents/'), null, 'an empty segment is no id');
  });
});
