import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeUser } from '@/test/api';
import { FacetBar } from './FacetBar';
import type { Facets } from './types';

const me = makeUser({ id: 1, name: 'Me Myself', email: 'me@example.com' });
const sam = makeUser({ id: 7, name: 'Sam Rivera', email: 'sam@example.com' });

const facets: Facets = {
  status: [
    { value: 'pending', count: 3, capped: false },
    { value: 'open', count: 10000, capped: true },
    { value: 'solved', count: 0, capped: false },
  ],
  priority: [{ value: 'urgent', count: 1, capped: false }],
  assignee: [
    { value: 'none', count: 4, capped: false },
    { value: '7', name: 'Sam Rivera', count: 2, capped: false },
    { value: '1', name: 'Me Myself', count: 5, capped: false },
  ],
  scope: 'all',
};

function setup(query: string, over: Partial<Facets> = {}) {
  const onChange = vi.fn();
  const user = userEvent.setup();
  render(<FacetBar facets={{ ...facets, ...over }} query={query} onChange={onChange} staff={[me, sam]} me={me} />);
  return { onChange, user };
}

describe('FacetBar', () => {
  it('shows counts in the enum order, 10k+ when capped, and hides empty values', () => {
    setup('printer');
    const status = screen.getByRole('group', { name: 'Status' });
    expect(within(status).getAllByRole('button').map((b) => b.textContent)).toEqual(['Open 10k+ tickets', 'Pending 3 tickets']);
    expect(within(screen.getByRole('group', { name: 'Priority' })).getByRole('button', { name: 'Urgent 1 ticket' })).toBeInTheDocument();
    expect(screen.queryByText(/newest matches/)).not.toBeInTheDocument();
  });

  it('adds a value to the search, and takes it out again', async () => {
    const { onChange, user } = setup('printer');
    await user.click(screen.getByRole('button', { name: /^Pending/ }));
    expect(onChange).toHaveBeenLastCalledWith('printer status:pending');
  });

  it('marks values already in the search as pressed and removes them', async () => {
    const { onChange, user } = setup('printer status:open,pending');
    const pending = screen.getByRole('button', { name: /^Pending/ });
    expect(pending).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: /^Open/ })).toHaveAttribute('aria-pressed', 'true');
    await user.click(pending);
    expect(onChange).toHaveBeenLastCalledWith('printer status:open');
  });

  it('searches assignees by email, knowing "me" and ids', async () => {
    const { onChange, user } = setup('printer assignee:me');
    const group = screen.getByRole('group', { name: 'Assignee' });
    expect(within(group).getByRole('button', { name: /^Me Myself \(you\)/ })).toHaveAttribute('aria-pressed', 'true');
    await user.click(within(group).getByRole('button', { name: /^Sam Rivera/ }));
    expect(onChange).toHaveBeenLastCalledWith('printer assignee:me,sam@example.com');
    await user.click(within(group).getByRole('button', { name: /^Unassigned/ }));
    expect(onChange).toHaveBeenLastCalledWith('printer assignee:me,none');
    await user.click(within(group).getByRole('button', { name: /^Me Myself/ }));
    expect(onChange).toHaveBeenLastCalledWith('printer');
  });

  it('says when counts cover only the newest matches', () => {
    setup('printer', { scope: 'newest_matches' });
    expect(screen.getByText('Counted among the 1,000 newest matches.')).toBeInTheDocument();
  });
});
