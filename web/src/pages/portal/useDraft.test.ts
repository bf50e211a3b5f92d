import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { draftPrefix, useDraft } from './useDraft';

afterEach(() => window.localStorage.clear());

describe('useDraft', () => {
  it('saves every change and reads it back on the next mount', () => {
    const first = renderHook(() => useDraft('reply:1:7', ''));
    act(() => first.result.current.set('Half a reply'));
    expect(first.result.current.value).toBe('Half a reply');
    expect(window.localStorage.getItem(`${draftPrefix}reply:1:7`)).toBe('"Half a reply"');
    first.unmount();

    const second = renderHook(() => useDraft('reply:1:7', ''));
    expect(second.result.current.value).toBe('Half a reply');
  });

  it('forgets the draft when cleared or emptied', () => {
    const { result } = renderHook(() => useDraft('reply:1:8', ''));
    act(() => result.current.set('text'));
    act(() => result.current.clear());
    expect(result.current.value).toBe('');
    expect(window.localStorage.getItem(`${draftPrefix}reply:1:8`)).toBeNull();
    act(() => result.current.set('again'));
    act(() => result.current.set('   '));
    expect(window.localStorage.getItem(`${draftPrefix}reply:1:8`)).toBeNull();
  });

  it('merges a saved object into the initial value and ignores junk', () => {
    window.localStorage.setItem(`${draftPrefix}obj`, JSON.stringify({ subject: 'Saved' }));
    window.localStorage.setItem(`${draftPrefix}junk`, '{not json');
    const obj = renderHook(() => useDraft('obj', { subject: '', body: '' }));
    expect(obj.result.current.value).toEqual({ subject: 'Saved', body: '' });
    const junk = renderHook(() => useDraft('junk', 'fallback'));
    expect(junk.result.current.value).toBe('fallback');
  });

  it('switches to the other draft when the key changes', () => {
    window.localStorage.setItem(`${draftPrefix}a`, '"draft A"');
    window.localStorage.setItem(`${draftPrefix}b`, '"draft B"');
    const { result, rerender } = renderHook(({ k }) => useDraft(k, ''), { initialProps: { k: 'a' } });
    expect(result.current.value).toBe('draft A');
    rerender({ k: 'b' });
    expect(result.current.value).toBe('draft B');
  });

  it('keeps working in memory when storage refuses', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new Error('QuotaExceededError');
    });
    const { result } = renderHook(() => useDraft('full', ''));
    act(() => result.current.set('still here'));
    expect(result.current.value).toBe('still here');
  });
});
