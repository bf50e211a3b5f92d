import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { json, makeUser, mockApi, problem } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { UserCreateDialog, validateNewUser } from './UserCreateDialog';

describe('validateNewUser', () => {
  it('needs an email and a name, and a long enough password if any', () => {
    expect(validateNewUser({ email: '', name: '', password: '' })).toEqual({ email: 'Enter their email address.', name: 'Enter their name.' });
    expect(validateNewUser({ email: 'nope', name: 'N', password: 'short' })).toEqual({
      email: 'Enter an email address like name@example.com.',
      password: 'Use at least 12 characters, or leave it empty.',
    });
    expect(validateNewUser({ email: 'a@b.c', name: 'N', password: '' })).toEqual({});
  });
});

describe('UserCreateDialog', () => {
  it('checks the form before sending and focuses the first problem', async () => {
    const api = mockApi();
    const { user } = renderWithProviders(<UserCreateDialog onClose={vi.fn()} onCreated={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: 'Create user' }));
    expect(screen.getByLabelText('Email')).toHaveFocus();
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Enter their email address.');
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('Enter their name.');
    expect(api.callsTo('POST', '/api/v1/users')).toHaveLength(0);
  });

  it('shows server field errors by their fields and the rest in the alert', async () => {
    const api = mockApi();
    api.on(
      'POST',
      '/api/v1/users',
      problem(400, 'Some fields are invalid.', {
        code: 'invalid',
        errors: [
          { field: 'password', message: 'is too common; choose one that is harder to guess' },
          { field: 'time_zone', message: 'must be an IANA time zone' },
        ],
      }),
    );
    const { user } = renderWithProviders(<UserCreateDialog onClose={vi.fn()} onCreated={vi.fn()} />);
    await user.type(screen.getByLabelText('Email'), 'x@example.com');
    await user.type(screen.getByLabelText('Name'), 'X');
    await user.type(screen.getByLabelText('Password (optional)'), 'password1234');
    await user.click(screen.getByRole('button', { name: 'Create user' }));
    expect(await screen.findByText('Password is too common; choose one that is harder to guess.')).toBeInTheDocument();
    expect(screen.getByLabelText('Password (optional)')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('Time zone must be an IANA time zone.');
  });

  it('is busy while sending and reports the new user', async () => {
    const api = mockApi();
    let release: () => void = () => {};
    api.on('POST', '/api/v1/users', () => new Promise<Response>((r) => (release = () => r(json(makeUser({ id: 5 }), 201)))));
    const onCreated = vi.fn();
    const { user } = renderWithProviders(<UserCreateDialog onClose={vi.fn()} onCreated={onCreated} />);
    await user.type(screen.getByLabelText('Email'), 'x@example.com');
    await user.type(screen.getByLabelText('Name'), 'X');
    await user.click(screen.getByRole('button', { name: 'Create user' }));
    expect(await screen.findByRole('button', { name: 'Creating…' })).toBeDisabled();
    release();
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ id: 5 }), false));
  });

  it('cancels', async () => {
    mockApi();
    const onClose = vi.fn();
    const { user } = renderWithProviders(<UserCreateDialog onClose={onClose} onCreated={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalled();
  });
});
