import { act } from '@testing-library/react';

// FakeWebSocket stands in for the browser's WebSocket in tests: setup.ts
// installs it on globalThis before each test, so no test opens a real
// connection. Drive it from the test:
//   const ws = FakeWebSocket.last();  ws.open();  ws.receive({ type: 'ticket.updated', ticket_id: 7 });
//   ws.sent  // what the app sent, parsed
//   ws.serverClose(4001)
export class FakeWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static instances: FakeWebSocket[] = [];

  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;

  readyState = 0;
  readonly url: string;
  readonly sent: unknown[] = [];
  closedBy: { code?: number; reason?: string } | null = null;
  onopen: ((ev: Event) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;

  constructor(url: string | URL) {
    this.url = String(url);
    FakeWebSocket.instances.push(this);
  }

  // last is the most recently created socket.
  static last(): FakeWebSocket {
    const ws = FakeWebSocket.instances.at(-1);
    if (!ws) throw new Error('FakeWebSocket: no socket was opened');
    return ws;
  }

  static reset() {
    FakeWebSocket.instances = [];
  }

  send(data: string) {
    if (this.readyState !== 1) throw new Error('FakeWebSocket: send while not open');
    this.sent.push(JSON.parse(data));
  }

  close(code?: number, reason?: string) {
    this.closedBy = { code, reason };
    this.readyState = 3;
  }

  // open accepts the connection and, like the server, says hello.
  open(hello: Record<string, unknown> = { user_id: 1, role: 'agent' }) {
    act(() => {
      this.readyState = 1;
      this.onopen?.(new Event('open'));
      this.onmessage?.(new MessageEvent('message', { data: JSON.stringify({ type: 'hello', data: hello }) }));
    });
  }

  // receive delivers a frame from the server.
  receive(frame: Record<string, unknown>) {
    act(() => {
      this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(frame) }));
    });
  }

  // serverClose closes the socket from the server's side (1006 when the
  // connection simply failed).
  serverClose(code = 1006, reason = '') {
    act(() => {
      this.readyState = 3;
      this.onclose?.(new CloseEvent('close', { code, reason, wasClean: code !== 1006 }));
    });
  }

  // presence lists the presence messages the app sent.
  messages(type: string): Record<string, unknown>[] {
    return (this.sent as Record<string, unknown>[]).filter((m) => m.type === type);
  }
}

// installFakeWebSocket replaces globalThis.WebSocket for the current test.
export function installFakeWebSocket() {
  FakeWebSocket.reset();
  (globalThis as { WebSocket: unknown }).WebSocket = FakeWebSocket;
}
