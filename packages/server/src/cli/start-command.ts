import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createApp } from '../app/create-app.ts';
import { loadSettings } from '../config/load-settings.ts';

export const START_HELP = `switchboard start — run the Switchboard server

Options:
  --config FILE     JSON config file (default: $SWITCHBOARD_CONFIG, else ./switchboard.config.json if present)
  --demo-traffic    simulated callers and agents, so queues move (same as demo.traffic; not with telephony.kind sip)
  --port N          HTTP port (same as http.port / SWITCHBOARD_HTTP_PORT)
Every setting and its environment variable: docs/configuration.md, or /docs on the running server.
`;

/**
 * \`switchboard start\`: the server on the embedded default (SQLite under ./data, demo configuration on
 * first start). Stops gracefully on SIGTERM or SIGINT: no new connections, sockets closed, contacts in
 * progress closed as interrupted, the database closed.
 */
export async function startCommand(
  argv: readonly string[],
  out: (t: string) => void,
  err: (t: string) => void,
): Promise<number> {
  let values: { config?: string; 'demo-traffic'?: boolean; port?: string; help?: boolean };
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        config: { type: 'string' },
        'demo-traffic': { type: 'boolean' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    err(`switchboard start: ${(error as Error).message}`);
    return 2;
  }
  if (values.help) {
    out(START_HELP);
    return 0;
  }
  const path =
    values.config ??
    process.env.SWITCHBOARD_CONFIG ??
    (existsSync('switchboard.config.json') ? 'switchboard.config.json' : null);
  let file: Record<string, unknown> = {};
  if (path !== null) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new Error('the top level must be an object');
      file = parsed as Record<string, unknown>;
    } catch (error) {
      err(`switchboard start: cannot read config file ${path}: ${(error as Error).message}`);
      return 2;
    }
  }
  const env = {
    ...process.env,
    ...(values.port === undefined ? {} : { SWITCHBOARD_HTTP_PORT: values.port }),
  };
  const settings = loadSettings(file, env);
  if (!settings.ok) {
    err(`switchboard start: ${settings.error.message}`);
    return 2;
  }
  // Simulated callers need the simulated switch: refused before anything starts listening.
  if (values['demo-traffic'] === true && settings.value.get('telephony.kind') === 'sip') {
    err(
      "switchboard start: --demo-traffic runs simulated callers on the simulated switch; it cannot be used when telephony.kind is 'sip' (calls come from the SIP trunks)",
    );
    return 2;
  }
  const app = await createApp({ settings: settings.value });
  const { host, port } = await app.listen();
  if (values['demo-traffic'] === true || settings.value.get('demo.traffic') === true) app.startDemoTraffic();
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  err(
    `Switchboard is running: ${base}/docs (API docs), ${base}/health, WebSocket ${base.replace('http', 'ws')}/api/v1/ws`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await app.stop();
  return 0;
}
