import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { Comment, Team, Ticket, User } from '@/api/types';
import { apiQuery, filtersToSearch, updatedAfter, type TicketFilters } from './filters';
import type { BulkUpdatePatch, TicketPageData, TicketPatch, UserSummary } from './types';

export const pageSize = 50;

// A page of the ticket list remembers the updated_after time its first
// page was asked with, so "Load more" continues the same list.
export type ListPage = TicketPageData & { since: string | undefined };
type ListParam = { cursor: string | undefined; since: string | undefined };

// useTicketList is the agent's ticket list for filters, a page at a time.
export function useTicketList(filters: TicketFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.ticketList(filtersToSearch(filters)),
    initialPageParam: { cursor: undefined, since: undefined } as ListParam,
    queryFn: async ({ pageParam, signal }): Promise<ListPage> => {
      const since = pageParam.since ?? updatedAfter(filters, Date.now());
      const query = { ...apiQuery(filters, since), limit: pageSize, ...(pageParam.cursor ? { cursor: pageParam.cursor } : {}) };
      const page = await unwrap(api.client.GET('/api/v1/tickets', { params: { query }, signal }));
      return { ...page, since };
    },
    getNextPageParam: (last): ListParam | undefined => (last.next_cursor ? { cursor: last.next_cursor, since: last.since } : undefined),
  });
}

// useTicketCount counts the tickets matching filters (at most 10,000).
export function useTicketCount(filters: TicketFilters) {
  return useQuery({
    queryKey: queryKeys.ticketCount(filtersToSearch(filters, false)),
    queryFn: ({ signal }) => {
      const query = apiQuery(filters, updatedAfter(filters, Date.now()), false);
      return unwrap(api.client.GET('/api/v1/tickets/count', { params: { query }, signal }));
    },
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}

// useStaff lists the active agents and admins, for assignee pickers.
export function useStaff() {
  return useQuery({
    queryKey: queryKeys.staffUsers,
    queryFn: async ({ signal }) => {
      const out: User[] = [];
      let cursor: string | undefined;
      // A helpdesk has tens of agents; stop at 1,000 in any case.
      for (let i = 0; i < 10; i++) {
        const page = await unwrap(
          api.client.GET('/api/v1/users', { params: { query: { role: 'agent,admin', active: true, limit: 100, ...(cursor ? { cursor } : {}) } }, signal }),
        );
        out.push(...page.items);
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
      }
      return out.sort((a, b) => a.name.localeCompare(b.name));
    },
    staleTime: 5 * 60_000,
  });
}

// useTeams lists the teams, for the team filter and field.
export function useTeams() {
  return useQuery({
    queryKey: queryKeys.workspaceTeams,
    queryFn: async ({ signal }): Promise<Team[]> => (await unwrap(api.client.GET('/api/v1/teams', { signal }))).items,
    staleTime: 5 * 60_000,
  });
}

export interface BulkResult {
  updated: number[];
  failed: { id: number; message: string }[];
}

// useBulkUpdate applies one change to many tickets and reports, per
// ticket, what failed. Lists and counts are refetched either way.
export function useBulkUpdate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ ids, update }: { ids: number[]; update: BulkUpdatePatch }): Promise<BulkResult> => {
      const res = await unwrap(api.client.POST('/api/v1/tickets/bulk', { body: { ids, update } }));
      const out: BulkResult = { updated: [], failed: [] };
      for (const item of res.items) {
        if (item.error) out.failed.push({ id: item.id, message: item.error.detail || item.error.title });
        else {
          out.updated.push(item.id);
          if (item.ticket) qc.setQueryData(queryKeys.ticket(item.id), item.ticket);
        }
      }
      return out;
    },
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.tickets }),
  });
}

// useTicket is one ticket.
export function useTicket(id: number) {
  return useQuery({
    queryKey: queryKeys.ticket(id),
    enabled: id > 0,
    queryFn: ({ signal }) => unwrap(api.client.GET('/api/v1/tickets/{id}', { params: { path: { id } }, signal })),
  });
}

// A comment still on its way to the server has a negative id.
export type ConversationItem = Comment & { pending?: boolean };

// useComments is a ticket's whole conversation, oldest first.
export function useComments(id: number) {
  return useQuery({
    queryKey: queryKeys.ticketComments(id),
    enabled: id > 0,
    queryFn: async ({ signal }): Promise<ConversationItem[]> => {
      const out: Comment[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 50; i++) {
        const page = await unwrap(
          api.client.GET('/api/v1/tickets/{id}/comments', { params: { path: { id }, query: { limit: 100, ...(cursor ? { cursor } : {}) } }, signal }),
        );
        out.push(...page.items);
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
      }
      return out;
    },
  });
}

