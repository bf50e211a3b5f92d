import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { json, makeUser, mockApi, problem } from '@/test/api';
import { renderWithProviders } from '@/test/render';
import { UserRow } from './UserRow';

function renderRow(props: Partial<Parameters<typeof UserRow>[0]> = {}) {
  const onDone = vi.fn();
  const onResetLink = vi.fn();
  const r = renderWithProviders(
    <table>
      <tbody>
        <UserRow user={makeUser({ id: 4, name: 'Rae', role: 'agent' })} isMe={false} onDone={onDone} onResetLink={onResetLink} {...props} />
      </tbody>
    </table>,
  );
  return { ...r, onDone, onResetLink };
}

describe('UserRow', () => {
  it('undoes an unsaved role choice', async () => {
    mockApi();
    const { user } = renderRow();
    await user.selectOptions(screen.getByLabelText('Role of Rae'), 'customer');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(screen.getByLabelText('Role of Rae')).toHaveValue('agent');
  });

  it('reactivates a deactivated user after confirming', async () => {
    const api = mockApi();
    api.on('PATCH', '/api/v1/users/4', json(makeUser({ id: 4, name: 'Rae', active: true })));
    const { user, onDone } = renderRow({ user: makeUser({ id: 4, name: 'Rae', active: false }) });
    expect(screen.getByText('Deactivated')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Reactivate Rae' }));
    await user.click(screen.getByRole('button', { name: 'Reactivate' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith('Rae is reactivated.'));
    expect(api.callsTo('PATCH', '/api/v1/users/4')[0]?.body).toEqual({ active: true });
  });

  it('hands a new reset link to the page, and shows a refusal in the row', async () => {
    const api = mockApi();
    api.once('POST', '/api/v1/users/4/password-reset', problem(409, 'This user is deactivated; reactivate them before issuing a reset link.', { code: 'conflict' }));
    const { user, onResetLink } = renderRow();
    await user.click(screen.getByRole('button', { name: 'Password reset link for Rae' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('reactivate them before issuing a reset link');
    const link = { reset_url: 'https://x/reset-password?token=t', expires_at: '2030-01-01T00:00:00Z' };
    api.on('POST', '/api/v1/users/4/password-reset', json(link, 201));
    await user.click(screen.getByRole('button', { name: 'Password reset link for Rae' }));
    await vi.waitFor(() => expect(onResetLink).toHaveBeenCalledWith(expect.objectContaining({ id: 4 }), link));
  });

  it('shows my own role as text', () => {
    mockApi();
    renderRow({ isMe: true, user: makeUser({ id: 4, name: 'Rae', role: 'admin' }) });
    expect(screen.queryByLabelText('Role of Rae')).not.toBeInTheDocument();
    expect(screen.getByText('Admin')).toBeInTheDocument();
  });
});
