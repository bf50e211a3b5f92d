import { useCallback, useState } from 'react';

// Drafts are kept in localStorage under this prefix, so a reload, a crash or
// a closed tab never loses what someone was typing.
export const draftPrefix = 'triage:draft:';

function read<T>(key: string, initial: T): T {
  try {
    const raw = window.localStorage.getItem(draftPrefix + key);
    if (raw === null) return initial;
    const stored: unknown = JSON.parse(raw);
    if (typeof initial === 'string') return (typeof stored === 'string' ? stored : initial) as T;
    if (typeof initial === 'object' && initial !== null && typeof stored === 'object' && stored !== null && !Array.isArray(stored)) {
      return { ...initial, ...(stored as Partial<T>) };
    }
    return initial;
  } catch {
    return initial;
  }
}

function isEmpty(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() === '';
  if (typeof value === 'object' && value !== null) return Object.values(value).every((v) => typeof v !== 'string' || v.trim() === '');
  return value === null || value === undefined;
}

function write(key: string, value: unknown) {
  try {
    if (isEmpty(value)) window.localStorage.removeItem(draftPrefix + key);
    else window.localStorage.setItem(draftPrefix + key, JSON.stringify(value));
  } catch {
    // Storage full or disabled (private mode): the draft lives in memory only.
  }
}

export interface Draft<T> {
  value: T;
  set: (next: T) => void;
  // clear forgets the draft, e.g. once it has been sent.
  clear: () => void;
}

// useDraft is state that is saved locally on every change under key, and
// read back on the next visit. An empty draft (only blank strings) removes
// the saved copy. A different key (another ticket) starts from its own draft.
export function useDraft<T>(key: string, initial: T): Draft<T> {
  const [state, setState] = useState(() => ({ key, value: read(key, initial) }));
  let current = state;
  if (state.key !== key) {
    current = { key, value: read(key, initial) };
    setState(current);
  }
  const set = useCallback(
    (next: T) => {
      write(key, next);
      setState({ key, value: next });
    },
    [key],
  );
  const clear = useCallback(() => {
    try {
      window.localStorage.removeItem(draftPrefix + key);
    } catch {
      // nothing saved to remove
    }
    setState({ key, value: initial });
    // initial is a fresh literal on every render; the key decides identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return { value: current.value, set, clear };
}
