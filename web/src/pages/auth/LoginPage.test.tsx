import { screen } from '@testing-library/react';
import { Route } from 'react-router';
import { describe, expect, it } from 'vitest';
import { json, makeUser, mockApi, problem } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import LoginPage from './LoginPage';

const stand = (
  <>
    <Route path="/tickets" element={<p>ticket list</p>} />
    <Route path="/portal" element={<p>portal</p>} />
    <Route path="/account/tokens" element={<p>tokens page</p>} />
  </>
);

describe('LoginPage', () => {
  it('signs an agent in and lands on the ticket list', async () => {
    const api = mockApi();
    const agent = makeUser({ role: 'agent' });
    api.on('POST', '/api/v1/auth/login', json({ user: agent, expires_at: '2030-01-01T00:00:00Z' }));
    const { user, queryClient } = renderWithProviders(<LoginPage />, { route: '/login', path: '/login', extraRoutes: stand });

    await user.type(screen.getByLabelText('Email'), ' agent@example.com ');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('ticket list')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/v1/auth/login')[0]?.body).toEqual({ email: 'agent@example.com', password: 'correct horse battery' });
    expect(queryClient.getQueryData(['me'])).toEqual(agent);
  });

  it('sends a customer to the portal', async () => {
    const api = mockApi();
    api.on('POST', '/api/v1/auth/login', json({ user: makeUser({ role: 'customer' }), expires_at: '2030-01-01T00:00:00Z' }));
    const { user } = renderWithProviders(<LoginPage />, { route: '/login', path: '/login', extraRoutes: stand });
    await user.type(screen.getByLabelText('Email'), 'c@example.com');
    await user.type(screen.getByLabelText('Password'), 'pw');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('portal')).toBeInTheDocument();
  });

  it('returns to ?next after signing in, and says why it asked', async () => {
    const api = mockApi();
    api.on('POST', '/api/v1/auth/login', json({ user: makeUser(), expires_at: '2030-01-01T00:00:00Z' }));
    const { user } = renderWithProviders(<LoginPage />, { route: '/login?next=%2Faccount%2Ftokens', path: '/login', extraRoutes: stand });
    expect(screen.getByText('Sign in to continue.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Email'), 'a@example.com');
    await user.type(screen.getByLabelText('Password'), 'pw');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('tokens page')).toBeInTheDocument();
  });

  it('ignores a ?next that leaves the site', async () => {
    const api = mockApi();
    api.on('POST', '/api/v1/auth/login', json({ user: makeUser({ role: 'agent' }), expires_at: '2030-01-01T00:00:00Z' }));
    const { user } = renderWithProviders(<LoginPage />, { route: '/login?next=%2F%2Fevil.example', path: '/login', extraRoutes: stand });
    await user.type(screen.getByLabelText('Email'), 'a@example.com');
    await user.type(screen.getByLabelText('Password'), 'pw');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('ticket list')).toBeInTheDocument();
  });

  it('shows a wrong password without trying to refresh the session', async () => {
    const api = mockApi();
    api.on('POST', '/api/v1/auth/login', problem(401, 'The email or password is wrong.', { code: 'unauthorized' }));
    const { user } = renderWithProviders(<LoginPage />, { route: '/login', path: '/login' });
    await user.type(screen.getByLabelText('Email'), 'a@example.com');
    await user.type(screen.getByLabelText('Password'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The email or password is wrong.');
    expect(api.callsTo('POST', '/api/v1/auth/refresh')).toHaveLength(0);
  });

  it('puts field errors next to their inputs', async () => {
    const api = mockApi();
    api.on(
      'POST',
      '/api/v1/auth/login',
      problem(400, 'Some fields are invalid.', { code: 'invalid', errors: [{ field: 'email', message: 'Enter an email address.' }] }),
    );
    const { user } = renderWithProviders(<LoginPage />, { route: '/login', path: '/login' });
    await user.type(screen.getByLabelText('Password'), 'pw');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const email = await screen.findByLabelText('Email');
    expect(await screen.findByText('Enter an email address.')).toBeInTheDocument();
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('Enter an email address.');
    expect(screen.getByRole('alert')).toHaveTextContent('Check the highlighted fields and try again.');
  });

  it('says when the server cannot be reached', async () => {
    mockApi().on('POST', '/api/v1/auth/login', () => Promise.reject(new TypeError('Failed to fetch')));
    const { user } = renderWithProviders(<LoginPage />, { route: '/login', path: '/login' });
    await user.type(screen.getByLabelText('Email'), 'a@example.com');
    await user.type(screen.getByLabelText('Password'), 'pw');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not reach the server');
  });

  it('links to sign-up and titles the tab', () => {
    mockApi();
    renderWithProviders(<LoginPage />, { route: '/login', path: '/login' });
    expect(screen.getByRole('link', { name: 'Create a customer account' })).toHaveAttribute('href', '/register');
    expect(screen.getByRole('link', { name: 'Forgot your password?' })).toHaveAttribute('href', '/forgot-password');
    expect(document.title).toBe('Sign in · Triage');
  });
});
