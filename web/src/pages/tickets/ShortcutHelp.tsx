import { useEffect, useId, useRef, type KeyboardEvent } from 'react';

export interface ShortcutInfo {
  keys: string[];
  does: string;
}

export const listShortcuts: ShortcutInfo[] = [
  { keys: ['j'], does: 'Next ticket' },
  { keys: ['k'], does: 'Previous ticket' },
  { keys: ['Enter'], does: 'Open the selected ticket' },
  { keys: ['x'], does: 'Select or unselect the ticket for bulk actions' },
  { keys: ['/'], does: 'Search' },
  { keys: ['?'], does: 'Show this help' },
  { keys: ['Esc'], does: 'Close this help' },
];

export const ticketShortcuts: ShortcutInfo[] = [
  { keys: ['r'], does: 'Write a public reply' },
  { keys: ['n'], does: 'Write an internal note' },
  { keys: ['Ctrl', 'Enter'], does: 'Send, while in the reply box' },
  { keys: ['?'], does: 'Show this help' },
  { keys: ['Esc'], does: 'Close this help' },
];

export interface ShortcutHelpProps {
  open: boolean;
  onClose: () => void;
  shortcuts: ShortcutInfo[];
  // action is a second button beside Close, e.g. one opening the search
  // syntax help.
  action?: { label: string; onClick: () => void };
}

// ShortcutHelp is a modal dialog listing the page's keyboard shortcuts.
// It takes focus when it opens, keeps Tab inside, closes on Esc or a click
// outside, and gives focus back to where it was.
export function ShortcutHelp({ open, onClose, shortcuts, action }: ShortcutHelpProps) {
  const titleId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => before?.focus();
  }, [open]);

  if (!open) return null;

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
      return;
    }
    if (e.key === 'Tab') {
      // Tab and Shift+Tab go round the dialog's buttons.
      e.preventDefault();
      const buttons = [...(dialogRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
      const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
      const next = buttons[(at + (e.shiftKey ? -1 : 1) + buttons.length) % buttons.length];
      next?.focus();
    }
  }

  return (
    <div className="shortcut-backdrop" onClick={onClose}>
      <div
        ref={dialogRef}
        className="shortcut-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={onKeyDown}
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id={titleId}>Keyboard shortcuts</h2>
        <p className="shortcut-note">Shortcuts do nothing while you are typing in a field.</p>
        <dl className="shortcut-list">
          {shortcuts.map((s) => (
            <div key={s.keys.join('+')} className="shortcut-row">
              <dt>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' + '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </dt>
              <dd>{s.does}</dd>
            </div>
          ))}
        </dl>
        <div className="form-actions">
          <button ref={closeRef} type="button" className="btn btn-primary" onClick={onClose}>
            Close
          </button>
          {action && (
            <button type="button" className="btn btn-secondary" onClick={action.onClick}>
              {action.label}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
