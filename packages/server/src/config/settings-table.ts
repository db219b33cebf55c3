// Every setting of the server, once: its name in the config file, its environment variable, its
// type, default and meaning. The loader, the validation errors and docs/configuration.md all come
// from this table, so a setting cannot exist without being documented.
import { type FieldProblem, parseSipPhones, parseSipTrunks } from './sip-structured-settings.ts';

export type SettingType = 'string' | 'port' | 'integer' | 'boolean' | 'list' | 'enum' | 'json';

/** A structured value (type 'json'): a JSON value in the config file, JSON text in the environment. */
export interface StructuredShape {
  /** What the docs call it, e.g. "list of SipTrunk". */
  readonly name: string;
  parse(raw: unknown): { readonly value: readonly object[] } | { readonly problems: readonly FieldProblem[] };
}

export interface SettingSpec {
  /** Dotted path in the config file, e.g. `http.port`. */
  readonly key: string;
  readonly env: string;
  readonly type: SettingType;
  /** enum: the allowed values; list: the allowed items (any when absent). */
  readonly values?: readonly string[];
  /** json: the shape and its parser. */
  readonly shape?: StructuredShape;
  readonly default: string | number | boolean | readonly string[] | null;
  readonly min?: number;
  readonly max?: number;
  readonly doc: string;
}

