// The client side of the WebSocket benchmark, run in a child process so the clients do not share
// the server's core: opens one socket per simulated agent or supervisor, counts the frames it
// receives (the frames of a batch one by one) and measures each event's latency from the `at` stamp (monotonic ms, the same clock in
// both processes) to its arrival. Driven by the parent over IPC; kept as light as possible: no JSON
// parse per frame, only a byte search for the stamp.
import WebSocket from 'ws';

type Command =
  | { cmd: 'connect'; urls: string[] }
  | { cmd: 'send'; frames: (string | null)[]; awaitFrames: number }
  | { cmd: 'start' }
  | { cmd: 'count' }
  | { cmd: 'stop' }
  | { cmd: 'close' };

const AT = Buffer.from('"at":');
const BUCKET_MS = 0.01;
const BUCKETS = 1_000_000; // 10 µs buckets up to 10 s, then one overflow bucket

const sockets: WebSocket[] = [];
const received: number[] = [];
let histogram = new Uint32Array(BUCKETS + 1);
let frames = 0;
/** WebSocket messages received while recording (a batch is one). */
let messages = 0;
let bytes = 0;
let firstMs = 0;
let lastMs = 0;
let recording = false;
let cpu = process.cpuUsage();

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
const reply = (message: object) => process.send!(message);

// A message is one frame or a batch of frames (`{"type":"batch","frames":[…]}`): the frames of a
// batch are found by the opening the server writes for each type (never re-serialised, so exact).
const BATCH = Buffer.from('{"type":"batch",');
const EVENT = Buffer.from('{"type":"event","seq":');
const OTHERS = ['{"type":"result",', '{"type":"snapshot",', '{"type":"hello",', '{"type":"pong",'].map((t) =>
  Buffer.from(t),
);

/** The number after the first `"at":` from `from` (the first one in an event frame is the event's). */
function stampOf(data: Buffer, from = 0): number {
  const start = data.indexOf(AT, from);
  if (start < 0) return Number.NaN;
  let i = start + AT.length;
  let value = 0;
  let scale = 0;
  for (; i < data.length; i++) {
    const c = data[i]!;
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      if (scale > 0) scale *= 10;
    } else if (c === 46 && scale === 0) scale = 1;
    else break;
  }
  return scale > 0 ? value / scale : value;
}

function onMessage(index: number, data: Buffer): void {
  if (recording) {
    messages++;
    bytes += data.length;
  }
  if (!data.subarray(0, BATCH.length).equals(BATCH)) {
    onFrame(index, stampOf(data), nowMs());
    return;
  }
  const now = nowMs();
  for (let at = data.indexOf(EVENT); at >= 0; at = data.indexOf(EVENT, at + EVENT.length))
    onFrame(index, stampOf(data, at + EVENT.length), now);
  for (const other of OTHERS)
    for (let at = data.indexOf(other); at >= 0; at = data.indexOf(other, at + other.length))
      onFrame(index, Number.NaN, now);
}

function onFrame(index: number, stamp: number, now: number): void {
  received[index]! += 1;
  if (!recording) return;
  if (frames === 0) firstMs = now;
  lastMs = now;
  frames++;
  const latency = now - stamp;
  // Frames not stamped by the benchmark (statistics pushes carry wall time) are counted, not timed.
  if (latency >= 0 && latency < 60_000) histogram[Math.min(BUCKETS, Math.floor(latency / BUCKET_MS))]! += 1;
}

function percentiles(): { p50: number; p99: number; p999: number; max: number; timed: number } {
  let timed = 0;
  for (const n of histogram) timed += n;
  const at = (q: number) => {
    const rank = Math.ceil(q * timed);
    let seen = 0;
    for (let b = 0; b <= BUCKETS; b++) {
      seen += histogram[b]!;
      if (seen >= rank) return (b + 1) * BUCKET_MS;
    }
    return Number.NaN;
  };
  let max = 0;
  for (let b = BUCKETS; b >= 0; b--) {
    if (histogram[b]! > 0) {
      max = (b + 1) * BUCKET_MS;
      break;
    }
  }
  return timed === 0
    ? { p50: 0, p99: 0, p999: 0, max: 0, timed }
    : { p50: at(0.5), p99: at(0.99), p999: at(0.999), max, timed };
}

async function connect(urls: string[]): Promise<void> {
  await Promise.all(
    urls.map(
      (url, i) =>
        new Promise<void>((resolve, reject) => {
          const ws = new WebSocket(url, { perMessageDeflate: false });
          sockets[i] = ws;
          received[i] = 0;
          ws.on('message', (data: Buffer) => onMessage(i, data));
          ws.once('open', () => resolve());
          ws.once('error', reject);
        }),
    ),
  );
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

process.on('message', async (message: Command) => {
  switch (message.cmd) {
    case 'connect':
      await connect(message.urls);
      reply({ ev: 'connected', count: sockets.length });
      return;
    case 'send': {
      message.frames.forEach((frame, i) => {
        if (frame !== null) sockets[i]!.send(frame);
      });
      await until(() => received.every((n) => n >= message.awaitFrames));
      reply({ ev: 'sent' });
      return;
    }
    case 'start':
      histogram = new Uint32Array(BUCKETS + 1);
      frames = 0;
      messages = 0;
      bytes = 0;
      recording = true;
      cpu = process.cpuUsage();
      reply({ ev: 'started' });
      return;
    case 'count':
      reply({ ev: 'count', frames });
      return;
    case 'stop': {
      recording = false;
      const used = process.cpuUsage(cpu);
      const cpuSeconds = (used.user + used.system) / 1e6;
      reply({
        ev: 'stopped',
        frames,
        messages,
        bytes,
        seconds: (lastMs - firstMs) / 1000,
        cpuSeconds,
        ...percentiles(),
      });
      return;
    }
    case 'close':
      for (const ws of sockets) ws.terminate();
      sockets.length = 0;
      received.length = 0;
      reply({ ev: 'closed' });
  }
});
