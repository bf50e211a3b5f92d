import { createContext, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import type { LiveClientMessage, LiveFrame, LiveStatus } from './connection';

export type LiveListener = (frame: LiveFrame) => void;

// Live is what pages use of the live connection.
export interface Live {
  // subscribe calls fn with every frame; it returns the unsubscribe.
  subscribe: (fn: LiveListener) => () => void;
  // send queues a message when connected and reports whether it did.
  send: (msg: LiveClientMessage) => boolean;
  status: () => LiveStatus;
  // onStatus calls fn when the status changes; it returns the unsubscribe.
  onStatus: (fn: () => void) => () => void;
}

// offline stands in outside LiveProvider (public pages, tests of one
// component): nothing arrives and nothing is sent.
const offline: Live = {
  subscribe: () => () => {},
  send: () => false,
  status: () => 'stopped',
  onStatus: () => () => {},
};

export const LiveContext = createContext<Live>(offline);

// useLive is the live connection.
export function useLive(): Live {
  return useContext(LiveContext);
}

// useLiveEvent calls handler with every frame the server sends. The
// handler may change on every render; the subscription stays.
export function useLiveEvent(handler: LiveListener): void {
  const live = useLive();
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => live.subscribe((f) => ref.current(f)), [live]);
}

// useLiveStatus is the connection's status, re-rendering as it changes.
export function useLiveStatus(): LiveStatus {
  const live = useLive();
  return useSyncExternalStore(live.onStatus, live.status, live.status);
}
