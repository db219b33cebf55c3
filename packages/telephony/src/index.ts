// Public entry of `telephony`: implementations of the Telephony port and their parts.
export * from './sip/index.ts';
