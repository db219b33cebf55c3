// Hard ceilings on what one SIP message may cost us to parse. A peer that exceeds them gets a
// typed refusal (513/413 for requests, silence for responses) instead of our memory and CPU.

export interface SipLimits {
  /** Whole message, start line + headers + body, in bytes (a UDP datagram is at most 65,535). */
  readonly maxMessageBytes: number;
  /** Header field rows after unfolding; RFC 4475 longreq has 45, real traffic far fewer. */
  readonly maxHeaderCount: number;
  /** One logical header line (name, colon, unfolded value) or the start line, in characters. */
  readonly maxHeaderLineLength: number;
  /** Message body (Content-Length), in bytes. */
  readonly maxBodyBytes: number;
}

export const DEFAULT_SIP_LIMITS: SipLimits = {
  maxMessageBytes: 65_536,
  maxHeaderCount: 200,
  maxHeaderLineLength: 8_192,
  maxBodyBytes: 60_000,
};

export function resolveLimits(overrides: Partial<SipLimits> | undefined): SipLimits {
  return overrides ? { ...DEFAULT_SIP_LIMITS, ...overrides } : DEFAULT_SIP_LIMITS;
}
