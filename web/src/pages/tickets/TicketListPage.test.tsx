import { screen, waitFor, within } from '@testing-library/react';
import { Route } from 'react-router';
import { describe, expect, it } from 'vitest';
import { json, makeUser, mockApi, problem, signedInAs, type MockApi } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { makeTicket, query, ticketPage, WithSidebar } from './testing';
import TicketListPage from './TicketListPage';

const me = makeUser({ id: 1, name: 'Me Myself', role: 'agent' });
const ann = makeUser({ id: 5, name: 'Ann Agent', role: 'agent' });

function setup(route = '/tickets', list?: (api: MockApi) => void) {
  const api = mockApi();
  signedInAs(api, me);
  api.on('GET', '/api/v1/tickets/count', json({ count: 2, capped: false }));
  api.on('GET', '/api/v1/users', json({ items: [me, ann], next_cursor: null }));
  api.on('GET', '/api/v1/teams', json({ items: [{ id: 3, name: 'Billing', description: '', created_at: '', updated_at: '' }] }));
  if (list) list(api);
  else
    api.on(
      'GET',
      '/api/v1/tickets',
      json(ticketPage([makeTicket({ id: 1, subject: 'Printer on fire' }), makeTicket({ id: 2, subject: 'Login broken' }), makeTicket({ id: 3, subject: 'Refund' })])),
    );
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

describe('TicketListPage', () => {
  it('lists tickets with the views in the sidebar', async () => {
    setup();
    expect(await screen.findByRole('link', { name: 'Printer on fire' }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'All tickets' })).toBeInTheDocument();
    expect(await screen.findByText('2 tickets')).toBeInTheDocument();
    const sidebar = screen.getByRole('complementary', { name: 'Views' });
    expect(within(sidebar).getByRole('link', { name: /My open/ })).toBeInTheDocument();
    expect(await screen.findByText('Showing 3 of 2 tickets.')).toBeInTheDocument();
  });

  it('sends the filters in the URL to the API', async () => {
    const { api } = setup('/tickets?assignee=me&status=new,open,pending,on_hold&sort=-priority');
    await screen.findByRole('link', { name: 'Printer on fire' });
    expect(screen.getByRole('heading', { level: 1, name: 'My open' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /My open/ })).toHaveAttribute('aria-current', 'page');
    expect(listCalls(api)[0]).toEqual({ assignee: 'me', status: 'new,open,pending,on_hold', sort: '-priority', limit: '50' });
  });

  it('puts filter changes in the URL and refetches', async () => {
    const { api, user } = setup();
    await screen.findByRole('link', { name: 'Printer on fire' });
    await user.selectOptions(screen.getByLabelText('Status'), 'Pending');
    expect(location()).toBe('/tickets?status=pending');
    await waitFor(() => expect(listCalls(api).at(-1)).toEqual({ status: 'pending', limit: '50' }));
    await user.selectOptions(screen.getByLabelText('Assignee'), 'Ann Agent');
    expect(location()).toBe('/tickets?status=pending&assignee=5');
    await waitFor(() => expect(listCalls(api).at(-1)).toEqual({ status: 'pending', assignee: '5', limit: '50' }));
    await user.type(screen.getByLabelText('Tag'), 'vip{Enter}');
    expect(location()).toBe('/tickets?status=pending&assignee=5&tag=vip');
    await user.click(screen.getByRole('link', { name: /Unassigned/ }));
    expect(location()).toBe('/tickets?status=new%2Copen%2Cpending%2Con_hold&assignee=none');
    await waitFor(() => expect(listCalls(api).at(-1)).toMatchObject({ assignee: 'none' }));
  });

  it('asks for recently updated tickets with updated_after', async () => {
    const { api } = setup('/tickets?updated=24h');
    await screen.findByRole('link', { name: 'Printer on fire' });
    const q = listCalls(api)[0] ?? {};
    expect(Date.now() - Date.parse(q.updated_after ?? '')).toBeGreaterThanOrEqual(24 * 3600 * 1000 - 5000);
  });

  it('loads more with the cursor', async () => {
    const { api, user } = setup('/tickets', (m) => {
      m.on('GET', '/api/v1/tickets', (req) => {
        const cursor = new URL(req.url).searchParams.get('cursor');
        return cursor === 'c1'
          ? json(ticketPage([makeTicket({ id: 9, subject: 'Second page' })], null))
          : json(ticketPage([makeTicket({ id: 1, subject: 'First page' })], 'c1'));
      });
    });
    await screen.findByRole('link', { name: 'First page' });
    await user.click(screen.getByRole('button', { name: 'Load more tickets' }));
    expect(await screen.findByRole('link', { name: 'Second page' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'First page' })).toBeInTheDocument();
    expect(listCalls(api)[1]).toMatchObject({ cursor: 'c1' });
    expect(screen.queryByRole('button', { name: 'Load more tickets' })).not.toBeInTheDocument();
  });

  it('applies a bulk change, reports failures per ticket and refetches', async () => {
    const { api, user } = setup();
    await screen.findByRole('link', { name: 'Printer on fire' });
    api.on('POST', '/api/v1/tickets/bulk', () =>
      json({
        items: [
          { id: 1, ticket: makeTicket({ id: 1, subject: 'Printer on fire', assignee_id: 1, assignee: { id: 1, name: 'Me Myself' } }) },
          { id: 2, error: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'Ticket not found.', request_id: 'x' } },
        ],
      }),
    );
    await user.click(screen.getByRole('checkbox', { name: 'Select ticket #1' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select ticket #2' }));
    expect(screen.getByText('2 selected')).toBeInTheDocument();
    const before = listCalls(api).length;
    await user.click(await screen.findByRole('button', { name: 'Assign to me' }));
    expect(api.callsTo('POST', '/api/v1/tickets/bulk')[0]?.body).toEqual({ ids: [1, 2], update: { assignee_id: 1 } });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Assigned to you: 1 ticket updated, 1 ticket not.');
    expect(alert).toHaveTextContent('#2: Ticket not found.');
    await waitFor(() => expect(listCalls(api).length).toBeGreaterThan(before));
    // The one that failed stays selected for another try.
    expect(screen.getByText('1 selected')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Select ticket #2' })).toBeChecked();
  });

  it('selects all on the page and bulk-sets the status', async () => {
    const { api, user } = setup();
    await screen.findByRole('link', { name: 'Printer on fire' });
    api.on('POST', '/api/v1/tickets/bulk', json({ items: [{ id: 1 }, { id: 2 }, { id: 3 }].map((x) => ({ ...x, ticket: makeTicket(x) })) }));
    await user.click(screen.getByRole('checkbox', { name: 'Select all tickets on this page' }));
    await user.selectOptions(screen.getByLabelText('Change'), 'Status');
    await user.selectOptions(screen.getByLabelText('New status'), 'Pending');
    await user.click(screen.getByRole('button', { name: 'Apply to 3' }));
    expect(await screen.findByText('Status set to Pending: 3 tickets updated.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/v1/tickets/bulk')[0]?.body).toEqual({ ids: [1, 2, 3], update: { status: 'pending' } });
    expect(screen.queryByText(/selected$/)).not.toBeInTheDocument();
  });

  it('moves with j/k, selects with x, opens with Enter', async () => {
    const { user } = setup();
    await screen.findByRole('link', { name: 'Printer on fire' });
    await user.keyboard('j');
    expect(screen.getByRole('link', { name: 'Printer on fire' })).toHaveFocus();
    await user.keyboard('j');
    expect(screen.getByRole('link', { name: 'Login broken' })).toHaveFocus();
    expect(screen.getByRole('link', { name: 'Login broken' }).closest('tr')).toHaveClass('is-active');
    await user.keyboard('j');
    await user.keyboard('j');
    expect(screen.getByRole('link', { name: 'Refund' })).toHaveFocus();
    await user.keyboard('k');
    expect(screen.getByRole('link', { name: 'Login broken' })).toHaveFocus();
    await user.keyboard('x');
    expect(screen.getByRole('checkbox', { name: 'Select ticket #2' })).toBeChecked();
    // Enter from the focused checkbox opens the active ticket too.
    screen.getByRole('checkbox', { name: 'Select ticket #2' }).focus();
    await user.keyboard('{Enter}');
    expect(location()).toBe('/tickets/2');
  });

  it('ignores shortcuts while typing and shows help on ?', async () => {
    const { user } = setup();
    await screen.findByRole('link', { name: 'Printer on fire' });
    await user.type(screen.getByLabelText('Tag'), 'j');
    expect(screen.getByRole('link', { name: 'Printer on fire' })).not.toHaveFocus();
    screen.getByLabelText('Tag').blur();
    await user.keyboard('?');
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
    await user.keyboard('j');
    expect(screen.getByRole('link', { name: 'Printer on fire' })).not.toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('says what to do when nothing matches', async () => {
    const { user } = setup('/tickets?priority=urgent', (m) => m.on('GET', '/api/v1/tickets', json(ticketPage([]))));
    expect(await screen.findByText('No tickets match these filters')).toBeInTheDocument();
    const clear = screen.getAllByRole('button', { name: 'Clear filters' });
    await user.click(clear.at(-1) as HTMLElement);
    expect(location()).toBe('/tickets');
  });

  it('shows an error with a retry', async () => {
    let fail = true;
    const { user } = setup('/tickets', (m) =>
      m.on('GET', '/api/v1/tickets', () => (fail ? problem(503, 'The database is busy.') : json(ticketPage([makeTicket({ subject: 'Back again' })])))),
    );
    expect(await screen.findByText('The tickets could not be loaded')).toBeInTheDocument();
    expect(screen.getByText('The database is busy.')).toBeInTheDocument();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'Back again' })).toBeInTheDocument();
  });
});
