import { useCallback, useEffect, useRef, useState } from 'react';
import type { components } from '@/api/schema.gen';
import { useLive, useLiveEvent } from '@/live/hooks';

type LivePresence = components['schemas']['LivePresence'];

export type PresenceState = 'viewing' | 'replying';

export interface PresentUser {
  userId: number;
  name: string;
  state: PresenceState;
  // seen is when their state last arrived (ms since epoch).
  seen: number;
}

// Presence is kept alive by re-sending it: ours every 25 s; someone not
// heard from for 60 s is taken to have left (a closed laptop says nothing).
export const presenceRefreshMs = 25_000;
export const presenceTtlMs = 60_000;
// replyingDelayMs lets focus hop around before "replying" is announced.
export const replyingDelayMs = 600;
// greetGapMs spaces the extra presence sent when someone new appears.
const greetGapMs = 2_000;

// usePresence shares the signed-in agent's presence on ticket ticketId
// (viewing, or replying while replying is true) and returns the other
// staff present there, replying ones first. It sends "left" when the page
// closes or moves to another ticket.
export function usePresence(ticketId: number, meId: number, replying: boolean): PresentUser[] {
  const live = useLive();
  const [others, setOthers] = useState<Map<number, PresentUser>>(() => new Map());
  const mine = useRef<PresenceState>(replying ? 'replying' : 'viewing');
  const known = useRef(others);
  const lastGreet = useRef(0);

  useEffect(() => {
    known.current = others;
  }, [others]);

  const sendMine = useCallback(() => {
    if (ticketId > 0) live.send({ type: 'presence', ticket_id: ticketId, state: mine.current });
  }, [live, ticketId]);

  // Arrive, keep our presence fresh, and leave.
  useEffect(() => {
    if (ticketId <= 0) return;
    sendMine();
    const refresh = setInterval(sendMine, presenceRefreshMs);
    const expire = setInterval(() => {
      const cutoff = Date.now() - presenceTtlMs;
      setOthers((prev) => {
        if (![...prev.values()].some((p) => p.seen < cutoff)) return prev;
        return new Map([...prev].filter(([, p]) => p.seen >= cutoff));
      });
    }, 5_000);
    return () => {
      clearInterval(refresh);
      clearInterval(expire);
      live.send({ type: 'presence', ticket_id: ticketId, state: 'left' });
      setOthers(new Map());
    };
  }, [live, ticketId, sendMine]);

  // Say "replying" once it has lasted a moment, and "viewing" again after.
  useEffect(() => {
    const next: PresenceState = replying ? 'replying' : 'viewing';
    if (next === mine.current) return;
    const t = setTimeout(() => {
      mine.current = next;
      sendMine();
    }, replyingDelayMs);
    return () => clearTimeout(t);
  }, [replying, sendMine]);

  useLiveEvent((frame) => {
    // (Re)connected: the server forgot us.
    if (frame.type === 'hello') {
      sendMine();
      return;
    }
    if (frame.type !== 'presence') return;
    const p = frame.data as LivePresence | undefined;
    if (!p || p.ticket_id !== ticketId || p.user_id === meId) return;
    if (p.state === 'left') {
      setOthers((prev) => {
        if (!prev.has(p.user_id)) return prev;
        const next = new Map(prev);
        next.delete(p.user_id);
        return next;
      });
      return;
    }
    // Someone new does not know we are here yet: tell them now rather
    // than at our next refresh.
    if (!known.current.has(p.user_id) && Date.now() - lastGreet.current > greetGapMs) {
      lastGreet.current = Date.now();
      sendMine();
    }
    setOthers((prev) => new Map(prev).set(p.user_id, { userId: p.user_id, name: p.name, state: p.state as PresenceState, seen: Date.now() }));
  });

  return [...others.values()].sort((a, b) => (a.state === b.state ? a.name.localeCompare(b.name) : a.state === 'replying' ? -1 : 1));
}
