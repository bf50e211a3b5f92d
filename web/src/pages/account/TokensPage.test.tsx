import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { APIToken } from '@/api/types';
import { json, mockApi, noContent, problem } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import TokensPage, { expiryFromDate } from './TokensPage';

function token(over: Partial<APIToken>): APIToken {
  return {
    id: 1,
    user_id: 1,
    name: 'CI deploy',
    prefix: 'trg_ab12',
    created_at: '2026-01-01T10:00:00Z',
    last_used_at: null,
    expires_at: null,
    revoked_at: null,
    ...over,
  };
}

function setup(items: APIToken[]) {
  const api = mockApi();
  api.on('GET', '/api/v1/me/tokens', json({ items }));
  return { api, ...renderWithProviders(<TokensPage />) };
}

describe('TokensPage', () => {
  it('lists live tokens without their secrets', async () => {
    setup([token({ id: 1 }), token({ id: 2, name: 'Old', revoked_at: '2026-01-05T00:00:00Z' })]);
    const list = await screen.findByRole('list', { name: 'API tokens' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent('CI deploy');
    expect(items[0]).toHaveTextContent('trg_ab12…');
    expect(items[0]).toHaveTextContent('last used never');
  });

  it('creates a token and shows its secret once, with a copy button', async () => {
    const { api, user } = setup([]);
    expect(await screen.findByText('No API tokens yet')).toBeInTheDocument();
    api.on('POST', '/api/v1/me/tokens', json({ ...token({ id: 5, name: 'Backup' }), token: 'trg_ab12_supersecret' }, 201));

    await user.type(screen.getByLabelText('Name'), 'Backup');
    await user.click(screen.getByRole('button', { name: 'Create token' }));

    expect(await screen.findByLabelText('New API token')).toHaveTextContent('trg_ab12_supersecret');
    expect(screen.getByText(/Triage shows it only once/)).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/v1/me/tokens')[0]?.body).toEqual({ name: 'Backup', expires_at: null });
    expect(screen.getByLabelText('Name')).toHaveValue('');

    await user.click(screen.getByRole('button', { name: 'Copy token' }));
    expect(await navigator.clipboard.readText()).toBe('trg_ab12_supersecret');

    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByText('trg_ab12_supersecret')).not.toBeInTheDocument();
  });

  it('sends the expiry date as the end of that day', async () => {
    const { api, user } = setup([]);
    api.on('POST', '/api/v1/me/tokens', json({ ...token({}), token: 'trg_x' }, 201));
    await user.type(screen.getByLabelText('Name'), 'Short-lived');
    await user.type(screen.getByLabelText('Expires on (optional)'), '2027-06-30');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    await screen.findByLabelText('New API token');
    expect(api.callsTo('POST', '/api/v1/me/tokens')[0]?.body).toEqual({ name: 'Short-lived', expires_at: expiryFromDate('2027-06-30') });
  });

  it('puts field errors on the form', async () => {
    const { api, user } = setup([]);
    api.on('POST', '/api/v1/me/tokens', problem(400, 'Some fields are invalid.', { code: 'invalid', errors: [{ field: 'name', message: 'is required' }] }));
    await user.click(await screen.findByRole('button', { name: 'Create token' }));
    expect(await screen.findByText('Name is required.')).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
  });

  it('revokes a token after asking', async () => {
    const { api, user } = setup([token({ id: 9 })]);
    api.on('DELETE', '/api/v1/me/tokens/:id', noContent());
    await user.click(await screen.findByRole('button', { name: 'Revoke token CI deploy' }));
    await user.click(screen.getByRole('button', { name: 'Revoke' }));
    await screen.findByRole('button', { name: 'Revoke token CI deploy' });
    expect(api.callsTo('DELETE', '/api/v1/me/tokens/9')).toHaveLength(1);
  });

  it('says when the tokens cannot be loaded', async () => {
    mockApi().on('GET', '/api/v1/me/tokens', problem(500, 'Internal error.'));
    renderWithProviders(<TokensPage />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Your tokens could not be loaded');
  });
});

describe('expiryFromDate', () => {
  it('is null for no date and the end of the local day otherwise', () => {
    expect(expiryFromDate('')).toBeNull();
    expect(expiryFromDate('garbage')).toBeNull();
    const d = new Date(expiryFromDate('2027-06-30') ?? '');
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()]).toEqual([2027, 5, 30, 23, 59]);
  });
});
