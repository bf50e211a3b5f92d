import { act, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { queryKeys } from '@/api/keys';
import { makeComment, makeTicket, ticketPage, WithSidebar } from '@/pages/tickets/testing';
import TicketListPage from '@/pages/tickets/TicketListPage';
import TicketPage from '@/pages/tickets/TicketPage';
import { json, makeUser, mockApi, signedInAs, type MockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { FakeWebSocket } from '@/test/socket';
import type { LiveFrame } from './connection';
import { LiveContext, useLiveEvent, type Live } from './hooks';
import { LiveProvider } from './LiveProvider';
import { LiveStatusNote, pausedAfterMs } from './LiveStatusNote';

const me = makeUser({ id: 1, name: 'Me Myself', role: 'agent' });

afterEach(() => localStorage.clear());

// Frames lists the types of the frames it hears.
function Frames() {
  const [frames, setFrames] = useState<LiveFrame[]>([]);
  useLiveEvent((f) => setFrames((l) => [...l, f]));
  return (
    <ol aria-label="frames">
      {frames.map((f, i) => (
        <li key={i}>{f.type}</li>
      ))}
    </ol>
  );
}

describe('LiveProvider', () => {
  it('opens one socket on this origin and hands frames to subscribers', async () => {
    signedInAs(mockApi(), me);
    renderWithProviders(
      <LiveProvider me={me}>
        <Frames />
      </LiveProvider>,
    );
    expect(FakeWebSocket.instances).toHaveLength(1);
    const ws = FakeWebSocket.last();
    expect(ws.url).toBe(`ws://${window.location.host}/api/v1/ws`);
    ws.open();
    ws.receive({ type: 'ticket.created', ticket_id: 9 });
    const list = screen.getByRole('list', { name: 'frames' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['hello', 'ticket.created']);
  });

  it('signs the tab out when the server ends the session (4001)', async () => {
    signedInAs(mockApi(), me);
    const { queryClient } = renderWithProviders(
      <LiveProvider me={me}>
        <p>page</p>
      </LiveProvider>,
    );
    queryClient.setQueryData(queryKeys.me, me);
    FakeWebSocket.last().open();
    FakeWebSocket.last().serverClose(4001, 'session ended');
    expect(queryClient.getQueryData(queryKeys.me)).toBeNull();
  });

  it('closes the socket when the shell goes away', () => {
    signedInAs(mockApi(), me);
    const { unmount } = renderWithProviders(
      <LiveProvider me={me}>
        <p>page</p>
      </LiveProvider>,
    );
    const ws = FakeWebSocket.last();
    ws.open();
    unmount();
    expect(ws.closedBy?.code).toBe(1000);
  });
});

function setupList(api: MockApi, tickets = [makeTicket({ id: 1, subject: 'Printer on fire' }), makeTicket({ id: 2, subject: 'Login broken' })]) {
  signedInAs(api, me);
  api.on('GET', '/api/v1/tickets/count', json({ count: tickets.length, capped: false }));
  api.on('GET', '/api/v1/users', json({ items: [me], next_cursor: null }));
  api.on('GET', '/api/v1/teams', json({ items: [] }));
  api.on('GET', '/api/v1/tickets', json(ticketPage(tickets)));
  return renderWithProviders(
    <LiveProvider me={me}>
      <WithSidebar>
        <TicketListPage />
      </WithSidebar>
    </LiveProvider>,
    { route: '/tickets', path: '/tickets', extraRoutes: <Route path="/tickets/:id" element={<p>Ticket page</p>} /> },
  );
}

describe('live ticket list', () => {
  it('refetches the list and counts once for a burst of changes, keeping the selection', async () => {
    const api = mockApi();
    const { user } = setupList(api);
    await screen.findByRole('link', { name: 'Printer on fire' }, { timeout: 5000 });
    await user.click(screen.getByRole('checkbox', { name: 'Select ticket #2' }));
    const ws = FakeWebSocket.last();
    ws.open();
    const before = api.callsTo('GET', '/api/v1/tickets').length;
    const countsBefore = api.callsTo('GET', '/api/v1/tickets/count').length;

    api.on('GET', '/api/v1/tickets', json(ticketPage([makeTicket({ id: 3, subject: 'New laptop' }), makeTicket({ id: 1, subject: 'Printer on fire' }), makeTicket({ id: 2, subject: 'Login broken' })])));
    ws.receive({ type: 'ticket.created', ticket_id: 3, data: { ticket: { id: 3, subject: 'New laptop', status: 'new', updated_at: '2026-03-03T00:00:00Z' } } });
    ws.receive({ type: 'ticket.updated', ticket_id: 1 });
    ws.receive({ type: 'ticket.assigned', ticket_id: 2 });

    expect(await screen.findByRole('link', { name: 'New laptop' })).toBeInTheDocument();
    expect(api.callsTo('GET', '/api/v1/tickets').length).toBe(before + 1);
    await waitFor(() => expect(api.callsTo('GET', '/api/v1/tickets/count').length).toBeGreaterThan(countsBefore));
    expect(screen.getByRole('checkbox', { name: 'Select ticket #2' })).toBeChecked();
  });

  it('drops a ticket the agent may no longer see at once', async () => {
    const api = mockApi();
    setupList(api);
    await screen.findByRole('link', { name: 'Login broken' }, { timeout: 5000 });
    const ws = FakeWebSocket.last();
    ws.open();
    // The refetch never answers: only the live frame can take the row out.
    api.on('GET', '/api/v1/tickets', () => new Promise<Response>(() => {}));
    ws.receive({ type: 'ticket.hidden', ticket_id: 2 });
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Login broken' })).not.toBeInTheDocument());
    expect(screen.getByRole('link', { name: 'Printer on fire' })).toBeInTheDocument();
  });

  it('refetches everything after a reconnect, and on resync', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const api = mockApi();
    setupList(api);
    await screen.findByRole('link', { name: 'Printer on fire' }, { timeout: 5000 });
    FakeWebSocket.last().open();
    const before = api.callsTo('GET', '/api/v1/tickets').length;
    FakeWebSocket.last().serverClose(1006);
    // GET /me (the session check) comes first, then the new socket.
    await waitFor(() => expect(FakeWebSocket.instances).toHaveLength(2), { timeout: 3000 });
    FakeWebSocket.last().open();
    await waitFor(() => expect(api.callsTo('GET', '/api/v1/tickets').length).toBe(before + 1));
    FakeWebSocket.last().receive({ type: 'resync' });
    await waitFor(() => expect(api.callsTo('GET', '/api/v1/tickets').length).toBe(before + 2));
  });
});

function setupTicket() {
  const api = mockApi();
  signedInAs(api, me);
  api.on('GET', '/api/v1/tickets/7', json(makeTicket({ id: 7, subject: 'Printer on fire' })));
  api.on('GET', '/api/v1/tickets/7/comments', json({ items: [makeComment({ id: 1, body_html: '<p>It is on fire</p>' })], next_cursor: null }));
  api.on('GET', '/api/v1/users', json({ items: [me], next_cursor: null }));
  api.on('GET', '/api/v1/teams', json({ items: [] }));
  api.on('GET', '/api/v1/users/50', json(makeUser({ id: 50, name: 'Rita Requester', role: 'customer' })));
  api.on('GET', '/api/v1/tickets', json(ticketPage([])));
  // The provider outlives the page, as in the shell.
  const r = renderWithProviders(
    <LiveProvider me={me}>
      <Routes>
        <Route path="tickets/:id" element={<TicketPage />} />
        <Route path="tickets" element={<p>The list</p>} />
      </Routes>
    </LiveProvider>,
    { route: '/tickets/7' },
  );
  return { ...r, api };
}

describe('live ticket page', () => {
  it('shares presence and shows who else is there', async () => {
    const { user } = setupTicket();
    const box = await screen.findByRole('textbox', { name: 'Public reply' }, { timeout: 5000 });
    const ws = FakeWebSocket.last();
    ws.open();
    await waitFor(() => expect(ws.messages('presence')).toContainEqual({ type: 'presence', ticket_id: 7, state: 'viewing' }));

    ws.receive({ type: 'presence', ticket_id: 7, data: { ticket_id: 7, user_id: 2, name: 'Alex', state: 'viewing' } });
    expect(await screen.findByText('Alex is viewing')).toBeInTheDocument();
    ws.receive({ type: 'presence', ticket_id: 7, data: { ticket_id: 7, user_id: 2, name: 'Alex', state: 'replying' } });
    expect(await screen.findByText('Alex is replying')).toBeInTheDocument();
    ws.receive({ type: 'presence', ticket_id: 7, data: { ticket_id: 7, user_id: 1, name: 'Me Myself', state: 'viewing' } });
    expect(screen.queryByText(/Me Myself is/)).not.toBeInTheDocument();

    await user.click(box);
    await waitFor(() => expect(ws.messages('presence').at(-1)).toEqual({ type: 'presence', ticket_id: 7, state: 'replying' }));
    await user.click(screen.getByRole('link', { name: /Back to tickets/ }));
    expect(await screen.findByText('The list')).toBeInTheDocument();
    expect(ws.messages('presence').at(-1)).toEqual({ type: 'presence', ticket_id: 7, state: 'left' });
  });

  it('shows a new comment without touching the reply being written', async () => {
    const { api, user } = setupTicket();
    const box = await screen.findByRole('textbox', { name: 'Public reply' }, { timeout: 5000 });
    await user.type(box, 'Half a thought');
    const ws = FakeWebSocket.last();
    ws.open();
    api.on(
      'GET',
      '/api/v1/tickets/7/comments',
      json({ items: [makeComment({ id: 1, body_html: '<p>It is on fire</p>' }), makeComment({ id: 2, body_html: '<p>Now it is smoking</p>' })], next_cursor: null }),
    );
    api.on('GET', '/api/v1/tickets/7', json(makeTicket({ id: 7, subject: 'Printer on fire (urgent)' })));
    ws.receive({ type: 'comment.created', ticket_id: 7, data: { comment: { id: 2, ticket_id: 7, author_id: 50, created_at: '2026-03-03T00:00:00Z' } } });
    ws.receive({ type: 'ticket.updated', ticket_id: 7 });
    expect(await screen.findByText('Now it is smoking')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 1, name: '#7 Printer on fire (urgent)' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Public reply' })).toHaveValue('Half a thought');
  });
});

describe('LiveStatusNote', () => {
  function stubLive(status: () => ReturnType<Live['status']>, listeners: Set<() => void>): Live {
    return {
      subscribe: () => () => {},
      send: () => false,
      status,
      onStatus: (fn) => {
        listeners.add(fn);
        return () => void listeners.delete(fn);
      },
    };
  }

  it('says live updates are paused only after a few seconds without a connection', () => {
    vi.useFakeTimers();
    try {
      let status: ReturnType<Live['status']> = 'open';
      const listeners = new Set<() => void>();
      const live = stubLive(() => status, listeners);
      const set = (s: typeof status) =>
        act(() => {
          status = s;
          for (const l of listeners) l();
        });
      render(
        <LiveContext.Provider value={live}>
          <LiveStatusNote />
        </LiveContext.Provider>,
      );
      const note = screen.getByRole('status');
      expect(note).toBeEmptyDOMElement();
      set('waiting');
      act(() => vi.advanceTimersByTime(pausedAfterMs - 1));
      expect(note).toBeEmptyDOMElement();
      act(() => vi.advanceTimersByTime(1));
      expect(note).toHaveTextContent('Live updates paused — reconnecting');
      set('connecting');
      expect(note).toHaveTextContent('Live updates paused');
      set('open');
      expect(note).toBeEmptyDOMElement();
      set('ended');
      act(() => vi.advanceTimersByTime(pausedAfterMs * 2));
      expect(note).toBeEmptyDOMElement();
    } finally {
      vi.useRealTimers();
    }
  });
});
