// A throwaway PostgreSQL for tests: initdb into a temporary directory, the server on 127.0.0.1 at a
// free port, stopped by its own PID and deleted at the end. Debian's postgresql package provides
// the binaries (CI installs it from .ci/apt-packages). PostgreSQL refuses to run as root, so when
// the tests run as root the server runs as the `postgres` OS user, which is given the directory.
//
// The server is tuned for tests (fsync off): it is the *client* that tests kill, never this server.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { freePort } from '@switchboard/telephony/testing';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresTestServer {
  readonly port: number;
  /** Superuser connection to the `postgres` database. */
  readonly connectionString: string;
  /** A new, empty database on this server; returns its connection string. */
  createDatabase(): Promise<string>;
  /** Stops the server (SIGINT to the postmaster: fast shutdown) and removes its directory. */
  stop(): Promise<void>;
}

const USER = 'switchboard';
const START_TIMEOUT_MS = 30_000;

/** The newest installed PostgreSQL's bin directory, or a clear error saying how to install one. */
export function findPostgresBin(root = '/usr/lib/postgresql'): string {
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter(
          (v) => existsSync(join(root, v, 'bin', 'postgres')) && existsSync(join(root, v, 'bin', 'initdb')),
        )
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      `PostgreSQL is not installed (no ${root}/<version>/bin/postgres): these tests need a real server. ` +
        'Install the Debian package: apt-get install postgresql (it is listed in .ci/apt-packages).',
    );
  }
  return join(root, versions[0]!, 'bin');
}

/** Runs a PostgreSQL binary as the postgres OS user when we are root (it refuses root). */
function asServerUser(command: string, args: readonly string[]): [string, string[]] {
  return process.getuid?.() === 0
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, [...args]];
}

async function waitUntilReady(
  connectionString: string,
  child: ChildProcess,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}:\n${log()}`);
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`postgres did not start in time: ${String(error)}\n${log()}`);
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

function initCluster(bin: string, dir: string, data: string): void {
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const options = ['-D', data, '-U', USER, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'];
  const [command, args] = asServerUser(join(bin, 'initdb'), options);
  try {
    execFileSync(command, args, { stdio: 'pipe' });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`initdb failed: ${String(error)}\n${stderr}`);
  }
}

interface Running {
  readonly connectionString: string;
  stop(): Promise<void>;
}

/** Starts the server on `port` and waits until it answers; stops it again if it does not. */
async function launch(bin: string, data: string, port: number): Promise<Running> {
  const settings = [
    'unix_socket_directories=',
    'fsync=off',
    'full_page_writes=off',
    'max_connections=50',
    'shared_buffers=32MB',
  ];
  const options = ['-D', data, '-h', '127.0.0.1', '-p', String(port), ...settings.flatMap((s) => ['-c', s])];
  const [command, args] = asServerUser(join(bin, 'postgres'), options);
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8000);
  });
  // Under runuser the postmaster is a grandchild: its own PID is the first line of postmaster.pid.
  const postmasterPid = (): number | null => {
    try {
      const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
    } catch {
      return null;
    }
  };
  // Safety net if the test process exits without calling stop(): signal only the server we started.
  const onExit = () => {
    const pid = postmasterPid();
    if (pid !== null) process.kill(pid, 'SIGQUIT');
  };
  process.once('exit', onExit);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const pid = postmasterPid();
    try {
      if (pid !== null)
        process.kill(pid, 'SIGINT'); // fast shutdown
      else child.kill('SIGINT');
    } catch {
      // already gone
    }
    await exited;
  };
  const connectionString = `postgresql://${USER}@127.0.0.1:${port}/postgres`;
  try {
    await waitUntilReady(connectionString, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { connectionString, stop };
}

const START_ATTEMPTS = 3;

export async function startPostgresTestServer(): Promise<PostgresTestServer> {
  const bin = findPostgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-pg-'));
  const data = join(dir, 'data');
  let running: Running | undefined;
  let port = 0;
  try {
    initCluster(bin, dir, data);
    for (let attempt = 1; running === undefined; attempt++) {
      // The free port may be taken between our probe and postgres binding it: try another.
      port = await freePort();
      try {
        running = await launch(bin, data, port);
      } catch (error) {
        if (attempt >= START_ATTEMPTS || !/could not bind|already in use/i.test(String(error))) throw error;
      }
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const server = running;
  let databases = 0;
  return {
    port,
    connectionString: server.connectionString,
    async createDatabase() {
      databases += 1;
      const name = `t${databases}`;
      const client = new pg.Client({ connectionString: server.connectionString });
      await client.connect();
      try {
        // The name is made here from a counter, never from input; identifiers cannot be parameters.
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgresql://${USER}@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
