import { useEffect, useRef } from 'react';

// A Shortcuts map is key -> handler, keyed by KeyboardEvent.key ("j", "?",
// "Enter", "Escape").
export type Shortcuts = Record<string, (e: KeyboardEvent) => void>;

const typingInputs = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'datetime-local', 'month', 'time', 'week']);

// isTyping reports whether a key press goes into something the person is
// typing in, where single-letter shortcuts must not fire.
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return typingInputs.has(target.type);
  return false;
}

// useShortcuts runs handlers for single keys pressed anywhere on the page,
// except while typing, with Ctrl/Alt/Meta held, or while a modal dialog is
// open (the dialog handles its own keys).
export function useShortcuts(shortcuts: Shortcuts, enabled = true) {
  const ref = useRef(shortcuts);
  useEffect(() => {
    ref.current = shortcuts;
  });
  useEffect(() => {
    if (!enabled) return;
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (isTyping(e.target)) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      const handler = ref.current[e.key];
      if (!handler) return;
      handler(e);
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}
