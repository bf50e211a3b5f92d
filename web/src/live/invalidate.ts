import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query';
import { queryKeys } from '@/api/keys';
import type { LiveFrame } from './connection';

export const liveDelayMs = 300;

interface Target {
  queryKey: QueryKey;
  exact?: boolean;
}

type Page = { items: { id: number }[] };

// removeTicket drops ticket id from every cached ticket list at once (the
// user may no longer see it), leaving the rest of each list as it is.
export function removeTicket(qc: QueryClient, id: number) {
  const drop = (data: InfiniteData<Page> | undefined) =>
    data?.pages ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.filter((t) => t.id !== id) })) } : data;
  qc.setQueriesData<InfiniteData<Page>>({ queryKey: queryKeys.ticketLists }, drop);
  qc.setQueriesData<InfiniteData<Page>>({ queryKey: queryKeys.portalTickets }, drop);
}

// everything is what a reconnect or a resync frame refetches: events may
// have been missed.
export const everything: Target[] = [{ queryKey: queryKeys.tickets }, { queryKey: ['portal'] }, { queryKey: queryKeys.notifications }];

// targetsFor lists the cached queries a frame makes stale.
export function targetsFor(frame: LiveFrame): Target[] {
  const id = frame.ticket_id;
  const lists: Target[] = [
    { queryKey: queryKeys.ticketLists },
    { queryKey: queryKeys.ticketCounts },
    { queryKey: queryKeys.ticketFacetsAll },
    { queryKey: ['tickets', 'requester'] },
    { queryKey: queryKeys.portalTickets },
  ];
  switch (frame.type) {
    case 'ticket.created':
    case 'ticket.updated':
    case 'ticket.assigned':
    case 'ticket.hidden':
      return id ? [...lists, { queryKey: queryKeys.ticket(id) }, { queryKey: queryKeys.portalTicket(id), exact: true }] : lists;
    case 'comment.created':
      // A comment moves the ticket up a list sorted by last update.
      return id ? [...lists, { queryKey: queryKeys.ticketComments(id) }, { queryKey: queryKeys.portalComments(id) }] : lists;
    case 'resync':
      return everything;
    default:
      return [];
  }
}

// LiveInvalidator turns live frames into refetches. Frames arriving close
// together are coalesced: each stale query is refetched once, 300 ms after
// the first of them. While a mutation is in flight the refetch waits, so a
// refetch never overwrites an optimistic change (the mutation refetches
// what it changed when it settles).
export class LiveInvalidator {
  private pending = new Map<string, Target>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly qc: QueryClient,
    private readonly delay = liveDelayMs,
  ) {}

  handle(frame: LiveFrame): void {
    if (frame.type === 'ticket.hidden' && frame.ticket_id) removeTicket(this.qc, frame.ticket_id);
    this.add(targetsFor(frame));
  }

  add(targets: Target[]): void {
    for (const t of targets) this.pending.set(JSON.stringify(t), t);
    if (this.pending.size > 0 && this.timer === null) this.timer = setTimeout(() => this.flush(), this.delay);
  }

  private flush(): void {
    this.timer = null;
    if (this.qc.isMutating() > 0) {
      this.timer = setTimeout(() => this.flush(), this.delay);
      return;
    }
    const targets = [...this.pending.values()];
    this.pending.clear();
    for (const t of targets) void this.qc.invalidateQueries(t);
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }
}
