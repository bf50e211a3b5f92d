import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '@/api/keys';
import type { Ticket } from '@/api/types';
import { json, makeUser, mockApi, problem } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { SidePanel } from './SidePanel';
import { makeTicket } from './testing';
import { useTicket } from './queries';

const me = makeUser({ id: 1, name: 'Me Myself' });
const ann = makeUser({ id: 5, name: 'Ann Agent' });
const teams = [{ id: 3, name: 'Billing', description: '', created_at: '', updated_at: '' }];

// Panel reads the ticket from the cache, as the ticket page does.
function Panel() {
  const t = useTicket(7);
  return t.data ? <SidePanel ticket={t.data} me={me} staff={[me, ann]} teams={teams} /> : null;
}

function setup(patch: (api: ReturnType<typeof mockApi>) => void) {
  const api = mockApi();
  const ticket = makeTicket({ id: 7, status: 'open', tags: ['vip'] });
  api.on('GET', '/api/v1/tickets/7', json(ticket));
  patch(api);
  const r = renderWithProviders(<Panel />);
  r.queryClient.setQueryData(queryKeys.ticket(7), ticket);
  return { ...r, api, ticket };
}

describe('SidePanel', () => {
  it('saves each field with PATCH and says so', async () => {
    const { api, user } = setup((m) =>
      m.on('PATCH', '/api/v1/tickets/7', async (req) => json({ ...makeTicket({ id: 7, tags: ['vip'] }), ...((await req.json()) as object) })),
    );
    await user.selectOptions(await screen.findByLabelText('Status'), 'Pending');
    expect(screen.getByLabelText('Status')).toHaveValue('pending');
    expect(await screen.findByText('Saved: status Pending.')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Priority'), 'Urgent');
    await user.selectOptions(screen.getByLabelText('Type'), 'Incident');
    await user.selectOptions(screen.getByLabelText('Team'), 'Billing');
    await user.click(screen.getByRole('button', { name: 'Remove tag vip' }));
    const bodies = api.callsTo('PATCH', '/api/v1/tickets/7').map((c) => c.body);
    expect(bodies).toEqual([{ status: 'pending' }, { priority: 'urgent' }, { type: 'incident' }, { team_id: 3 }, { tags: [] }]);
  });

  it('assigns, to me in one click', async () => {
    const { api, user, queryClient } = setup((m) =>
      m.on('PATCH', '/api/v1/tickets/7', () => json(makeTicket({ id: 7, assignee_id: 1, assignee: { id: 1, name: 'Me Myself' } }))),
    );
    await user.click(await screen.findByRole('button', { name: 'Assign to me' }));
    expect(api.callsTo('PATCH', '/api/v1/tickets/7')[0]?.body).toEqual({ assignee_id: 1 });
    expect(screen.getByLabelText('Assignee')).toHaveDisplayValue('Me Myself (you)');
    await waitFor(() => expect(queryClient.getQueryData<Ticket>(queryKeys.ticket(7))?.assignee?.name).toBe('Me Myself'));
    expect(screen.queryByRole('button', { name: 'Assign to me' })).not.toBeInTheDocument();
  });

  it('rolls back and explains when the server refuses', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { user } = setup((m) =>
      m.on('PATCH', '/api/v1/tickets/7', async () => {
        await gate;
        return problem(403, 'You may not change this ticket.');
      }),
    );
    await user.selectOptions(await screen.findByLabelText('Assignee'), 'Ann Agent');
    // Shown at once…
    expect(screen.getByLabelText('Assignee')).toHaveDisplayValue('Ann Agent');
    release();
    // …and put back when refused, with a message.
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The assignee could not be changed');
    expect(alert).toHaveTextContent('You may not change this ticket. It is back to nobody.');
    expect(screen.getByLabelText('Assignee')).toHaveDisplayValue('Unassigned');
  });
});
