import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, noContent, problem } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import PasswordPage, { checkNewPassword } from './PasswordPage';

function setup() {
  const api = mockApi();
  return { api, ...renderWithProviders(<PasswordPage />) };
}

async function fill(user: ReturnType<typeof setup>['user'], current: string, next: string, confirm = next) {
  await user.type(screen.getByLabelText('Current password'), current);
  await user.type(screen.getByLabelText('New password'), next);
  await user.type(screen.getByLabelText('Repeat the new password'), confirm);
  await user.click(screen.getByRole('button', { name: 'Change password' }));
}

describe('PasswordPage', () => {
  it('changes the password and says the other sessions ended', async () => {
    const { api, user } = setup();
    api.on('POST', '/api/v1/me/password', noContent());
    await fill(user, 'old password!', 'a brand new passphrase');
    expect(await screen.findByText('Password changed')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/v1/me/password')[0]?.body).toEqual({ current_password: 'old password!', new_password: 'a brand new passphrase' });
    expect(screen.getByLabelText('Current password')).toHaveValue('');
  });

  it('catches a mismatched confirmation without asking the server', async () => {
    const { api, user } = setup();
    await fill(user, 'old password!', 'a brand new passphrase', 'a brand new passphrasE');
    expect(screen.getByLabelText('Repeat the new password')).toHaveAccessibleDescription('The two new passwords differ. Type the same password twice.');
    expect(api.callsTo('POST', '/api/v1/me/password')).toHaveLength(0);
  });

  it('shows a wrong current password on its field', async () => {
    const { api, user } = setup();
    api.on(
      'POST',
      '/api/v1/me/password',
      problem(400, 'Some fields are invalid.', { code: 'invalid', errors: [{ field: 'current_password', message: 'is incorrect' }] }),
    );
    await fill(user, 'wrong', 'a brand new passphrase');
    expect(await screen.findByText('Current password is incorrect.')).toBeInTheDocument();
    expect(screen.getByLabelText('Current password')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('Your password was not changed');
  });
});

describe('checkNewPassword', () => {
  it('wants 12 characters typed twice', () => {
    expect(checkNewPassword('short', 'short')).toEqual({ new_password: 'Use at least 12 characters.' });
    expect(checkNewPassword('long enough pw', 'long enough pw')).toEqual({});
    expect(checkNewPassword('long enough pw', 'other')).toHaveProperty('confirm');
  });
});
