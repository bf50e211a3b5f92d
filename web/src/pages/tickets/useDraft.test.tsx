import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { draftKey, useDraft } from './useDraft';

afterEach(() => localStorage.clear());

describe('useDraft', () => {
  const key = draftKey(1, 7, 'public');

  it('names drafts by user, ticket and mode', () => {
    expect(key).toBe('triage:draft:u1:t7:public');
    expect(draftKey(1, 7, 'note')).not.toBe(key);
  });

  it('saves as it is typed and restores on the next mount', () => {
    const first = renderHook(() => useDraft(key));
    expect(first.result.current.value).toBe('');
    expect(first.result.current.restored).toBe(false);
    act(() => first.result.current.set('Hello there'));
    expect(first.result.current.savedAt).not.toBeNull();
    expect(JSON.parse(localStorage.getItem(key) ?? '{}')).toMatchObject({ body: 'Hello there' });
    first.unmount();

    const again = renderHook(() => useDraft(key));
    expect(again.result.current.value).toBe('Hello there');
    expect(again.result.current.restored).toBe(true);
  });

  it('forgets an emptied box', () => {
    const { result } = renderHook(() => useDraft(key));
    act(() => result.current.set('x'));
    act(() => result.current.set(''));
    expect(localStorage.getItem(key)).toBeNull();
  });

  it('empty keeps the saved draft until clear', () => {
    const { result } = renderHook(() => useDraft(key));
    act(() => result.current.set('Sending this'));
    act(() => result.current.empty());
    expect(result.current.value).toBe('');
    expect(localStorage.getItem(key)).not.toBeNull();
    act(() => result.current.clear('Sending this'));
    expect(localStorage.getItem(key)).toBeNull();
  });

  it('clear(body) keeps a newer draft typed meanwhile', () => {
    const { result } = renderHook(() => useDraft(key));
    act(() => result.current.set('first'));
    act(() => result.current.empty());
    act(() => result.current.set('second'));
    act(() => result.current.clear('first'));
    expect(result.current.value).toBe('second');
    expect(JSON.parse(localStorage.getItem(key) ?? '{}')).toMatchObject({ body: 'second' });
  });

  it('restore puts unsent text back ahead of newer text', () => {
    const { result } = renderHook(() => useDraft(key));
    act(() => result.current.set('lost?'));
    act(() => result.current.empty());
    act(() => result.current.set('more'));
    act(() => result.current.restore('lost?'));
    expect(result.current.value).toBe('lost?\n\nmore');
    act(() => result.current.set(''));
    act(() => result.current.restore('only'));
    expect(result.current.value).toBe('only');
  });

  it('ignores a garbled stored draft', () => {
    localStorage.setItem(key, '{not json');
    const { result } = renderHook(() => useDraft(key));
    expect(result.current.value).toBe('');
  });
});
