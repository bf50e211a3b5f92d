import { useCallback, useMemo, useRef, useState } from 'react';

export interface Selection {
  // selected are the chosen ids among ids, in list order.
  selected: number[];
  isSelected: (id: number) => boolean;
  // toggle sets one id; with range, every id from the last toggled one to
  // this one takes the same state (shift-click).
  toggle: (id: number, checked: boolean, range?: boolean) => void;
  setAll: (checked: boolean) => void;
  // keep leaves only these ids selected.
  keep: (ids: number[]) => void;
  clear: () => void;
}

// useSelection is the list's multi-select. It belongs to one list (scope,
// e.g. the filters' query string): a new scope starts empty. Ids that left
// the list never count as selected.
export function useSelection(scope: string, ids: number[]): Selection {
  const [state, setState] = useState<{ scope: string; ids: Set<number> }>({ scope, ids: new Set() });
  const anchor = useRef<number | null>(null);
  const chosen = useMemo(() => (state.scope === scope ? state.ids : new Set<number>()), [state, scope]);
  const selected = useMemo(() => ids.filter((id) => chosen.has(id)), [ids, chosen]);

  const update = useCallback(
    (fn: (s: Set<number>) => void) => {
      setState((prev) => {
        const next = new Set(prev.scope === scope ? prev.ids : []);
        fn(next);
        return { scope, ids: next };
      });
    },
    [scope],
  );

  const toggle = useCallback(
    (id: number, checked: boolean, range = false) => {
      const from = anchor.current === null ? -1 : ids.indexOf(anchor.current);
      const to = ids.indexOf(id);
      update((s) => {
        if (range && from >= 0 && to >= 0) {
          const [lo, hi] = from < to ? [from, to] : [to, from];
          for (const x of ids.slice(lo, hi + 1)) {
            if (checked) s.add(x);
            else s.delete(x);
          }
        } else if (checked) s.add(id);
        else s.delete(id);
      });
      anchor.current = id;
    },
    [ids, update],
  );

  const setAll = useCallback(
    (checked: boolean) => {
      update((s) => {
        for (const id of ids) {
          if (checked) s.add(id);
          else s.delete(id);
        }
      });
    },
    [ids, update],
  );

  const keep = useCallback(
    (keepIds: number[]) => {
      update((s) => {
        const k = new Set(keepIds);
        for (const id of [...s]) if (!k.has(id)) s.delete(id);
      });
    },
    [update],
  );

  const clear = useCallback(() => {
    update((s) => s.clear());
    anchor.current = null;
  }, [update]);

  const isSelected = useCallback((id: number) => chosen.has(id), [chosen]);

  return { selected, isSelected, toggle, setAll, keep, clear };
}
