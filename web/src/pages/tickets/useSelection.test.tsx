import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useSelection } from './useSelection';

describe('useSelection', () => {
  const ids = [1, 2, 3, 4, 5];

  it('toggles single ids and selects all', () => {
    const { result } = renderHook(() => useSelection('a', ids));
    act(() => result.current.toggle(2, true));
    act(() => result.current.toggle(4, true));
    expect(result.current.selected).toEqual([2, 4]);
    act(() => result.current.toggle(2, false));
    expect(result.current.selected).toEqual([4]);
    act(() => result.current.setAll(true));
    expect(result.current.selected).toEqual(ids);
    act(() => result.current.setAll(false));
    expect(result.current.selected).toEqual([]);
  });

  it('selects a range with shift', () => {
    const { result } = renderHook(() => useSelection('a', ids));
    act(() => result.current.toggle(2, true));
    act(() => result.current.toggle(5, true, true));
    expect(result.current.selected).toEqual([2, 3, 4, 5]);
    act(() => result.current.toggle(3, false, true));
    expect(result.current.selected).toEqual([2]);
  });

  it('keeps only given ids, and forgets ids that left the list', () => {
    const { result, rerender } = renderHook(({ list }) => useSelection('a', list), { initialProps: { list: ids } });
    act(() => result.current.setAll(true));
    act(() => result.current.keep([1, 3]));
    expect(result.current.selected).toEqual([1, 3]);
    rerender({ list: [3, 4] });
    expect(result.current.selected).toEqual([3]);
    expect(result.current.isSelected(3)).toBe(true);
  });

  it('starts empty in a new scope', () => {
    const { result, rerender } = renderHook(({ scope }) => useSelection(scope, ids), { initialProps: { scope: 'a' } });
    act(() => result.current.toggle(1, true));
    rerender({ scope: 'b' });
    expect(result.current.selected).toEqual([]);
    act(() => result.current.toggle(2, true));
    act(() => result.current.clear());
    expect(result.current.selected).toEqual([]);
  });
});
