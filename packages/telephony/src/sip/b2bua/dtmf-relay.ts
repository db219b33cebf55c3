// DTMF as SIP INFO bodies (application/dtmf-relay, the de-facto format phones and Asterisk use:
// "Signal=5\r\nDuration=160"). RFC 4733 telephone-events need nothing here: they travel in the
// RTP stream, whose SDP (with its telephone-event payload type) the B2BUA passes through.
export const DTMF_RELAY_TYPE = 'application/dtmf-relay';
const DIGITS = /^[0-9*#A-Da-d]$/;

/** The digit of a dtmf-relay body, or undefined when there is none that is valid. */
export function readDtmfRelay(body: string): string | undefined {
  const m = /^\s*signal\s*=\s*(\S)\s*$/im.exec(body);
  const digit = m?.[1];
  return digit !== undefined && DIGITS.test(digit) ? digit.toUpperCase() : undefined;
}

export function formatDtmfRelay(digit: string, durationMs = 160): string {
  return `Signal=${digit}\r\nDuration=${durationMs}\r\n`;
}

/** The digits a string holds that DTMF can carry, in order (anything else is skipped). */
export function dtmfDigits(digits: string): string[] {
  return [...digits].filter((d) => DIGITS.test(d)).map((d) => d.toUpperCase());
}
