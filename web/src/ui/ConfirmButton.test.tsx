import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ConfirmButton } from './ConfirmButton';

function setup() {
  const onConfirm = vi.fn();
  render(
    <ConfirmButton question="Revoke this token?" confirmLabel="Revoke" accessibleName="Revoke token CI" onConfirm={onConfirm}>
      Revoke
    </ConfirmButton>,
  );
  return onConfirm;
}

describe('ConfirmButton', () => {
  it('asks before acting', async () => {
    const onConfirm = setup();
    await userEvent.click(screen.getByRole('button', { name: 'Revoke token CI' }));
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.getByRole('group', { name: 'Revoke this token?' })).toBeInTheDocument();
    const confirm = screen.getByRole('button', { name: 'Revoke' });
    expect(confirm).toHaveFocus();
    await userEvent.click(confirm);
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Revoke token CI' })).toBeInTheDocument();
  });

  it('can be cancelled', async () => {
    const onConfirm = setup();
    await userEvent.click(screen.getByRole('button', { name: 'Revoke token CI' }));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
  });
});
