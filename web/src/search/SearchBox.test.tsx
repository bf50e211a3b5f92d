import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { parseErrorOf, type ParseError } from './query';
import { SearchBox, searchDelayMs, type SearchHow } from './SearchBox';

function Harness({ onSearch, error = null, initial = '' }: { onSearch: (q: string, how: SearchHow) => void; error?: ParseError | null; initial?: string }) {
  const [value, setValue] = useState(initial);
  const [help, setHelp] = useState(false);
  return (
    <SearchBox
      value={value}
      onSearch={(q, how) => {
        onSearch(q, how);
        setValue(q);
      }}
      error={error}
      helpOpen={help}
      onHelpChange={setHelp}
    />
  );
}

describe('SearchBox', () => {
  it('searches after a pause in typing, once', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const onSearch = vi.fn();
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      render(<Harness onSearch={onSearch} />);
      await user.type(screen.getByRole('searchbox', { name: 'Search tickets' }), 'printer');
      expect(onSearch).not.toHaveBeenCalled();
      await act(() => vi.advanceTimersByTimeAsync(searchDelayMs + 10));
      expect(onSearch).toHaveBeenCalledTimes(1);
      expect(onSearch).toHaveBeenCalledWith('printer', 'typing');
    } finally {
      vi.useRealTimers();
    }
  });

  it('searches at once on Enter and clears on Escape', async () => {
    const onSearch = vi.fn();
    const user = userEvent.setup();
    render(<Harness onSearch={onSearch} />);
    const box = screen.getByRole('searchbox', { name: 'Search tickets' });
    await user.type(box, ' status:open {Enter}');
    expect(onSearch).toHaveBeenCalledWith('status:open', 'submit');
    await user.keyboard('{Escape}');
    expect(onSearch).toHaveBeenLastCalledWith('', 'submit');
    expect(box).toHaveValue('');
    // The typing before Enter never searches on its own.
    await new Promise((r) => setTimeout(r, searchDelayMs + 50));
    expect(onSearch).toHaveBeenCalledTimes(2);
  });

  it('follows the search it is given', () => {
    const { rerender } = render(<SearchBox value="a" onSearch={vi.fn()} error={null} helpOpen={false} onHelpChange={vi.fn()} />);
    expect(screen.getByRole('searchbox')).toHaveValue('a');
    rerender(<SearchBox value="a status:pending" onSearch={vi.fn()} error={null} helpOpen={false} onHelpChange={vi.fn()} />);
    expect(screen.getByRole('searchbox')).toHaveValue('a status:pending');
  });

  it('explains a bad search under the box and goes to the problem', async () => {
    const q = 'printer stauts:open';
    const user = userEvent.setup();
    render(<Harness onSearch={vi.fn()} initial={q} error={parseErrorOf(q, 'at 8: unknown field "stauts"; use one of status, priority')} />);
    const box = screen.getByRole('searchbox', { name: 'Search tickets' });
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(box).toHaveAccessibleDescription(/Unknown field "stauts"; use one of status, priority\. \(at character 9\)/);
    const mark = document.querySelector('.search-error-mark');
    expect(mark?.textContent).toBe('stauts:open');
    await user.click(screen.getByRole('button', { name: 'Go to the problem' }));
    expect(box).toHaveFocus();
    expect([(box as HTMLInputElement).selectionStart, (box as HTMLInputElement).selectionEnd]).toEqual([8, 19]);
  });

  it('opens the syntax help, runs an example and closes on Escape', async () => {
    const onSearch = vi.fn();
    const user = userEvent.setup();
    render(<Harness onSearch={onSearch} />);
    const toggle = screen.getByRole('button', { name: 'Syntax' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const help = await screen.findByRole('region', { name: 'Search syntax' });
    expect(help).toHaveTextContent('assignee:');
    expect(help).toHaveTextContent('created:2026-01..2026-03');
    await user.click(screen.getByRole('button', { name: 'Search for -tag:spam' }));
    expect(onSearch).toHaveBeenLastCalledWith('-tag:spam', 'submit');
    expect(screen.getByRole('searchbox')).toHaveValue('-tag:spam');
    await user.click(screen.getByRole('button', { name: 'Search for updated<7d' }));
    // Escape in the box closes the help first, keeping the search.
    expect(screen.getByRole('searchbox')).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Search syntax' })).not.toBeInTheDocument();
    expect(screen.getByRole('searchbox')).toHaveValue('updated<7d');
    // Escape in the help closes it and goes back to its button.
    await user.click(toggle);
    expect(await screen.findByRole('region', { name: 'Search syntax' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Search syntax' })).not.toBeInTheDocument();
    expect(toggle).toHaveFocus();
  });

  it('drops a waiting search when the search changes elsewhere', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const onSearch = vi.fn();
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      const props = { onSearch, error: null, helpOpen: false, onHelpChange: vi.fn() };
      const { rerender } = render(<SearchBox value="" {...props} />);
      await user.type(screen.getByRole('searchbox'), 'abc');
      // A saved view is opened before the pause is over.
      rerender(<SearchBox value="status:open" {...props} />);
      await act(() => vi.advanceTimersByTimeAsync(searchDelayMs + 10));
      expect(onSearch).not.toHaveBeenCalled();
      expect(screen.getByRole('searchbox')).toHaveValue('status:open');
    } finally {
      vi.useRealTimers();
    }
  });
});
