import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { navFor, TopBar } from './TopBar';

describe('navFor', () => {
  it('lists each role its sections', () => {
    expect(navFor('customer').map((i) => i.to)).toEqual(['/portal', '/portal/tickets/new']);
    expect(navFor('agent').map((i) => i.to)).toEqual(['/tickets']);
    expect(navFor('admin').map((i) => i.to)).toEqual(['/tickets', '/admin/users']);
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

  it('does not mark "My tickets" while on the new-ticket form', () => {
    mockApi();
    renderWithProviders(<TopBar user={makeUser({ role: 'customer' })} />, { route: '/portal/tickets/new' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'My tickets' })).not.toHaveAttribute('aria-current');
    expect(within(nav).getByRole('link', { name: 'New ticket' })).toHaveAttribute('aria-current', 'page');
  });
});
