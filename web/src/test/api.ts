import { vi } from 'vitest';
import type { Problem, User } from '@/api/types';

// A Handler answers one mocked API call. It gets the request and the path
// parameters matched from the route pattern.
export type Handler = (req: Request, params: Record<string, string>) => Response | Promise<Response>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
  times: number; // remaining uses; Infinity for every call
}

export interface Call {
  method: string;
  path: string;
  search: string;
  body: unknown;
}

// json answers with a JSON body.
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

// noContent answers 204.
export function noContent(): Response {
  return new Response(null, { status: 204 });
}

// problem answers with an RFC 9457 problem, like the Go server does.
export function problem(status: number, detail: string, extra: Partial<Problem> & { code?: string } = {}): Response {
  const { code, ...rest } = extra;
  const body: Problem = {
    type: code ? `urn:triage:problem:${code}` : 'about:blank',
    title: detail,
    status,
    detail,
    request_id: 'test-request',
    ...rest,
  };
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json' } });
}

// MockApi stands in for the Go server: register answers with on(), then
// read what the app sent from calls. A request nobody answers fails the
// test loudly with a 501 naming the route.
export class MockApi {
  readonly calls: Call[] = [];
  private routes: Route[] = [];

  // on answers method + path (":name" segments match anything). Later
  // registrations win, so a test can override a default; answers limited
  // by `times` (see once) come before unlimited ones.
  on(method: string, path: string, handler: Handler | Response, times = Infinity): this {
    const names: string[] = [];
    const source = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_, n: string) => {
      names.push(n);
      return '([^/]+)';
    });
    const h: Handler = handler instanceof Response ? () => handler.clone() : handler;
    this.routes.unshift({ method: method.toUpperCase(), pattern: new RegExp(`^${source}$`), names, handler: h, times });
    return this;
  }

  // once answers only the next matching call, ahead of on() answers.
  once(method: string, path: string, handler: Handler | Response): this {
    return this.on(method, path, handler, 1);
  }

  // callsTo lists the calls to method + exact path.
  callsTo(method: string, path: string): Call[] {
    return this.calls.filter((c) => c.method === method.toUpperCase() && c.path === path);
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req = input instanceof Request ? input : new Request(input, init);
    const url = new URL(req.url);
    const text = req.body ? await req.clone().text() : '';
    let body: unknown = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    this.calls.push({ method: req.method, path: url.pathname, search: url.search, body });
    const ordered = [...this.routes.filter((r) => r.times !== Infinity), ...this.routes.filter((r) => r.times === Infinity)];
    for (const route of ordered) {
      if (route.method !== req.method || route.times <= 0) continue;
      const m = route.pattern.exec(url.pathname);
      if (!m) continue;
      route.times--;
      const params: Record<string, string> = {};
      route.names.forEach((n, i) => {
        params[n] = decodeURIComponent(m[i + 1] ?? '');
      });
      return route.handler(req, params);
    }
    return problem(501, `MockApi: no handler for ${req.method} ${url.pathname}`);
  };
}

// mockApi replaces globalThis.fetch for the current test; vitest's
// restoreMocks puts the real one back afterwards. By default the visitor is
// signed out (GET /me and POST /auth/refresh answer 401), and has no
// unread notifications.
export function mockApi(): MockApi {
  const m = new MockApi();
  m.on('GET', '/api/v1/me', () => problem(401, 'Authentication required.', { code: 'unauthorized' }));
  m.on('POST', '/api/v1/auth/refresh', () => problem(401, 'Authentication required.', { code: 'unauthorized' }));
  // The notification bell in every signed-in page's top bar asks this.
  m.on('GET', '/api/v1/notifications/unread-count', () => json({ count: 0 }));
  vi.spyOn(globalThis, 'fetch').mockImplementation(m.fetch);
  return m;
}

let nextId = 1;

// makeUser builds a User for tests; override what the test is about.
export function makeUser(over: Partial<User> = {}): User {
  const id = over.id ?? nextId++;
  return {
    id,
    email: `user${id}@example.com`,
    name: `Test User ${id}`,
    role: 'agent',
    active: true,
    time_zone: 'UTC',
    created_at: '2026-01-02T03:04:05Z',
    updated_at: '2026-01-02T03:04:05Z',
    ...over,
  };
}

// signedInAs makes GET /me answer with user.
export function signedInAs(m: MockApi, user: User): MockApi {
  return m.on('GET', '/api/v1/me', () => json(user));
}
