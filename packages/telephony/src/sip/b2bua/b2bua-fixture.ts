// A contact center on real SIP for the B2BUA tests and the call benchmark: the engine on the wall
// clock with SipTelephony on 127.0.0.1 (UDP, a free port), a registrar with digest (MD5 offered
// first: sipp answers only the first challenge and knows only MD5), agents a01..aNN on extensions
// 3001.. in queue `sales` dialed as 100, and a trunk recognised by its source address.
import assert from 'node:assert/strict';
import { type QueueConfig, unwrap } from '@switchboard/core';
import { Engine, InMemoryEventBus, InMemoryStore, SequentialIds, SystemClock } from '@switchboard/engine';
import { SipRegistrar } from '../registrar.ts';
import { RegistrationStore } from '../registration-store.ts';
import { SystemSipClock } from '../sip-clock.ts';
import { SipGuards } from '../sip-guards.ts';
import { InMemorySipUserDirectory } from '../sip-user-directory.ts';
import type { DialogStore } from './dialog-store.ts';
import { explain, SippProcess } from './sipp-process.ts';
import { SipTelephony } from './sip-telephony.ts';
import { type SipTrunk, TrunkDirectory } from './trunk-directory.ts';

export interface CenterOptions {
  readonly agents: number;
  readonly queue?: Partial<QueueConfig>;
  readonly trunks?: readonly SipTrunk[];
  readonly keepaliveMs?: number;
  /** Digest algorithms offered over UDP; default MD5 then SHA-256 (baresip 1.0 wants MD5 alone). */
  readonly udpDigest?: readonly ('MD5' | 'SHA-256')[];
  readonly dialogStore?: DialogStore;
}

export function agentIdOf(i: number): string {
  return `a${String(i + 1).padStart(2, '0')}`;
}

export function extensionOf(i: number): string {
  return String(3001 + i);
}

export function passwordOf(extension: string): string {
  return `pw-${extension}`;
}

export function salesQueue(overrides: Partial<QueueConfig> = {}): QueueConfig {
  return {
    id: 'sales',
    name: 'Sales',
    strategy: 'longest-idle',
    maxWaitMs: null,
    maxLength: null,
    joinEmpty: 'never',
    leaveWhenEmpty: 'never',
    overflow: { onTimeout: null, onFull: null, onEmpty: null },
    wrapupMs: 0,
    serviceLevelMs: 20_000,
    ringTimeoutMs: 15_000,
    requirements: [],
    maxPenalty: 0,
    relaxation: [],
    weight: 0,
    ...overrides,
  };
}

export async function startCenter(options: CenterOptions) {
  const sipClock = new SystemSipClock();
  const registrations = new RegistrationStore(sipClock);
  const extensions = Array.from({ length: options.agents }, (_, i) => extensionOf(i));
  const directory = new InMemorySipUserDirectory(extensions.map((e) => [e, { password: passwordOf(e) }]));
  const registrar = new SipRegistrar({
    clock: sipClock,
    directory,
    store: registrations,
    policy: {
      realm: 'switchboard.test',
      nonceSecret: 'b2bua-test',
      algorithms: {
        UDP: options.udpDigest ?? ['MD5', 'SHA-256'],
        TCP: ['MD5', 'SHA-256'],
        WS: ['SHA-256', 'MD5'],
      },
    },
  });
  const trunks = new TrunkDirectory({
    trunks: options.trunks ?? [{ id: 'loopback', addresses: ['127.0.0.1'] }],
  });
  const telephony = await SipTelephony.start({
    clock: sipClock,
    registrar,
    registrations,
    trunks,
    // The load generator shares the loopback address with every peer: no per-source limit here.
    guards: new SipGuards({ exempt: ['127.0.0.1'] }),
    listen: { address: '127.0.0.1', udpPort: 0, tcpPort: false },
    keepaliveMs: options.keepaliveMs ?? 0,
    ...(options.dialogStore === undefined ? {} : { dialogStore: options.dialogStore }),
  });
  const store = new InMemoryStore();
  const clock = new SystemClock();
  const bus = new InMemoryEventBus();
  const engine = unwrap(
    Engine.create(
      { clock, ids: new SequentialIds(), bus, store, telephony, random: Math.random },
      {
        queues: [salesQueue(options.queue)],
        agents: extensions.map((_, i) => ({ id: agentIdOf(i), name: `Agent ${i + 1}` })),
        memberships: extensions.map((_, i) => ({ agentId: agentIdOf(i), queueId: 'sales', penalty: 0 })),
        dialPlan: [{ number: '100', destination: { kind: 'queue', queueId: 'sales' } }],
      },
    ),
  );
  const port = telephony.service.ports.udp ?? 0;
  return {
    sipClock,
    registrations,
    telephony,
    engine,
    store,
    bus,
    port,
    extensions,
    /** Logs every agent in on its extension (login makes it Ready). */
    loginAll(): void {
      extensions.forEach((extension, i) => {
        unwrap(engine.login(agentIdOf(i), extension));
      });
    },
    async close(): Promise<void> {
      await telephony.close();
      registrations.clear();
      sipClock.cancelAll();
    },
  };
}

/** Injection lines for agent-register.xml: extension, credentials, Contact host:port. */
export function registrationLines(extensions: readonly string[], phonePort: number): string[] {
  return extensions.map(
    (e) => `${e};[authentication username=${e} password=${passwordOf(e)}];127.0.0.1:${phonePort}`,
  );
}

/**
 * A sipp agent phone that answers one call, registered (with digest) for the center's one agent:
 * the first steps of every single-call sipp test.
 */
export async function registeredPhone(center: {
  readonly port: number;
  readonly extensions: readonly string[];
}): Promise<SippProcess> {
  const phone = await SippProcess.start({
    scenario: 'agent-phone.xml',
    args: ['-m', '1'],
    timeoutMs: 30_000,
  });
  const registration = await SippProcess.start({
    scenario: 'agent-register.xml',
    remote: `127.0.0.1:${center.port}`,
    injection: registrationLines(center.extensions, phone.port),
    args: ['-m', '1'],
    timeoutMs: 15_000,
  });
  const registered = await registration.done;
  assert.equal(registered.successful, 1, explain('register', registered));
  return phone;
}
