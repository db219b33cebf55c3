// The call-control tests' contact center: the fixture's engine and SipTelephony, with scripted
// user agents as the trunk caller and the agent phones, bound in the registration store directly
// (registration itself is sipp's and the registrar's tests' business).
import { unwrap } from '@switchboard/core';
import { parseUri } from '../uri.ts';
import { agentIdOf, type CenterOptions, startCenter } from './b2bua-fixture.ts';
import { ScriptedUa } from './scripted-ua.ts';

export async function scriptedCenter(options: CenterOptions & { phones?: number }) {
  // The trunk UA is both the caller and the outbound destination (dial, external targets).
  const trunk = await ScriptedUa.open('trunk', 42_000);
  const center = await startCenter({
    trunks: [
      {
        id: 'loopback',
        addresses: ['127.0.0.1'],
        outbound: { address: '127.0.0.1', port: trunk.port, transport: 'UDP' },
        callerId: '0215550000',
      },
    ],
    ...options,
  });
  const now = Date.now();
  const phones: ScriptedUa[] = [];
  for (let i = 0; i < (options.phones ?? options.agents); i++) {
    const extension = String(3001 + i);
    const phone = await ScriptedUa.open(extension, 41_000 + 2 * i);
    phones.push(phone);
    bind(center.registrations, extension, phone);
  }
  function bind(store: typeof center.registrations, extension: string, phone: ScriptedUa): void {
    const uri = parseUri(phone.uri);
    if (!uri.ok) throw new Error(phone.uri);
    store.put({
      extension,
      contact: { displayName: undefined, uri: uri.value, params: [], expires: undefined, q: undefined },
      callId: `reg-${extension}-${phone.port}`,
      cseq: 1,
      expiresAt: now + 3_600_000,
      registeredAt: now,
      source: { transport: 'UDP', address: '127.0.0.1', port: phone.port, connectionId: undefined },
      userAgent: 'scripted',
    });
  }
  return {
    ...center,
    phones,
    trunk,
    /** Binds a further phone on an extension (a second contact, or a non-agent extension). */
    async addPhone(extension: string): Promise<ScriptedUa> {
      const phone = await ScriptedUa.open(extension, 43_000 + phones.length * 2);
      phones.push(phone);
      bind(center.registrations, extension, phone);
      return phone;
    },
    login(i: number): void {
      unwrap(center.engine.login(agentIdOf(i), String(3001 + i)));
    },
    async close(): Promise<void> {
      for (const p of phones) p.close();
      trunk.close();
      await center.close();
    },
  };
}

export async function until(check: () => boolean, timeoutMs = 5_000, label = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`${label} not reached in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
