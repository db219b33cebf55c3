import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import {
  COMMAND_NAMES,
  commandRouteId,
  DEFAULT_INPUT_LIMITS,
  ERROR_CODES,
  httpStatusOf,
  INPUT_PROBLEMS,
  ROUTES,
} from '@switchboard/protocol';
import { type RestTestApp, startRestTestApp, T0 } from './rest-test-app.ts';

// The handler is driven in-process with fake request/response objects (the same code path as the
// server's 'request' event, minus the socket), so 10,000 runs take seconds.

class FakeRequest extends Readable {
  readonly headers: Record<string, string>;
  readonly method: string;
  readonly url: string;
  readonly socket = { remoteAddress: '127.0.0.1' };
  #body: Uint8Array | null;

  constructor(method: string, url: string, headers: Record<string, string>, body: Uint8Array | null) {
    super();
    this.method = method;
    this.url = url;
    this.headers = headers;
    this.#body = body;
  }

  override _read(): void {
    if (this.#body !== null && this.#body.length > 0) this.push(Buffer.from(this.#body));
    this.#body = null;
    this.push(null);
  }
}

class FakeResponse extends EventEmitter {
  statusCode = 200;
  headersSent = false;
  writableEnded = false;
  body = '';
  readonly done: Promise<void>;
  #resolve: () => void = () => {};

  constructor() {
    super();
    this.done = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }
  setHeader(): this {
    return this;
  }
  writeHead(status: number): this {
    this.statusCode = status;
    this.headersSent = true;
    return this;
  }
  end(body?: string): this {
    this.body = body ?? '';
    this.writableEnded = true;
    this.emit('finish');
    this.#resolve();
    return this;
  }
  destroy(): this {
    this.emit('close');
    this.#resolve();
    return this;
  }
}

interface Attempt {
  readonly method: string;
  readonly url: string;
  readonly body: Uint8Array | null;
  readonly declaredLength?: number;
  readonly token: boolean;
}

const encode = (text: string) => new TextEncoder().encode(text);

// Every route that takes a body, with a concrete path (admin token: role and scope never refuse).
const BODY_ROUTES: readonly { method: string; path: string; routeId: string }[] = [
  { method: 'POST', path: '/api/v1/users', routeId: 'createUser' },
  { method: 'PATCH', path: '/api/v1/users/a1', routeId: 'updateUser' },
  { method: 'POST', path: '/api/v1/agents', routeId: 'createAgent' },
  { method: 'PATCH', path: '/api/v1/agents/a1', routeId: 'updateAgent' },
  { method: 'POST', path: '/api/v1/skills', routeId: 'createSkill' },
  { method: 'PATCH', path: '/api/v1/skills/english', routeId: 'updateSkill' },
  { method: 'POST', path: '/api/v1/pause-reasons', routeId: 'createPauseReason' },
  { method: 'PATCH', path: '/api/v1/pause-reasons/break', routeId: 'updatePauseReason' },
  { method: 'POST', path: '/api/v1/queues', routeId: 'createQueue' },
  { method: 'PUT', path: '/api/v1/queues/sales', routeId: 'replaceQueue' },
  { method: 'PUT', path: '/api/v1/queues/sales/members/a1', routeId: 'setQueueMember' },
  { method: 'POST', path: '/api/v1/auth/login', routeId: 'authLogin' },
  { method: 'POST', path: '/api/v1/auth/refresh', routeId: 'authRefresh' },
  { method: 'POST', path: '/api/v1/auth/ucs-sso', routeId: 'authUcsSso' },
  ...COMMAND_NAMES.map((name) => ({
    method: 'POST',
    path: `/api/v1/agents/a1/${name}`,
    routeId: commandRouteId(name),
  })),
];

const propertiesOf = (routeId: string): string[] => {
  const body = (ROUTES as Record<string, { body: { properties?: object } | null }>)[routeId]?.body;
  return Object.keys(body?.properties ?? {});
};

/** A value no field of any body schema accepts: an object with an unknown key holding an array. */
const poison = fc.record({ 'zz-unknown': fc.array(fc.integer(), { minLength: 1, maxLength: 3 }) });

const notJson = fc
  .string({ minLength: 1, maxLength: 200 })
  .filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  })
  .map(encode);

