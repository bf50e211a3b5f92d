import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, makeUser, mockApi, problem, signedInAs } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { noFilters, parseFilters } from './filters';
import { query } from './testing';
import { ViewsNav } from './ViewsNav';

describe('ViewsNav', () => {
  it('shows each view with its count, 10k+ when capped', async () => {
    const api = mockApi();
    signedInAs(api, makeUser());
    api.on('GET', '/api/v1/tickets/count', (req) => {
      const q = query(new URL(req.url).search);
      if (q.assignee === 'me') return json({ count: 12, capped: false });
      if (q.assignee === 'none') return json({ count: 1, capped: false });
      if (q.team === 'mine') return problem(500, 'boom');
      if (q.updated_after) return json({ count: 40, capped: false });
      return json({ count: 10000, capped: true });
    });
    renderWithProviders(<ViewsNav filters={noFilters} />);
    const nav = screen.getByRole('navigation', { name: 'Views' });
    expect(await within(nav).findByRole('link', { name: 'My open 12 tickets' })).toBeInTheDocument();
    expect(await within(nav).findByRole('link', { name: 'Unassigned 1 ticket' })).toBeInTheDocument();
    expect(await within(nav).findByRole('link', { name: 'All open 10k+ tickets' })).toBeInTheDocument();
    expect(await within(nav).findByRole('link', { name: 'Recently updated 40 tickets' })).toBeInTheDocument();
    expect(await within(nav).findByRole('link', { name: /My teams.*count unavailable/ })).toBeInTheDocument();

    // The count requests carry each view's filters.
    const searches = api.callsTo('GET', '/api/v1/tickets/count').map((c) => query(c.search));
    expect(searches).toContainEqual({ assignee: 'me', status: 'new,open,pending,on_hold' });
    expect(searches).toContainEqual({ team: 'mine', status: 'new,open,pending,on_hold' });
    const recent = searches.find((s) => s.updated_after);
    expect(Date.now() - Date.parse(recent?.updated_after ?? '')).toBeGreaterThan(23 * 3600 * 1000);
  });

  it('links each view to its filters and marks the current one', async () => {
    const api = mockApi();
    signedInAs(api, makeUser());
    api.on('GET', '/api/v1/tickets/count', json({ count: 3, capped: false }));
    renderWithProviders(<ViewsNav filters={parseFilters(new URLSearchParams('assignee=none&status=new,open,pending,on_hold&sort=id'))} />);
    const link = screen.getByRole('link', { name: /Unassigned/ });
    expect(link).toHaveAttribute('aria-current', 'page');
    expect(link).toHaveAttribute('href', '/tickets?status=new%2Copen%2Cpending%2Con_hold&assignee=none&sort=id');
    expect(screen.getByRole('link', { name: /My open/ })).not.toHaveAttribute('aria-current');
    expect(screen.getByRole('link', { name: /Recently updated/ })).toHaveAttribute('href', '/tickets?updated=24h&sort=id');
  });
});
