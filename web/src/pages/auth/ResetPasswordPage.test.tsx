import { screen } from '@testing-library/react';
import { Route } from 'react-router';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, noContent, problem } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import ResetPasswordPage, { checkResetPassword } from './ResetPasswordPage';

const confirmPath = '/api/v1/auth/password-reset/confirm';
const stand = (
  <>
    <Route path="/login" element={<p>sign-in page</p>} />
    <Route path="/forgot-password" element={<p>forgot page</p>} />
  </>
);

function renderReset(route = '/reset-password?token=tok%2Bab') {
  return renderWithProviders(<ResetPasswordPage />, { route, path: '/reset-password', extraRoutes: stand });
}

describe('checkResetPassword', () => {
  it('wants 12 characters and the same password twice', () => {
    expect(checkResetPassword('long enough pw', 'long enough pw')).toEqual({});
    expect(checkResetPassword('short', 'short')).toEqual({ password: 'Use at least 12 characters.' });
    expect(checkResetPassword('long enough pw', 'long enough pX').confirm).toMatch(/differ/);
  });
});

describe('ResetPasswordPage', () => {
  it('sets the new password with the token and offers to sign in', async () => {
    const api = mockApi();
    api.on('POST', confirmPath, noContent());
    const { user, queryClient } = renderReset();
    queryClient.setQueryData(['me'], makeUser());
    expect(document.title).toBe('Choose a new password · Triage');
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription('At least 12 characters.');

    await user.type(screen.getByLabelText('New password'), 'correct horse battery');
    await user.type(screen.getByLabelText('Repeat the new password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Your password has been changed');
    expect(screen.getByText(/signed out everywhere/)).toBeInTheDocument();
    expect(api.callsTo('POST', confirmPath)).toHaveLength(1);
    expect(api.callsTo('POST', confirmPath)[0]?.body).toEqual({ token: 'tok+ab', password: 'correct horse battery' });
    // Every session ended, so the cached user is forgotten.
    expect(queryClient.getQueryData(['me'])).toBeUndefined();

    await user.click(screen.getByRole('link', { name: 'Sign in' }));
    expect(await screen.findByText('sign-in page')).toBeInTheDocument();
  });

  it('refuses two different passwords without asking the server', async () => {
    const api = mockApi();
    const { user } = renderReset();
    await user.type(screen.getByLabelText('New password'), 'correct horse battery');
    await user.type(screen.getByLabelText('Repeat the new password'), 'correct horse batterY');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    const repeat = screen.getByLabelText('Repeat the new password');
    expect(repeat).toHaveAttribute('aria-invalid', 'true');
    expect(repeat).toHaveAccessibleDescription('The two passwords differ. Type the same password twice.');
    expect(api.callsTo('POST', confirmPath)).toHaveLength(0);
  });

  it('refuses a short password without asking the server', async () => {
    const api = mockApi();
    const { user } = renderReset();
    await user.type(screen.getByLabelText('New password'), 'short');
    await user.type(screen.getByLabelText('Repeat the new password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription('At least 12 characters. Use at least 12 characters.');
    expect(api.callsTo('POST', confirmPath)).toHaveLength(0);
  });

  it("shows the server's password error by the field", async () => {
    const api = mockApi();
    api.on(
      'POST',
      confirmPath,
      problem(400, 'password: is too common', { code: 'invalid', errors: [{ field: 'password', message: 'is too common' }] }),
    );
    const { user } = renderReset();
    await user.type(screen.getByLabelText('New password'), 'password1234');
    await user.type(screen.getByLabelText('Repeat the new password'), 'password1234');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText('Password is too common.')).toBeInTheDocument();
    const field = screen.getByLabelText('New password');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription('At least 12 characters. Password is too common.');
    expect(screen.getByRole('alert')).toHaveTextContent('Check the highlighted fields and try again.');
  });

  it('says an invalid or expired link is no good and links to a new one', async () => {
    const api = mockApi();
    api.on(
      'POST',
      confirmPath,
      problem(400, 'token: is invalid or has expired', { code: 'invalid', errors: [{ field: 'token', message: 'is invalid or has expired' }] }),
    );
    const { user } = renderReset('/reset-password?token=used');
    await user.type(screen.getByLabelText('New password'), 'correct horse battery');
    await user.type(screen.getByLabelText('Repeat the new password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This reset link is invalid or has expired');
    expect(screen.queryByLabelText('New password')).not.toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Request a new link' }));
    expect(await screen.findByText('forgot page')).toBeInTheDocument();
  });

  it('shows other failures, such as rate limiting, in the form alert', async () => {
    const api = mockApi();
    api.on('POST', confirmPath, problem(429, 'Too many requests; try again in 1m0s.', { code: 'rate_limited' }));
    const { user } = renderReset();
    await user.type(screen.getByLabelText('New password'), 'correct horse battery');
    await user.type(screen.getByLabelText('Repeat the new password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many requests; try again in 1m0s.');
    expect(screen.getByLabelText('New password')).toBeInTheDocument();
  });

  it('offers to send a reset link when the address has no token', () => {
    mockApi();
    renderReset('/reset-password');
    expect(screen.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toBeInTheDocument();
    expect(screen.queryByLabelText('New password')).not.toBeInTheDocument();
  });
});
