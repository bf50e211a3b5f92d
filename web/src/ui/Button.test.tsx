import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Button } from './Button';

describe('Button', () => {
  it('is a non-submitting button by default and runs onClick', async () => {
    const onClick = vi.fn();
    render(<Button onClick={onClick}>Save</Button>);
    const b = screen.getByRole('button', { name: 'Save' });
    expect(b).toHaveAttribute('type', 'button');
    expect(b).toHaveClass('btn', 'btn-secondary');
    await userEvent.click(b);
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('while busy, is disabled and says what it is doing', async () => {
    const onClick = vi.fn();
    render(
      <Button variant="primary" type="submit" busy busyLabel="Saving…" onClick={onClick}>
        Save
      </Button>,
    );
    const b = screen.getByRole('button', { name: 'Saving…' });
    expect(b).toBeDisabled();
    expect(b).toHaveAttribute('aria-busy', 'true');
    expect(b).toHaveAttribute('type', 'submit');
    expect(b).toHaveClass('btn-primary');
    await userEvent.click(b);
    expect(onClick).not.toHaveBeenCalled();
  });
});
