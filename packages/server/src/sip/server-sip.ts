// The server's SIP side, built from the settings (telephony.kind = 'sip'): the registrar with the
// agent phones' digest credentials (sip.phones), the trunks (sip.trunks), the guards, and the B2BUA
// (SipTelephony) listening on UDP and TCP and, on the HTTP server, on /sip for SIP over WebSocket.
// Its dialogs go to the durable store, so a restart after a crash can end the calls it no longer
// runs: the dialogs stored when it starts are what the previous process left, and `recover()` sends
// a BYE to both legs of each (the engine's recovery has already closed the contacts as interrupted).
// Its registrations go to the database too (durable-registrations.ts): the UDP phones registered
// before a stop or a crash are registered again before SIP listens, so their agents can log in.
import type { Server as HttpServer } from 'node:http';
import {
  DEFAULT_CHALLENGE_ORDER,
  InMemorySipUserDirectory,
  RegistrationStore,
  type RecoveryReport,
  type ServerDigestAlgorithm,
  type SipClock,
  SipGuards,
  SipRegistrar,
  SipTelephony,
  type SipTrunk,
  SystemSipClock,
  TrunkDirectory,
} from '@switchboard/telephony/sip';
import type { Settings } from '../config/load-settings.ts';
import type { SipPhoneSetting } from '../config/sip-structured-settings.ts';
import type { ComponentHealth } from '../http/health-report.ts';
import type { Logger } from '../observability/json-logger.ts';
import type { Database } from '../persistence/database.ts';
import { DurableDialogStore } from './durable-dialog-store.ts';
import { DurableRegistrations } from './durable-registrations.ts';
import { loadOrCreateNonceSecret } from './nonce-secret.ts';

/** Where SIP over WebSocket is served on the HTTP port (RFC 7118; browser softphones). */
export const SIP_WEBSOCKET_PATH = '/sip';

export interface ServerSipOptions {
  readonly settings: Settings;
  /** The HTTP server SIP over WebSocket shares (its port, path /sip). */
  readonly http: HttpServer;
  /** Where the dialogs and registrations are kept (tables sip_dialogs, sip_registrations). */
  readonly db: Database;
  readonly dataDir: string;
  readonly log: Logger;
  /** Default: the wall clock (SystemSipClock: one Node timer for all SIP timers). */
  readonly clock?: SipClock;
}

export interface ServerSip {
  readonly telephony: SipTelephony;
  readonly registrations: RegistrationStore;
  readonly dialogStore: DurableDialogStore;
  readonly durableRegistrations: DurableRegistrations;
  /** The /health component: ports, registrations, calls, dialogs, recovery. */
  health(): ComponentHealth;
  /** BYE to both legs of each dialog the previous process left (stored at start); logs the outcome. */
  recover(): Promise<RecoveryReport>;
  /** Waits (at most `drainMs`) for the BYEs of a graceful stop, then closes the transports. */
  close(drainMs?: number): Promise<void>;
}

