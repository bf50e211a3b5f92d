import { QueryClient, type InfiniteData } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryKeys } from '@/api/keys';
import { LiveInvalidator, removeTicket, targetsFor } from './invalidate';

type Page = { items: { id: number }[]; next_cursor: string | null };

function listData(...pages: number[][]): InfiniteData<Page> {
  return { pages: pages.map((ids) => ({ items: ids.map((id) => ({ id })), next_cursor: null })), pageParams: pages.map(() => null) };
}

describe('targetsFor', () => {
  it('makes lists, counts and the ticket stale on a ticket change', () => {
    const keys = targetsFor({ type: 'ticket.updated', ticket_id: 7 }).map((t) => JSON.stringify(t.queryKey));
    expect(keys).toEqual(
      expect.arrayContaining([
        JSON.stringify(queryKeys.ticketLists),
        JSON.stringify(queryKeys.ticketCounts),
        JSON.stringify(queryKeys.ticketFacetsAll),
        JSON.stringify(queryKeys.portalTickets),
        JSON.stringify(queryKeys.ticket(7)),
        JSON.stringify(queryKeys.portalTicket(7)),
      ]),
    );
  });

  it('makes the conversation stale on a new comment', () => {
    const keys = targetsFor({ type: 'comment.created', ticket_id: 7 }).map((t) => JSON.stringify(t.queryKey));
    expect(keys).toContain(JSON.stringify(queryKeys.ticketComments(7)));
    expect(keys).toContain(JSON.stringify(queryKeys.portalComments(7)));
  });

  it('ignores presence and notifications', () => {
    expect(targetsFor({ type: 'presence', ticket_id: 7 })).toEqual([]);
    expect(targetsFor({ type: 'notification.created' })).toEqual([]);
  });
});

describe('removeTicket', () => {
  it('drops the ticket from every cached list, keeping the others', () => {
    const qc = new QueryClient();
    qc.setQueryData(queryKeys.ticketList('status=open'), listData([1, 2], [3]));
    qc.setQueryData(queryKeys.ticketList(''), listData([2, 4]));
    qc.setQueryData(queryKeys.portalTickets, listData([2]));
    removeTicket(qc, 2);
    expect(qc.getQueryData(queryKeys.ticketList('status=open'))).toEqual(listData([1], [3]));
    expect(qc.getQueryData(queryKeys.ticketList(''))).toEqual(listData([4]));
    expect(qc.getQueryData(queryKeys.portalTickets)).toEqual(listData([]));
  });
});

describe('LiveInvalidator', () => {
  let qc: QueryClient;
  let inv: LiveInvalidator;
  let spy: { mock: { calls: unknown[][] } };

  beforeEach(() => {
    vi.useFakeTimers();
    qc = new QueryClient();
    inv = new LiveInvalidator(qc, 300);
    spy = vi.spyOn(qc, 'invalidateQueries');
  });

  afterEach(() => {
    inv.dispose();
    vi.useRealTimers();
  });

  it('coalesces a burst of frames into one refetch per query, 300 ms later', () => {
    inv.handle({ type: 'ticket.updated', ticket_id: 7 });
    inv.handle({ type: 'ticket.updated', ticket_id: 7 });
    inv.handle({ type: 'ticket.assigned', ticket_id: 8 });
    vi.advanceTimersByTime(299);
    expect(spy).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    const keys = spy.mock.calls.map((c) => JSON.stringify((c[0] as { queryKey: unknown }).queryKey));
    expect(keys.filter((k) => k === JSON.stringify(queryKeys.ticketLists))).toHaveLength(1);
    expect(keys).toContain(JSON.stringify(queryKeys.ticket(7)));
    expect(keys).toContain(JSON.stringify(queryKeys.ticket(8)));
  });

  it('waits while a change is being saved', () => {
    vi.spyOn(qc, 'isMutating').mockReturnValue(1);
    inv.handle({ type: 'comment.created', ticket_id: 7 });
    vi.advanceTimersByTime(900);
    expect(spy).not.toHaveBeenCalled();
    vi.spyOn(qc, 'isMutating').mockReturnValue(0);
    vi.advanceTimersByTime(300);
    expect(spy).toHaveBeenCalled();
  });

  it('removes a hidden ticket at once', () => {
    qc.setQueryData(queryKeys.ticketList(''), listData([1, 2]));
    inv.handle({ type: 'ticket.hidden', ticket_id: 2 });
    expect(qc.getQueryData(queryKeys.ticketList(''))).toEqual(listData([1]));
  });
});
