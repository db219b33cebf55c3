import { type AgentId, fail, ok, type Result } from '@switchboard/core';
import type { LoginCheck } from '../app/command-executor.ts';

/** What the rule needs of the registrar's bindings (RegistrationStore has it). */
export interface PhoneRegistrations {
  isRegistered(extension: string): boolean;
}

/**
 * xuc's agent login rule on the SIP side (telephony's sip/README.md, "Agent login needs a registered
 * phone"): a logged-out agent logs in with an extension whose phone is registered right now, else the
 * login is refused - xuc's PhoneNumberUnknown, here `conflict` with details {extension, reason:
 * 'not_registered'} (the command is valid, the phone is not in a state to take calls). No extension
 * at all is refused the same way: on SIP an agent without a phone could never be offered a call.
 */
export function registeredPhoneRule(registrations: PhoneRegistrations): LoginCheck {
  return (agentId: AgentId, extension: string | null): Result<void> => {
    if (extension !== null && registrations.isRegistered(extension)) return ok(undefined);
    const message =
      extension === null
        ? `agent ${agentId} must log in with the extension of a registered phone`
        : `extension ${extension} has no registered phone: register the phone, then log in`;
    return fail('conflict', message, { extension, reason: 'not_registered' });
  };
}
