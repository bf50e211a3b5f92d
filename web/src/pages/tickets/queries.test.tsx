import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '@/api/keys';
import type { Comment, Ticket } from '@/api/types';
import { json, makeUser, mockApi, problem } from '@/test/api';
import { testQueryClient } from '@/test/render';
import { noFilters } from './filters';
import {
  applyChange,
  useBulkUpdate,
  useComments,
  usePostComment,
  useRequesterTickets,
  useStaff,
  useTeams,
  useTicket,
  useTicketCount,
  useTicketList,
  useUpdateTicket,
  useUser,
  type ConversationItem,
} from './queries';
import { makeComment, makeTicket, query, ticketPage } from './testing';

function wrapper() {
  const qc = testQueryClient();
  const Wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={qc}>{children}</QueryClientProvider>;
  return { qc, wrapper: Wrapper };
}

describe('useTicketList', () => {
  it('pages with the cursor and keeps updated_after across pages', async () => {
    const api = mockApi();
    api.on('GET', '/api/v1/tickets', (req) =>
      new URL(req.url).searchParams.get('cursor') ? json(ticketPage([makeTicket({ id: 2 })])) : json(ticketPage([makeTicket({ id: 1 })], 'next')),
    );
    const { wrapper: w } = wrapper();
    const { result } = renderHook(() => useTicketList({ ...noFilters, updated: '24h', sort: 'id' }), { wrapper: w });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.hasNextPage).toBe(true);
    await act(() => result.current.fetchNextPage());
    await waitFor(() => expect(result.current.data?.pages).toHaveLength(2));
    expect(result.current.hasNextPage).toBe(false);
    const [first, second] = api.callsTo('GET', '/api/v1/tickets').map((c) => query(c.search));
    expect(first).toMatchObject({ sort: 'id', limit: '50' });
    expect(second).toMatchObject({ cursor: 'next', updated_after: first?.updated_after });
  });
});

describe('useTicketCount', () => {
  it('counts with the filters but no sort', async () => {
    const api = mockApi();
    api.on('GET', '/api/v1/tickets/count', json({ count: 10000, capped: true }));
    const { wrapper: w } = wrapper();
    const { result } = renderHook(() => useTicketCount({ ...noFilters, team: 'none', sort: 'id' }), { wrapper: w });
    await waitFor(() => expect(result.current.data).toEqual({ count: 10000, capped: true }));
    expect(query(api.callsTo('GET', '/api/v1/tickets/count')[0]?.search ?? '')).toEqual({ team: 'none' });
  });
});

describe('useStaff, useTeams, useUser, useRequesterTickets', () => {
  it('loads every page of agents and admins, by name', async () => {
    const api = mockApi();
    api.on('GET', '/api/v1/users', (req) =>
      new URL(req.url).searchParams.get('cursor')
        ? json({ items: [makeUser({ name: 'Alice' })], next_cursor: null })
        : json({ items: [makeUser({ name: 'Zed' })], next_cursor: 'p2' }),
    );
    api.on('GET', '/api/v1/teams', json({ items: [{ id: 1, name: 'T', description: '', created_at: '', updated_at: '' }] }));
    api.on('GET', '/api/v1/users/:id', (_r, p) => json(makeUser({ id: Number(p.id) })));
    api.on('GET', '/api/v1/tickets', json(ticketPage([makeTicket()])));
    const { wrapper: w } = wrapper();
    const { result } = renderHook(() => ({ staff: useStaff(), teams: useTeams(), user: useUser(9), other: useRequesterTickets(9) }), { wrapper: w });
    await waitFor(() => expect(result.current.staff.data?.map((u) => u.name)).toEqual(['Alice', 'Zed']));
    expect(query(api.callsTo('GET', '/api/v1/users')[0]?.search ?? '')).toMatchObject({ role: 'agent,admin', active: 'true' });
    await waitFor(() => expect(result.current.teams.data).toHaveLength(1));
    await waitFor(() => expect(result.current.user.data?.id).toBe(9));
    await waitFor(() => expect(result.current.other.data?.items).toHaveLength(1));
    expect(query(api.callsTo('GET', '/api/v1/tickets')[0]?.search ?? '')).toMatchObject({ requester: '9' });
  });
});

describe('useBulkUpdate', () => {
  it('splits the answer into updated and failed', async () => {
    const api = mockApi();
    api.on(
      'POST',
      '/api/v1/tickets/bulk',
      json({ items: [{ id: 1, ticket: makeTicket({ id: 1 }) }, { id: 2, error: { type: 'about:blank', title: 'Forbidden', status: 403, detail: '', request_id: '' } }] }),
    );
    const { wrapper: w, qc } = wrapper();
    const { result } = renderHook(() => useBulkUpdate(), { wrapper: w });
    let out;
    await act(async () => {
      out = await result.current.mutateAsync({ ids: [1, 2], update: { status: 'open' } });
    });
    expect(out).toEqual({ updated: [1], failed: [{ id: 2, message: 'Forbidden' }] });
    expect(qc.getQueryData(queryKeys.ticket(1))).toMatchObject({ id: 1 });
  });
});

