// The few SDP edits a B2BUA with direct media makes (RFC 4566, RFC 3264), on the text itself so
// every other line passes through untouched (codecs, RFC 4733 telephone-event, ICE, crypto):
// - the stream direction (hold = sendonly or inactive, resume = sendrecv, §8.4 of RFC 3264);
// - the origin line: a party must see one session (o= username and session id) whose version grows
//   with each change, even when the B2BUA bridges it to another phone (transfer, consult), so every
//   SDP sent to a leg gets that leg's first origin and the next version.
export const SDP_DIRECTIONS = ['sendrecv', 'sendonly', 'recvonly', 'inactive'] as const;
export type SdpDirection = (typeof SDP_DIRECTIONS)[number];

export interface SdpOrigin {
  readonly username: string;
  readonly sessionId: string;
  readonly version: bigint;
  /** Network type, address type and address, kept as written. */
  readonly rest: string;
}

function lines(sdp: string): string[] {
  return sdp.split(/\r?\n/).filter((l, i, all) => l.length > 0 || i < all.length - 1);
}

function join(out: readonly string[]): string {
  return `${out.filter((l) => l.length > 0).join('\r\n')}\r\n`;
}

export function readOrigin(sdp: string): SdpOrigin | undefined {
  const line = lines(sdp).find((l) => l.startsWith('o='));
  const m = line === undefined ? null : /^o=(\S+) (\S+) (\d+) (.+)$/.exec(line);
  if (m === null) return undefined;
  return { username: m[1]!, sessionId: m[2]!, version: BigInt(m[3]!), rest: m[4]! };
}

/** The same SDP with its o= line replaced by `origin`. */
export function withOrigin(sdp: string, origin: SdpOrigin): string {
  const o = `o=${origin.username} ${origin.sessionId} ${origin.version} ${origin.rest}`;
  return join(lines(sdp).map((l) => (l.startsWith('o=') ? o : l)));
}

/** Every media section (and the session level, when it had one) set to `direction`. */
export function withDirection(sdp: string, direction: SdpDirection): string {
  const out: string[] = [];
  let sectionHasDirection = false;
  let inMedia = false;
  const isDirection = (l: string) => SDP_DIRECTIONS.some((d) => l === `a=${d}`);
  for (const l of lines(sdp)) {
    if (l.startsWith('m=')) {
      if (inMedia && !sectionHasDirection) out.push(`a=${direction}`);
      inMedia = true;
      sectionHasDirection = false;
      out.push(l);
    } else if (isDirection(l)) {
      // A session-level attribute would override nothing we set per media: drop it.
      if (inMedia) {
        out.push(`a=${direction}`);
        sectionHasDirection = true;
      }
    } else out.push(l);
  }
  if (inMedia && !sectionHasDirection) out.push(`a=${direction}`);
  return join(out);
}

/** The direction of the first media section (sendrecv when none is written). */
export function directionOf(sdp: string): SdpDirection {
  let inMedia = false;
  for (const l of lines(sdp)) {
    if (l.startsWith('m=')) {
      if (inMedia) break;
      inMedia = true;
    } else if (inMedia) {
      const d = SDP_DIRECTIONS.find((x) => l === `a=${x}`);
      if (d !== undefined) return d;
    }
  }
  return 'sendrecv';
}

/**
 * An offer for a phone called before the other party exists (the first step of an outbound
 * dial): G.711 and telephone-event on a discard port, inactive, so the phone answers with its
 * own address and codecs and sends nothing until the destination's SDP arrives.
 */
export function placeholderOffer(host: string, sessionId: string): string {
  return join([
    'v=0',
    `o=switchboard ${sessionId} 1 IN IP4 ${host}`,
    's=switchboard',
    `c=IN IP4 ${host}`,
    't=0 0',
    'm=audio 9 RTP/AVP 0 8 101',
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:8 PCMA/8000',
    'a=rtpmap:101 telephone-event/8000',
    'a=fmtp:101 0-16',
    'a=inactive',
  ]);
}