export const SETTINGS: readonly SettingSpec[] = [
  {
    key: 'http.host',
    env: 'SWITCHBOARD_HTTP_HOST',
    type: 'string',
    default: '127.0.0.1',
    doc: 'Address the HTTP/WebSocket server listens on. Loopback by default because the demo users have published passwords; set 0.0.0.0 to serve a network.',
  },
  {
    key: 'http.port',
    env: 'SWITCHBOARD_HTTP_PORT',
    type: 'port',
    default: 8080,
    doc: 'HTTP port (REST, WebSocket, /docs, /metrics, /health). 0 picks a free port.',
  },
  {
    key: 'data.dir',
    env: 'SWITCHBOARD_DATA_DIR',
    type: 'string',
    default: './data',
    doc: 'Directory of the embedded database and generated secrets.',
  },
  {
    key: 'database.kind',
    env: 'SWITCHBOARD_DATABASE',
    type: 'enum',
    values: ['sqlite', 'postgres'],
    default: 'sqlite',
    doc: 'sqlite: embedded file under data.dir; postgres: database.url.',
  },
  {
    key: 'database.url',
    env: 'SWITCHBOARD_DATABASE_URL',
    type: 'string',
    default: null,
    doc: 'PostgreSQL connection string (postgres://user:pass@host:port/db) when database.kind is postgres.',
  },
  {
    key: 'demo.seed',
    env: 'SWITCHBOARD_DEMO_SEED',
    type: 'boolean',
    default: true,
    doc: 'Seed the demo configuration (users, agents, queues, skills, pause reasons) into an empty database on first start.',
  },
  {
    key: 'demo.traffic',
    env: 'SWITCHBOARD_DEMO_TRAFFIC',
    type: 'boolean',
    default: false,
    doc: 'Run simulated callers and agents (same as --demo-traffic).',
  },
  {
    key: 'auth.accessTokenSeconds',
    env: 'SWITCHBOARD_ACCESS_TOKEN_SECONDS',
    type: 'integer',
    min: 60,
    max: 86_400,
    default: 900,
    doc: 'Lifetime of access tokens.',
  },
  {
    key: 'auth.refreshTokenDays',
    env: 'SWITCHBOARD_REFRESH_TOKEN_DAYS',
    type: 'integer',
    min: 1,
    max: 90,
    default: 7,
    doc: 'Lifetime of refresh tokens.',
  },
  {
    key: 'auth.ucsSsoSecret',
    env: 'SWITCHBOARD_UCS_SSO_SECRET',
    type: 'string',
    default: null,
    doc: 'Shared secret of the UCS SSO token; SSO login is off while unset.',
  },
  {
    key: 'ws.allowedOrigins',
    env: 'SWITCHBOARD_WS_ALLOWED_ORIGINS',
    type: 'list',
    default: [],
    doc: 'Origins allowed to open WebSockets (comma-separated in the environment). Empty: same origin as the server only. Non-browser clients send no Origin and are allowed.',
  },
  {
    key: 'ws.disconnectGraceSeconds',
    env: 'SWITCHBOARD_WS_GRACE_SECONDS',
    type: 'integer',
    min: 0,
    max: 3600,
    default: 60,
    doc: 'A Ready agent whose socket is gone this long goes Paused("disconnected").',
  },
  {
    key: 'ws.heartbeatSeconds',
    env: 'SWITCHBOARD_WS_HEARTBEAT_SECONDS',
    type: 'integer',
    min: 1,
    max: 300,
    default: 20,
    doc: 'Heartbeat interval both ways; a peer silent for two intervals is dropped.',
  },
  {
    key: 'ws.resumeBuffer',
    env: 'SWITCHBOARD_WS_RESUME_BUFFER',
    type: 'integer',
    min: 0,
    max: 1_000_000,
    default: 1000,
    doc: 'Frames kept per session for resume after reconnect (older ones: a full snapshot instead).',
  },
  {
    key: 'ws.resumeLogMiB',
    env: 'SWITCHBOARD_WS_RESUME_LOG_MIB',
    type: 'integer',
    min: 1,
    max: 65_536,
    default: 32,
    doc: 'Memory for the events that sessions keep for resume, shared by all sessions and reserved at start (the oldest are dropped first).',
  },
  // The frame-rate limit. Defaults far above real clients: an agent desktop sends a few commands a
  // minute, a wallboard only subscribes (at most a few hundred frames at start), and an admin
  // integration driving 1,000 agents over one connection averages ~30 frames/s; a runaway loop
  // sends thousands a second and is stopped.
  {
    key: 'ws.frameRatePerSecond',
    env: 'SWITCHBOARD_WS_FRAME_RATE',
    type: 'integer',
    min: 1,
    max: 100_000,
    default: 50,
    doc: 'Frames per second (commands, subscribes, pings, malformed ones) a WebSocket client may keep up; a frame over the limit is answered rate_limited and not executed.',
  },
  {
    key: 'ws.frameBurst',
    env: 'SWITCHBOARD_WS_FRAME_BURST',
    type: 'integer',
    min: 1,
    max: 1_000_000,
    default: 500,
    doc: 'Frames a WebSocket client may send at once after a quiet spell (on top of ws.frameRatePerSecond: the size of its token bucket).',
  },
  {
    key: 'ws.frameRefusalsBeforeClose',
    env: 'SWITCHBOARD_WS_FRAME_REFUSALS',
    type: 'integer',
    min: 0,
    max: 1_000_000,
    default: 250,
    doc: 'Frames refused rate_limited (counted until the client has earned its whole burst back) after which the next one closes the connection with 4429.',
  },
  {
    key: 'telephony.kind',
    env: 'SWITCHBOARD_TELEPHONY',
    type: 'enum',
    values: ['sim', 'sip'],
    default: 'sim',
    doc: "sim: the in-process simulated switch (tests, demo, --demo-traffic); sip: Switchboard's own SIP registrar and B2BUA - agents' phones register to it, trunks bring calls in (the sip.* settings).",
  },
  {
    key: 'sip.host',
    env: 'SWITCHBOARD_SIP_HOST',
    type: 'string',
    default: '127.0.0.1',
    doc: 'Address SIP over UDP and TCP listens on (sip mode). Loopback by default like http.host; set 0.0.0.0 (and sip.advertisedHost) to serve phones on a network.',
  },
  {
    key: 'sip.udpPort',
    env: 'SWITCHBOARD_SIP_UDP_PORT',
    type: 'port',
    default: 5060,
    doc: 'SIP over UDP port. 0 picks a free port (shown in /health).',
  },
  {
    key: 'sip.tcpPort',
    env: 'SWITCHBOARD_SIP_TCP_PORT',
    type: 'port',
    default: 5060,
    doc: 'SIP over TCP port (RFC 3261 framing by Content-Length). 0 picks a free port.',
  },
  {
    key: 'sip.websocket',
    env: 'SWITCHBOARD_SIP_WEBSOCKET',
    type: 'boolean',
    default: true,
    doc: 'SIP over WebSocket (RFC 7118, subprotocol "sip") on the HTTP port at /sip, for browser softphones.',
  },
  {
    key: 'sip.realm',
    env: 'SWITCHBOARD_SIP_REALM',
    type: 'string',
    default: 'switchboard',
    doc: "Digest realm of the registrar and of the trunks' 407 challenges (usually the SIP domain).",
  },
  {
    key: 'sip.advertisedHost',
    env: 'SWITCHBOARD_SIP_ADVERTISED_HOST',
    type: 'string',
    default: null,
    doc: 'Host written in our Via and Contact headers when sip.host is 0.0.0.0 (the address phones and trunks reach us at).',
  },
  {
    key: 'sip.digestAlgorithms',
    env: 'SWITCHBOARD_SIP_DIGEST_ALGORITHMS',
    type: 'list',
    values: ['SHA-256', 'MD5'],
    default: ['SHA-256', 'MD5'],
    doc: 'Digest challenges offered over UDP and TCP, most preferred first (RFC 8760). Phones that answer only the first challenge and know only MD5 (sipp, some desk phones) need MD5 first. WebSocket keeps SHA-256, MD5 (JsSIP reads the last).',
  },
  {
    key: 'sip.keepaliveSeconds',
    env: 'SWITCHBOARD_SIP_KEEPALIVE_SECONDS',
    type: 'integer',
    min: 0,
    max: 3600,
    default: 30,
    doc: 'In-dialog OPTIONS on every established leg this often, so a call whose far end vanished is cleared. 0: none.',
  },
  {
    key: 'sip.trunks',
    env: 'SWITCHBOARD_SIP_TRUNKS',
    type: 'json',
    shape: { name: 'list of SipTrunk', parse: parseSipTrunks },
    default: [],
    doc: 'Trunks: `{id, addresses?: [IP], credentials?: {username, password}, outbound?: {address, port?: 5060, transport?: "UDP" or "TCP", domain?}, callerId?}`. An INVITE is admitted from a listed source address, or after a 407 digest with the credentials (both when both are given); anything else gets 403. Calls out (transfer, consult, dial) go to the first trunk with `outbound`. JSON text in the environment.',
  },
  {
    key: 'sip.phones',
    env: 'SWITCHBOARD_SIP_PHONES',
    type: 'json',
    shape: { name: 'list of SipPhone', parse: parseSipPhones },
    default: [],
    doc: 'Agent phones the registrar accepts: `{extension, password}` (digest credentials; the extension is the SIP user and what an agent logs in with). JSON text in the environment.',
  },
  {
    key: 'log.level',
    env: 'SWITCHBOARD_LOG_LEVEL',
    type: 'enum',
    values: ['debug', 'info', 'warn', 'error'],
    default: 'info',
    doc: 'Least severe level written (JSON lines on stdout).',
  },
];
