// Kamailio (Debian package `kamailio`) as the call benchmark's reference: a transaction-stateful
// proxy (tm) that record-routes every call and forwards it to one answering sipp, so INVITE, ACK
// and BYE all pass through it - as they pass through the B2BUA. The config is written into a temp
// dir by the bench; the process runs in the foreground on 127.0.0.1 and is stopped by its PID.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MODULES = '/usr/lib/x86_64-linux-gnu/kamailio/modules/';

export function requireKamailio(): void {
  const probe = spawnSync('kamailio', ['-v'], { encoding: 'utf8' });
  if (probe.error !== undefined || !/kamailio/i.test(`${probe.stdout}${probe.stderr}`)) {
    throw new Error(
      'kamailio is not installed: the call benchmark measures it as its reference. Install the Debian ' +
        'package `kamailio` (apt-get install -y kamailio); CI installs it from .ci/apt-packages.',
    );
  }
}

export function kamailioConfig(port: number, forwardTo: string, children: number): string {
  return `#!KAMAILIO
debug=0
log_stderror=yes
memdbg=5
memlog=5
children=${children}
listen=udp:127.0.0.1:${port}
disable_tcp=yes
auto_aliases=no
mpath="${MODULES}"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "siputils.so"
loadmodule "textops.so"

request_route {
  if (!mf_process_maxfwd_header("10")) {
    sl_send_reply("483", "Too Many Hops");
    exit;
  }
  if (is_method("CANCEL")) {
    if (t_check_trans()) t_relay();
    exit;
  }
  if (has_totag()) {
    if (loose_route()) {
      t_relay();
    } else if (is_method("ACK")) {
      if (t_check_trans()) t_relay();
    } else {
      sl_send_reply("404", "Not here");
    }
    exit;
  }
  t_check_trans();
  record_route();
  $du = "sip:${forwardTo}";
  if (!t_relay()) sl_reply_error();
}
`;
}

export class KamailioProxy {
  readonly #child: ChildProcess;
  readonly #dir: string;
  output = '';

  private constructor(child: ChildProcess, dir: string) {
    this.#child = child;
    this.#dir = dir;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-10_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  static async start(port: number, forwardTo: string, children = 2): Promise<KamailioProxy> {
    requireKamailio();
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-kamailio-'));
    const run = join(dir, 'run');
    mkdirSync(run);
    const cfg = join(dir, 'kamailio.cfg');
    writeFileSync(cfg, kamailioConfig(port, forwardTo, children));
    const args = [
      '-f',
      cfg,
      '-DD',
      '-E',
      '-Y',
      run,
      '-P',
      join(run, 'kamailio.pid'),
      // Shared memory for transactions: each lingers for tm's wait timer after its final answer.
      '-m',
      '2048',
      '-M',
      '32',
    ];
    const child = spawn('kamailio', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const proxy = new KamailioProxy(child, dir);
    // Ready when it listens: give it a moment, and fail early if it exited (bad config).
    await new Promise((r) => setTimeout(r, 800));
    if (child.exitCode !== null) throw new Error(`kamailio exited ${child.exitCode}: ${proxy.output}`);
    return proxy;
  }

  async stop(): Promise<void> {
    const pid = this.#child.pid;
    if (pid !== undefined && this.#child.exitCode === null) {
      const closed = new Promise((r) => this.#child.once('close', r));
      process.kill(pid, 'SIGTERM');
      const hard = setTimeout(() => {
        if (this.#child.exitCode === null) process.kill(pid, 'SIGKILL');
      }, 5_000);
      await closed;
      clearTimeout(hard);
    }
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
