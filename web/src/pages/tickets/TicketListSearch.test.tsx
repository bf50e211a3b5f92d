import { screen, waitFor, within } from '@testing-library/react';
import { Route } from 'react-router';
import { describe, expect, it } from 'vitest';
import { json, makeUser, mockApi, problem, signedInAs, type MockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { makeView } from '@/views/testing';
import { makeTicket, query, ticketPage, WithSidebar } from './testing';
import TicketListPage from './TicketListPage';

// The list as a search: the box, snippets, facets and saved views.

const me = makeUser({ id: 1, name: 'Me Myself', role: 'agent', email: 'me@example.com' });

const hits = [
  makeTicket({
    id: 1,
    subject: 'Printer on fire',
    snippet: { in: 'subject', parts: [{ text: 'Printer', hit: true }, { text: ' on fire' }] },
  }),
  makeTicket({
    id: 2,
    subject: 'Office kit',
    tags: ['hardware', 'vip'],
    snippet: { in: 'conversation', parts: [{ text: '…the <b>printer</b> jams ' }, { text: 'printer', hit: true }, { text: ' again…' }] },
  }),
  makeTicket({ id: 3, subject: 'Toner', snippet: { in: 'internal_note', parts: [{ text: 'printer', hit: true }, { text: ' vendor owes us' }] } }),
];

function setup(route: string, more?: (api: MockApi) => void) {
  const api = mockApi();
  signedInAs(api, me);
  api.on('GET', '/api/v1/tickets/count', json({ count: 3, capped: false }));
  api.on('GET', '/api/v1/users', json({ items: [me], next_cursor: null }));
  api.on('GET', '/api/v1/teams', json({ items: [] }));
  api.on('GET', '/api/v1/views', json({ items: [] }));
  api.on('GET', '/api/v1/tickets', json(ticketPage(hits)));
  api.on(
    'GET',
    '/api/v1/tickets/facets',
    json({
      status: [
        { value: 'open', count: 2, capped: false },
        { value: 'pending', count: 1, capped: false },
      ],
      priority: [{ value: 'normal', count: 3, capped: false }],
      assignee: [{ value: 'none', count: 3, capped: false }],
      scope: 'newest_matches',
    }),
  );
  more?.(api);
  const r = renderWithProviders(
    <WithSidebar>
      <TicketListPage />
    </WithSidebar>,
    { route, path: '/tickets', extraRoutes: <Route path="/tickets/:id" element={<p>Ticket page</p>} /> },
  );
  return { ...r, api };
}

const listCalls = (api: MockApi) => api.callsTo('GET', '/api/v1/tickets').map((c) => query(c.search));
const location = () => screen.getByTestId('location').textContent;

describe('TicketListPage search', () => {
  it('searches for the q in the URL, with snippets and facets', async () => {
    const { api } = setup('/tickets?q=printer');
    const subject = await screen.findByRole('link', { name: 'Printer on fire' });
    expect(subject.querySelector('mark')?.textContent).toBe('Printer');
    expect(screen.getByRole('heading', { level: 1, name: 'Search results' })).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Search tickets' })).toHaveValue('printer');
    // No sort is sent: the server orders a text search by best match.
    expect(listCalls(api)[0]).toEqual({ q: 'printer', limit: '50' });
    expect(screen.getByLabelText('Sort')).toHaveValue('relevance');

    const row2 = screen.getByRole('link', { name: 'Office kit' }).closest('tr') as HTMLElement;
    expect(row2).toHaveTextContent('Conversation: …the <b>printer</b> jams printer again…');
    expect(row2.querySelector('b')).toBeNull();
    const row3 = screen.getByRole('link', { name: 'Toner' }).closest('tr') as HTMLElement;
    expect(within(row3).getByText('Internal note')).toBeInTheDocument();

    const facets = await screen.findByRole('region', { name: 'Refine the search' });
    expect(within(facets).getByText('Counted among the 1,000 newest matches.')).toBeInTheDocument();
    expect(query(api.callsTo('GET', '/api/v1/tickets/facets')[0]?.search ?? '')).toEqual({ q: 'printer' });
  });

  it('adds a facet value to the search', async () => {
    const { api, user } = setup('/tickets?q=printer');
    await user.click(await screen.findByRole('button', { name: /^Pending/ }));
    expect(location()).toBe('/tickets?q=printer+status%3Apending');
    expect(screen.getByRole('searchbox', { name: 'Search tickets' })).toHaveValue('printer status:pending');
    await waitFor(() => expect(listCalls(api).at(-1)).toEqual({ q: 'printer status:pending', limit: '50' }));
  });

  it('searches on Enter, keeping the filters, and clears on Escape', async () => {
    const { api, user } = setup('/tickets?status=open');
    await screen.findByRole('link', { name: 'Printer on fire' });
    expect(screen.queryByRole('region', { name: 'Refine the search' })).not.toBeInTheDocument();
    await user.type(screen.getByRole('searchbox', { name: 'Search tickets' }), 'printer{Enter}');
    expect(location()).toBe('/tickets?q=printer&status=open');
    await waitFor(() => expect(listCalls(api).at(-1)).toEqual({ q: 'printer', status: 'open', limit: '50' }));
    await user.keyboard('{Escape}');
    expect(location()).toBe('/tickets?status=open');
  });

  it('focuses the search on /', async () => {
    const { user } = setup('/tickets');
    await screen.findByRole('link', { name: 'Printer on fire' });
    await user.keyboard('/');
    expect(screen.getByRole('searchbox', { name: 'Search tickets' })).toHaveFocus();
    expect(screen.getByRole('searchbox', { name: 'Search tickets' })).toHaveValue('');
  });

  it('explains a search the server cannot read', async () => {
    setup('/tickets?q=printer%20stauts:open', (m) =>
      m.on('GET', '/api/v1/tickets', () =>
        problem(400, 'The request is invalid.', { code: 'invalid', errors: [{ field: 'q', message: 'at 8: unknown field "stauts"; use one of status' }] }),
      ),
    );
    expect(await screen.findByText('The search could not be read')).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Search tickets' })).toHaveAccessibleDescription(/Unknown field "stauts"; use one of status\. \(at character 9\)/);
    expect(document.querySelector('.search-error-mark')?.textContent).toBe('stauts:open');
    expect(screen.queryByRole('region', { name: 'Refine the search' })).not.toBeInTheDocument();
  });

  it("opens a saved view with its columns and marks it in the sidebar", async () => {
    const view = makeView({ id: 4, name: 'VIP hardware', query: 'printer', columns: ['id', 'subject', 'tags'], count: 3 });
    setup('/tickets?q=printer&view=4', (m) => m.on('GET', '/api/v1/views', json({ items: [view] })));
    expect(await screen.findByRole('heading', { level: 1, name: 'VIP hardware' })).toBeInTheDocument();
    await screen.findByRole('link', { name: 'Office kit' });
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['', '#', 'Subject', 'Tags']);
    expect(screen.getByRole('link', { name: 'Office kit' }).closest('tr')).toHaveTextContent('hardware, vip');
    const sidebar = screen.getByRole('complementary', { name: 'Views' });
    expect(within(sidebar).getByRole('link', { name: 'VIP hardware 3 tickets' })).toHaveAttribute('aria-current', 'page');
    expect(within(sidebar).getByRole('link', { name: /My open/ })).not.toHaveAttribute('aria-current');
    expect(screen.getByRole('button', { name: 'Edit view' })).toBeInTheDocument();
  });

  it('saves the search as a view and opens it', async () => {
    const { api, user } = setup('/tickets?q=printer&priority=high');
    api.on('POST', '/api/v1/views', (req) =>
      req.json().then((body: Record<string, unknown>) => json(makeView({ id: 12, ...body, can_edit: true }), 201)),
    );
    await screen.findByRole('link', { name: 'Printer on fire' });
    await user.click(screen.getByRole('button', { name: 'Save view' }));
    const form = screen.getByRole('region', { name: 'Save this search as a view' });
    expect(within(form).getByLabelText('Search')).toHaveValue('printer priority:high');
    await user.type(within(form).getByLabelText('Name'), 'Hot printers');
    await user.click(within(form).getByRole('button', { name: 'Save view' }));
    await waitFor(() => expect(location()).toBe('/tickets?q=printer+priority%3Ahigh&view=12'));
    expect(api.callsTo('POST', '/api/v1/views')[0]?.body).toEqual({
      name: 'Hot printers',
      query: 'printer priority:high',
      sort: '',
      columns: ['id', 'subject', 'requester', 'status', 'priority', 'assignee', 'updated_at'],
      scope: 'personal',
      team_id: null,
    });
    expect(screen.queryByRole('region', { name: 'Save this search as a view' })).not.toBeInTheDocument();
  });

  it('edits and deletes a saved view it may change', async () => {
    const view = makeView({ id: 4, name: 'VIP hardware', query: 'printer', count: 3 });
    const { api, user } = setup('/tickets?q=printer&view=4', (m) => m.on('GET', '/api/v1/views', json({ items: [view] })));
    api.on('PATCH', '/api/v1/views/:id', (req) => req.json().then((body: Record<string, unknown>) => json({ ...view, ...body })));
    api.on('DELETE', '/api/v1/views/:id', () => new Response(null, { status: 204 }));
    await user.click(await screen.findByRole('button', { name: 'Edit view' }));
    const form = screen.getByRole('region', { name: 'Edit the view “VIP hardware”' });
    const name = within(form).getByLabelText('Name');
    expect(name).toHaveValue('VIP hardware');
    await user.clear(name);
    await user.type(name, 'VIP printers');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.callsTo('PATCH', '/api/v1/views/4')[0]?.body).toMatchObject({ name: 'VIP printers', query: 'printer' }));

    await user.click(await screen.findByRole('button', { name: 'Delete view VIP hardware' }));
    await user.click(screen.getByRole('button', { name: 'Delete view' }));
    await waitFor(() => expect(location()).toBe('/tickets'));
    expect(api.callsTo('DELETE', '/api/v1/views/4')).toHaveLength(1);
  });

  it("offers no edits of a view shared by someone else, only saving a changed one anew", async () => {
    const view = makeView({ id: 5, name: 'Team queue', query: 'printer', scope: 'everyone', can_edit: false });
    setup('/tickets?q=printer%20status:open&view=5', (m) => m.on('GET', '/api/v1/views', json({ items: [view] })));
    expect(await screen.findByRole('heading', { level: 1, name: 'Team queue' })).toBeInTheDocument();
    expect(screen.getByText('Changed from the saved view.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save as new view' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Edit view|Save changes/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Delete view/ })).not.toBeInTheDocument();
  });
});
