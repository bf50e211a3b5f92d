import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@/api/types';
import { json, makeUser, mockApi, problem, signedInAs } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import AuditPage from './AuditPage';

let nextId = 1;
function entry(over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: nextId++,
    created_at: '2026-01-02T03:04:05Z',
    actor_id: null,
    action: 'user.update',
    target_type: 'user',
    target_id: '5',
    before: null,
    after: null,
    ip: '127.0.0.1',
    request_id: 'r1',
    ...over,
  } as AuditEntry;
}

function setup() {
  const api = mockApi();
  signedInAs(api, makeUser({ role: 'admin' }));
  return api;
}

describe('AuditPage', () => {
  it('lists entries and sends the filters in the address bar as query parameters', async () => {
    const api = setup();
    api.on('GET', '/api/v1/audit', json({ items: [entry({ action: 'team.create' })], next_cursor: null }));
    renderWithProviders(<AuditPage />, { route: '/admin/audit?actor=3&action=team.create&target_type=team&target_id=9&since=2026-01-01T00:00:00Z', path: '/admin/audit' });
    expect(await screen.findByText('team.create')).toBeInTheDocument();
    const q = new URLSearchParams(api.callsTo('GET', '/api/v1/audit')[0]?.search);
    expect(Object.fromEntries(q)).toEqual({
      limit: '50',
      actor: '3',
      action: 'team.create',
      target_type: 'team',
      target_id: '9',
      since: '2026-01-01T00:00:00Z',
    });
    expect(screen.getByRole('status')).toHaveTextContent('Showing 1 entry matching the filters.');
    expect(document.title).toBe('Audit log · Triage');
  });

  it('applies filters from the form to the query and the address', async () => {
    const api = setup();
    api.on('GET', '/api/v1/audit', json({ items: [entry()], next_cursor: null }));
    const { user } = renderWithProviders(<AuditPage />, { route: '/admin/audit', path: '/admin/audit' });
    await screen.findByText('user.update');
    await user.type(screen.getByLabelText('Action'), 'ticket.update');
    await user.selectOptions(screen.getByLabelText('Target type'), 'ticket');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/admin/audit?action=ticket.update&target_type=ticket');
    await screen.findByText('Showing 1 entry matching the filters.');
    const last = api.callsTo('GET', '/api/v1/audit').at(-1);
    expect(new URLSearchParams(last?.search).get('action')).toBe('ticket.update');
    expect(new URLSearchParams(last?.search).get('target_type')).toBe('ticket');
  });

  it('loads older entries with the cursor', async () => {
    const api = setup();
    api.once('GET', '/api/v1/audit', json({ items: [entry({ action: 'auth.logout' })], next_cursor: null }));
    api.once('GET', '/api/v1/audit', json({ items: [entry({ action: 'auth.login' })], next_cursor: 'older' }));
    const { user } = renderWithProviders(<AuditPage />, { route: '/admin/audit', path: '/admin/audit' });
    expect(await screen.findByText('auth.login')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load older entries' }));
    expect(await screen.findByText('auth.logout')).toBeInTheDocument();
    expect(new URLSearchParams(api.callsTo('GET', '/api/v1/audit')[1]?.search).get('cursor')).toBe('older');
  });

  it('says when nothing matches', async () => {
    const api = setup();
    api.on('GET', '/api/v1/audit', json({ items: [], next_cursor: null }));
    renderWithProviders(<AuditPage />, { route: '/admin/audit?action=nope', path: '/admin/audit' });
    expect(await screen.findByText('No entries match these filters')).toBeInTheDocument();
    expect(screen.getByText('Widen the time range or clear a filter.')).toBeInTheDocument();
  });

  it('shows errors with a retry', async () => {
    const api = setup();
    api.on('GET', '/api/v1/audit', problem(400, 'since must be an RFC 3339 time.', { code: 'invalid' }));
    renderWithProviders(<AuditPage />, { route: '/admin/audit', path: '/admin/audit' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The audit log could not be loaded');
    expect(alert).toHaveTextContent('since must be an RFC 3339 time.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
