import { screen, waitFor } from '@testing-library/react';
import { Route } from 'react-router';
import { describe, expect, it } from 'vitest';
import { json, makeUser, mockApi, noContent, problem } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { queryKeys } from '@/api/keys';
import { useLogout, useRegister } from './mutations';

function LogoutButton() {
  const logout = useLogout();
  return (
    <button type="button" onClick={() => logout.mutate()}>
      out
    </button>
  );
}

const login = <Route path="/login" element={<p>login page</p>} />;

describe('useLogout', () => {
  it('ends the session, forgets cached data and goes to /login', async () => {
    const api = mockApi().on('POST', '/api/v1/auth/logout', noContent());
    const { user, queryClient } = renderWithProviders(<LogoutButton />, { route: '/tickets', path: '/tickets', extraRoutes: login });
    queryClient.setQueryData(queryKeys.me, makeUser());
    queryClient.setQueryData(queryKeys.tokens, { items: [] });

    await user.click(screen.getByRole('button', { name: 'out' }));

    expect(await screen.findByText('login page')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/v1/auth/logout')).toHaveLength(1);
    expect(queryClient.getQueryData(queryKeys.me)).toBeNull();
    expect(queryClient.getQueryData(queryKeys.tokens)).toBeUndefined();
  });

  it('signs out locally even when the server cannot be reached', async () => {
    mockApi().on('POST', '/api/v1/auth/logout', () => Promise.reject(new TypeError('offline')));
    const { user, queryClient } = renderWithProviders(<LogoutButton />, { route: '/tickets', path: '/tickets', extraRoutes: login });
    queryClient.setQueryData(queryKeys.me, makeUser());
    await user.click(screen.getByRole('button', { name: 'out' }));
    expect(await screen.findByText('login page')).toBeInTheDocument();
    expect(queryClient.getQueryData(queryKeys.me)).toBeNull();
  });
});

function RegisterButton() {
  const register = useRegister();
  return (
    <>
      <button type="button" onClick={() => register.mutate({ name: 'C', email: 'c@example.com', password: 'long enough pw' })}>
        go
      </button>
      {register.error && <p>{register.error.message}</p>}
    </>
  );
}

describe('useRegister', () => {
  it('remembers the new user', async () => {
    const customer = makeUser({ role: 'customer' });
    mockApi().on('POST', '/api/v1/auth/register', json({ user: customer, expires_at: '2030-01-01T00:00:00Z' }, 201));
    const { user, queryClient } = renderWithProviders(<RegisterButton />);
    await user.click(screen.getByRole('button', { name: 'go' }));
    await waitFor(() => expect(queryClient.getQueryData(queryKeys.me)).toEqual(customer));
  });

  it('reports the server refusal', async () => {
    mockApi().on('POST', '/api/v1/auth/register', problem(409, 'That email is already registered.', { code: 'conflict' }));
    const { user } = renderWithProviders(<RegisterButton />);
    await user.click(screen.getByRole('button', { name: 'go' }));
    expect(await screen.findByText('That email is already registered.')).toBeInTheDocument();
  });
});
