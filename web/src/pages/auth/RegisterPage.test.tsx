import { screen } from '@testing-library/react';
import { Route } from 'react-router';
import { describe, expect, it } from 'vitest';
import { json, makeUser, mockApi, problem } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import RegisterPage from './RegisterPage';

function setup() {
  const api = mockApi();
  const r = renderWithProviders(<RegisterPage />, { route: '/register', path: '/register', extraRoutes: <Route path="/portal" element={<p>portal</p>} /> });
  return { api, ...r };
}

async function fill(user: ReturnType<typeof setup>['user'], password = 'a long passphrase') {
  await user.type(screen.getByLabelText('Name'), 'Cora Customer');
  await user.type(screen.getByLabelText('Email'), 'cora@example.com');
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('RegisterPage', () => {
  it('signs a customer up and takes them to the portal', async () => {
    const { api, user, queryClient } = setup();
    const cora = makeUser({ role: 'customer', name: 'Cora Customer' });
    api.on('POST', '/api/v1/auth/register', json({ user: cora, expires_at: '2030-01-01T00:00:00Z' }, 201));
    await fill(user);
    expect(await screen.findByText('portal')).toBeInTheDocument();
    const body = api.callsTo('POST', '/api/v1/auth/register')[0]?.body as Record<string, string>;
    expect(body).toMatchObject({ name: 'Cora Customer', email: 'cora@example.com', password: 'a long passphrase' });
    expect(typeof body.time_zone).toBe('string');
    expect(queryClient.getQueryData(['me'])).toEqual(cora);
  });

  it('says clearly when sign-up is switched off', async () => {
    const { api, user } = setup();
    api.on('POST', '/api/v1/auth/register', problem(403, 'Registration is switched off; ask an administrator for an account.', { code: 'unavailable' }));
    await fill(user);
    expect(await screen.findByText('Sign-up is switched off')).toBeInTheDocument();
    expect(screen.getByText('Registration is switched off; ask an administrator for an account.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create account' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
  });

  it('refuses a short password before sending it', async () => {
    const { api, user } = setup();
    await fill(user, 'short');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('At least 12 characters. Use at least 12 characters.');
    expect(api.callsTo('POST', '/api/v1/auth/register')).toHaveLength(0);
  });

  it('puts the server field errors on the fields', async () => {
    const { api, user } = setup();
    api.on(
      'POST',
      '/api/v1/auth/register',
      problem(409, 'That email address is already registered.', { code: 'conflict', errors: [{ field: 'email', message: 'Already registered.' }] }),
    );
    await fill(user);
    expect(await screen.findByText('Already registered.')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('That email address is already registered.');
  });
});