const badUtf8 = fc
  .tuple(
    fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify({ v })),
    fc.constantFrom([0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf8, 0x88, 0x80, 0x80, 0x80]),
    fc.nat(),
  )
  .map(([text, bad, at]) => {
    const bytes = encode(text);
    const i = 1 + (at % (bytes.length - 1));
    return new Uint8Array([...bytes.slice(0, i), ...bad, ...bytes.slice(i)]);
  });

const notAnObject = fc
  .oneof(
    fc.integer(),
    fc.double(),
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.jsonValue({ maxDepth: 2 })),
  )
  .map((v) => encode(JSON.stringify(v)));

const tooDeep = fc.integer({ min: 33, max: 300 }).map((n) => encode(`${'['.repeat(n)}${']'.repeat(n)}`));

function wrongFields(routeId: string) {
  const fields = propertiesOf(routeId);
  const unknownKey = fc
    .tuple(
      fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
      fc.string({ maxLength: 8 }),
    )
    .map(([rest, key]) => encode(JSON.stringify({ ...rest, [`zz-unknown-${key}`]: 1 })));
  if (fields.length === 0) return unknownKey;
  const poisoned = fc
    .tuple(fc.constantFrom(...fields), poison)
    .map(([field, value]) => encode(JSON.stringify({ [field]: value })));
  return fc.oneof(unknownKey, poisoned);
}

const huge = fc.constantFrom('declared', 'sent').map((how) => ({
  body: how === 'sent' ? encode(JSON.stringify({ pad: 'x'.repeat(DEFAULT_INPUT_LIMITS.maxBytes) })) : null,
  declared: how === 'declared' ? DEFAULT_INPUT_LIMITS.maxBytes * 8 : undefined,
}));

const bodyAttempt: fc.Arbitrary<Attempt> = fc.constantFrom(...BODY_ROUTES).chain((route) =>
  fc
    .oneof(
      { weight: 3, arbitrary: notJson.map((body) => ({ body })) },
      { weight: 3, arbitrary: badUtf8.map((body) => ({ body })) },
      { weight: 2, arbitrary: notAnObject.map((body) => ({ body })) },
      { weight: 5, arbitrary: wrongFields(route.routeId).map((body) => ({ body })) },
      { weight: 1, arbitrary: tooDeep.map((body) => ({ body })) },
      { weight: 1, arbitrary: huge },
    )
    .map((b) => ({
      method: route.method,
      url: route.path,
      body: b.body,
      token: !route.routeId.startsWith('auth'),
      ...('declared' in b && b.declared !== undefined ? { declaredLength: b.declared } : {}),
    })),
);

