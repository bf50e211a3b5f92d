import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveClientMessage, LiveFrame } from '@/live/connection';
import { LiveContext, type Live, type LiveListener } from '@/live/hooks';
import { presenceRefreshMs, presenceTtlMs, replyingDelayMs, usePresence } from './usePresence';

// stubLive is an open connection the test drives by hand.
function stubLive() {
  const sent: LiveClientMessage[] = [];
  const listeners = new Set<LiveListener>();
  const live: Live = {
    subscribe: (fn) => {
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
    send: (m) => {
      sent.push(m);
      return true;
    },
    status: () => 'open',
    onStatus: () => () => {},
  };
  const emit = (f: LiveFrame) => act(() => listeners.forEach((l) => l(f)));
  const presence = (user_id: number, name: string, state: string, ticket_id = 7) =>
    emit({ type: 'presence', ticket_id, data: { ticket_id, user_id, name, state } });
  const wrapper = ({ children }: { children: ReactNode }) => <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
  return { live, sent, emit, presence, wrapper };
}

describe('usePresence', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('says we are viewing on open, refreshes every 25 s and leaves on unmount', () => {
    const s = stubLive();
    const { unmount } = renderHook(() => usePresence(7, 1, false), { wrapper: s.wrapper });
    expect(s.sent).toEqual([{ type: 'presence', ticket_id: 7, state: 'viewing' }]);
    act(() => vi.advanceTimersByTime(presenceRefreshMs));
    expect(s.sent).toHaveLength(2);
    unmount();
    expect(s.sent.at(-1)).toEqual({ type: 'presence', ticket_id: 7, state: 'left' });
  });

  it('says replying once it lasts a moment, and viewing again after', () => {
    const s = stubLive();
    const { rerender } = renderHook(({ replying }) => usePresence(7, 1, replying), { wrapper: s.wrapper, initialProps: { replying: false } });
    rerender({ replying: true });
    act(() => vi.advanceTimersByTime(replyingDelayMs - 1));
    expect(s.sent).toHaveLength(1);
    act(() => vi.advanceTimersByTime(1));
    expect(s.sent.at(-1)).toEqual({ type: 'presence', ticket_id: 7, state: 'replying' });
    // A blink of focus elsewhere says nothing.
    rerender({ replying: false });
    act(() => vi.advanceTimersByTime(100));
    rerender({ replying: true });
    act(() => vi.advanceTimersByTime(replyingDelayMs * 2));
    expect(s.sent).toHaveLength(2);
    rerender({ replying: false });
    act(() => vi.advanceTimersByTime(replyingDelayMs));
    expect(s.sent.at(-1)).toEqual({ type: 'presence', ticket_id: 7, state: 'viewing' });
  });

  it('lists other staff on this ticket, replying first, never ourselves', () => {
    const s = stubLive();
    const { result } = renderHook(() => usePresence(7, 1, false), { wrapper: s.wrapper });
    s.presence(1, 'Me Myself', 'viewing');
    s.presence(3, 'Sam', 'viewing');
    s.presence(2, 'Alex', 'replying');
    s.presence(4, 'Other ticket', 'viewing', 8);
    expect(result.current.map((p) => `${p.name}:${p.state}`)).toEqual(['Alex:replying', 'Sam:viewing']);
    s.presence(2, 'Alex', 'left');
    expect(result.current.map((p) => p.name)).toEqual(['Sam']);
  });

  it('tells a newcomer we are here at once', () => {
    const s = stubLive();
    renderHook(() => usePresence(7, 1, false), { wrapper: s.wrapper });
    s.presence(3, 'Sam', 'viewing');
    expect(s.sent).toHaveLength(2);
    s.presence(3, 'Sam', 'replying');
    expect(s.sent).toHaveLength(2);
  });

  it('forgets someone not heard from for 60 s', () => {
    const s = stubLive();
    const { result } = renderHook(() => usePresence(7, 1, false), { wrapper: s.wrapper });
    s.presence(3, 'Sam', 'viewing');
    act(() => vi.advanceTimersByTime(presenceTtlMs - 10_000));
    s.presence(2, 'Alex', 'viewing');
    act(() => vi.advanceTimersByTime(15_000));
    expect(result.current.map((p) => p.name)).toEqual(['Alex']);
  });

  it('says where we are again after a reconnect', () => {
    const s = stubLive();
    renderHook(() => usePresence(7, 1, false), { wrapper: s.wrapper });
    s.emit({ type: 'hello', data: { user_id: 1, role: 'agent' } });
    expect(s.sent).toEqual([
      { type: 'presence', ticket_id: 7, state: 'viewing' },
      { type: 'presence', ticket_id: 7, state: 'viewing' },
    ]);
  });

  it('shares nothing until the ticket is known', () => {
    const s = stubLive();
    const { unmount } = renderHook(() => usePresence(0, 1, false), { wrapper: s.wrapper });
    unmount();
    expect(s.sent).toEqual([]);
  });
});
