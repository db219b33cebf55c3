// A throwaway PostgreSQL for tests: initdb into a temporary directory, the server on 127.0.0.1 at a
// free port, stopped by its own PID and deleted at the end. Debian's postgresql package provides
// the binaries (CI installs it from .ci/apt-packages). PostgreSQL refuses to run as root, so when
// the tests run as root the server runs as the `postgres` OS user, which is given the directory.
//
// The server is tuned for tests (fsync off): it is the *client* that tests kill, never this server.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
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

export async function startPostgresTestServer(): Promise<PostgresTestServer> {
  const bin = findPostgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const [initCmd, initArgs] = asServerUser(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    USER,
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  try {
    execFileSync(initCmd, initArgs, { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`initdb failed: ${String(error)}\n${stderr}`);
  }
  const port = await freePort();
  const [cmd, args] = asServerUser(join(bin, 'postgres'), [
    '-D',
    data,
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-c',
    'unix_socket_directories=',
    '-c',
    'fsync=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=50',
    '-c',
    'shared_buffers=32MB',
  ]);
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8000);
  });
  const connectionString = `postgresql://${USER}@127.0.0.1:${port}/postgres`;
  // The postmaster is runuser's child when we are root: its own PID is in postmaster.pid.
  const postmasterPid = (): number | null => {
    try {
      const text = execFileSync('cat', [join(data, 'postmaster.pid')]).toString();
      const pid = Number(text.split('\n')[0]);
      return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
    } catch {
      return null;
    }
  };
  let stopped = false;
  // Safety net if the test process exits without calling stop(): signal only the server we started.
  const onExit = () => {
    const pid = postmasterPid();
    if (pid !== null) process.kill(pid, 'SIGQUIT');
  };
  process.once('exit', onExit);
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    const pid = postmasterPid();
    if (pid !== null && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        process.kill(pid, 'SIGINT');
      } catch {
        // already gone
      }
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(connectionString, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  let databases = 0;
  return {
    port,
    connectionString,
    async createDatabase() {
      databases += 1;
      const name = `t${databases}`;
      const client = new pg.Client({ connectionString });
      await client.connect();
      try {
        // The name is generated here from a counter, never from input; identifiers cannot be parameters.
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgresql://${USER}@127.0.0.1:${port}/${name}`;
    },
    stop,
  };
}
