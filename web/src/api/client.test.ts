import { describe, expect, it, vi } from 'vitest';
import { json, MockApi, noContent, problem } from '@/test/api';
import { createApi, SessionRefresher, unwrap } from './client';
import { ApiError } from './problem';

const base = 'http://triage.test';

function setup() {
  const m = new MockApi();
  const { client, refresher } = createApi(base, m.fetch);
  return { m, client, refresher };
}

describe('createApi', () => {
  it('sends cookies with every request', async () => {
    const seen: RequestCredentials[] = [];
    const { client } = createApi(base, async (input) => {
      seen.push((input as Request).credentials);
      return json({ items: [] });
    });
    await client.GET('/api/v1/me/sessions');
    expect(seen).toEqual(['include']);
  });

  it('renews the session once on a 401 and retries the request with its body', async () => {
    const { m, client } = setup();
    m.once('POST', '/api/v1/me/tokens', problem(401, 'Authentication required.', { code: 'unauthorized' }));
    m.on('POST', '/api/v1/me/tokens', (req) => req.json().then((b: { name: string }) => json({ name: b.name, token: 'trg_x' }, 201)));
    m.on('POST', '/api/v1/auth/refresh', json({ user: {}, expires_at: '2030-01-01T00:00:00Z' }));

    const created = await unwrap(client.POST('/api/v1/me/tokens', { body: { name: 'ci' } }));

    expect(created).toMatchObject({ name: 'ci', token: 'trg_x' });
    expect(m.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /api/v1/me/tokens',
      'POST /api/v1/auth/refresh',
      'POST /api/v1/me/tokens',
    ]);
    expect(m.calls[2]?.body).toEqual({ name: 'ci' });
  });

  it('shares one refresh between requests that fail together', async () => {
    const { m, client } = setup();
    let expired = true;
    m.on('GET', '/api/v1/me/sessions', () => (expired ? problem(401, 'Authentication required.') : json({ items: [] })));
    m.on('GET', '/api/v1/me/tokens', () => (expired ? problem(401, 'Authentication required.') : json({ items: [] })));
    m.on('POST', '/api/v1/auth/refresh', async () => {
      await new Promise((r) => setTimeout(r, 10));
      expired = false;
      return json({});
    });
    await Promise.all([unwrap(client.GET('/api/v1/me/sessions')), unwrap(client.GET('/api/v1/me/tokens'))]);
    expect(m.callsTo('POST', '/api/v1/auth/refresh')).toHaveLength(1);
  });

  it('gives up after a failed refresh and tells the listeners', async () => {
    const { m, client, refresher } = setup();
    m.on('GET', '/api/v1/me', problem(401, 'Authentication required.', { code: 'unauthorized' }));
    m.on('POST', '/api/v1/auth/refresh', problem(401, 'Authentication required.'));
    const expired = vi.fn();
    refresher.onExpired(expired);

    const err = await unwrap(client.GET('/api/v1/me')).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    expect(expired).toHaveBeenCalledTimes(1);
    expect(m.callsTo('GET', '/api/v1/me')).toHaveLength(1);
  });

  it('never refreshes for the auth routes themselves', async () => {
    const { m, client } = setup();
    m.on('POST', '/api/v1/auth/login', problem(401, 'Wrong email or password.'));
    await expect(unwrap(client.POST('/api/v1/auth/login', { body: { email: 'a@b.c', password: 'x' } }))).rejects.toThrow('Wrong email or password.');
    expect(m.callsTo('POST', '/api/v1/auth/refresh')).toHaveLength(0);
  });

  it('leaves other errors alone', async () => {
    const { m, client } = setup();
    m.on('GET', '/api/v1/me/tokens', problem(500, 'Internal error.'));
    await expect(unwrap(client.GET('/api/v1/me/tokens'))).rejects.toMatchObject({ status: 500 });
    expect(m.callsTo('POST', '/api/v1/auth/refresh')).toHaveLength(0);
  });
});

describe('SessionRefresher', () => {
  it('treats a network failure as an expired session, and can be unsubscribed', async () => {
    const r = new SessionRefresher(base, () => Promise.reject(new TypeError('offline')));
    const a = vi.fn();
    const b = vi.fn();
    r.onExpired(a);
    const off = r.onExpired(b);
    off();
    await expect(r.refresh()).resolves.toBe(false);
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).not.toHaveBeenCalled();
  });

  it('refreshes again after the previous refresh finished', async () => {
    const fetchFn = vi.fn(() => Promise.resolve(noContent()));
    const r = new SessionRefresher(base, fetchFn);
    await r.refresh();
    await r.refresh();
    expect(fetchFn).toHaveBeenCalledTimes(2);
  });
});

describe('unwrap', () => {
  it('returns undefined data for 204', async () => {
    const { m, client } = setup();
    m.on('DELETE', '/api/v1/me/tokens/:id', noContent());
    await expect(unwrap(client.DELETE('/api/v1/me/tokens/{id}', { params: { path: { id: 3 } } }))).resolves.toBeUndefined();
    expect(m.calls[0]?.path).toBe('/api/v1/me/tokens/3');
  });

  it('turns a request that got no answer into a network ApiError', async () => {
    const { client } = createApi(base, () => Promise.reject(new TypeError('Failed to fetch')));
    const err = await unwrap(client.GET('/api/v1/me')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(0);
    expect((err as ApiError).message).toMatch(/Could not reach the server/);
  });
});
