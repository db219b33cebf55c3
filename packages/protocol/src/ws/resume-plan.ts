// What the server does with `resume {sessionId, lastSeq}`. The session numbers its event and
// snapshot frames 1, 2, 3 … and keeps the last `resumeBufferSize` of them. If every frame after
// lastSeq is still kept, they are replayed with their original seq; otherwise the client gets one
// `snapshot` with full: true (its next seq) and must drop everything it knew.

export interface ReplayWindow {
  /** seq of the oldest frame still kept; null when none is kept. */
  readonly oldestKeptSeq: number | null;
  /** seq of the last frame sent in the session (0 before any). */
  readonly lastSentSeq: number;
}

export type ResumePlan =
  | { readonly mode: 'replay'; readonly fromSeq: number; readonly toSeq: number }
  | { readonly mode: 'snapshot'; readonly reason: 'lost' | 'ahead' };

export function planResume(window: ReplayWindow, lastSeq: number): ResumePlan {
  // A client claiming frames the session never sent is confused (or another session's): reset it.
  if (!Number.isSafeInteger(lastSeq) || lastSeq < 0 || lastSeq > window.lastSentSeq) {
    return { mode: 'snapshot', reason: 'ahead' };
  }
  const fromSeq = lastSeq + 1;
  // Nothing missed: an empty replay (fromSeq > toSeq).
  if (fromSeq > window.lastSentSeq) return { mode: 'replay', fromSeq, toSeq: window.lastSentSeq };
  if (window.oldestKeptSeq !== null && window.oldestKeptSeq <= fromSeq) {
    return { mode: 'replay', fromSeq, toSeq: window.lastSentSeq };
  }
  return { mode: 'snapshot', reason: 'lost' };
}
