import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, makeUser, mockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { navFor, TopBar } from './TopBar';

describe('navFor', () => {
  it('lists each role its sections', () => {
    expect(navFor('customer').map((i) => i.to)).toEqual(['/portal', '/portal/tickets/new']);
    expect(navFor('agent').map((i) => i.to)).toEqual(['/tickets']);
    expect(navFor('admin').map((i) => i.to)).toEqual(['/tickets', '/admin']);
  });
});

describe('TopBar', () => {
  it('links home and marks the current section', () => {
    mockApi();
    renderWithProviders(<TopBar user={makeUser({ role: 'admin' })} />, { route: '/admin/users' });
    expect(screen.getByRole('link', { name: 'Triage' })).toHaveAttribute('href', '/tickets');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Admin' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Tickets' })).not.toHaveAttribute('aria-current');
  });

  it.each(['customer', 'agent', 'admin'] as const)('gives a %s the notification bell and the live status', async (role) => {
    mockApi().on('GET', '/api/v1/notifications/unread-count', json({ count: 4 }));
    renderWithProviders(<TopBar user={makeUser({ role })} />, { route: '/' });
    const banner = screen.getByRole('banner');
    expect(await within(banner).findByRole('button', { name: 'Notifications, 4 unread' })).toBeInTheDocument();
    expect(banner.querySelector('.live-status[role="status"]')).toBeEmptyDOMElement();
  });

  it.each(['/admin/users', '/admin/teams', '/admin/audit', '/admin/jobs'])('marks Admin on %s', (route) => {
    mockApi();
    renderWithProviders(<TopBar user={makeUser({ role: 'admin' })} />, { route });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const admin = within(nav).getByRole('link', { name: 'Admin' });
    expect(admin).toHaveAttribute('href', '/admin');
    expect(admin).toHaveAttribute('aria-current', 'page');
  });

  it('does not mark Admin on the ticket list', () => {
    mockApi();
    renderWithProviders(<TopBar user={makeUser({ role: 'admin' })} />, { route: '/tickets' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Admin' })).not.toHaveAttribute('aria-current');
    expect(within(nav).getByRole('link', { name: 'Tickets' })).toHaveAttribute('aria-current', 'page');
  });

  it('does not mark "My tickets" while on the new-ticket form', () => {
    mockApi();
    renderWithProviders(<TopBar user={makeUser({ role: 'customer' })} />, { route: '/portal/tickets/new' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'My tickets' })).not.toHaveAttribute('aria-current');
    expect(within(nav).getByRole('link', { name: 'New ticket' })).toHaveAttribute('aria-current', 'page');
  });
});
