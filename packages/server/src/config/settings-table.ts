// Every setting of the server, once: its name in the config file, its environment variable, its
// type, default and meaning. The loader, the validation errors and docs/configuration.md all come
// from this table, so a setting cannot exist without being documented.

export type SettingType = 'string' | 'port' | 'integer' | 'boolean' | 'list' | 'enum';

export interface SettingSpec {
  /** Dotted path in the config file, e.g. `http.port`. */
  readonly key: string;
  readonly env: string;
  readonly type: SettingType;
  readonly values?: readonly string[];
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
    doc: 'Events kept per session for resume after reconnect.',
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
