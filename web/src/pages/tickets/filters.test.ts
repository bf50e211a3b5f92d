import { describe, expect, it } from 'vitest';
import {
  activeView,
  apiQuery,
  dayMs,
  filtersToSearch,
  formatCount,
  hasFilters,
  noFilters,
  parseFilters,
  updatedAfter,
  viewFilters,
  views,
  withQuery,
} from './filters';
import { labelFor, statusLabel } from './labels';

describe('parseFilters', () => {
  it('reads every filter and the sort from the URL', () => {
    const f = parseFilters(new URLSearchParams('q=printer&status=open,new&priority=urgent&type=task&assignee=me&team=mine&tag=vip&updated=24h&sort=-priority'));
    expect(f).toEqual({
      q: 'printer',
      status: 'new,open',
      priority: 'urgent',
      type: 'task',
      assignee: 'me',
      team: 'mine',
      tag: 'vip',
      updated: '24h',
      sort: '-priority',
    });
  });

  it('drops what it does not understand', () => {
    const f = parseFilters(new URLSearchParams('status=bogus,open&priority=x&assignee=bob&team=-1&updated=7y&sort=subject'));
    expect(f).toEqual({ ...noFilters, status: 'open' });
  });

  it("takes a search's own order when the URL gives none", () => {
    expect(parseFilters(new URLSearchParams('q=printer')).sort).toBe('relevance');
    expect(parseFilters(new URLSearchParams('q=printer sort:priority')).sort).toBe('priority');
    expect(parseFilters(new URLSearchParams('q=status:open')).sort).toBe('-updated_at');
    // Best match needs words to match.
    expect(parseFilters(new URLSearchParams('q=status:open&sort=relevance')).sort).toBe('-updated_at');
    expect(parseFilters(new URLSearchParams('q=printer&sort=-updated_at')).sort).toBe('-updated_at');
  });

  it("writes and sends a sort only when it is not the search's own", () => {
    const text = parseFilters(new URLSearchParams('q=printer'));
    expect(filtersToSearch(text)).toBe('q=printer');
    expect(apiQuery(text, undefined)).toEqual({ q: 'printer' });
    const chosen = { ...text, sort: '-updated_at' as const };
    expect(filtersToSearch(chosen)).toBe('q=printer&sort=-updated_at');
    expect(apiQuery(chosen, undefined)).toEqual({ q: 'printer', sort: '-updated_at' });
    expect(filtersToSearch(chosen, false)).toBe('q=printer');
  });

  it('keeps a chosen order when the search changes, else takes the new default', () => {
    expect(withQuery(noFilters, 'printer').sort).toBe('relevance');
    expect(withQuery(parseFilters(new URLSearchParams('q=printer')), '').sort).toBe('-updated_at');
    expect(withQuery({ ...noFilters, sort: 'id' }, 'printer').sort).toBe('id');
    expect(withQuery(parseFilters(new URLSearchParams('q=a&sort=-updated_at')), 'b').sort).toBe('-updated_at');
  });

  it('accepts numeric assignee and team ids and none', () => {
    expect(parseFilters(new URLSearchParams('assignee=42&team=none'))).toMatchObject({ assignee: '42', team: 'none' });
  });
});

describe('filtersToSearch', () => {
  it('round-trips and leaves out defaults', () => {
    expect(filtersToSearch(noFilters)).toBe('');
    const f = { ...noFilters, status: 'open', tag: 'a b', sort: 'id' as const };
    const s = filtersToSearch(f);
    expect(s).toBe('status=open&tag=a+b&sort=id');
    expect(parseFilters(new URLSearchParams(s))).toEqual(f);
  });
});

describe('apiQuery', () => {
  it('maps filters to API parameters', () => {
    const f = { ...noFilters, status: 'open', assignee: 'none', team: '3', updated: '24h', sort: 'id' as const };
    expect(apiQuery(f, '2026-01-01T00:00:00.000Z')).toEqual({
      status: 'open',
      assignee: 'none',
      team: '3',
      updated_after: '2026-01-01T00:00:00.000Z',
      sort: 'id',
    });
    expect(apiQuery(f, undefined, false)).not.toHaveProperty('sort');
  });

  it('computes updated_after a day back', () => {
    const now = Date.parse('2026-05-02T12:00:00Z');
    expect(updatedAfter({ updated: '24h' }, now)).toBe(new Date(now - dayMs).toISOString());
    expect(updatedAfter({ updated: '' }, now)).toBeUndefined();
  });
});

describe('views', () => {
  it('knows which view the filters are', () => {
    for (const v of views) expect(activeView(viewFilters(v, 'id'))?.id).toBe(v.id);
    expect(activeView(noFilters)).toBeUndefined();
    expect(activeView({ ...viewFilters(views[0]!), tag: 'x' })).toBeUndefined();
  });

  it('has the five views of the issue', () => {
    expect(views.map((v) => v.label)).toEqual(['My open', 'Unassigned', 'All open', 'My teams', 'Recently updated']);
    expect(hasFilters(noFilters)).toBe(false);
  });
});

describe('formatCount', () => {
  it('shows 10k+ when capped', () => {
    expect(formatCount(10000, true)).toBe('10k+');
    expect(formatCount(12, false)).toBe('12');
  });
});

describe('labelFor', () => {
  it('falls back to the value', () => {
    expect(labelFor(statusLabel, 'on_hold')).toBe('On hold');
    expect(labelFor(statusLabel, 'weird')).toBe('weird');
  });
});