// TicketChange is a side-panel edit: the PATCH body, plus the assignee's
// name so the optimistic ticket can show it at once.
export interface TicketChange {
  patch: TicketPatch;
  assignee?: UserSummary | null;
  // what names the change in messages, e.g. "status".
  what: string;
}

// applyChange is the ticket as it will be once the change is saved.
export function applyChange(t: Ticket, change: TicketChange): Ticket {
  const next: Ticket = { ...t, ...change.patch } as Ticket;
  if ('assignee_id' in change.patch) {
    next.assignee = change.patch.assignee_id == null ? null : (change.assignee ?? t.assignee);
  }
  return next;
}

// useUpdateTicket saves side-panel edits optimistically: the ticket shows
// the change at once and goes back to what it was if the server refuses.
export function useUpdateTicket(id: number) {
  const qc = useQueryClient();
  const key = queryKeys.ticket(id);
  return useMutation({
    mutationFn: (change: TicketChange) => unwrap(api.client.PATCH('/api/v1/tickets/{id}', { params: { path: { id } }, body: change.patch })),
    onMutate: async (change) => {
      await qc.cancelQueries({ queryKey: key });
      const previous = qc.getQueryData<Ticket>(key);
      if (previous) qc.setQueryData<Ticket>(key, applyChange(previous, change));
      return { previous };
    },
    onError: (_err, _change, ctx) => {
      if (ctx?.previous) qc.setQueryData(key, ctx.previous);
    },
    onSuccess: (ticket) => {
      qc.setQueryData(key, ticket);
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.ticketLists });
      void qc.invalidateQueries({ queryKey: queryKeys.ticketCounts });
      void qc.invalidateQueries({ queryKey: ['tickets', 'requester'] });
    },
  });
}

export interface NewComment {
  body: string;
  internal: boolean;
}

let tempId = 0;

// usePostComment adds a reply or note. It shows at once as "sending" and
// is taken out again if the server refuses it.
export function usePostComment(id: number, me: User | null | undefined) {
  const qc = useQueryClient();
  const key = queryKeys.ticketComments(id);
  return useMutation({
    mutationFn: (c: NewComment) => unwrap(api.client.POST('/api/v1/tickets/{id}/comments', { params: { path: { id } }, body: c })),
    onMutate: async (c) => {
      await qc.cancelQueries({ queryKey: key });
      const previous = qc.getQueryData<ConversationItem[]>(key);
      const optimistic: ConversationItem = {
        id: --tempId,
        ticket_id: id,
        author_id: me?.id ?? 0,
        author: { id: me?.id ?? 0, name: me?.name ?? 'You', role: me?.role ?? 'agent' },
        body: c.body,
        body_html: '',
        internal: c.internal,
        created_at: new Date().toISOString(),
        edited_at: null,
        pending: true,
      };
      qc.setQueryData<ConversationItem[]>(key, [...(previous ?? []), optimistic]);
      return { previous, optimisticId: optimistic.id };
    },
    onError: (_err, _c, ctx) => {
      if (!ctx) return;
      qc.setQueryData<ConversationItem[]>(key, (list) => (list ?? []).filter((x) => x.id !== ctx.optimisticId));
    },
    onSuccess: (comment, _c, ctx) => {
      qc.setQueryData<ConversationItem[]>(key, (list) => (list ?? []).map((x) => (x.id === ctx.optimisticId ? comment : x)));
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: key });
      // A reply can move the ticket (e.g. first response, status).
      void qc.invalidateQueries({ queryKey: queryKeys.ticket(id) });
      void qc.invalidateQueries({ queryKey: queryKeys.ticketLists });
    },
  });
}

// useRequesterTickets is the requester's latest tickets.
export function useRequesterTickets(requesterId: number | undefined) {
  return useQuery({
    queryKey: queryKeys.requesterTickets(requesterId ?? 0),
    enabled: requesterId !== undefined,
    queryFn: ({ signal }) =>
      unwrap(api.client.GET('/api/v1/tickets', { params: { query: { requester: requesterId, limit: 6, sort: '-updated_at' } }, signal })),
  });
}

// useUser is one user's profile (staff may read any).
export function useUser(id: number | undefined) {
  return useQuery({
    queryKey: queryKeys.workspaceUser(id ?? 0),
    enabled: id !== undefined,
    queryFn: ({ signal }) => unwrap(api.client.GET('/api/v1/users/{id}', { params: { path: { id: id ?? 0 } }, signal })),
    staleTime: 5 * 60_000,
  });
}
