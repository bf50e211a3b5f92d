import type { components } from '@/api/schema.gen';

export type LiveFrame = components['schemas']['LiveFrame'];
export type LiveClientMessage = components['schemas']['LiveClientMessage'];

// LiveStatus is the connection's state: connecting (first attempt or a
// reconnect under way), open (hello received), waiting (closed, a
// reconnect is scheduled), ended (the server ended the session: 4001).
export type LiveStatus = 'connecting' | 'open' | 'waiting' | 'ended' | 'stopped';

// Close codes the server uses (internal/realtime/hub.go).
export const closeSessionEnded = 4001;
export const closeReconnect = 4000;

export const maxBackoffMs = 30_000;
const baseBackoffMs = 1_000;

// backoff is how long to wait before reconnect attempt n (0-based):
// exponential from 1 s, capped at 30 s, with jitter so that a restarted
// server is not hit by every tab at once ("equal jitter": half fixed,
// half random).
export function backoff(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxBackoffMs, baseBackoffMs * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

// liveUrl is the websocket address on this origin: ws: for http, wss: for https.
export function liveUrl(loc: { protocol: string; host: string } = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/api/v1/ws`;
}

export interface LiveConnectionOptions {
  url: string;
  // onFrame receives every frame the server sends.
  onFrame: (frame: LiveFrame) => void;
  onStatus: (status: LiveStatus) => void;
  // onEnded runs once when the server closes with 4001.
  onEnded: () => void;
  // beforeReconnect runs before each reconnect; it may renew the session (an expired access cookie refuses the upgrade, and a
  // browser cannot see the 401). Errors are ignored.
  beforeReconnect?: () => Promise<unknown>;
  random?: () => number;
}

// LiveConnection keeps one websocket to the server open: it reconnects
// with backoff after failures, at once when asked to (4000), and never
// after the session ended (4001).
export class LiveConnection {
  private ws: WebSocket | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private running = false;
  private status: LiveStatus = 'stopped';
  // opens counts the hello frames received, so listeners can tell a
  // reconnect (opens > 1) from the first connection.
  opens = 0;

  constructor(private readonly opts: LiveConnectionOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  stop(): void {
    this.running = false;
    this.clearTimer();
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      detach(ws);
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close(1000, 'bye');
    }
    this.setStatus('stopped');
  }

  // send queues msg when the socket is open and reports whether it did.
  send(msg: LiveClientMessage): boolean {
    if (this.status !== 'open' || !this.ws) return false;
    try {
      this.ws.send(JSON.stringify(msg));
      return true;
    } catch {
      return false;
    }
  }

  // reconnectNow skips the wait, e.g. when the browser comes back online.
  reconnectNow(): void {
    if (this.running && this.status === 'waiting') {
      this.clearTimer();
      this.connect();
    }
  }

  private connect(): void {
    this.setStatus('connecting');
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.opts.url);
    } catch {
      this.schedule(false);
      return;
    }
    this.ws = ws;
    let greeted = false;
    ws.onmessage = (ev: MessageEvent) => {
      const frame = parseFrame(ev.data);
      if (!frame) return;
      if (frame.type === 'hello') {
        greeted = true;
        this.attempt = 0;
        this.opens++;
        this.setStatus('open');
      }
      this.opts.onFrame(frame);
    };
    ws.onclose = (ev: CloseEvent) => {
      detach(ws);
      if (this.ws !== ws) return;
      this.ws = null;
      if (!this.running) return;
      if (ev.code === closeSessionEnded) {
        this.running = false;
        this.setStatus('ended');
        this.opts.onEnded();
        return;
      }
      this.schedule(ev.code === closeReconnect && greeted);
    };
    // An error is always followed by close; nothing to do here.
    ws.onerror = () => {};
  }

  private schedule(soon: boolean): void {
    this.setStatus('waiting');
    const delay = soon ? Math.round(250 + 750 * (this.opts.random ?? Math.random)()) : backoff(this.attempt++, this.opts.random);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.running) return;
      const before = this.opts.beforeReconnect ? this.opts.beforeReconnect().catch(() => undefined) : Promise.resolve();
      void before.then(() => {
        if (this.running && this.status === 'waiting') this.connect();
      });
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private setStatus(s: LiveStatus): void {
    if (s === this.status) return;
    this.status = s;
    this.opts.onStatus(s);
  }
}

function detach(ws: WebSocket) {
  ws.onmessage = null;
  ws.onclose = null;
  ws.onerror = null;
}

// parseFrame reads a server frame; anything that is not a JSON object with
// a string type is ignored.
export function parseFrame(data: unknown): LiveFrame | null {
  if (typeof data !== 'string') return null;
  try {
    const v = JSON.parse(data) as unknown;
    if (typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string') return v as LiveFrame;
  } catch {
    // not JSON
  }
  return null;
}
