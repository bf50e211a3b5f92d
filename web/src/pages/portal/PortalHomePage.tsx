import { Link } from 'react-router';
import { Button } from '@/ui/Button';
import { DateTime } from '@/ui/DateTime';
import { FormAlert } from '@/ui/FormAlert';
import { PageHeader } from '@/ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/useDocumentTitle';
import { useMyTickets } from './queries';
import { StatusBadge } from './StatusBadge';
import './portal.css';

const count = (n: number) => (n === 1 ? '1 ticket' : `${n} tickets`);

// PortalHomePage lists the customer's tickets with their status, most
// recently updated first, a page at a time.
export default function PortalHomePage() {
  useDocumentTitle('My tickets');
  const tickets = useMyTickets();
  const items = tickets.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title="My tickets"
        description="Everything you have asked us, most recently updated first."
        actions={
          <Link to="/portal/tickets/new" className="btn btn-primary">
            New ticket
          </Link>
        }
      />
      {tickets.isPending && <LoadingState label="Loading your tickets" />}
      {tickets.isError && !tickets.data && (
        <ErrorState error={tickets.error} title="Your tickets could not be loaded" onRetry={() => void tickets.refetch()} />
      )}
      {tickets.data && items.length === 0 && (
        <EmptyState title="You have no tickets yet">
          <p>When you need help, open a ticket: we reply on its page and you can follow it here.</p>
          <Link to="/portal/tickets/new" className="btn btn-primary">
            Open your first ticket
          </Link>
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul className="list portal-tickets" aria-label="My tickets">
          {items.map((t) => (
            <li key={t.id} className="list-item portal-ticket">
              <div className="list-item-main">
                <p className="list-item-title">
                  <Link to={`/portal/tickets/${t.id}`} className="portal-ticket-link">
                    {t.subject}
                  </Link>
                </p>
                <p className="list-item-meta">
                  #{t.id} · updated <DateTime value={t.updated_at} />
                </p>
              </div>
              <StatusBadge status={t.status} />
            </li>
          ))}
        </ul>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {tickets.data ? (tickets.hasNextPage ? `Showing ${count(items.length)}; more can be loaded.` : items.length === 1 ? 'Showing your only ticket.' : `Showing all ${count(items.length)}.`) : ''}
      </p>
      {tickets.isFetchNextPageError && <FormAlert error={tickets.error} title="More tickets could not be loaded" />}
      {tickets.hasNextPage && (
        <div className="portal-more">
          <Button onClick={() => void tickets.fetchNextPage()} busy={tickets.isFetchingNextPage} busyLabel="Loading…">
            Load more tickets
          </Button>
        </div>
      )}
    </>
  );
}
