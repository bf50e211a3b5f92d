import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { json, makeUser, mockApi, problem, signedInAs } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { makeComment, makeTicket, ticketPage } from './testing';
import TicketPage from './TicketPage';

const me = makeUser({ id: 1, name: 'Me Myself', role: 'agent' });

afterEach(() => localStorage.clear());

function setup(route = '/tickets/7') {
  const api = mockApi();
  signedInAs(api, me);
  const ticket = makeTicket({ id: 7, subject: 'Printer on fire', tags: ['hardware'] });
  api.on('GET', '/api/v1/tickets/7', json(ticket));
  api.on(
    'GET',
    '/api/v1/tickets/7/comments',
    json({
      items: [
        makeComment({ id: 1, body_html: '<p>It is <em>really</em> on fire</p>' }),
        makeComment({ id: 2, internal: true, author: { id: 1, name: 'Me Myself', role: 'agent' }, body_html: '<p>Checked the logs</p>' }),
      ],
      next_cursor: null,
    }),
  );
  api.on('GET', '/api/v1/users', json({ items: [me], next_cursor: null }));
  api.on('GET', '/api/v1/teams', json({ items: [] }));
  api.on('GET', '/api/v1/users/50', json(makeUser({ id: 50, name: 'Rita Requester', role: 'customer' })));
  api.on('GET', '/api/v1/tickets', json(ticketPage([ticket])));
  const r = renderWithProviders(<TicketPage />, { route, path: '/tickets/:id' });
  return { ...r, api };
}

describe('TicketPage', () => {
  it('shows the conversation, the reply box and the side panel', async () => {
    setup();
    expect(await screen.findByRole('heading', { level: 1, name: '#7 Printer on fire' }, { timeout: 5000 })).toBeInTheDocument();
    const note = await screen.findByRole('article', { name: 'Internal note by Me Myself' });
    expect(within(note).getByText('Internal note')).toBeInTheDocument();
    expect(screen.getByRole('article', { name: 'Public reply by Rita Requester' })).toHaveTextContent('It is really on fire');
    expect(await screen.findByRole('textbox', { name: 'Public reply' })).toBeInTheDocument();
    const side = screen.getByRole('complementary', { name: 'Ticket details and requester' });
    expect(within(side).getByLabelText('Status')).toHaveValue('open');
    expect(within(side).getByText('hardware')).toBeInTheDocument();
    expect(within(side).getByRole('heading', { name: 'Requester' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Back to tickets/ })).toHaveAttribute('href', '/tickets');
    expect(document.title).toBe('#7 Printer on fire · Triage');
  });

  it('r and n focus the reply box in public and note mode; ? shows help', async () => {
    const { user } = setup();
    const box = await screen.findByRole('textbox', { name: 'Public reply' }, { timeout: 3000 });
    await user.keyboard('n');
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Internal note' })).toHaveFocus());
    // Typing in the box is typing, not shortcuts.
    await user.keyboard('r?');
    expect(screen.getByRole('textbox', { name: 'Internal note' })).toHaveValue('r?');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    screen.getByRole('textbox', { name: 'Internal note' }).blur();
    await user.keyboard('r');
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Public reply' })).toHaveFocus());
    expect(box).toBeInTheDocument();
    screen.getByRole('textbox', { name: 'Public reply' }).blur();
    await user.keyboard('?');
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveTextContent('Write an internal note');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('shows a reply at once while it is sent', async () => {
    const { api, user } = setup();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    api.on('POST', '/api/v1/tickets/7/comments', async () => {
      await gate;
      return json(makeComment({ id: 3, body_html: '<p>On my way</p>', author: { id: 1, name: 'Me Myself', role: 'agent' } }), 201);
    });
    await user.type(await screen.findByRole('textbox', { name: 'Public reply' }, { timeout: 3000 }), 'On my way');
    await user.click(screen.getByRole('button', { name: 'Send public reply' }));
    const pending = await screen.findByText('Sending…');
    expect(pending.closest('article')).toHaveTextContent('On my way');
    release();
    expect(await screen.findByText('Reply sent.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('Sending…')).not.toBeInTheDocument());
  });

  it('says when the ticket does not exist', async () => {
    const api = mockApi();
    signedInAs(api, me);
    api.on('GET', '/api/v1/tickets/404', problem(404, 'Not found.'));
    api.on('GET', '/api/v1/tickets/404/comments', problem(404, 'Not found.'));
    api.on('GET', '/api/v1/users', json({ items: [], next_cursor: null }));
    api.on('GET', '/api/v1/teams', json({ items: [] }));
    renderWithProviders(<TicketPage />, { route: '/tickets/404', path: '/tickets/:id' });
    expect(await screen.findByRole('heading', { name: 'Ticket not found' })).toBeInTheDocument();
    expect(screen.getByText(/There is no ticket #404/)).toBeInTheDocument();
  });

  it('treats a bad id as not found without asking the server', async () => {
    const api = mockApi();
    signedInAs(api, me);
    api.on('GET', '/api/v1/users', json({ items: [], next_cursor: null }));
    api.on('GET', '/api/v1/teams', json({ items: [] }));
    renderWithProviders(<TicketPage />, { route: '/tickets/abc', path: '/tickets/:id' });
    expect(await screen.findByRole('heading', { name: 'Ticket not found' })).toBeInTheDocument();
    expect(api.calls.filter((c) => c.path.startsWith('/api/v1/tickets'))).toHaveLength(0);
  });

  it('shows an error with a retry when loading fails', async () => {
    const api = mockApi();
    signedInAs(api, me);
    api.on('GET', '/api/v1/tickets/7', problem(500, 'The database is down.'));
    api.on('GET', '/api/v1/tickets/7/comments', json({ items: [], next_cursor: null }));
    api.on('GET', '/api/v1/users', json({ items: [], next_cursor: null }));
    api.on('GET', '/api/v1/teams', json({ items: [] }));
    renderWithProviders(<TicketPage />, { route: '/tickets/7', path: '/tickets/:id' });
    expect(await screen.findByText('Ticket #7 could not be loaded')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
