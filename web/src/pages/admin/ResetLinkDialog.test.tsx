import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeUser } from '@/test/api';
import { ResetLinkDialog } from './ResetLinkDialog';

describe('ResetLinkDialog', () => {
  it('shows the link as text with its expiry and a copy button focused first', async () => {
    const onClose = vi.fn();
    render(
      <ResetLinkDialog
        user={makeUser({ name: 'Bo', email: 'bo@example.com' })}
        link={{ reset_url: 'https://t.example/reset-password?token=<b>x</b>', expires_at: '2030-01-01T00:00:00Z' }}
        onClose={onClose}
      />,
    );
    const dialog = screen.getByRole('dialog', { name: 'Password link for Bo' });
    expect(dialog).toHaveTextContent('send it to bo@example.com yourself');
    expect(screen.getByLabelText('Password reset link')).toHaveTextContent('https://t.example/reset-password?token=<b>x</b>');
    expect(screen.getByRole('time')).toHaveAttribute('datetime', '2030-01-01T00:00:00Z');
    expect(screen.getByRole('button', { name: 'Copy link' })).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(onClose).toHaveBeenCalled();
  });
});
