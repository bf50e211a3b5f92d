import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Team } from '@/api/types';
import { json, mockApi, noContent, problem } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { TeamItem } from './TeamItem';

const team: Team = { id: 4, name: 'Billing', description: 'Invoices', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' };

function renderItem() {
  const onDeleted = vi.fn();
  const r = renderWithProviders(
    <ul>
      <TeamItem team={team} onDeleted={onDeleted} />
    </ul>,
  );
  return { ...r, onDeleted };
}

describe('TeamItem', () => {
  it('renames and describes a team in place, then gives focus back to Edit', async () => {
    const api = mockApi();
    api.on('PATCH', '/api/v1/teams/4', json({ ...team, name: 'Finance' }));
    api.on('GET', '/api/v1/teams', json({ items: [] }));
    const { user } = renderItem();
    await user.click(screen.getByRole('button', { name: 'Edit team Billing' }));
    const name = screen.getByLabelText('Name');
    expect(name).toHaveFocus();
    await user.clear(name);
    await user.type(name, 'Finance');
    await user.clear(screen.getByLabelText('Description'));
    await user.type(screen.getByLabelText('Description'), 'Money matters');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(screen.queryByLabelText('Name')).not.toBeInTheDocument());
    expect(api.callsTo('PATCH', '/api/v1/teams/4')[0]?.body).toEqual({ name: 'Finance', description: 'Money matters' });
    expect(screen.getByRole('button', { name: 'Edit team Billing' })).toHaveFocus();
  });

  it('keeps the form open with the server field error', async () => {
    const api = mockApi();
    api.on('PATCH', '/api/v1/teams/4', problem(400, 'Invalid.', { code: 'invalid', errors: [{ field: 'name', message: 'is required' }] }));
    const { user } = renderItem();
    await user.click(screen.getByRole('button', { name: 'Edit team Billing' }));
    await user.clear(screen.getByLabelText('Name'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Name is required.')).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
  });

  it('deletes only after confirming', async () => {
    const api = mockApi();
    api.on('DELETE', '/api/v1/teams/4', noContent());
    api.on('GET', '/api/v1/teams', json({ items: [] }));
    const { user, onDeleted } = renderItem();
    await user.click(screen.getByRole('button', { name: 'Delete team Billing' }));
    expect(api.callsTo('DELETE', '/api/v1/teams/4')).toHaveLength(0);
    expect(screen.getByText('Delete Billing? Its tickets stay, without a team.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await vi.waitFor(() => expect(onDeleted).toHaveBeenCalledWith(team));
    expect(api.callsTo('DELETE', '/api/v1/teams/4')).toHaveLength(1);
  });

  it('shows members behind a disclosure button', async () => {
    const api = mockApi();
    api.on('GET', '/api/v1/teams/4/members', json({ items: [] }));
    api.on('GET', '/api/v1/users', json({ items: [], next_cursor: null }));
    const { user } = renderItem();
    const toggle = screen.getByRole('button', { name: 'Members' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(screen.getByRole('button', { name: 'Hide members' })).toHaveAttribute('aria-expanded', 'true');
    expect(await screen.findByText('No members yet')).toBeInTheDocument();
  });
});
