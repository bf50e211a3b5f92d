import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Team } from '@/api/types';
import { json, makeUser, mockApi, problem, signedInAs } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import TeamsPage from './TeamsPage';

function makeTeam(over: Partial<Team> = {}): Team {
  return { id: 1, name: 'Billing', description: 'Invoices and refunds', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', ...over };
}

function setup(teams: Team[]) {
  const api = mockApi();
  signedInAs(api, makeUser({ role: 'admin' }));
  api.on('GET', '/api/v1/teams', json({ items: teams }));
  return api;
}

const render = () => renderWithProviders(<TeamsPage />, { route: '/admin/teams', path: '/admin/teams' });

describe('TeamsPage', () => {
  it('lists teams by name', async () => {
    setup([makeTeam({ id: 2, name: 'Support', description: '' }), makeTeam({ id: 1, name: 'Billing' })]);
    render();
    const list = await screen.findByRole('list', { name: 'Teams' });
    const names = within(list).getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(names).toEqual(['Billing', 'Support']);
    expect(screen.getByText('Invoices and refunds')).toBeInTheDocument();
    expect(screen.getByText('No description.')).toBeInTheDocument();
    expect(document.title).toBe('Teams · Triage');
  });

  it('creates a team, checking the name first and showing server errors', async () => {
    const api = setup([]);
    const { user } = render();
    expect(await screen.findByText('No teams yet')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create team' }));
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('Enter a name for the team.');
    expect(screen.getByLabelText('Name')).toHaveFocus();

    api.once('POST', '/api/v1/teams', problem(409, 'A team with this name exists.', { code: 'conflict', errors: [{ field: 'name', message: 'is already taken' }] }));
    await user.type(screen.getByLabelText('Name'), 'Billing');
    await user.click(screen.getByRole('button', { name: 'Create team' }));
    expect(await screen.findByText('Name is already taken.')).toBeInTheDocument();

    api.on('POST', '/api/v1/teams', json(makeTeam({ id: 3, name: 'Billing 2' }), 201));
    api.on('GET', '/api/v1/teams', json({ items: [makeTeam({ id: 3, name: 'Billing 2' })] }));
    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), 'Billing 2');
    await user.type(screen.getByLabelText('Description (optional)'), 'Money');
    await user.click(screen.getByRole('button', { name: 'Create team' }));
    expect(await screen.findByText('Team Billing 2 was created. Open its members to add agents.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/v1/teams')[1]?.body).toEqual({ name: 'Billing 2', description: 'Money' });
    expect(await screen.findByRole('heading', { name: 'Billing 2' })).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveValue('');
  });

  it('says when teams could not be loaded', async () => {
    const api = mockApi();
    signedInAs(api, makeUser({ role: 'admin' }));
    api.on('GET', '/api/v1/teams', problem(503, 'Busy.'));
    render();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Teams could not be loaded');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
