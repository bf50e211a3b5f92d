import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { LiveFrame } from '@/live/connection';
import { LiveContext, type Live, type LiveListener } from '@/live/hooks';
import { json, makeUser, mockApi, signedInAs } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { SavedViewsNav, viewsRefreshMs } from './SavedViewsNav';
import { makeView } from './testing';

// fakeLive hands frames to the page as the live connection would.
function fakeLive() {
  const listeners = new Set<LiveListener>();
  const live: Live = {
    subscribe: (fn) => {
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
    send: () => false,
    status: () => 'open',
    onStatus: () => () => {},
  };
  return { live, emit: (f: LiveFrame) => listeners.forEach((l) => l(f)) };
}

describe('SavedViewsNav', () => {
  it('lists the saved views with their counts, capped ones as 10k+ and 1k+', async () => {
    const api = mockApi();
    signedInAs(api, makeUser());
    api.on(
      'GET',
      '/api/v1/views',
      json({
        items: [
          makeView({ id: 1, name: 'Urgent', query: 'priority:urgent', count: 12 }),
          makeView({ id: 2, name: 'Everything open', count: 10000, count_capped: true, scope: 'everyone' }),
          makeView({ id: 3, name: 'Printers', query: 'printer', sort: '-priority', count: 1000, count_capped: true }),
          makeView({ id: 4, name: 'Gone team', query: 'team:Old', count_error: 'unknown team "Old"' }),
          makeView({ id: 5, name: 'One', count: 1 }),
        ],
      }),
    );
    renderWithProviders(<SavedViewsNav activeId={3} />);
    const list = await screen.findByRole('list', { name: 'Saved views' });
    expect(within(list).getByRole('link', { name: 'Urgent 12 tickets' })).toHaveAttribute('href', '/tickets?q=priority%3Aurgent&view=1');
    expect(within(list).getByRole('link', { name: 'Everything open (shared with everyone) 10k+ tickets' })).toBeInTheDocument();
    const printers = within(list).getByRole('link', { name: 'Printers 1k+ tickets' });
    expect(printers).toHaveAttribute('href', '/tickets?q=printer&sort=-priority&view=3');
    expect(printers).toHaveAttribute('aria-current', 'page');
    expect(within(list).getByRole('link', { name: /Gone team.*count unavailable/ })).toBeInTheDocument();
    expect(within(list).getByRole('link', { name: 'One 1 ticket' })).not.toHaveAttribute('aria-current');
  });

  it('says when there are none', async () => {
    const api = mockApi();
    signedInAs(api, makeUser());
    api.on('GET', '/api/v1/views', json({ items: [] }));
    renderWithProviders(<SavedViewsNav activeId={null} />);
    expect(await screen.findByText(/None yet/)).toBeInTheDocument();
  });

  it('refetches the counts once, a while after ticket events', async () => {
    const api = mockApi();
    signedInAs(api, makeUser());
    let count = 3;
    api.on('GET', '/api/v1/views', () => json({ items: [makeView({ id: 9, name: 'Mine', count: count++ })] }));
    const { live, emit } = fakeLive();
    renderWithProviders(
      <LiveContext.Provider value={live}>
        <SavedViewsNav activeId={null} />
      </LiveContext.Provider>,
    );
    expect(await screen.findByRole('link', { name: 'Mine 3 tickets' })).toBeInTheDocument();
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      act(() => {
        emit({ type: 'ticket.created', ticket_id: 1 });
        emit({ type: 'ticket.updated', ticket_id: 1 });
        emit({ type: 'presence', ticket_id: 1 });
        emit({ type: 'comment.created', ticket_id: 2 });
      });
      await act(() => vi.advanceTimersByTimeAsync(viewsRefreshMs - 100));
      expect(api.callsTo('GET', '/api/v1/views')).toHaveLength(1);
      await act(() => vi.advanceTimersByTimeAsync(200));
    } finally {
      vi.useRealTimers();
    }
    expect(await screen.findByRole('link', { name: 'Mine 4 tickets' })).toBeInTheDocument();
    await waitFor(() => expect(api.callsTo('GET', '/api/v1/views')).toHaveLength(2));
  });
});