describe('useUpdateTicket', () => {
  const ticket = makeTicket({ id: 7, status: 'open' });

  it('shows the change at once and keeps the server answer', async () => {
    const api = mockApi();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    api.on('PATCH', '/api/v1/tickets/7', async () => {
      await gate;
      return json({ ...ticket, status: 'pending', updated_at: '2026-04-01T00:00:00Z' });
    });
    api.on('GET', '/api/v1/tickets/7', json({ ...ticket, status: 'pending' }));
    const { wrapper: w, qc } = wrapper();
    qc.setQueryData(queryKeys.ticket(7), ticket);
    const { result } = renderHook(() => useUpdateTicket(7), { wrapper: w });
    act(() => result.current.mutate({ patch: { status: 'pending' }, what: 'status' }));
    await waitFor(() => expect(qc.getQueryData<Ticket>(queryKeys.ticket(7))?.status).toBe('pending'));
    release();
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(api.callsTo('PATCH', '/api/v1/tickets/7')[0]?.body).toEqual({ status: 'pending' });
  });

  it('rolls back when the server refuses', async () => {
    const api = mockApi();
    api.on('PATCH', '/api/v1/tickets/7', problem(409, 'Someone else changed this ticket.'));
    api.on('GET', '/api/v1/tickets/7', json(ticket));
    const { wrapper: w, qc } = wrapper();
    qc.setQueryData(queryKeys.ticket(7), ticket);
    const { result } = renderHook(() => useUpdateTicket(7), { wrapper: w });
    act(() => result.current.mutate({ patch: { assignee_id: 5 }, assignee: { id: 5, name: 'Ann' }, what: 'assignee' }));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(qc.getQueryData<Ticket>(queryKeys.ticket(7))).toMatchObject({ assignee_id: null, assignee: null });
    expect(result.current.error?.message).toBe('Someone else changed this ticket.');
  });

  it('applyChange fills in the assignee summary', () => {
    expect(applyChange(ticket, { patch: { assignee_id: 5 }, assignee: { id: 5, name: 'Ann' }, what: 'assignee' }).assignee).toEqual({ id: 5, name: 'Ann' });
    const assigned = { ...ticket, assignee_id: 5, assignee: { id: 5, name: 'Ann' } };
    expect(applyChange(assigned, { patch: { assignee_id: null }, what: 'assignee' }).assignee).toBeNull();
    expect(applyChange(ticket, { patch: { tags: ['a'] }, what: 'tags' }).tags).toEqual(['a']);
  });
});

describe('useComments and usePostComment', () => {
  const me = makeUser({ id: 1, name: 'Me' });

  it('loads every page of the conversation', async () => {
    const api = mockApi();
    api.on('GET', '/api/v1/tickets/7/comments', (req) =>
      new URL(req.url).searchParams.get('cursor')
        ? json({ items: [makeComment({ id: 2 })], next_cursor: null })
        : json({ items: [makeComment({ id: 1 })], next_cursor: 'c' }),
    );
    const { wrapper: w } = wrapper();
    const { result } = renderHook(() => useComments(7), { wrapper: w });
    await waitFor(() => expect(result.current.data?.map((c) => c.id)).toEqual([1, 2]));
  });

  it('adds the comment at once, then replaces it with the saved one', async () => {
    const api = mockApi();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const saved = makeComment({ id: 50, body: 'Hi', internal: true });
    api.on('POST', '/api/v1/tickets/7/comments', async () => {
      await gate;
      return json(saved, 201);
    });
    api.on('GET', '/api/v1/tickets/7/comments', json({ items: [saved], next_cursor: null }));
    api.on('GET', '/api/v1/tickets/7', json(makeTicket({ id: 7 })));
    const { wrapper: w, qc } = wrapper();
    qc.setQueryData<Comment[]>(queryKeys.ticketComments(7), []);
    const { result } = renderHook(() => usePostComment(7, me), { wrapper: w });
    act(() => result.current.mutate({ body: 'Hi', internal: true }));
    await waitFor(() => expect(qc.getQueryData<ConversationItem[]>(queryKeys.ticketComments(7))?.[0]).toMatchObject({ pending: true, body: 'Hi', internal: true, author: { name: 'Me' } }));
    release();
    await waitFor(() => expect(qc.getQueryData<ConversationItem[]>(queryKeys.ticketComments(7))).toEqual([saved]));
  });

  it('takes the comment out again when it fails', async () => {
    const api = mockApi();
    api.on('POST', '/api/v1/tickets/7/comments', problem(422, 'Too long.'));
    const existing = makeComment({ id: 3 });
    api.on('GET', '/api/v1/tickets/7/comments', json({ items: [existing], next_cursor: null }));
    api.on('GET', '/api/v1/tickets/7', json(makeTicket({ id: 7 })));
    const { wrapper: w, qc } = wrapper();
    qc.setQueryData<Comment[]>(queryKeys.ticketComments(7), [existing]);
    const { result } = renderHook(() => usePostComment(7, me), { wrapper: w });
    act(() => result.current.mutate({ body: 'Nope', internal: false }));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(qc.getQueryData<ConversationItem[]>(queryKeys.ticketComments(7))).toEqual([existing]);
  });
});

describe('useTicket', () => {
  it('does not ask for an invalid id', () => {
    const api = mockApi();
    const { wrapper: w } = wrapper();
    renderHook(() => useTicket(0), { wrapper: w });
    expect(api.calls).toHaveLength(0);
  });
});
