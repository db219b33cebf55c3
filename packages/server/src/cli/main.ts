import { simulateCommand } from './simulate-command.ts';
import { startCommand } from './start-command.ts';

const HELP = `switchboard — open-source contact-center CTI platform

Commands:
  switchboard start        run Switchboard on the embedded default (demo agents, queues, traffic)
  switchboard simulate     run a contact-center day in seconds and report per queue (--help for options)
`;

/** Dispatches a command line; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const out = (text: string) => process.stdout.write(`${text}\n`);
  const err = (text: string) => process.stderr.write(`${text}\n`);
  switch (command) {
    case 'simulate':
      return simulateCommand(rest, out, err);
    case 'start':
      return startCommand(rest, out, err);
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      out(HELP);
      return 0;
    default:
      err(`switchboard: unknown command "${command}"\n\n${HELP}`);
      return 2;
  }
}
