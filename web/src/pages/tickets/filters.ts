import { hasFreeText, querySort } from '@/search/query';
import { priorities, statuses, ticketTypes, unsolved } from './labels';

// The sort orders GET /tickets accepts, with what the UI calls them.
export const sortOptions = [
  { value: '-updated_at', label: 'Updated, newest first' },
  { value: 'updated_at', label: 'Updated, oldest first' },
  { value: '-created_at', label: 'Created, newest first' },
  { value: 'created_at', label: 'Created, oldest first' },
  { value: '-priority', label: 'Priority, highest first' },
  { value: 'priority', label: 'Priority, lowest first' },
  { value: '-id', label: 'Number, highest first' },
  { value: 'id', label: 'Number, lowest first' },
] as const;

// relevanceOption is the order of a search with free text: best match
// first, among the newest matches (see docs on search).
export const relevanceOption = { value: 'relevance', label: 'Best match' } as const;

export type TicketSort = (typeof sortOptions)[number]['value'] | (typeof relevanceOption)['value'];
export const defaultSort: TicketSort = '-updated_at';

// sortFor is the order the server uses for a search when the list asks
// for none: the query's own sort: term, else best match for free text,
// else the newest updates first.
export function sortFor(q: string): TicketSort {
  const own = querySort(q);
  if (own) return own as TicketSort;
  return hasFreeText(q) ? 'relevance' : defaultSort;
}

// sortChoices are the orders the sort picker offers for a search.
export function sortChoices(q: string): { value: TicketSort; label: string }[] {
  return hasFreeText(q) ? [relevanceOption, ...sortOptions] : [...sortOptions];
}

// TicketFilters is the ticket list's state, kept in the URL query so every
// list is a link and back/forward walk through filter changes. "" means
// "not filtered".
export interface TicketFilters {
  q: string; // a search in the query language, ANDed with the rest
  status: string; // comma list of statuses
  priority: string; // comma list of priorities
  type: string; // comma list of ticket types
  assignee: string; // user id, "me" or "none"
  team: string; // team id, "mine" or "none"
  tag: string;
  updated: string; // "24h": updated in the last day
  sort: TicketSort;
}

export const filterFields = ['status', 'priority', 'type', 'assignee', 'team', 'tag', 'updated'] as const;
export type FilterField = (typeof filterFields)[number];

export const noFilters: TicketFilters = {
  q: '',
  status: '',
  priority: '',
  type: '',
  assignee: '',
  team: '',
  tag: '',
  updated: '',
  sort: defaultSort,
};

// enumList keeps the known values of a comma list, once each, in the
// enum's own order, so equal filters always spell the same.
function enumList(raw: string | null, known: readonly string[]): string {
  if (!raw) return '';
  const wanted = new Set(raw.split(',').map((s) => s.trim()));
  return known.filter((k) => wanted.has(k)).join(',');
}

function idOr(raw: string | null, words: readonly string[]): string {
  if (!raw) return '';
  if (words.includes(raw)) return raw;
  return /^[1-9]\d{0,17}$/.test(raw) ? raw : '';
}

// parseFilters reads the list's state from a URL query, dropping anything
// it does not understand rather than sending the server a bad request.
export function parseFilters(search: URLSearchParams): TicketFilters {
  const sort = search.get('sort');
  const q = (search.get('q') ?? '').trim();
  const sorts: readonly { value: string }[] = sortChoices(q);
  return {
    q,
    status: enumList(search.get('status'), statuses),
    priority: enumList(search.get('priority'), priorities),
    type: enumList(search.get('type'), ticketTypes),
    assignee: idOr(search.get('assignee'), ['me', 'none']),
    team: idOr(search.get('team'), ['mine', 'none']),
    tag: (search.get('tag') ?? '').trim().slice(0, 100),
    updated: search.get('updated') === '24h' ? '24h' : '',
    sort: sorts.some((o) => o.value === sort) ? (sort as TicketSort) : sortFor(q),
  };
}