export async function startServerSip(options: ServerSipOptions): Promise<ServerSip> {
  const s = options.settings;
  const log = options.log.child({ component: 'sip' });
  // Read before SIP starts: the calls that start from now on add their own dialogs.
  const dialogStore = await DurableDialogStore.open(options.db, log);
  const leftovers = dialogStore.all();
  const clock = options.clock ?? new SystemSipClock();
  const realm = s.get('sip.realm') as string;
  const nonceSecret = loadOrCreateNonceSecret(options.dataDir);
  const trunkList = s.get('sip.trunks') as readonly SipTrunk[];
  const phones = s.get('sip.phones') as readonly SipPhoneSetting[];
  const algorithms = s.get('sip.digestAlgorithms') as readonly ServerDigestAlgorithm[];
  const registrations = new RegistrationStore(clock);
  // Before SIP listens: the phones registered before the stop are registered again from the start.
  const durableRegistrations = await DurableRegistrations.open(options.db, log, registrations);
  const registrar = new SipRegistrar({
    clock,
    directory: new InMemorySipUserDirectory(phones.map((p) => [p.extension, { password: p.password }])),
    store: registrations,
    // UDP and TCP phones get the configured order; browsers (JsSIP reads the last challenge) the default.
    policy: {
      realm,
      nonceSecret,
      algorithms: { UDP: algorithms, TCP: algorithms, WS: DEFAULT_CHALLENGE_ORDER.WS },
    },
  });
  const trunks = new TrunkDirectory({ trunks: trunkList, realm, nonceSecret });
  // A trunk carries many callers from one address: the per-source rate limit is for phones and scanners.
  const guards = new SipGuards({ exempt: [...new Set(trunkList.flatMap((t) => t.addresses ?? []))] });
  const advertisedHost = s.get('sip.advertisedHost') as string | null;
  const websocket = s.get('sip.websocket') === true;
  const telephony = await SipTelephony.start({
    clock,
    registrar,
    registrations,
    trunks,
    guards,
    dialogStore: dialogStore,
    keepaliveMs: (s.get('sip.keepaliveSeconds') as number) * 1000,
    listen: {
      address: s.get('sip.host') as string,
      udpPort: s.get('sip.udpPort') as number,
      tcpPort: s.get('sip.tcpPort') as number,
      ...(websocket ? { ws: { server: options.http, path: SIP_WEBSOCKET_PATH } } : {}),
      ...(advertisedHost === null ? {} : { advertisedHost }),
    },
  });
  registrations.onChange((change) => {
    const fields = {
      extension: change.extension,
      registered: change.registered,
      transport: change.binding.source.transport,
      address: change.binding.source.address,
      userAgent: change.binding.userAgent,
    };
    if (change.kind === 'refreshed') log.debug('phone registration refreshed', fields);
    else log.info(`phone registration ${change.kind}`, fields);
  });
  const ports = telephony.service.ports;
  log.info('sip listening', {
    host: s.get('sip.host'),
    udpPort: ports.udp,
    tcpPort: ports.tcp,
    websocket: websocket ? SIP_WEBSOCKET_PATH : null,
    phones: phones.length,
    trunks: trunkList.length,
  });

  let recovery: { readonly state: 'none' | 'running' } | ({ readonly state: 'done' } & RecoveryReport) = {
    state: 'none',
  };
  return {
    telephony,
    registrations,
    dialogStore,
    durableRegistrations,
    health: () => ({
      status: dialogStore.failures > 0 || durableRegistrations.failures > 0 ? 'degraded' : 'ok',
      host: s.get('sip.host'),
      udpPort: ports.udp ?? null,
      tcpPort: ports.tcp ?? null,
      websocket: websocket ? SIP_WEBSOCKET_PATH : null,
      registeredExtensions: registrations.extensions().length,
      registrations: registrations.bindingCount,
      phones: phones.length,
      trunks: trunkList.length,
      activeCalls: telephony.activeCalls,
      dialogs: dialogStore.size,
      dialogWriteFailures: dialogStore.failures,
      dialogWriteBacklog: dialogStore.backlog,
      registrationWriteFailures: durableRegistrations.failures,
      registrationWriteBacklog: durableRegistrations.backlog,
      restoredRegistrations: durableRegistrations.restore,
      recovery,
    }),
    recover: async () => {
      if (leftovers.length === 0) return { ended: 0, confirmed: 0, unanswered: 0 };
      recovery = { state: 'running' };
      log.warn('ending the SIP dialogs left by an unclean stop', { dialogs: leftovers.length });
      const report = await telephony.recoverDialogs(leftovers);
      recovery = { state: 'done', ...report };
      log.info('SIP dialogs after the unclean stop ended', { ...report });
      return report;
    },
    close: async (drainMs = 2_000) => {
      // The BYEs of the calls the stop ended are client transactions: they need the transports for
      // their answers and (UDP) retransmissions. A finished one lingers (timer K, 5 s on UDP), so
      // the wait is bounded: 2 s holds an answer and the first retransmissions on any live network.
      const transactions = telephony.service.transactions;
      const busy = () =>
        telephony.activeCalls > 0 || telephony.activeDialogs > 0 || transactions.clientTransactionCount > 0;
      const until = Date.now() + drainMs;
      while (busy() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
      await telephony.close();
      // Unsubscribed first: clear() is the process ending, not the phones leaving - the rows stay.
      await durableRegistrations.close();
      registrations.clear();
      if (clock instanceof SystemSipClock) clock.cancelAll();
      await dialogStore.flush();
    },
  };
}
