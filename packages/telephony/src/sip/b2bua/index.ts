// Public entry of the B2BUA: the `sip` implementation of the engine's Telephony port, the trunk
// directory, and the dialog store that lets a restarted server end calls it no longer runs.
export type { B2buaCall } from './b2bua-call.ts';
export type { RecoveryReport } from './dialog-recovery.ts';
export {
  type DialogRecord,
  type DialogStore,
  InMemoryDialogStore,
  LEG_ROLES,
  type LegRole,
} from './dialog-store.ts';
export { SipTelephony, type SipTelephonyOptions } from './sip-telephony.ts';
export {
  type SipTrunk,
  type SipTrunkOutbound,
  type TrunkAdmission,
  TrunkDirectory,
  type TrunkDirectoryOptions,
} from './trunk-directory.ts';