// filtersToSearch is the URL query for filters, in a fixed key order,
// leaving out what is unset and the search's default sort (and any sort
// when withSort is false, e.g. for counts).
export function filtersToSearch(f: TicketFilters, withSort = true): string {
  const q = new URLSearchParams();
  if (f.q) q.set('q', f.q);
  for (const k of filterFields) if (f[k]) q.set(k, f[k]);
  if (withSort && f.sort !== sortFor(f.q)) q.set('sort', f.sort);
  return q.toString();
}

// withQuery is f searching for q instead, keeping a sort the person chose
// and otherwise taking the new search's default order.
export function withQuery(f: TicketFilters, q: string): TicketFilters {
  const chosen = f.sort !== sortFor(f.q);
  const sort = chosen && (f.sort !== 'relevance' || hasFreeText(q)) ? f.sort : sortFor(q);
  return { ...f, q, sort };
}

// hasFilters reports whether any filter (not the sort) is set.
export function hasFilters(f: TicketFilters): boolean {
  return filterFields.some((k) => f[k] !== '');
}

export const dayMs = 24 * 60 * 60 * 1000;

// updatedAfter is the updated_after time for a filter's "updated" value,
// measured from now.
export function updatedAfter(f: Pick<TicketFilters, 'updated'>, now: number): string | undefined {
  return f.updated === '24h' ? new Date(now - dayMs).toISOString() : undefined;
}

// ApiTicketQuery is what GET /tickets and GET /tickets/count take.
export interface ApiTicketQuery {
  q?: string;
  status?: string;
  priority?: string;
  type?: string;
  assignee?: string;
  team?: string;
  tag?: string;
  updated_after?: string;
  sort?: TicketSort;
}

// apiQuery turns filters into API query parameters. since is the
// updated_after time to use for the "updated" filter (see updatedAfter).
export function apiQuery(f: TicketFilters, since: string | undefined, withSort = true): ApiTicketQuery {
  const q: ApiTicketQuery = {};
  if (f.q) q.q = f.q;
  if (f.status) q.status = f.status;
  if (f.priority) q.priority = f.priority;
  if (f.type) q.type = f.type;
  if (f.assignee) q.assignee = f.assignee;
  if (f.team) q.team = f.team;
  if (f.tag) q.tag = f.tag;
  if (f.updated && since) q.updated_after = since;
  if (withSort && f.sort !== sortFor(f.q)) q.sort = f.sort;
  return q;
}

export interface TicketView {
  id: string;
  label: string;
  filters: Partial<TicketFilters>;
}

// views are the agent's saved searches in the sidebar.
export const views: readonly TicketView[] = [
  { id: 'mine', label: 'My open', filters: { assignee: 'me', status: unsolved } },
  { id: 'unassigned', label: 'Unassigned', filters: { assignee: 'none', status: unsolved } },
  { id: 'open', label: 'All open', filters: { status: unsolved } },
  { id: 'teams', label: 'My teams', filters: { team: 'mine', status: unsolved } },
  { id: 'recent', label: 'Recently updated', filters: { updated: '24h' } },
];

// viewFilters is the full filter state of a view, keeping sort (but not
// "best match", which needs a search).
export function viewFilters(view: TicketView, sort: TicketSort = defaultSort): TicketFilters {
  return { ...noFilters, ...view.filters, sort: sort === 'relevance' ? defaultSort : sort };
}

// activeView is the view whose filters are exactly the current ones, with
// no search.
export function activeView(f: TicketFilters): TicketView | undefined {
  if (f.q) return undefined;
  return views.find((v) => {
    const vf = viewFilters(v);
    return filterFields.every((k) => vf[k] === f[k]);
  });
}

// formatCount shows a ticket count, "10k+" when the server stopped
// counting.
export function formatCount(count: number, capped: boolean): string {
  if (capped) return `${Math.floor(count / 1000)}k+`;
  return count.toLocaleString();
}
