// Test support shared with other packages' tests (the server's SIP end-to-end tests): finding sipp,
// a free loopback port, and sipp as a running peer. Not part of the runtime API.
export { freePort, requireSipp } from './sip/sipp-runner.ts';
export {
  explain,
  SippProcess,
  type SippOutcome,
  type SippStartOptions,
} from './sip/b2bua/sipp-process.ts';
