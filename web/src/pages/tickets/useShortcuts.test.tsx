import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { isTyping, useShortcuts, type Shortcuts } from './useShortcuts';

function Harness({ shortcuts, enabled }: { shortcuts: Shortcuts; enabled?: boolean }) {
  useShortcuts(shortcuts, enabled);
  return (
    <div>
      <input aria-label="Text" />
      <textarea aria-label="Area" />
      <select aria-label="Pick">
        <option>a</option>
      </select>
      <input type="checkbox" aria-label="Check" />
      <button type="button">Button</button>
    </div>
  );
}

describe('useShortcuts', () => {
  it('runs the handler for a key pressed on the page', async () => {
    const j = vi.fn();
    const help = vi.fn();
    render(<Harness shortcuts={{ j, '?': help }} />);
    await userEvent.keyboard('j');
    await userEvent.keyboard('?');
    expect(j).toHaveBeenCalledTimes(1);
    expect(help).toHaveBeenCalledTimes(1);
  });

  it('does nothing while typing in a field', async () => {
    const j = vi.fn();
    const user = userEvent.setup();
    render(<Harness shortcuts={{ j }} />);
    await user.type(screen.getByLabelText('Text'), 'j');
    await user.type(screen.getByLabelText('Area'), 'j');
    fireEvent.keyDown(screen.getByLabelText('Pick'), { key: 'j' });
    expect(j).not.toHaveBeenCalled();
    // A checkbox is not for typing: shortcuts still work there.
    screen.getByLabelText('Check').focus();
    await user.keyboard('j');
    expect(j).toHaveBeenCalledTimes(1);
  });

  it('ignores keys with Ctrl, Alt or Meta', () => {
    const r = vi.fn();
    render(<Harness shortcuts={{ r }} />);
    fireEvent.keyDown(document.body, { key: 'r', ctrlKey: true });
    fireEvent.keyDown(document.body, { key: 'r', metaKey: true });
    fireEvent.keyDown(document.body, { key: 'r', altKey: true });
    expect(r).not.toHaveBeenCalled();
    fireEvent.keyDown(document.body, { key: 'r' });
    expect(r).toHaveBeenCalledTimes(1);
  });

  it('is off while disabled or while a modal dialog is open', () => {
    const j = vi.fn();
    const { rerender } = render(<Harness shortcuts={{ j }} enabled={false} />);
    fireEvent.keyDown(document.body, { key: 'j' });
    expect(j).not.toHaveBeenCalled();
    rerender(
      <>
        <Harness shortcuts={{ j }} />
        <div role="dialog" aria-modal="true" />
      </>,
    );
    fireEvent.keyDown(document.body, { key: 'j' });
    expect(j).not.toHaveBeenCalled();
  });

  it('isTyping tells text fields from other controls', () => {
    const text = document.createElement('input');
    const box = document.createElement('input');
    box.type = 'checkbox';
    const editable = document.createElement('div');
    editable.contentEditable = 'true';
    document.body.append(editable);
    expect(isTyping(text)).toBe(true);
    expect(isTyping(box)).toBe(false);
    expect(isTyping(document.createElement('textarea'))).toBe(true);
    expect(isTyping(document.createElement('button'))).toBe(false);
    expect(isTyping(null)).toBe(false);
    editable.remove();
  });
});
