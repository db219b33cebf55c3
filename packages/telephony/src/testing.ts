// Test support shared with other packages' tests (the server's SIP end-to-end tests): finding sipp,
// a free loopback port, and sipp as a running peer. Not part of the runtime API.
export {
  explain,
  freePort,
  requireSipp,
  SippProcess,
  type SippOutcome,
  type SippStartOptions,
} from './sip/b2bua/sipp-process.ts';
