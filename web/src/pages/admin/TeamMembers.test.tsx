import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Team, User } from '@/api/types';
import { json, makeUser, mockApi, noContent, problem } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { TeamMembers } from './TeamMembers';

const team: Team = { id: 4, name: 'Billing', description: '', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' };
const ann = makeUser({ id: 10, name: 'Ann Agent', role: 'agent', email: 'ann@example.com' });
const bob = makeUser({ id: 11, name: 'Bob Boss', role: 'admin', email: 'bob@example.com' });

function setup(members: User[]) {
  const api = mockApi();
  let current = members;
  api.on('GET', '/api/v1/teams/4/members', () => json({ items: current }));
  api.on('GET', '/api/v1/users', json({ items: [bob, ann], next_cursor: null }));
  api.on('PUT', '/api/v1/teams/4/members/:userId', (_req, p) => {
    current = [...current, [ann, bob].find((u) => u.id === Number(p.userId))!];
    return noContent();
  });
  api.on('DELETE', '/api/v1/teams/4/members/:userId', (_req, p) => {
    current = current.filter((u) => u.id !== Number(p.userId));
    return noContent();
  });
  return api;
}

describe('TeamMembers', () => {
  it('adds an agent picked from staff who are not members yet', async () => {
    const api = setup([bob]);
    const { user } = renderWithProviders(<TeamMembers team={team} />);
    expect(await screen.findByText('Bob Boss')).toBeInTheDocument();
    const picker = screen.getByLabelText('Add an agent to Billing');
    await screen.findByRole('option', { name: 'Ann Agent (ann@example.com)' });
    expect(within(picker).queryByRole('option', { name: /Bob Boss/ })).not.toBeInTheDocument();
    expect(new URLSearchParams(api.callsTo('GET', '/api/v1/users')[0]?.search).get('role')).toBe('agent,admin');

    await user.selectOptions(picker, '10');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(await screen.findByText('Ann Agent')).toBeInTheDocument();
    expect(api.callsTo('PUT', '/api/v1/teams/4/members/10')).toHaveLength(1);
    expect(screen.getByRole('status')).toHaveTextContent('Ann Agent was added to Billing.');
    expect(picker).toHaveValue('');
  });

  it('asks for a choice before adding', async () => {
    const api = setup([]);
    const { user } = renderWithProviders(<TeamMembers team={team} />);
    await screen.findByRole('option', { name: 'Ann Agent (ann@example.com)' });
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByLabelText('Add an agent to Billing')).toHaveAccessibleDescription('Choose an agent to add.');
    expect(api.calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
  });

  it('removes a member', async () => {
    const api = setup([ann, bob]);
    const { user } = renderWithProviders(<TeamMembers team={team} />);
    await user.click(await screen.findByRole('button', { name: 'Remove Ann Agent from Billing' }));
    await screen.findByText('Ann Agent was removed from Billing.');
    expect(screen.queryByRole('button', { name: 'Remove Ann Agent from Billing' })).not.toBeInTheDocument();
    expect(api.callsTo('DELETE', '/api/v1/teams/4/members/10')).toHaveLength(1);
  });

  it('shows why adding failed', async () => {
    const api = setup([]);
    api.on('PUT', '/api/v1/teams/4/members/:userId', problem(400, 'Invalid.', { code: 'invalid', errors: [{ field: 'user_id', message: 'must be an agent or admin' }] }));
    const { user } = renderWithProviders(<TeamMembers team={team} />);
    await screen.findByRole('option', { name: 'Ann Agent (ann@example.com)' });
    await user.selectOptions(screen.getByLabelText('Add an agent to Billing'), '10');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The agent was not added');
  });
});
