import type { Team, User } from '@/api/types';
import { hasFilters, sortFor, type TicketFilters } from '@/pages/tickets/filters';
import { formatValue } from '@/search/query';
import { columnIds, type ColumnId } from './columns';
import type { SavedView, ViewInput, ViewScope } from './types';

// searchOf writes the list's whole state (the search and the filter bar)
// as one search, which is what a saved view keeps. dropped names filters
// the search language cannot say, which the view will not keep.
export function searchOf(f: TicketFilters, staff: User[], teams: Team[]): { query: string; dropped: string[] } {
  const terms: string[] = [];
  const dropped: string[] = [];
  if (f.status) terms.push(`status:${f.status}`);
  if (f.priority) terms.push(`priority:${f.priority}`);
  if (f.type) terms.push(`type:${f.type}`);
  if (f.assignee) {
    const email = staff.find((u) => String(u.id) === f.assignee)?.email;
    terms.push(`assignee:${email ? formatValue(email) : f.assignee}`);
  }
  if (f.team) {
    const team = teams.find((t) => String(t.id) === f.team);
    if (team) terms.push(`team:${formatValue(team.name)}`);
    else dropped.push(f.team === 'mine' ? 'Team: my teams' : f.team === 'none' ? 'Team: no team' : 'Team');
  }
  if (f.tag) terms.push(`tag:${formatValue(f.tag)}`);
  if (f.updated === '24h') terms.push('updated<24h');
  const query = [f.q, ...terms].filter(Boolean).join(' ');
  return { query, dropped };
}

// viewLink is the list showing a saved view: its search and order in the
// URL (so the link works as it was saved), and its id for its columns.
export function viewLink(view: Pick<SavedView, 'id' | 'query' | 'sort'>): string {
  const p = new URLSearchParams();
  if (view.query) p.set('q', view.query);
  if (view.sort && view.sort !== sortFor(view.query)) p.set('sort', view.sort);
  p.set('view', String(view.id));
  return `/tickets?${p.toString()}`;
}

// isViewState reports whether the list shows exactly what view saved.
export function isViewState(view: Pick<SavedView, 'query' | 'sort'>, f: TicketFilters): boolean {
  const q = view.query.trim();
  return !hasFilters(f) && f.q === q && f.sort === (view.sort || sortFor(q));
}

export const maxNameLength = 100;
export const maxQueryBytes = 1000;

export type ViewErrors = Partial<Record<'name' | 'query' | 'columns' | 'scope' | 'team_id', string>>;

// validateView checks a view before it is sent; the server checks again
// (and parses the search).
export function validateView(v: ViewInput, isAdmin: boolean): ViewErrors {
  const e: ViewErrors = {};
  const name = v.name.trim();
  if (!name) e.name = 'Give the view a name.';
  else if ([...name].length > maxNameLength) e.name = `Keep the name to ${maxNameLength} characters or fewer.`;
  if (new TextEncoder().encode(v.query).length > maxQueryBytes) e.query = `Keep the search to ${maxQueryBytes.toLocaleString()} characters or fewer.`;
  if (v.columns.length === 0) e.columns = 'Choose at least one column.';
  else if (v.columns.some((c) => !(columnIds as readonly string[]).includes(c))) e.columns = 'Choose columns from the list.';
  if (v.scope !== 'personal' && !isAdmin) e.scope = 'Only admins can share views.';
  if (v.scope === 'team' && !v.team_id) e.team_id = 'Choose the team to share the view with.';
  return e;
}

export const scopeLabel: Record<ViewScope, string> = {
  personal: 'Only me',
  team: 'A team',
  everyone: 'Everyone on staff',
};

export type { ColumnId };
