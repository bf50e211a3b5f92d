import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AuditFilters } from './AuditFilters';
import { fromLocalInput } from './auditFilter';

describe('AuditFilters', () => {
  it('applies every filter it was given', async () => {
    const user = userEvent.setup();
    const onApply = vi.fn();
    render(<AuditFilters value={{}} onApply={onApply} />);
    await user.type(screen.getByLabelText('Actor (id or email)'), '12');
    await user.type(screen.getByLabelText('Action'), 'user.update');
    await user.selectOptions(screen.getByLabelText('Target type'), 'user');
    await user.type(screen.getByLabelText('Target id'), '7');
    await user.type(screen.getByLabelText('From'), '2026-03-01T08:00');
    await user.type(screen.getByLabelText('Until'), '2026-03-02T08:00');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(onApply).toHaveBeenCalledWith({
      actor: 12,
      action: 'user.update',
      target_type: 'user',
      target_id: '7',
      since: fromLocalInput('2026-03-01T08:00'),
      until: fromLocalInput('2026-03-02T08:00'),
    });
  });

  it('looks an actor up by email', async () => {
    const user = userEvent.setup();
    const onApply = vi.fn();
    const lookup = vi.fn().mockResolvedValue({ id: 42 });
    render(<AuditFilters value={{}} onApply={onApply} lookup={lookup} />);
    await user.type(screen.getByLabelText('Actor (id or email)'), 'ada@example.com');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(lookup).toHaveBeenCalledWith('ada@example.com');
    expect(onApply).toHaveBeenCalledWith({ actor: 42 });
  });

  it('says when the email matches nobody, or the actor or times are wrong', async () => {
    const user = userEvent.setup();
    const onApply = vi.fn();
    render(<AuditFilters value={{}} onApply={onApply} lookup={vi.fn().mockResolvedValue(null)} />);
    await user.type(screen.getByLabelText('Actor (id or email)'), 'ghost@example.com');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(screen.getByLabelText('Actor (id or email)')).toHaveAccessibleDescription(/No user has the email ghost@example.com./);
    expect(screen.getByLabelText('Actor (id or email)')).toHaveFocus();

    await user.clear(screen.getByLabelText('Actor (id or email)'));
    await user.type(screen.getByLabelText('Actor (id or email)'), 'Ada');
    await user.type(screen.getByLabelText('From'), '2026-03-02T08:00');
    await user.type(screen.getByLabelText('Until'), '2026-03-01T08:00');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(screen.getByLabelText('Actor (id or email)')).toHaveAccessibleDescription(/Enter a user id/);
    expect(screen.getByLabelText('Until')).toHaveAccessibleDescription(/Must be later than/);
    expect(onApply).not.toHaveBeenCalled();
  });

  it('shows the applied filter and clears it', async () => {
    const user = userEvent.setup();
    const onApply = vi.fn();
    render(<AuditFilters value={{ actor: 3, target_type: 'team' }} onApply={onApply} />);
    expect(screen.getByLabelText('Actor (id or email)')).toHaveValue('3');
    expect(screen.getByLabelText('Target type')).toHaveValue('team');
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    expect(onApply).toHaveBeenCalledWith({});
  });
});
