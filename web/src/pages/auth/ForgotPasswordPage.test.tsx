import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, problem } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import ForgotPasswordPage from './ForgotPasswordPage';

const resetPath = '/api/v1/auth/password-reset';

function renderForgot() {
  return renderWithProviders(<ForgotPasswordPage />, { route: '/forgot-password', path: '/forgot-password' });
}

describe('ForgotPasswordPage', () => {
  it('asks for a link and says so without telling whether the account exists', async () => {
    const api = mockApi();
    api.on('POST', resetPath, () => new Response(null, { status: 202 }));
    const { user } = renderForgot();
    expect(document.title).toBe('Reset your password · Triage');

    await user.type(screen.getByLabelText('Email'), ' ada@example.com ');
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));

    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent("If an account exists for that address, we've sent a link");
    expect(status).toHaveTextContent('Ask your admin for a reset link if no email arrives.');
    expect(api.callsTo('POST', resetPath)[0]?.body).toEqual({ email: 'ada@example.com' });
    expect(screen.queryByLabelText('Email')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
  });

  it('wants an email address before asking', async () => {
    const api = mockApi();
    const { user } = renderForgot();
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Enter your email address.');
    expect(api.callsTo('POST', resetPath)).toHaveLength(0);
  });

  it("says when it is rate limited, in the server's words", async () => {
    const api = mockApi();
    api.on('POST', resetPath, problem(429, 'Too many requests; try again in 15m0s.', { code: 'rate_limited' }));
    const { user } = renderForgot();
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not send the link');
    expect(alert).toHaveTextContent('Too many requests; try again in 15m0s.');
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toBeInTheDocument();
  });

  it('puts an email field error by the field', async () => {
    const api = mockApi();
    api.on('POST', resetPath, problem(400, 'email: is required', { code: 'invalid', errors: [{ field: 'email', message: 'is not an email address' }] }));
    const { user } = renderForgot();
    await user.type(screen.getByLabelText('Email'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));
    expect(await screen.findByText('Email is not an email address.')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
  });
});
