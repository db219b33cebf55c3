// baresip (Debian `baresip`) as an agent softphone for the tests: a temp config dir (`baresip -f`)
// with one account that registers with digest to the switch and answers by itself
// (`;answermode=auto`), no sound card - the aubridge module stands in for microphone and speaker
// (ausine would, but only at 48 kHz, and G.711 is 8 kHz) - G.711 only, listening on 127.0.0.1 with
// a free port. Stopped by its PID.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './sipp-process.ts';

const MODULES = '/usr/lib/baresip/modules';

/** Throws when baresip is missing: the tests that need it fail, never skip. */
export function requireBaresip(): void {
  const probe = spawnSync('baresip', ['-h'], { encoding: 'utf8' });
  if (probe.error !== undefined || !/baresip/i.test(`${probe.stdout}${probe.stderr}`)) {
    throw new Error(
      'baresip is not installed: this test needs a real softphone. Install the Debian package ' +
        '`baresip` (apt-get install -y baresip); CI installs it from .ci/apt-packages.',
    );
  }
  for (const module of ['g711', 'aubridge', 'account', 'menu']) {
    if (!existsSync(join(MODULES, `${module}.so`))) throw new Error(`baresip module ${module}.so is missing`);
  }
}

export interface BaresipOptions {
  readonly extension: string;
  readonly password: string;
  /** The switch's UDP port on 127.0.0.1. */
  readonly registrarPort: number;
}

export class BaresipPhone {
  readonly port: number;
  output = '';
  readonly #child: ChildProcess;
  readonly #dir: string;

  private constructor(port: number, child: ChildProcess, dir: string) {
    this.port = port;
    this.#child = child;
    this.#dir = dir;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  static async start(options: BaresipOptions): Promise<BaresipPhone> {
    requireBaresip();
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-baresip-'));
    const port = await freePort();
    const rtp = 20_000 + (port % 20_000);
    writeFileSync(
      join(dir, 'config'),
      [
        `sip_listen 127.0.0.1:${port}`,
        'call_local_timeout 120',
        'call_max_calls 4',
        // No sound card: aubridge connects the player of device "nil" to the source of the same name.
        'audio_source aubridge,nil',
        'audio_player aubridge,nil',
        'audio_alert aubridge,nil',
        `rtp_ports ${rtp}-${rtp + 10}`,
        `module_path ${MODULES}`,
        'module g711.so',
        'module aubridge.so',
        'module_app account.so',
        'module_app menu.so',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'accounts'),
      `<sip:${options.extension}@127.0.0.1:${options.registrarPort};transport=udp>;auth_pass=${options.password};answermode=auto;regint=600;audio_codecs=PCMU,PCMA\n`,
    );
    const child = spawn('baresip', ['-f', dir], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    return new BaresipPhone(port, child, dir);
  }

  get running(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  async stop(): Promise<void> {
    const pid = this.#child.pid;
    if (pid !== undefined && this.running) {
      const closed = new Promise((r) => this.#child.once('close', r));
      process.kill(pid, 'SIGTERM');
      const hard = setTimeout(() => {
        if (this.running) process.kill(pid, 'SIGKILL');
      }, 3_000);
      await closed;
      clearTimeout(hard);
    }
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
