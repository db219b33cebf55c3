// The process the crash test kills: a B2BUA with the engine, its dialogs in a FileDialogStore,
// agent a01 logged in on extension 3001 bound to the phone port given, serving calls until it is
// SIGKILLed. Prints "READY <sip port>" once it listens.
//   node crash-child.ts <dialog file> <phone port>
import { unwrap } from '@switchboard/core';
import { parseUri } from '../uri.ts';
import { agentIdOf, startCenter } from './b2bua-fixture.ts';
import { FileDialogStore } from './file-dialog-store.ts';

const [file, phonePort] = process.argv.slice(2);
if (file === undefined || phonePort === undefined)
  throw new Error('usage: crash-child.ts <file> <phone port>');
const center = await startCenter({ agents: 1, dialogStore: new FileDialogStore(file) });
const uri = parseUri(`sip:3001@127.0.0.1:${phonePort}`);
if (!uri.ok) throw new Error('bad phone port');
const now = Date.now();
center.registrations.put({
  extension: '3001',
  contact: { displayName: undefined, uri: uri.value, params: [], expires: undefined, q: undefined },
  callId: 'crash-reg',
  cseq: 1,
  expiresAt: now + 3_600_000,
  registeredAt: now,
  source: { transport: 'UDP', address: '127.0.0.1', port: Number(phonePort), connectionId: undefined },
  userAgent: 'scripted',
});
unwrap(center.engine.login(agentIdOf(0), '3001'));
console.log(`READY ${center.port}`);
// Serve until killed: the SIP socket keeps the process alive.
setInterval(() => {}, 60_000);
