// Test support shared with other packages' tests (the server's SIP end-to-end tests): finding sipp
// and a free loopback port. Not part of the runtime API.
export { freePort, requireSipp } from './sip/sipp-runner.ts';
