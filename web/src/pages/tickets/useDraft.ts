import { useCallback, useRef, useState } from 'react';

const prefix = 'triage:draft:';

// draftKey names a draft in localStorage: one per user, ticket and mode, so
// a public reply and an internal note never overwrite each other.
export function draftKey(userId: number, ticketId: number, mode: string): string {
  return `${prefix}u${userId}:t${ticketId}:${mode}`;
}

interface Stored {
  body: string;
  saved_at: string;
}

function read(key: string): Stored | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<Stored>;
    return typeof v.body === 'string' ? { body: v.body, saved_at: typeof v.saved_at === 'string' ? v.saved_at : '' } : null;
  } catch {
    return null;
  }
}

function write(key: string, body: string): string | null {
  try {
    if (body === '') {
      localStorage.removeItem(key);
      return null;
    }
    const saved_at = new Date().toISOString();
    localStorage.setItem(key, JSON.stringify({ body, saved_at } satisfies Stored));
    return saved_at;
  } catch {
    // Storage full or disabled: the text is still in the box.
    return null;
  }
}

export interface Draft {
  value: string;
  // savedAt is when the draft was last written to storage; null when
  // there is no saved draft.
  savedAt: string | null;
  // restored reports that value came from storage when the box opened.
  restored: boolean;
  // set changes the text and saves it at once, so a crash loses nothing.
  set: (body: string) => void;
  // clear forgets the draft, if it still is body (when given): a reply
  // sent while the person went on typing does not take the new text.
  clear: (body?: string) => void;
  // empty blanks the box but keeps the saved draft, for a reply that is
  // being sent: it is forgotten only once the server has it.
  empty: () => void;
  // restore puts back text that could not be sent, ahead of anything
  // typed since, and saves it.
  restore: (body: string) => void;
}

// useDraft keeps the text of a reply box in localStorage as it is typed.
// Changing key (another ticket) needs a remount: give the component a
// React key.
export function useDraft(key: string): Draft {
  const [initial] = useState(() => read(key));
  const [value, setValue] = useState(initial?.body ?? '');
  const [savedAt, setSavedAt] = useState<string | null>(initial?.saved_at ?? null);
  // current is the text now in the box, for callbacks that outlive a render.
  const current = useRef(value);

  const set = useCallback(
    (body: string) => {
      current.current = body;
      setValue(body);
      setSavedAt(write(key, body));
    },
    [key],
  );

  const clear = useCallback(
    (body?: string) => {
      if (body !== undefined && read(key)?.body !== body) return;
      try {
        localStorage.removeItem(key);
      } catch {
        // nothing stored, nothing to clear
      }
      setSavedAt(null);
      if (body === undefined || current.current === body) {
        current.current = '';
        setValue('');
      }
    },
    [key],
  );

  const empty = useCallback(() => {
    current.current = '';
    setValue('');
  }, []);

  const restore = useCallback(
    (body: string) => {
      const now = current.current;
      set(now && now !== body ? `${body}\n\n${now}` : body);
    },
    [set],
  );

  return { value, savedAt, restored: initial !== null, set, clear, empty, restore };
}
