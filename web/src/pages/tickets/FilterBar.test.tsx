import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeUser } from '@/test/api';
import { FilterBar } from './FilterBar';
import { noFilters, parseFilters } from './filters';

const staff = [makeUser({ id: 5, name: 'Ann Agent' })];
const teams = [{ id: 3, name: 'Billing', description: '', created_at: '', updated_at: '' }];

describe('FilterBar', () => {
  it('changes one filter at a time', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup();
    render(<FilterBar filters={noFilters} onChange={onChange} staff={staff} teams={teams} />);
    await user.selectOptions(screen.getByLabelText('Status'), 'Pending');
    expect(onChange).toHaveBeenLastCalledWith({ ...noFilters, status: 'pending' });
    await user.selectOptions(screen.getByLabelText('Priority'), 'Urgent');
    expect(onChange).toHaveBeenLastCalledWith({ ...noFilters, priority: 'urgent' });
    await user.selectOptions(screen.getByLabelText('Type'), 'Incident');
    expect(onChange).toHaveBeenLastCalledWith({ ...noFilters, type: 'incident' });
    await user.selectOptions(screen.getByLabelText('Assignee'), 'Ann Agent');
    expect(onChange).toHaveBeenLastCalledWith({ ...noFilters, assignee: '5' });
    await user.selectOptions(screen.getByLabelText('Assignee'), 'Unassigned');
    expect(onChange).toHaveBeenLastCalledWith({ ...noFilters, assignee: 'none' });
    await user.selectOptions(screen.getByLabelText('Team'), 'Billing');
    expect(onChange).toHaveBeenLastCalledWith({ ...noFilters, team: '3' });
    await user.selectOptions(screen.getByLabelText('Team'), 'My teams');
    expect(onChange).toHaveBeenLastCalledWith({ ...noFilters, team: 'mine' });
    await user.selectOptions(screen.getByLabelText('Updated'), 'In the last 24 hours');
    expect(onChange).toHaveBeenLastCalledWith({ ...noFilters, updated: '24h' });
    await user.selectOptions(screen.getByLabelText('Sort'), 'Priority, highest first');
    expect(onChange).toHaveBeenLastCalledWith({ ...noFilters, sort: '-priority' });
  });

  it('applies a tag on Enter', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup();
    render(<FilterBar filters={noFilters} onChange={onChange} staff={[]} teams={[]} />);
    await user.type(screen.getByLabelText('Tag'), ' vip {Enter}');
    expect(onChange).toHaveBeenLastCalledWith({ ...noFilters, tag: 'vip' });
  });

  it('shows values it has no option for, and clears all filters', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup();
    const filters = parseFilters(new URLSearchParams('status=new,pending&assignee=99&sort=id'));
    render(<FilterBar filters={filters} onChange={onChange} staff={[]} teams={[]} />);
    expect(screen.getByLabelText('Status')).toHaveDisplayValue('New, Pending');
    expect(screen.getByLabelText('Assignee')).toHaveDisplayValue('User #99');
    expect(screen.getByRole('button', { name: 'Filters (2)' })).toHaveAttribute('aria-expanded', 'false');
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...noFilters, sort: 'id' });
  });

  it('toggles the filter panel (for phones)', async () => {
    const user = userEvent.setup();
    render(<FilterBar filters={noFilters} onChange={vi.fn()} staff={[]} teams={[]} />);
    const toggle = screen.getByRole('button', { name: 'Filters' });
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
  });
});
