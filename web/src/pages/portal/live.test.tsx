import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LiveProvider } from '@/live/LiveProvider';
import { json, makeUser, mockApi, signedInAs } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { FakeWebSocket } from '@/test/socket';
import PortalHomePage from './PortalHomePage';
import PortalTicketPage from './PortalTicketPage';
import { makeComment, makeTicket } from './testData';

const me = makeUser({ id: 5, role: 'customer', name: 'Casey' });

describe('portal live updates', () => {
  it('updates my ticket list when a ticket changes', async () => {
    const api = mockApi();
    signedInAs(api, me);
    api.on('GET', '/api/v1/tickets', json({ items: [makeTicket({ id: 7, subject: 'Printer on fire', status: 'new' })], next_cursor: null }));
    renderWithProviders(
      <LiveProvider me={me}>
        <PortalHomePage />
      </LiveProvider>,
      { route: '/portal', path: '/portal' },
    );
    await screen.findByRole('link', { name: 'Printer on fire' }, { timeout: 5000 });
    const ws = FakeWebSocket.last();
    ws.open({ user_id: 5, role: 'customer' });
    api.on('GET', '/api/v1/tickets', json({ items: [makeTicket({ id: 7, subject: 'Printer on fire', status: 'solved' })], next_cursor: null }));
    ws.receive({ type: 'ticket.updated', ticket_id: 7, data: { ticket: { id: 7, subject: 'Printer on fire', status: 'solved', updated_at: '2026-03-03T00:00:00Z' } } });
    expect(await screen.findByText('Solved')).toBeInTheDocument();
  });

  it('shows an agent reply on the open ticket as it arrives', async () => {
    const api = mockApi();
    signedInAs(api, me);
    api.on('GET', '/api/v1/tickets/7', json(makeTicket({ id: 7, subject: 'Printer on fire' })));
    api.on('GET', '/api/v1/tickets/7/comments', json({ items: [makeComment({ id: 1, ticket_id: 7, author: { id: 5, name: 'Casey', role: 'customer' }, body_html: '<p>It is on fire.</p>' })], next_cursor: null }));
    const { user } = renderWithProviders(
      <LiveProvider me={me}>
        <PortalTicketPage />
      </LiveProvider>,
      { route: '/portal/tickets/7', path: '/portal/tickets/:id' },
    );
    await screen.findByText('It is on fire.', {}, { timeout: 5000 });
    await user.type(screen.getByLabelText('Your reply'), 'Still burning');
    const ws = FakeWebSocket.last();
    ws.open({ user_id: 5, role: 'customer' });
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
    ws.receive({ type: 'comment.created', ticket_id: 7, data: { comment: { id: 2, ticket_id: 7, author_id: 9, created_at: '2026-03-03T00:00:00Z' } } });
    expect(await screen.findByText('On our way.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText('Your reply')).toHaveValue('Still burning'));
  });
});
