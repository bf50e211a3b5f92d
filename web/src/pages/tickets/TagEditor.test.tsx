import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { TagEditor } from './TagEditor';

describe('TagEditor', () => {
  it('adds and removes tags', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup();
    render(<TagEditor tags={['billing']} onChange={onChange} />);
    await user.click(screen.getByRole('button', { name: 'Remove tag billing' }));
    expect(onChange).toHaveBeenLastCalledWith([], 'tag “billing” removed');
    await user.type(screen.getByRole('textbox', { name: 'Add a tag' }), ' VIP {Enter}');
    expect(onChange).toHaveBeenLastCalledWith(['billing', 'vip'], 'tag “vip” added');
    expect(screen.getByRole('textbox', { name: 'Add a tag' })).toHaveValue('');
  });

  it('explains why a tag was not added', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup();
    render(<TagEditor tags={['vip']} onChange={onChange} />);
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByText('Type a tag first.')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Add a tag' }), 'vip{Enter}');
    expect(screen.getByText(/already has the tag/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Add a tag' })).toHaveAttribute('aria-invalid', 'true');
    expect(onChange).not.toHaveBeenCalled();
  });

  it('says when there are no tags', () => {
    render(<TagEditor tags={[]} onChange={vi.fn()} />);
    expect(screen.getByText('No tags yet.')).toBeInTheDocument();
  });
});
