import { Link } from 'react-router';
import type { Ticket } from '@/api/types';
import { DateTime } from '@/ui/DateTime';
import { ErrorState, LoadingState } from '@/ui/states';
import { useRequesterTickets, useUser } from './queries';
import { RelativeTime } from './RelativeTime';
import { StatusBadge } from './TicketBadges';

// RequesterPanel shows who asked, and what else they asked lately.
export function RequesterPanel({ ticket }: { ticket: Ticket }) {
  const requester = ticket.requester;
  const user = useUser(requester.id);
  const others = useRequesterTickets(requester.id);
  const list = (others.data?.items ?? []).filter((t) => t.id !== ticket.id).slice(0, 5);

  return (
    <section className="ticket-panel" aria-labelledby="ticket-requester-title">
      <h2 id="ticket-requester-title" className="ticket-panel-title">
        Requester
      </h2>
      <dl className="ticket-requester">
        <div>
          <dt>Name</dt>
          <dd>{requester.name}</dd>
        </div>
        {requester.email && (
          <div>
            <dt>Email</dt>
            <dd>
              <a href={`mailto:${requester.email}`}>{requester.email}</a>
            </dd>
          </div>
        )}
        {user.data && (
          <>
            <div>
              <dt>Time zone</dt>
              <dd>{user.data.time_zone || 'Not set'}</dd>
            </div>
            <div>
              <dt>Joined</dt>
              <dd>
                <DateTime value={user.data.created_at} />
              </dd>
            </div>
            {!user.data.active && (
              <div>
                <dt>Account</dt>
                <dd>Deactivated</dd>
              </div>
            )}
          </>
        )}
      </dl>
      <h3 className="ticket-panel-subtitle">Other tickets</h3>
      {others.isPending ? (
        <LoadingState label="Loading their other tickets" />
      ) : others.isError ? (
        <ErrorState title="Their other tickets could not be loaded" error={others.error} onRetry={() => void others.refetch()} />
      ) : list.length === 0 ? (
        <p className="ticket-muted">This is their only ticket.</p>
      ) : (
        <ul className="ticket-others">
          {list.map((t) => (
            <li key={t.id}>
              <Link to={`/tickets/${t.id}`}>
                #{t.id} {t.subject}
              </Link>
              <span className="ticket-others-meta">
                <StatusBadge status={t.status} /> · updated <RelativeTime value={t.updated_at} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
