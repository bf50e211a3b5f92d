import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import type { User } from '@/api/types';
import { useLiveEvent, useLiveStatus } from '@/live/hooks';
import { LoadingState } from '@/ui/states';
import { bellLabel, describeNotification, formatUnread } from './describe';
import { addNotification, useUnreadCount, type Notification } from './queries';
import './notifications.css';

// The list downloads the first time the bell is opened.
const NotificationPanel = lazy(() => import('./NotificationPanel'));

export const toastMs = 6_000;

function BellIcon() {
  return (
    <svg className="bell-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        d="M12 3a6 6 0 0 0-6 6v3.6l-1.6 2.7A1 1 0 0 0 5.3 17h13.4a1 1 0 0 0 .9-1.7L18 12.6V9a6 6 0 0 0-6-6Zm-2.5 15.5a2.5 2.5 0 0 0 5 0"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinejoin="round"
      />
    </svg>
  );
}

// NotificationBell is the top bar's notification center: a button with
// the unread count that opens the list. Notifications arriving live are
// added to the list and count, and announced politely in a short toast.
export function NotificationBell({ user }: { user: User }) {
  const qc = useQueryClient();
  const live = useLiveStatus();
  const count = useUnreadCount(live !== 'open');
  const [open, setOpen] = useState(false);
  const [toast, setToast] = useState('');
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const unread = count.data?.count ?? 0;

  useLiveEvent((frame) => {
    if (frame.type !== 'notification.created' || !frame.data) return;
    const n = frame.data as Notification;
    addNotification(qc, n);
    if (!open) setToast(describeNotification(n));
  });

  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => setToast(''), toastMs);
    return () => clearTimeout(t);
  }, [toast]);

  useEffect(() => {
    if (!open) return;
    panel.current?.focus();
    function onKey(e: KeyboardEvent) {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    }
    function onPointer(e: PointerEvent) {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    }
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <div className="bell" ref={root}>
      <button
        ref={button}
        type="button"
        className="bell-button"
        aria-label={bellLabel(unread)}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setToast('');
          setOpen((o) => !o);
        }}
      >
        <BellIcon />
        {unread > 0 && (
          <span className="bell-badge" aria-hidden="true">
            {formatUnread(unread)}
          </span>
        )}
      </button>
      <div id={panelId} ref={panel} className="bell-panel" role="dialog" aria-label="Notifications" tabIndex={-1} hidden={!open}>
        {open && (
          <Suspense fallback={<LoadingState label="Loading notifications" />}>
            <NotificationPanel user={user} onClose={() => setOpen(false)} />
          </Suspense>
        )}
      </div>
      <p className="bell-toast" role="status">
        {toast}
      </p>
    </div>
  );
}
