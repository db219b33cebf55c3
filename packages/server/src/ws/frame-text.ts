// Event frames are the bulk of what the server sends: the same event goes to many connections,
// each with its own seq and topic. The event is serialised once and each frame is spliced around
// it, which gives exactly JSON.stringify(eventFrame(seq, topic, event)) (a test holds it to that).

/** `topicJson` and `eventJson` are already JSON text (a quoted string, an object). */
export function eventFrameText(seq: number, topicJson: string, eventJson: string): string {
  return `{"type":"event","seq":${seq},"topic":${topicJson},"event":${eventJson}}`;
}
