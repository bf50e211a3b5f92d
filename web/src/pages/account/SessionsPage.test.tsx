import { screen, within } from '@testing-library/react';
import { Route } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Session } from '@/api/types';
import { json, mockApi, noContent, problem } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import SessionsPage, { describeAgent } from './SessionsPage';

const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0';
const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

function session(over: Partial<Session>): Session {
  return {
    id: 's1',
    user_id: 1,
    created_at: '2026-01-01T10:00:00Z',
    last_seen_at: '2026-01-02T10:00:00Z',
    expires_at: '2026-02-01T10:00:00Z',
    revoked_at: null,
    ip: '203.0.113.9',
    user_agent: firefox,
    current: false,
    ...over,
  };
}

function setup(items: Session[]) {
  const api = mockApi();
  api.on('GET', '/api/v1/me/sessions', json({ items }));
  const r = renderWithProviders(<SessionsPage />, { route: '/account/sessions', path: '/account/sessions', extraRoutes: <Route path="/login" element={<p>login page</p>} /> });
  return { api, ...r };
}

describe('SessionsPage', () => {
  it('lists the active sessions and marks this one', async () => {
    setup([session({ id: 'a', current: true }), session({ id: 'b', user_agent: iphone, ip: '198.51.100.1' }), session({ id: 'c', revoked_at: '2026-01-03T00:00:00Z' })]);
    const list = await screen.findByRole('list', { name: 'Active sessions' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Firefox on Linux');
    expect(items[0]).toHaveTextContent('This session');
    expect(items[1]).toHaveTextContent('Safari on iOS');
    expect(items[1]).toHaveTextContent('198.51.100.1');
  });

  it('ends another session after asking', async () => {
    const { api, user } = setup([session({ id: 'a', current: true }), session({ id: 'b/2' })]);
    api.on('DELETE', '/api/v1/me/sessions/:id', noContent());
    await user.click(await screen.findByRole('button', { name: 'End session: Firefox on Linux' }));
    await user.click(screen.getByRole('button', { name: 'End session' }));
    await screen.findByRole('button', { name: 'End session: Firefox on Linux' });
    expect(api.calls.find((c) => c.method === 'DELETE')?.path).toBe('/api/v1/me/sessions/b%2F2');
    expect(api.callsTo('GET', '/api/v1/me/sessions').length).toBeGreaterThan(1);
  });

  it('signs this browser out when the current session is ended', async () => {
    const { api, user, queryClient } = setup([session({ id: 'a', current: true })]);
    api.on('DELETE', '/api/v1/me/sessions/:id', noContent());
    await user.click(await screen.findByRole('button', { name: 'Sign out of this session: Firefox on Linux' }));
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByText('login page')).toBeInTheDocument();
    expect(queryClient.getQueryData(['me'])).toBeNull();
  });

  it('says why a session was not ended', async () => {
    const { api, user } = setup([session({ id: 'b' })]);
    api.on('DELETE', '/api/v1/me/sessions/:id', problem(404, 'That session is already over.'));
    await user.click(await screen.findByRole('button', { name: 'End session: Firefox on Linux' }));
    await user.click(screen.getByRole('button', { name: 'End session' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That session is already over.');
  });

  it('shows loading, then an error with a retry', async () => {
    const api = mockApi();
    api.once('GET', '/api/v1/me/sessions', problem(500, 'Internal error.'));
    api.on('GET', '/api/v1/me/sessions', json({ items: [] }));
    const { user } = renderWithProviders(<SessionsPage />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading your sessions');
    expect(await screen.findByRole('alert')).toHaveTextContent('Your sessions could not be loaded');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No active sessions')).toBeInTheDocument();
  });
});

describe('describeAgent', () => {
  it.each([
    [firefox, 'Firefox on Linux'],
    [iphone, 'Safari on iOS'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36 Edg/130.0', 'Edge on Windows'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36', 'Chrome on macOS'],
    ['curl/8.5.0', 'curl'],
    ['triage-cli/1.0', 'triage-cli/1.0'],
    ['', 'Unknown device'],
  ])('describeAgent(%j) is %j', (ua, want) => {
    expect(describeAgent(ua)).toBe(want);
  });
});
