// Reads a request body up to a limit. A declared Content-Length over the limit is refused before
// a byte is read; a body that grows past the limit while streaming stops being read at once. In
// both cases the caller answers 413 and closes the connection, so a client cannot make the server
// buffer more than the limit.
import type { IncomingMessage } from 'node:http';

export type BodyOutcome =
  | { readonly kind: 'body'; readonly bytes: Uint8Array }
  | { readonly kind: 'oversize'; readonly declared: number | null }
  | { readonly kind: 'aborted' };

export function declaredLength(req: IncomingMessage): number | null {
  const header = req.headers['content-length'];
  if (header === undefined || !/^[0-9]{1,16}$/.test(header)) return null;
  return Number(header);
}

export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyOutcome> {
  const declared = declaredLength(req);
  if (declared !== null && declared > maxBytes) return Promise.resolve({ kind: 'oversize', declared });
  if (req.readableEnded) return Promise.resolve({ kind: 'body', bytes: new Uint8Array(0) });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (outcome: BodyOutcome) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onClose);
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.pause();
        finish({ kind: 'oversize', declared });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish({ kind: 'body', bytes: Buffer.concat(chunks, size) });
    const onAbort = () => finish({ kind: 'aborted' });
    const onClose = () => {
      if (!req.readableEnded) finish({ kind: 'aborted' });
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onClose);
  });
}
