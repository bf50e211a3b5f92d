import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { listShortcuts, ShortcutHelp, ticketShortcuts } from './ShortcutHelp';

function Harness() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open help
      </button>
      <ShortcutHelp open={open} onClose={() => setOpen(false)} shortcuts={listShortcuts} />
    </>
  );
}

describe('ShortcutHelp', () => {
  it('renders nothing while closed', () => {
    render(<ShortcutHelp open={false} onClose={vi.fn()} shortcuts={listShortcuts} />);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('lists the shortcuts in a labelled modal dialog that takes focus', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.click(screen.getByRole('button', { name: 'Open help' }));
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveTextContent('Next ticket');
    expect(dialog).toHaveTextContent('Open the selected ticket');
    expect(screen.getByRole('button', { name: 'Close' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Close' })).toHaveFocus();
  });

  it('closes on Esc and gives focus back', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.click(screen.getByRole('button', { name: 'Open help' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Open help' })).toHaveFocus();
  });

  it('closes on a click outside, not inside', async () => {
    const onClose = vi.fn();
    const user = userEvent.setup();
    const { container } = render(<ShortcutHelp open onClose={onClose} shortcuts={ticketShortcuts} />);
    await user.click(screen.getByRole('dialog'));
    expect(onClose).not.toHaveBeenCalled();
    await user.click(container.querySelector('.shortcut-backdrop') as HTMLElement);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('dialog')).toHaveTextContent('Write an internal note');
  });

  it('offers a second action and keeps Tab between its buttons', async () => {
    const onClick = vi.fn();
    const user = userEvent.setup();
    render(<ShortcutHelp open onClose={vi.fn()} shortcuts={listShortcuts} action={{ label: 'Search syntax', onClick }} />);
    expect(screen.getByRole('dialog')).toHaveTextContent('Search');
    expect(screen.getByRole('button', { name: 'Close' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Search syntax' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Close' })).toHaveFocus();
    await user.tab({ shift: true });
    expect(screen.getByRole('button', { name: 'Search syntax' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(onClick).toHaveBeenCalledTimes(1);
  });
});
