import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { json, makeUser, mockApi, problem, signedInAs } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import PortalTicketPage, { parseId } from './PortalTicketPage';
import { makeComment, makeTicket } from './testData';

const me = makeUser({ id: 5, role: 'customer', name: 'Casey' });

afterEach(() => window.localStorage.clear());

function setup(ticket = makeTicket({ id: 7, subject: 'Printer on fire', status: 'open' })) {
  const api = mockApi();
  signedInAs(api, me);
  api.on('GET', '/api/v1/tickets/7', json(ticket));
  api.on(
    'GET',
    '/api/v1/tickets/7/comments',
    json({
      items: [
        makeComment({ id: 1, ticket_id: 7, author: { id: 5, name: 'Casey', role: 'customer' }, body_html: '<p>It is on fire.</p>' }),
        makeComment({ id: 2, ticket_id: 7, author: { id: 9, name: 'Alex Agent', role: 'agent' }, body_html: '<p>On our way.</p>' }),
      ],
      next_cursor: null,
    }),
  );
  return api;
}

function renderPage(route = '/portal/tickets/7', state?: unknown) {
  return renderWithProviders(<PortalTicketPage />, { route: state ? (({ pathname: route, state }) as unknown as string) : route, path: '/portal/tickets/:id' });
}

describe('PortalTicketPage', () => {
  it('shows the ticket, its status and the public conversation', async () => {
    setup();
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'Printer on fire' })).toBeInTheDocument();
    expect(screen.getByText('Open')).toHaveClass('portal-status-open');
    expect(await screen.findByText('It is on fire.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'You' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Alex Agent' })).toBeInTheDocument();
    expect(screen.getByLabelText('Your reply')).toBeInTheDocument();
    expect(document.title).toBe('#7 Printer on fire · Triage');
  });

  it('marks the ticket solved', async () => {
    const api = setup();
    api.on('PATCH', '/api/v1/tickets/7', json(makeTicket({ id: 7, subject: 'Printer on fire', status: 'solved' })));
    const { user } = renderPage();
    await user.click(await screen.findByRole('button', { name: 'Mark as solved' }));
    expect(await screen.findByText('Marked as solved. Thanks for letting us know.')).toBeInTheDocument();
    expect(api.callsTo('PATCH', '/api/v1/tickets/7')[0]?.body).toEqual({ status: 'solved' });
    expect(screen.getByRole('button', { name: 'Reopen' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Mark as solved' })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Your reply')).toHaveAccessibleDescription(/Replying reopens the ticket/);
  });

  it('reopens a solved ticket', async () => {
    const api = setup(makeTicket({ id: 7, status: 'solved' }));
    api.on('PATCH', '/api/v1/tickets/7', json(makeTicket({ id: 7, status: 'open' })));
    const { user } = renderPage();
    await user.click(await screen.findByRole('button', { name: 'Reopen' }));
    expect(await screen.findByText(/Reopened/)).toBeInTheDocument();
    expect(api.callsTo('PATCH', '/api/v1/tickets/7')[0]?.body).toEqual({ status: 'open' });
  });

  it('shows why a status change was refused', async () => {
    const api = setup();
    api.on('PATCH', '/api/v1/tickets/7', problem(403, 'Customers can only mark a ticket solved or reopen it.', { code: 'forbidden' }));
    const { user } = renderPage();
    await user.click(await screen.findByRole('button', { name: 'Mark as solved' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The status was not changed');
    expect(alert).toHaveTextContent('Customers can only mark a ticket solved or reopen it.');
  });

  it('explains that a closed ticket cannot be reopened and offers a new one', async () => {
    setup(makeTicket({ id: 7, status: 'closed' }));
    renderPage();
    expect(await screen.findByText('This ticket is closed')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'open a new ticket' })).toHaveAttribute('href', '/portal/tickets/new');
    expect(screen.queryByRole('button', { name: 'Reopen' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Mark as solved' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Your reply')).not.toBeInTheDocument();
  });

  it('tells the customer when we wait on them', async () => {
    setup(makeTicket({ id: 7, status: 'pending' }));
    renderPage();
    expect(await screen.findByText('We are waiting for your answer. Reply below to continue.')).toBeInTheDocument();
    expect(screen.getAllByText('Waiting on you').length).toBeGreaterThan(0);
  });

  it('shows a friendly not-found state', async () => {
    const api = mockApi();
    signedInAs(api, me);
    api.on('GET', '/api/v1/tickets/99', problem(404, 'Ticket not found.', { code: 'not_found' }));
    api.on('GET', '/api/v1/tickets/99/comments', problem(404, 'Ticket not found.', { code: 'not_found' }));
    renderPage('/portal/tickets/99');
    expect(await screen.findByRole('heading', { level: 1, name: 'Ticket not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to My tickets' })).toHaveAttribute('href', '/portal');
  });

  it('treats a malformed id as not found without asking the server', async () => {
    const api = mockApi();
    signedInAs(api, me);
    renderPage('/portal/tickets/abc');
    expect(await screen.findByRole('heading', { level: 1, name: 'Ticket not found' })).toBeInTheDocument();
    expect(api.calls.filter((c) => c.path.startsWith('/api/v1/tickets'))).toHaveLength(0);
  });

  it('says when loading failed and retries', async () => {
    const api = mockApi();
    signedInAs(api, me);
    api.on('GET', '/api/v1/tickets/7/comments', json({ items: [], next_cursor: null }));
    api.once('GET', '/api/v1/tickets/7', problem(500, 'Internal error.'));
    api.on('GET', '/api/v1/tickets/7', json(makeTicket({ id: 7, subject: 'Recovered' })));
    const { user } = renderPage();
    expect(await screen.findByRole('alert')).toHaveTextContent('This ticket could not be loaded');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Recovered' })).toBeInTheDocument();
  });

  it('loads later messages with the cursor', async () => {
    const api = setup();
    api.once('GET', '/api/v1/tickets/7/comments', json({ items: [makeComment({ body_html: '<p>Later one</p>' })], next_cursor: null }));
    api.once('GET', '/api/v1/tickets/7/comments', json({ items: [makeComment({ body_html: '<p>Early one</p>' })], next_cursor: 'n2' }));
    const { user } = renderPage();
    expect(await screen.findByText('Early one')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load later messages' }));
    expect(await screen.findByText('Later one')).toBeInTheDocument();
    const calls = api.callsTo('GET', '/api/v1/tickets/7/comments');
    expect(new URLSearchParams(calls[1]?.search).get('cursor')).toBe('n2');
  });

  it('welcomes a just-created ticket', async () => {
    setup();
    renderPage('/portal/tickets/7', { created: true });
    expect(await screen.findByText(/Your ticket was sent/)).toBeInTheDocument();
  });
});

describe('parseId', () => {
  it('accepts positive integers only', () => {
    expect(parseId('42')).toBe(42);
    expect(parseId('0')).toBe(0);
    expect(parseId('-1')).toBe(0);
    expect(parseId('1e3')).toBe(0);
    expect(parseId(undefined)).toBe(0);
  });
});
