import { act, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { User } from '@/api/types';
import { LiveProvider } from '@/live/LiveProvider';
import { json, makeUser, mockApi, noContent, signedInAs } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { FakeWebSocket } from '@/test/socket';
import { NotificationBell } from './NotificationBell';
import { makeNotification } from './testing';

const agent = makeUser({ id: 1, name: 'Me Myself', role: 'agent' });

function setup(opts: { count?: number; me?: User; items?: ReturnType<typeof makeNotification>[]; next?: string | null } = {}) {
  const me = opts.me ?? agent;
  const api = mockApi();
  signedInAs(api, me);
  api.on('GET', '/api/v1/notifications/unread-count', json({ count: opts.count ?? 2 }));
  api.on(
    'GET',
    '/api/v1/notifications',
    json({
      items: opts.items ?? [
        makeNotification({ id: 11, kind: 'assigned', ticket_id: 42 }),
        makeNotification({ id: 10, kind: 'customer_reply', ticket_id: 43, ticket_subject: 'Login broken', actor: { id: 9, name: 'Jane' } }),
        makeNotification({ id: 9, kind: 'mention', ticket_id: 44, ticket_subject: 'Old one', read_at: '2026-03-01T11:00:00Z' }),
      ],
      next_cursor: opts.next ?? null,
    }),
  );
  // The bell stays while the pages change, as in the top bar.
  const r = renderWithProviders(
    <LiveProvider me={me}>
      <NotificationBell user={me} />
      <button type="button">elsewhere</button>
      <Routes>
        <Route path="tickets" element={<p>Agent ticket list</p>} />
        <Route path="tickets/:id" element={<p>Agent ticket page</p>} />
        <Route path="portal/tickets/:id" element={<p>Portal ticket page</p>} />
      </Routes>
    </LiveProvider>,
    { route: '/tickets' },
  );
  return { ...r, api };
}

const toast = () => document.querySelector('.bell-toast');

async function openPanel(user: ReturnType<typeof setup>['user']) {
  await user.click(await screen.findByRole('button', { name: /^Notifications/ }));
  return screen.findByRole('list', { name: 'Notifications' }, { timeout: 5000 });
}

describe('NotificationBell', () => {
  it('shows the unread count in its name and badge', async () => {
    setup({ count: 3 });
    const bell = await screen.findByRole('button', { name: 'Notifications, 3 unread' });
    expect(bell).toHaveTextContent('3');
    expect(bell).toHaveAttribute('aria-expanded', 'false');
  });

  it('caps the badge at 999+', async () => {
    setup({ count: 1000 });
    expect(await screen.findByRole('button', { name: 'Notifications, 999+ unread' })).toHaveTextContent('999+');
  });

  it('has no badge when everything is read', async () => {
    const { api } = setup({ count: 0 });
    await waitFor(() => expect(api.callsTo('GET', '/api/v1/notifications/unread-count')).toHaveLength(1));
    expect(screen.getByRole('button', { name: 'Notifications' })).toHaveTextContent('');
  });

  it('lists notifications as sentences, marking the unread ones in words', async () => {
    const { user } = setup();
    const list = await openPanel(user);
    expect(screen.getByRole('dialog', { name: 'Notifications' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Notifications/ })).toHaveAttribute('aria-expanded', 'true');
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => within(li).getByRole('link').textContent)).toEqual([
      expect.stringMatching(/^UnreadAlex assigned you #42 Printer on fire/),
      expect.stringMatching(/^UnreadNew reply from Jane on #43 Login broken/),
      expect.stringMatching(/^Alex mentioned you on #44 Old one/),
    ]);
    expect(within(list).getByRole('link', { name: /Alex assigned you/ })).toHaveAttribute('href', '/tickets/42');
  });

  it('marks a notification read and opens its ticket', async () => {
    const { api, user } = setup();
    api.on('POST', '/api/v1/notifications/:id/read', noContent());
    const list = await openPanel(user);
    api.on('GET', '/api/v1/notifications/unread-count', json({ count: 1 }));
    await user.click(within(list).getByRole('link', { name: /Alex assigned you/ }));
    expect(await screen.findByText('Agent ticket page')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/v1/notifications/11/read')).toHaveLength(1);
    expect(screen.queryByRole('dialog', { name: 'Notifications' })).not.toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();
  });

  it('sends customers to the portal ticket page', async () => {
    const customer = makeUser({ id: 5, role: 'customer' });
    const { api, user } = setup({ me: customer, count: 1, items: [makeNotification({ id: 3, kind: 'assigned', ticket_id: 8 })] });
    api.on('POST', '/api/v1/notifications/:id/read', noContent());
    const list = await openPanel(user);
    expect(within(list).getByRole('link')).toHaveAttribute('href', '/portal/tickets/8');
  });

  it('marks all read', async () => {
    const { api, user } = setup();
    api.on('POST', '/api/v1/notifications/read-all', json({ updated: 2 }));
    const list = await openPanel(user);
    api.on('GET', '/api/v1/notifications/unread-count', json({ count: 0 }));
    api.on('GET', '/api/v1/notifications', json({ items: [makeNotification({ id: 11, read_at: '2026-03-02T00:00:00Z' })], next_cursor: null }));
    await user.click(screen.getByRole('button', { name: 'Mark all read' }));
    await waitFor(() => expect(within(list).queryAllByText('Unread')).toHaveLength(0));
    expect(api.callsTo('POST', '/api/v1/notifications/read-all')).toHaveLength(1);
    expect(await screen.findByRole('button', { name: 'Notifications' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Mark all read' })).not.toBeInTheDocument();
  });

  it('loads more', async () => {
    const { api, user } = setup({ next: 'c2' });
    const list = await openPanel(user);
    api.on('GET', '/api/v1/notifications', (req) =>
      new URL(req.url).searchParams.get('cursor') === 'c2'
        ? json({ items: [makeNotification({ id: 2, kind: 'team_assigned', ticket_id: 7, ticket_subject: 'Ancient' })], next_cursor: null })
        : json({ items: [], next_cursor: null }),
    );
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Load more' }));
    expect(await within(list).findByText('#7 Ancient was assigned to your team')).toBeInTheDocument();
    expect(within(list).getAllByRole('listitem')).toHaveLength(4);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('says when there is nothing yet', async () => {
    const { user } = setup({ count: 0, items: [] });
    await user.click(await screen.findByRole('button', { name: 'Notifications' }));
    expect(await screen.findByText('No notifications yet', {}, { timeout: 5000 })).toBeInTheDocument();
  });

  it('closes on Escape and gives focus back to the bell', async () => {
    const { user } = setup();
    await openPanel(user);
    expect(screen.getByRole('dialog', { name: 'Notifications' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Notifications' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Notifications/ })).toHaveFocus();
  });

  it('closes on a click outside', async () => {
    const { user } = setup();
    await openPanel(user);
    await user.click(screen.getByRole('button', { name: 'elsewhere' }));
    expect(screen.queryByRole('dialog', { name: 'Notifications' })).not.toBeInTheDocument();
  });

  it('adds a notification that arrives live to the open list and the count', async () => {
    const { api, user } = setup();
    const list = await openPanel(user);
    const ws = FakeWebSocket.last();
    ws.open();
    const sam = makeNotification({ id: 12, kind: 'mention', ticket_id: 50, ticket_subject: 'Server room hot', actor: { id: 3, name: 'Sam' } });
    ws.receive({ type: 'notification.created', data: sam });
    await waitFor(() => expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent('Sam mentioned you on #50 Server room hot'));
    expect(await screen.findByRole('button', { name: 'Notifications, 3 unread' })).toBeInTheDocument();
    // The same notification again (a redelivery) changes nothing.
    ws.receive({ type: 'notification.created', data: sam });
    expect(within(list).getAllByRole('listitem')).toHaveLength(4);
    expect(screen.getByRole('button', { name: 'Notifications, 3 unread' })).toBeInTheDocument();
    expect(api.callsTo('GET', '/api/v1/notifications')).toHaveLength(1);
    expect(toast()).toBeEmptyDOMElement();
  });

  it('announces a notification arriving while the panel is closed', async () => {
    setup();
    await screen.findByRole('button', { name: 'Notifications, 2 unread' });
    const ws = FakeWebSocket.last();
    ws.open();
    ws.receive({ type: 'notification.created', data: makeNotification({ id: 13, kind: 'team_assigned', ticket_id: 51, ticket_subject: 'VPN down' }) });
    expect(await screen.findByRole('button', { name: 'Notifications, 3 unread' })).toBeInTheDocument();
    expect(toast()).toHaveTextContent('#51 VPN down was assigned to your team');
  });

  it('refetches the count when the window regains focus', async () => {
    const { api } = setup();
    await waitFor(() => expect(api.callsTo('GET', '/api/v1/notifications/unread-count')).toHaveLength(1));
    api.on('GET', '/api/v1/notifications/unread-count', json({ count: 5 }));
    act(() => {
      window.dispatchEvent(new Event('visibilitychange'));
      window.dispatchEvent(new Event('focus'));
    });
    expect(await screen.findByRole('button', { name: 'Notifications, 5 unread' })).toBeInTheDocument();
  });
});

