import { Link } from 'react-router';
import type { User } from '@/api/types';
import { Button } from '@/ui/Button';
import { FormAlert } from '@/ui/FormAlert';
import { EmptyState, ErrorState, LoadingState } from '@/ui/states';
import { RelativeTime } from '@/pages/tickets/RelativeTime';
import { describeNotification } from './describe';
import { useMarkAllRead, useMarkRead, useNotifications, type Notification } from './queries';

export interface NotificationPanelProps {
  user: User;
  // onClose closes the panel, e.g. after following a notification.
  onClose: () => void;
}

function ticketPath(user: User, n: Notification): string {
  return user.role === 'customer' ? `/portal/tickets/${n.ticket_id}` : `/tickets/${n.ticket_id}`;
}

// NotificationPanel lists the user's notifications, newest first. Unread
// ones say so in words and in bold; following one marks it read.
export default function NotificationPanel({ user, onClose }: NotificationPanelProps) {
  const list = useNotifications();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const anyUnread = items.some((n) => !n.read_at);

  return (
    <>
      <div className="bell-panel-header">
        <h2 className="bell-panel-title">Notifications</h2>
        {anyUnread && (
          <Button variant="ghost" onClick={() => markAll.mutate()} busy={markAll.isPending} busyLabel="Marking…">
            Mark all read
          </Button>
        )}
      </div>
      <FormAlert error={markAll.error} title="Notifications were not marked read" />
      {list.isPending && <LoadingState label="Loading notifications" />}
      {list.isError && !list.data && <ErrorState error={list.error} title="Notifications could not be loaded" onRetry={() => void list.refetch()} />}
      {list.data && items.length === 0 && (
        <EmptyState title="No notifications yet">
          <p>{user.role === 'customer' ? 'Replies to your tickets show on the tickets themselves.' : 'Assignments, customer replies and @mentions appear here.'}</p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul className="bell-list" aria-label="Notifications">
          {items.map((n) => (
            <li key={n.id} className={n.read_at ? 'bell-item' : 'bell-item bell-item-unread'}>
              <Link
                to={ticketPath(user, n)}
                className="bell-link"
                onClick={() => {
                  if (!n.read_at) markRead.mutate(n.id);
                  onClose();
                }}
              >
                {!n.read_at && <span className="badge badge-accent bell-new">Unread</span>}
                <span className="bell-text">{describeNotification(n)}</span>
                <span className="bell-time">
                  <RelativeTime value={n.created_at} />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {list.isFetchNextPageError && <FormAlert error={list.error} title="More notifications could not be loaded" />}
      {list.hasNextPage && (
        <div className="bell-more">
          <Button onClick={() => void list.fetchNextPage()} busy={list.isFetchingNextPage} busyLabel="Loading…">
            Load more
          </Button>
        </div>
      )}
    </>
  );
}
