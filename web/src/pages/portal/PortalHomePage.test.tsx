import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, makeUser, mockApi, problem, signedInAs } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import PortalHomePage from './PortalHomePage';
import { makeTicket } from './testData';

function setup() {
  const api = mockApi();
  signedInAs(api, makeUser({ role: 'customer' }));
  return api;
}

describe('PortalHomePage', () => {
  it('lists my tickets with their status in words and links to them', async () => {
    const api = setup();
    api.on(
      'GET',
      '/api/v1/tickets',
      json({
        items: [makeTicket({ id: 7, subject: 'Printer on fire', status: 'pending' }), makeTicket({ id: 8, subject: 'Refund', status: 'solved' })],
        next_cursor: null,
      }),
    );
    renderWithProviders(<PortalHomePage />, { route: '/portal', path: '/portal' });
    const link = await screen.findByRole('link', { name: 'Printer on fire' });
    expect(link).toHaveAttribute('href', '/portal/tickets/7');
    const list = screen.getByRole('list', { name: 'My tickets' });
    expect(within(list).getByText('Waiting on you')).toBeInTheDocument();
    expect(within(list).getByText('Solved')).toBeInTheDocument();
    expect(within(list).getAllByText(/updated/)).toHaveLength(2);
    expect(screen.getByRole('status')).toHaveTextContent('Showing all 2 tickets.');
    expect(screen.queryByRole('button', { name: 'Load more tickets' })).not.toBeInTheDocument();
    expect(api.calls.find((c) => c.path === '/api/v1/tickets')?.search).toBe('?limit=25&sort=-updated_at');
    expect(document.title).toBe('My tickets · Triage');
  });

  it('loads the next page with the cursor', async () => {
    const api = setup();
    // Later registrations answer first.
    api.once('GET', '/api/v1/tickets', json({ items: [makeTicket({ subject: 'Second page' })], next_cursor: null }));
    api.once('GET', '/api/v1/tickets', json({ items: [makeTicket({ subject: 'First page' })], next_cursor: 'c2' }));
    const { user } = renderWithProviders(<PortalHomePage />, { route: '/portal', path: '/portal' });
    expect(await screen.findByText('First page')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Showing 1 ticket; more can be loaded.');
    await user.click(screen.getByRole('button', { name: 'Load more tickets' }));
    expect(await screen.findByText('Second page')).toBeInTheDocument();
    expect(screen.getByText('First page')).toBeInTheDocument();
    const calls = api.callsTo('GET', '/api/v1/tickets');
    expect(new URLSearchParams(calls[1]?.search).get('cursor')).toBe('c2');
    expect(screen.queryByRole('button', { name: 'Load more tickets' })).not.toBeInTheDocument();
  });

  it('invites a customer without tickets to open one', async () => {
    const api = setup();
    api.on('GET', '/api/v1/tickets', json({ items: [], next_cursor: null }));
    renderWithProviders(<PortalHomePage />, { route: '/portal', path: '/portal' });
    expect(await screen.findByText('You have no tickets yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open your first ticket' })).toHaveAttribute('href', '/portal/tickets/new');
    expect(screen.getByRole('link', { name: 'New ticket' })).toHaveAttribute('href', '/portal/tickets/new');
  });

  it('says when the list failed and retries', async () => {
    const api = setup();
    api.once('GET', '/api/v1/tickets', problem(503, 'The service is busy; try again shortly.', { code: 'unavailable' }));
    api.on('GET', '/api/v1/tickets', json({ items: [makeTicket({ subject: 'Back again' })], next_cursor: null }));
    const { user } = renderWithProviders(<PortalHomePage />, { route: '/portal', path: '/portal' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your tickets could not be loaded');
    expect(alert).toHaveTextContent('The service is busy; try again shortly.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Back again')).toBeInTheDocument();
  });

  it('renders subjects as text, never HTML', async () => {
    const api = setup();
    api.on('GET', '/api/v1/tickets', json({ items: [makeTicket({ subject: '<img src=x onerror=alert(1)>' })], next_cursor: null }));
    const { container } = renderWithProviders(<PortalHomePage />, { route: '/portal', path: '/portal' });
    expect(await screen.findByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
  });
});