// Queries and path params: each has one part that can never be right.
const badNumber = fc.oneof(
  fc.constantFrom('abc', '-1', '1.5e', '', ' 12', '0x10', 'NaN', 'Infinity'),
  fc.string({ maxLength: 6 }).filter((s) => !/^[0-9]+$/.test(s)),
);
const queryAttempt: fc.Arbitrary<Attempt> = fc
  .oneof(
    badNumber.map((v) => `/api/v1/contact-records?from=${encodeURIComponent(v)}&to=${T0}`),
    fc.constantFrom('0', '501', '-3', '2.5').map((v) => `/api/v1/contact-records?from=0&to=${T0}&limit=${v}`),
    fc.string({ minLength: 1, maxLength: 8 }).map((k) => `/api/v1/memberships?zz${encodeURIComponent(k)}=1`),
    fc.constantFrom('agentId', 'queueId').map((k) => `/api/v1/contacts?${k}=a&${k}=b`),
    badNumber.map(
      (v) => `/api/v1/queues/sales/stats/intervals?from=0&to=${T0}&intervalMs=${encodeURIComponent(v)}`,
    ),
    fc
      .integer({ min: 1, max: 59_999 })
      .map((v) => `/api/v1/queues/sales/stats/intervals?from=0&to=${T0}&intervalMs=${v}`),
    fc
      .string({ minLength: 129, maxLength: 200 })
      .map((id) => `/api/v1/agents/${encodeURIComponent(id)}/state`),
    fc
      .integer({ min: 0, max: 31 })
      .map((c) => `/api/v1/agents/a${encodeURIComponent(String.fromCharCode(c))}1`),
    fc
      .string({ maxLength: 8 })
      .map((v) => `/api/v1/queues/sales/log?from=0&to=${T0}&cursor=x${encodeURIComponent(v)}`),
  )
  .map((url) => ({ method: 'GET', url, body: null, token: true }));

describe('REST input edge (property)', () => {
  let app: RestTestApp;
  let token: string;
  before(async () => {
    app = await startRestTestApp();
    token = await app.login('root');
    // Something live, so "nothing changed" covers agents and contacts too.
    app.ctx.engine.login('a2', null);
    app.telephony.arrive('+15550900', '2000');
  });
  after(() => app.close());

  const state = async () => {
    const p = app.ctx.persistence;
    const e = app.ctx.engine;
    return JSON.stringify({
      users: await p.users.list(),
      agents: await p.agents.list(),
      queues: await p.queues.list(),
      memberships: await p.memberships.list(),
      skills: await p.skills.list(),
      pauseReasons: await p.pauseReasons.list(),
      dialPlan: await p.dialPlan.list(),
      records: await p.records.count(),
      agentStates: e.agentIds().map((id) => e.agentState(id)),
      queueFigures: e.queueIds().map((id) => e.queueSnapshot(id)),
      catalogue: e.pauseReasons.list(),
      live: e.liveContacts,
    });
  };

  test('malformed bodies, wrong types, huge payloads, bad UTF-8 and bad queries: always a typed 4xx, nothing changes', async () => {
    const before = await state();
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 4, arbitrary: bodyAttempt }, { weight: 1, arbitrary: queryAttempt }),
        async (a) => {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (a.token) headers.authorization = `Bearer ${token}`;
          const length = a.declaredLength ?? a.body?.length;
          if (length !== undefined) headers['content-length'] = String(length);
          const req = new FakeRequest(a.method, a.url, headers, a.body);
          const res = new FakeResponse();
          app.handler(req as unknown as IncomingMessage, res as unknown as ServerResponse);
          await res.done;
          const status = res.statusCode;
          seen.set(status, (seen.get(status) ?? 0) + 1);
          assert.ok(status >= 400 && status < 500, `${a.method} ${a.url}: ${status} ${res.body}`);
          const { error } = JSON.parse(res.body) as {
            error: { code: string; details: { reason?: string; field?: string } };
          };
          assert.ok((ERROR_CODES as readonly string[]).includes(error.code), error.code);
          assert.equal(httpStatusOf(error.code as (typeof ERROR_CODES)[number]), status);
          if (status === 400) {
            // Refused at the edge: which rule (INPUT_PROBLEMS); refused by a handler's own check: which field.
            const named =
              (INPUT_PROBLEMS as readonly string[]).includes(error.details.reason ?? '') ||
              typeof error.details.field === 'string';
            assert.ok(named, JSON.stringify(error));
          }
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 10000) },
    );
    assert.equal(await state(), before, 'the database and the engine are as they were');
    assert.ok((seen.get(400) ?? 0) > 0 && (seen.get(413) ?? 0) > 0, JSON.stringify([...seen]));
    assert.equal((await app.request('GET', '/api/v1/me', { token })).status, 200, 'the server still answers');
  });
});
