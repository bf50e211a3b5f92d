import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { components } from '@/api/schema.gen';
import type { Ticket } from '@/api/types';

type TicketCreate = components['schemas']['TicketCreate'];

export const ticketsPageSize = 25;
export const commentsPageSize = 100;

// useMyTickets pages through the customer's tickets, most recently updated
// first (a customer only ever sees their own).
export function useMyTickets() {
  return useInfiniteQuery({
    queryKey: queryKeys.portalTickets,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.client.GET('/api/v1/tickets', {
          params: { query: { limit: ticketsPageSize, sort: '-updated_at', ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

// useTicket loads one ticket.
export function useTicket(id: number) {
  return useQuery({
    queryKey: queryKeys.portalTicket(id),
    queryFn: () => unwrap(api.client.GET('/api/v1/tickets/{id}', { params: { path: { id } } })),
    enabled: id > 0,
  });
}

// useConversation pages through a ticket's public comments, oldest first.
export function useConversation(id: number) {
  return useInfiniteQuery({
    queryKey: queryKeys.portalComments(id),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.client.GET('/api/v1/tickets/{id}/comments', {
          params: { path: { id }, query: { limit: commentsPageSize, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: id > 0,
  });
}

// useCreateTicket opens a ticket; its description becomes the first comment.
export function useCreateTicket() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TicketCreate) => unwrap(api.client.POST('/api/v1/tickets', { body })),
    onSuccess: (t) => {
      qc.setQueryData(queryKeys.portalTicket(t.id), t);
      return qc.invalidateQueries({ queryKey: queryKeys.portalTickets });
    },
  });
}

// useReply posts a public reply. The server may reopen the ticket, so the
// ticket and the list are refetched too.
export function useReply(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => unwrap(api.client.POST('/api/v1/tickets/{id}/comments', { params: { path: { id } }, body: { body, internal: false } })),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: queryKeys.portalComments(id) }),
        qc.invalidateQueries({ queryKey: queryKeys.portalTicket(id), exact: true }),
        qc.invalidateQueries({ queryKey: queryKeys.portalTickets }),
      ]),
  });
}

// useSetStatus marks a ticket solved or reopens it (the only changes a
// customer may make).
export function useSetStatus(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (status: Extract<Ticket['status'], 'solved' | 'open'>) =>
      unwrap(api.client.PATCH('/api/v1/tickets/{id}', { params: { path: { id } }, body: { status } })),
    onSuccess: (t) => {
      qc.setQueryData(queryKeys.portalTicket(id), t);
      return qc.invalidateQueries({ queryKey: queryKeys.portalTickets });
    },
  });
}
