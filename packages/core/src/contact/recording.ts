// Call recording as contact state: off → on ⇄ paused → off. The events tell the media side what
// to do; the contact only records the state. Any way out of 'connected' turns it off.
import type { Millis } from '../ids.ts';
import { fail, type Result } from '../result.ts';
import type { Contact, RecordingState } from './contact.ts';
import { type ContactChange, commit } from './contact-change.ts';
import { type ContactOperation, checkOperation } from './phase-table.ts';

// Which recording states each command starts from, and where it goes.
const RECORDING_MOVES = {
  startRecording: { from: ['off'], to: 'on' },
  pauseRecording: { from: ['on'], to: 'paused' },
  resumeRecording: { from: ['paused'], to: 'on' },
  stopRecording: { from: ['on', 'paused'], to: 'off' },
} as const satisfies Record<string, { from: readonly RecordingState[]; to: RecordingState }>;

type RecordingOperation = keyof typeof RECORDING_MOVES & ContactOperation;

export function startRecording(contact: Contact, input: { at: Millis }): Result<ContactChange> {
  return moveRecording(contact, 'startRecording', input.at);
}

export function pauseRecording(contact: Contact, input: { at: Millis }): Result<ContactChange> {
  return moveRecording(contact, 'pauseRecording', input.at);
}

export function resumeRecording(contact: Contact, input: { at: Millis }): Result<ContactChange> {
  return moveRecording(contact, 'resumeRecording', input.at);
}

export function stopRecording(contact: Contact, input: { at: Millis }): Result<ContactChange> {
  return moveRecording(contact, 'stopRecording', input.at);
}

function moveRecording(contact: Contact, operation: RecordingOperation, at: Millis): Result<ContactChange> {
  const guard = checkOperation(contact, operation, at);
  if (!guard.ok) return guard;
  const move = RECORDING_MOVES[operation];
  if (!(move.from as readonly RecordingState[]).includes(contact.recording)) {
    return fail('conflict', `${operation} is not possible while recording is ${contact.recording}`, {
      contactId: contact.id,
      recording: contact.recording,
    });
  }
  return commit(contact, { ...contact, recording: move.to }, at);
}
