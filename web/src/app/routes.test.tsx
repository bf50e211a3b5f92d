import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '@/api/types';
import { makeUser, mockApi, problem, signedInAs } from '@/test/api';
import { renderRoutes } from '@/test/render';
import { routes } from './routes';

// These tests run the real route table: guards, lazy pages and all. They
// check where each address leads, not what the pages (built by their own
// features, with their own tests) show.

// landOn renders url for a user of role (or a visitor) and waits until the
// router has settled at a page inside the shell or on an auth page.
async function landOn(url: string, role?: Role) {
  const api = mockApi();
  if (role) signedInAs(api, makeUser({ role }));
  const r = renderRoutes(routes, url);
  await waitFor(() => expect(r.router.state.navigation.state).toBe('idle'));
  await screen.findByRole('main');
  return r;
}

describe('routes', () => {
  it('shows a visitor the sign-in page for any app address', async () => {
    const { router } = await landOn('/tickets/42');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe('?next=%2Ftickets%2F42');
  });

  it('serves the sign-up page to visitors', async () => {
    await landOn('/register');
    expect(await screen.findByRole('heading', { name: 'Create an account' })).toBeInTheDocument();
  });

  it.each([
    ['/forgot-password', 'Reset your password'],
    ['/reset-password', 'Reset your password'],
    ['/reset-password?token=abc', 'Choose a new password'],
  ])('serves %s to visitors', async (url, heading) => {
    const { router } = await landOn(url);
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(url.split('?')[0]);
  });

  it('serves an unsubscribe link without signing in, and signed in too', async () => {
    const { router } = await landOn('/unsubscribe?token=abc');
    expect(await screen.findByRole('heading', { level: 1, name: 'Unsubscribe from these emails' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/unsubscribe');
  });

  it('serves an unsubscribe link to a signed-in user as it is', async () => {
    const { router } = await landOn('/unsubscribe?token=abc', 'agent');
    expect(await screen.findByRole('heading', { level: 1, name: 'Unsubscribe from these emails' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/unsubscribe');
  });

  it('serves a reset link to a signed-in user too', async () => {
    const { router } = await landOn('/reset-password?token=abc', 'admin');
    expect(await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/reset-password');
  });

  it.each([
    ['agent', '/tickets'],
    ['admin', '/tickets'],
    ['customer', '/portal'],
  ] as const)('lands an %s on %s inside the shell', async (role, home) => {
    const { router } = await landOn('/', role);
    await waitFor(() => expect(router.state.location.pathname).toBe(home));
    expect(await screen.findByRole('banner')).toBeInTheDocument();
  });

  it.each([
    ['agent', '/admin/audit', '/tickets'],
    ['customer', '/tickets/3', '/portal'],
    ['agent', '/portal/tickets/new', '/tickets'],
    ['admin', '/portal', '/tickets'],
    ['admin', '/admin', '/admin/users'],
    ['agent', '/admin/jobs', '/tickets'],
    ['customer', '/admin/jobs', '/portal'],
  ] as const)('sends an %s from %s to %s', async (role, from, to) => {
    const { router } = await landOn(from, role);
    await waitFor(() => expect(router.state.location.pathname).toBe(to));
  });

  it.each([
    ['admin', '/admin/users'],
    ['admin', '/admin/teams'],
    ['admin', '/admin/audit'],
    ['admin', '/tickets/7'],
    ['agent', '/tickets/7'],
    ['customer', '/portal/tickets/new'],
    ['customer', '/portal/tickets/9'],
    ['customer', '/account/tokens'],
    ['admin', '/admin/jobs'],
    ['agent', '/account/notifications'],
    ['customer', '/account/notifications'],
  ] as const)('lets an %s open %s', async (role, path) => {
    const { router } = await landOn(path, role);
    expect(router.state.location.pathname).toBe(path);
    expect(screen.queryByRole('heading', { name: 'Page not found' })).not.toBeInTheDocument();
  });

  it('opens the account section on the password tab', async () => {
    const { router } = await landOn('/account', 'agent');
    expect(await screen.findByRole('heading', { level: 2, name: 'Change password' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/account/password');
  });

  it('answers unknown addresses with a not-found page', async () => {
    await landOn('/no/such/page', 'agent');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
  });

  it('sends a signed-in user away from /login', async () => {
    const { router } = await landOn('/login', 'customer');
    await waitFor(() => expect(router.state.location.pathname).toBe('/portal'));
  });

  it('sends the user to sign in again when the session cannot be renewed', async () => {
    const api = signedInAs(mockApi(), makeUser({ role: 'agent' }));
    api.on('GET', '/api/v1/me/tokens', problem(401, 'Authentication required.', { code: 'unauthorized' }));
    const { router } = renderRoutes(routes, '/account/tokens');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe('?next=%2Faccount%2Ftokens');
    expect(api.callsTo('POST', '/api/v1/auth/refresh')).toHaveLength(1);
  });

  it('defines every page lazily: only guards and redirects are eager', () => {
    const eager: string[] = [];
    const walk = (list: typeof routes, prefix: string) => {
      for (const r of list) {
        const where = `${prefix}/${r.path ?? (r.index ? '(index)' : '(layout)')}`;
        const redirectOrGuard = r.element !== undefined || (r.Component !== undefined && !r.path);
        if (r.path && r.path !== '/' && !r.lazy && !redirectOrGuard) eager.push(where);
        if (r.path && r.path !== '/' && r.Component) eager.push(where);
        if (r.children) walk(r.children, where);
      }
    };
    walk(routes, '');
    expect(eager).toEqual([]);
  });
});
