import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket } from '@/test/socket';
import { backoff, LiveConnection, liveUrl, maxBackoffMs, parseFrame, type LiveStatus } from './connection';

describe('backoff', () => {
  it('doubles from one second with jitter and stops at 30 s', () => {
    expect(backoff(0, () => 0)).toBe(500);
    expect(backoff(0, () => 1)).toBe(1000);
    expect(backoff(3, () => 0)).toBe(4000);
    expect(backoff(3, () => 1)).toBe(8000);
    expect(backoff(10, () => 1)).toBe(maxBackoffMs);
    expect(backoff(1000, () => 0.5)).toBe(22_500);
  });
});

describe('liveUrl', () => {
  it('uses ws on http and wss on https, on the same host', () => {
    expect(liveUrl({ protocol: 'http:', host: 'localhost:5173' })).toBe('ws://localhost:5173/api/v1/ws');
    expect(liveUrl({ protocol: 'https:', host: 'help.example.com' })).toBe('wss://help.example.com/api/v1/ws');
  });
});

describe('parseFrame', () => {
  it('accepts JSON objects with a type and nothing else', () => {
    expect(parseFrame('{"type":"resync"}')).toEqual({ type: 'resync' });
    expect(parseFrame('{"nope":1}')).toBeNull();
    expect(parseFrame('not json')).toBeNull();
    expect(parseFrame(new ArrayBuffer(2))).toBeNull();
  });
});

describe('LiveConnection', () => {
  let statuses: LiveStatus[];
  let frames: string[];
  let ended: number;
  let before: ReturnType<typeof vi.fn<() => Promise<void>>>;
  let conn: LiveConnection;

  beforeEach(() => {
    vi.useFakeTimers();
    statuses = [];
    frames = [];
    ended = 0;
    before = vi.fn<() => Promise<void>>(() => Promise.resolve());
    conn = new LiveConnection({
      url: 'ws://triage.test/api/v1/ws',
      onFrame: (f) => frames.push(f.type),
      onStatus: (s) => statuses.push(s),
      onEnded: () => ended++,
      beforeReconnect: before,
      random: () => 1,
    });
  });

  afterEach(() => {
    conn.stop();
    vi.useRealTimers();
  });

  it('connects, is open after hello and passes frames on', () => {
    conn.start();
    const ws = FakeWebSocket.last();
    expect(ws.url).toBe('ws://triage.test/api/v1/ws');
    expect(conn.send({ type: 'subscribe', ticket_ids: [] })).toBe(false);
    ws.open();
    ws.receive({ type: 'ticket.updated', ticket_id: 7 });
    expect(statuses).toEqual(['connecting', 'open']);
    expect(frames).toEqual(['hello', 'ticket.updated']);
    expect(conn.opens).toBe(1);
    expect(conn.send({ type: 'presence', ticket_id: 7, state: 'viewing' })).toBe(true);
    expect(ws.sent).toEqual([{ type: 'presence', ticket_id: 7, state: 'viewing' }]);
  });

  it('reconnects with growing delays after failures, checking the session first', async () => {
    conn.start();
    FakeWebSocket.last().serverClose(1006);
    expect(statuses.at(-1)).toBe('waiting');
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeWebSocket.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(before).toHaveBeenCalledTimes(1);
    expect(FakeWebSocket.instances).toHaveLength(2);

    FakeWebSocket.last().serverClose(1006);
    await vi.advanceTimersByTimeAsync(1999);
    expect(FakeWebSocket.instances).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeWebSocket.instances).toHaveLength(3);

    // A successful connection starts the delays over.
    FakeWebSocket.last().open();
    FakeWebSocket.last().serverClose(1001);
    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeWebSocket.instances).toHaveLength(4);
    FakeWebSocket.last().open();
    expect(conn.opens).toBe(2);
  });

  it('never waits more than 30 s', async () => {
    conn.start();
    for (let i = 0; i < 8; i++) {
      FakeWebSocket.last().serverClose(1006);
      await vi.advanceTimersByTimeAsync(maxBackoffMs);
    }
    expect(FakeWebSocket.instances).toHaveLength(9);
  });

  it('reconnects within a second when the server asks (4000)', async () => {
    conn.start();
    FakeWebSocket.last().open();
    FakeWebSocket.last().serverClose(4000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it('stops for good when the session ended (4001)', async () => {
    conn.start();
    FakeWebSocket.last().open();
    FakeWebSocket.last().serverClose(4001, 'session ended');
    expect(ended).toBe(1);
    expect(statuses.at(-1)).toBe('ended');
    await vi.advanceTimersByTimeAsync(5 * maxBackoffMs);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('closes the socket on stop and does not come back', async () => {
    conn.start();
    const ws = FakeWebSocket.last();
    ws.open();
    conn.stop();
    expect(ws.closedBy?.code).toBe(1000);
    expect(statuses.at(-1)).toBe('stopped');
    await vi.advanceTimersByTimeAsync(5 * maxBackoffMs);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('reconnects at once when the browser comes back online', () => {
    conn.start();
    FakeWebSocket.last().serverClose(1006);
    conn.reconnectNow();
    expect(FakeWebSocket.instances).toHaveLength(2);
  });
});
