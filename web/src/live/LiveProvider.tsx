import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { queryKeys } from '@/api/keys';
import type { User } from '@/api/types';
import { fetchMe } from '@/auth/useMe';
import { LiveConnection, liveUrl, type LiveClientMessage, type LiveFrame, type LiveStatus } from './connection';
import { LiveContext, type Live, type LiveListener } from './hooks';
import { everything, LiveInvalidator } from './invalidate';

// LiveHub is the Live a provider hands out: stable for the provider's
// life, forwarding to whichever connection is current.
class LiveHub implements Live {
  private conn: LiveConnection | null = null;
  private listeners = new Set<LiveListener>();
  private statusListeners = new Set<() => void>();
  private current: LiveStatus = 'stopped';

  subscribe = (fn: LiveListener) => {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  };
  send = (msg: LiveClientMessage) => this.conn?.send(msg) ?? false;
  status = () => this.current;
  onStatus = (fn: () => void) => {
    this.statusListeners.add(fn);
    return () => void this.statusListeners.delete(fn);
  };
  // use makes conn the connection sends go through (null: none).
  use(conn: LiveConnection | null) {
    this.conn = conn;
  }
  emit(frame: LiveFrame) {
    for (const l of [...this.listeners]) {
      try {
        l(frame);
      } catch (err) {
        // One broken listener must not starve the others.
        console.error(err);
      }
    }
  }
  setStatus = (s: LiveStatus) => {
    this.current = s;
    for (const l of [...this.statusListeners]) l();
  };
}

export interface LiveProviderProps {
  me: User;
  children: ReactNode;
  // url overrides the websocket address (tests).
  url?: string;
}

// LiveProvider keeps one websocket per signed-in tab, refetches what live
// frames make stale, and tells pages what arrives (useLiveEvent). The top
// bar's LiveStatusNote says when live updates are paused. A 4001 close
// (signed out elsewhere, deactivated) signs this tab out too.
export function LiveProvider({ me, children, url }: LiveProviderProps) {
  const qc = useQueryClient();
  const [hub] = useState(() => new LiveHub());

  useEffect(() => {
    const invalidator = new LiveInvalidator(qc);
    const conn: LiveConnection = new LiveConnection({
      url: url ?? liveUrl(),
      onFrame: (frame) => {
        if (frame.type === 'hello') {
          const hello = frame.data as { role?: unknown } | undefined;
          if (hello?.role !== undefined && hello.role !== me.role) void qc.invalidateQueries({ queryKey: queryKeys.me });
          // Events may have been missed while away.
          if (conn.opens > 1) invalidator.add(everything);
        } else {
          invalidator.handle(frame);
        }
        hub.emit(frame);
      },
      onStatus: hub.setStatus,
      onEnded: () => qc.setQueryData(queryKeys.me, null),
      // GET /me renews an expired access cookie (or finds the session gone).
      beforeReconnect: () => qc.fetchQuery({ queryKey: queryKeys.me, queryFn: fetchMe, staleTime: 0 }),
    });
    hub.use(conn);
    conn.start();
    const online = () => conn.reconnectNow();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      conn.stop();
      invalidator.dispose();
      hub.use(null);
    };
  }, [qc, hub, url, me.role]);

  return (
    <LiveContext.Provider value={hub}>
      {children}
    </LiveContext.Provider>
  );
}
