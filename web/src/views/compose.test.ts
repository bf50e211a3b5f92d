import { describe, expect, it } from 'vitest';
import type { Team } from '@/api/types';
import { noFilters, parseFilters } from '@/pages/tickets/filters';
import { makeUser } from '@/test/api';
import { listColumns } from './columns';
import { isViewState, searchOf, validateView, viewLink } from './compose';
import type { ViewInput } from './types';

const team = (id: number, name: string): Team => ({ id, name, description: '', created_at: '', updated_at: '' });

const good: ViewInput = { name: 'Urgent billing', query: 'priority:urgent', sort: '', columns: ['id', 'subject'], scope: 'personal', team_id: null };

describe('validateView', () => {
  it('accepts a good view', () => {
    expect(validateView(good, false)).toEqual({});
  });

  it('wants a name of at most 100 characters', () => {
    expect(validateView({ ...good, name: '   ' }, false).name).toBe('Give the view a name.');
    expect(validateView({ ...good, name: 'x'.repeat(101) }, false).name).toMatch(/100 characters/);
    expect(validateView({ ...good, name: 'é'.repeat(100) }, false).name).toBeUndefined();
  });

  it('limits the search to 1,000 bytes', () => {
    expect(validateView({ ...good, query: 'é'.repeat(501) }, false).query).toMatch(/1,000 characters/);
  });

  it('wants known columns', () => {
    expect(validateView({ ...good, columns: [] }, false).columns).toBe('Choose at least one column.');
    expect(validateView({ ...good, columns: ['bogus' as 'id'] }, false).columns).toBe('Choose columns from the list.');
  });

  it('lets only admins share, and a team view needs its team', () => {
    expect(validateView({ ...good, scope: 'everyone' }, false).scope).toBe('Only admins can share views.');
    expect(validateView({ ...good, scope: 'everyone' }, true)).toEqual({});
    expect(validateView({ ...good, scope: 'team' }, true).team_id).toBe('Choose the team to share the view with.');
    expect(validateView({ ...good, scope: 'team', team_id: 3 }, true)).toEqual({});
  });
});

describe('searchOf', () => {
  it('writes the filter bar as search terms after the search', () => {
    const sam = makeUser({ id: 7, email: 'sam@example.com' });
    const f = parseFilters(new URLSearchParams('q=printer&status=open,pending&priority=urgent&type=incident&assignee=7&team=3&tag=big deal&updated=24h'));
    expect(searchOf(f, [sam], [team(3, 'Tier 2')])).toEqual({
      query: 'printer status:open,pending priority:urgent type:incident assignee:sam@example.com team:"Tier 2" tag:"big deal" updated<24h',
      dropped: [],
    });
  });

  it('says which filters it cannot keep', () => {
    expect(searchOf({ ...noFilters, team: 'mine', assignee: 'me' }, [], [])).toEqual({ query: 'assignee:me', dropped: ['Team: my teams'] });
  });
});

describe('viewLink and isViewState', () => {
  it('links to the search, its order when not its own, and the view', () => {
    expect(viewLink({ id: 4, query: 'printer status:open', sort: '' })).toBe('/tickets?q=printer+status%3Aopen&view=4');
    expect(viewLink({ id: 4, query: 'printer', sort: '-priority' as const })).toBe('/tickets?q=printer&sort=-priority&view=4');
    expect(viewLink({ id: 4, query: 'printer', sort: 'relevance' as const })).toBe('/tickets?q=printer&view=4');
  });

  it('tells when the list still shows the view', () => {
    const v = { query: 'printer', sort: '' as const };
    expect(isViewState(v, parseFilters(new URLSearchParams('q=printer')))).toBe(true);
    expect(isViewState(v, parseFilters(new URLSearchParams('q=printer&sort=id')))).toBe(false);
    expect(isViewState(v, parseFilters(new URLSearchParams('q=printer&status=open')))).toBe(false);
    expect(isViewState(v, parseFilters(new URLSearchParams('q=scanner')))).toBe(false);
  });
});

describe('listColumns', () => {
  it('keeps known columns and always the subject', () => {
    expect(listColumns(['id', 'status', 'nope', 'status'])).toEqual(['id', 'subject', 'status']);
    expect(listColumns(['tags', 'subject'])).toEqual(['tags', 'subject']);
    expect(listColumns([])).toEqual(['id', 'subject', 'requester', 'status', 'priority', 'assignee', 'updated_at']);
  });
});
