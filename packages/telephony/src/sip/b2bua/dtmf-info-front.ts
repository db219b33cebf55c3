// In front of the transaction layer: an in-dialog INFO carrying application/dtmf-relay is taken
// here, answered statelessly (200, or 481 outside any dialog) and handed to its leg. The SIP
// service's UAS checks accept SDP bodies only (415 otherwise), which is right for everything else
// it serves; a non-INVITE answered statelessly is allowed (RFC 3261 §8.2.7), and a retransmitted
// copy just gets another 200 - the leg ignores a CSeq it has already seen.
import type { SipRequest, SipResponse } from '../message.ts';
import { buildResponse } from '../response-builder.ts';
import type { SipSource } from '../sip-transport.ts';
import type { SipMessageReceiver, SipMessageSender } from '../transport-layer.ts';
import { DTMF_RELAY_TYPE } from './dtmf-relay.ts';
import type { SipLeg } from './sip-leg.ts';

const decoder = new TextDecoder();

export function isDtmfInfo(request: SipRequest): boolean {
  const type = request.contentType;
  return (
    request.method === 'INFO' &&
    request.to.tag !== undefined &&
    type !== undefined &&
    `${type.type}/${type.subtype}` === DTMF_RELAY_TYPE
  );
}

export class DtmfInfoFront implements SipMessageReceiver {
  readonly #inner: SipMessageReceiver;
  readonly #sender: SipMessageSender;
  readonly #legOf: (callId: string, localTag: string | undefined) => SipLeg | undefined;

  constructor(
    inner: SipMessageReceiver,
    sender: SipMessageSender,
    legOf: (callId: string, localTag: string | undefined) => SipLeg | undefined,
  ) {
    this.#inner = inner;
    this.#sender = sender;
    this.#legOf = legOf;
  }

  receiveRequest(request: SipRequest, source: SipSource): void {
    if (!isDtmfInfo(request)) {
      this.#inner.receiveRequest(request, source);
      return;
    }
    const leg = this.#legOf(request.callId, request.to.tag);
    const answer = leg?.live
      ? buildResponse(request, 200, 'OK')
      : buildResponse(request, 481, 'Call/Transaction Does Not Exist');
    this.#sender.sendResponse(answer, request.via[0], source);
    leg?.receiveDtmf(request.cseq.seq, decoder.decode(request.body));
  }

  receiveResponse(response: SipResponse, source: SipSource): void {
    this.#inner.receiveResponse(response, source);
  }
}
