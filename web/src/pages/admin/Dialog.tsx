import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import './admin.css';

const focusable = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

const bodyFocusable = focusable
  .split(', ')
  .map((s) => `.dialog-body ${s}`)
  .join(', ');

export interface DialogProps {
  title: string;
  // onClose runs on Escape, the close button, or a click on the backdrop.
  onClose: () => void;
  children: ReactNode;
  // initialFocus names the element focused on opening (a CSS selector
  // inside the dialog); the first focusable element otherwise.
  initialFocus?: string;
}

// Dialog is a modal <dialog>: mount it to open it, unmount it to close it.
// It moves focus inside on opening, keeps Tab within it, closes on Escape
// and gives focus back to whatever had it before.
export function Dialog({ title, onClose, children, initialFocus }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (typeof d.showModal === 'function') {
      if (!d.open) d.showModal();
    } else {
      d.setAttribute('open', '');
    }
    const first = (initialFocus && d.querySelector<HTMLElement>(initialFocus)) || d.querySelector<HTMLElement>(bodyFocusable) || d.querySelector<HTMLElement>(focusable);
    first?.focus();
    // The browser's own Escape handling fires "cancel": let the owner decide.
    const cancel = (e: Event) => {
      e.preventDefault();
      onCloseRef.current();
    };
    d.addEventListener('cancel', cancel);
    return () => {
      d.removeEventListener('cancel', cancel);
      if (typeof d.close === 'function' && d.open) d.close();
      if (opener && opener.isConnected) opener.focus();
    };
    // Opening happens once per mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function onKeyDown(e: KeyboardEvent<HTMLDialogElement>) {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = [...(ref.current?.querySelectorAll<HTMLElement>(focusable) ?? [])];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-modal="true"
      onKeyDown={onKeyDown}
      onClick={(e) => {
        // A click on the backdrop lands on the <dialog> itself.
        if (e.target === ref.current) onClose();
      }}
    >
      <div className="dialog-inner">
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="btn btn-ghost dialog-close" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="dialog-body">{children}</div>
      </div>
    </dialog>
  );
}
