import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, signedInAs } from '@/test/api';
import { renderRoutes } from '@/test/render';
import { routes } from './routes';

// These tests run the real route table: guards, lazy pages and all.
describe('routes', () => {
  it('shows a visitor the sign-in page for any app address', async () => {
    mockApi();
    const { router } = renderRoutes(routes, '/tickets/42');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe('?next=%2Ftickets%2F42');
  });

  it('serves the sign-up page to visitors', async () => {
    mockApi();
    renderRoutes(routes, '/register');
    expect(await screen.findByRole('heading', { name: 'Create an account' })).toBeInTheDocument();
  });

  it('lands an agent on the ticket list inside the shell', async () => {
    signedInAs(mockApi(), makeUser({ role: 'agent' }));
    const { router } = renderRoutes(routes, '/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Tickets' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/tickets');
    expect(screen.getByRole('banner')).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
  });

  it('lands a customer in the portal', async () => {
    signedInAs(mockApi(), makeUser({ role: 'customer' }));
    const { router } = renderRoutes(routes, '/');
    expect(await screen.findByRole('heading', { level: 1, name: 'My tickets' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/portal');
  });

  it('keeps agents out of the admin pages', async () => {
    signedInAs(mockApi(), makeUser({ role: 'agent' }));
    const { router } = renderRoutes(routes, '/admin/audit');
    expect(await screen.findByRole('heading', { level: 1, name: 'Tickets' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/tickets');
  });

  it.each([
    ['/admin', 'Users'],
    ['/admin/users', 'Users'],
    ['/admin/teams', 'Teams'],
    ['/admin/audit', 'Audit log'],
    ['/tickets/7', 'Ticket'],
  ])('routes an admin to %s', async (path, heading) => {
    signedInAs(mockApi(), makeUser({ role: 'admin' }));
    renderRoutes(routes, path);
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeInTheDocument();
  });

  it.each([
    ['/portal/tickets/new', 'New ticket'],
    ['/portal/tickets/9', 'Ticket'],
  ])('routes a customer to %s', async (path, heading) => {
    signedInAs(mockApi(), makeUser({ role: 'customer' }));
    renderRoutes(routes, path);
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeInTheDocument();
  });

  it('opens the account section on the password tab', async () => {
    const api = signedInAs(mockApi(), makeUser());
    api.on('GET', '/api/v1/me/sessions', () => new Promise<Response>(() => {}));
    const { router } = renderRoutes(routes, '/account');
    expect(await screen.findByRole('heading', { level: 2, name: 'Change password' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/account/password');
  });

  it('answers unknown addresses with a not-found page', async () => {
    signedInAs(mockApi(), makeUser());
    renderRoutes(routes, '/no/such/page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
  });

  it('sends a signed-in user away from /login', async () => {
    signedInAs(mockApi(), makeUser({ role: 'customer' }));
    const { router } = renderRoutes(routes, '/login');
    expect(await screen.findByRole('heading', { level: 1, name: 'My tickets' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/portal');
  });

  it('defines every route lazily except the guards and redirects', () => {
    const eager: string[] = [];
    const walk = (list: typeof routes, prefix: string) => {
      for (const r of list) {
        const where = `${prefix}/${r.path ?? (r.index ? '(index)' : '(layout)')}`;
        if (r.path && r.path !== '/' && !r.lazy && !r.element && !r.children) eager.push(where);
        if (r.Component && r.path && r.path !== '/') eager.push(where);
        if (r.children) walk(r.children, where);
      }
    };
    walk(routes, '');
    expect(eager).toEqual([]);
  });
});
