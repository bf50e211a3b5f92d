import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeUser } from '@/test/api';
import { BulkBar } from './BulkBar';

const me = makeUser({ id: 1, name: 'Me Myself' });
const staff = [me, makeUser({ id: 5, name: 'Ann Agent' })];

function setup(count = 3) {
  const onApply = vi.fn();
  const onClear = vi.fn();
  const user = userEvent.setup();
  render(<BulkBar count={count} me={me} staff={staff} busy={false} onApply={onApply} onClear={onClear} />);
  return { onApply, onClear, user };
}

describe('BulkBar', () => {
  it('assigns to me', async () => {
    const { onApply, user } = setup();
    expect(screen.getByText('3 selected')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Assign to me' }));
    expect(onApply).toHaveBeenCalledWith({ update: { assignee_id: 1 }, describe: 'Assigned to you' });
  });

  it('assigns to an agent picked from the list', async () => {
    const { onApply, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Apply to 3' }));
    expect(onApply).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('Choose who to assign');
    await user.selectOptions(screen.getByLabelText('Assign to'), 'Ann Agent');
    await user.click(screen.getByRole('button', { name: 'Apply to 3' }));
    expect(onApply).toHaveBeenCalledWith({ update: { assignee_id: 5 }, describe: 'Assigned to Ann Agent' });
    await user.selectOptions(screen.getByLabelText('Assign to'), 'Nobody (unassign)');
    await user.click(screen.getByRole('button', { name: 'Apply to 3' }));
    expect(onApply).toHaveBeenLastCalledWith({ update: { assignee_id: null }, describe: 'Unassigned' });
  });

  it('sets status and priority, and adds a tag', async () => {
    const { onApply, user } = setup();
    await user.selectOptions(screen.getByLabelText('Change'), 'Status');
    await user.selectOptions(screen.getByLabelText('New status'), 'Solved');
    await user.click(screen.getByRole('button', { name: 'Apply to 3' }));
    expect(onApply).toHaveBeenLastCalledWith({ update: { status: 'solved' }, describe: 'Status set to Solved' });
    await user.selectOptions(screen.getByLabelText('Change'), 'Priority');
    await user.selectOptions(screen.getByLabelText('New priority'), 'High');
    await user.click(screen.getByRole('button', { name: 'Apply to 3' }));
    expect(onApply).toHaveBeenLastCalledWith({ update: { priority: 'high' }, describe: 'Priority set to High' });
    await user.selectOptions(screen.getByLabelText('Change'), 'Add tag');
    await user.type(screen.getByLabelText('Tag to add'), ' vip ');
    await user.click(screen.getByRole('button', { name: 'Apply to 3' }));
    expect(onApply).toHaveBeenLastCalledWith({ update: { add_tags: ['vip'] }, describe: 'Tag “vip” added' });
  });

  it('clears the selection', async () => {
    const { onClear, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Clear selection' }));
    expect(onClear).toHaveBeenCalled();
  });

  it('refuses more than 100 tickets', () => {
    setup(120);
    expect(screen.getByRole('alert')).toHaveTextContent('at most 100');
    expect(screen.queryByRole('button', { name: /Apply/ })).not.toBeInTheDocument();
  });
});
