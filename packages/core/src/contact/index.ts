// Public entry of the contact model: the Contact shape, its events, the phase table and every
// operation. Internal helpers (leg rewriting, the change builder) stay private. See README.md.
export { removeAttachedData, setAttachedData } from './attached-data.ts';
export { holdCustomer, muteLeg, resumeCustomer, sendDtmf, unmuteLeg } from './call-control.ts';
export {
  cancelConsult,
  completeConsultConference,
  completeConsultTransfer,
  retrieveConsult,
  startConsult,
} from './consult.ts';
export {
  type AttachedData,
  CONTACT_DIRECTIONS,
  CONTACT_OUTCOMES,
  CONTACT_PHASES,
  type ConsultState,
  type Contact,
  type ContactDirection,
  type ContactOutcome,
  type ContactPhase,
  type Disposition,
  LEG_STATES,
  type Leg,
  type LegState,
  type Party,
  RECORDING_STATES,
  type RecordingState,
  type Target,
} from './contact.ts';
export { type ContactChange, diffContact } from './contact-change.ts';
export type {
  ConsultEndReason,
  ContactActionEvent,
  ContactEvent,
  ContactEventBody,
  ContactEventType,
  ContactStateEvent,
  OfferWithdrawReason,
  TransferMode,
} from './contact-events.ts';
export {
  createInboundContact,
  createOutboundContact,
  type InboundContactInput,
  type OutboundContactInput,
} from './create.ts';
export { type DispositionInput, setDisposition } from './disposition.ts';
export {
  agentHangup,
  customerHangup,
  type EndOutcome,
  endContact,
  finishContactWrapup,
  type HangupInput,
} from './hangup.ts';
export {
  DN_ROLE_TO_LEG_ROLE,
  DN_ROLES,
  type DnRole,
  dnRoleOf,
  LEG_ROLE_TO_DN_ROLE,
  LEG_ROLES,
  type LegRole,
} from './leg-roles.ts';
export { ALLOWED_PHASES, CONTACT_OPERATIONS, type ContactOperation, isAllowedIn } from './phase-table.ts';
export { connectContact, enqueueContact, offerContact, withdrawOffer } from './queueing.ts';
export { pauseRecording, resumeRecording, startRecording, stopRecording } from './recording.ts';
export { answerLeg, endLeg } from './third-party.ts';
export { blindTransfer } from './transfer.ts';
