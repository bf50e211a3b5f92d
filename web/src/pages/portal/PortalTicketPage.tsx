import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { useMe } from '@/auth/useMe';
import { Alert } from '@/ui/Alert';
import { Button } from '@/ui/Button';
import { DateTime } from '@/ui/DateTime';
import { FormAlert } from '@/ui/FormAlert';
import { PageHeader } from '@/ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/useDocumentTitle';
import { Conversation } from './Conversation';
import { useConversation, useSetStatus, useTicket } from './queries';
import { ReplyForm } from './ReplyForm';
import { StatusBadge } from './StatusBadge';
import './portal.css';

// parseId reads a positive ticket number from the URL; 0 when it is not one.
export function parseId(raw: string | undefined): number {
  if (!raw || !/^\d{1,18}$/.test(raw)) return 0;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

function NotFound() {
  return (
    <>
      <PageHeader title="Ticket not found" />
      <EmptyState title="We could not find this ticket">
        <p>The link may be wrong, or the ticket belongs to someone else. Your own tickets are all listed under My tickets.</p>
        <p className="form-actions">
          <Link to="/portal" className="btn btn-secondary">
            Go to My tickets
          </Link>
          <Link to="/portal/tickets/new" className="btn btn-primary">
            Open a new ticket
          </Link>
        </p>
      </EmptyState>
    </>
  );
}

// PortalTicketPage shows one of the customer's tickets: the public
// conversation, a reply box, and buttons to mark it solved or reopen it.
export default function PortalTicketPage() {
  const id = parseId(useParams().id);
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const me = useMe();
  const ticket = useTicket(id);
  const conversation = useConversation(id);
  const setStatus = useSetStatus(id);
  useDocumentTitle(ticket.data ? `#${ticket.data.id} ${ticket.data.subject}` : 'Ticket');

  if (id === 0 || (ticket.error instanceof ApiError && ticket.error.status === 404)) return <NotFound />;
  if (ticket.isPending) return <LoadingState label="Loading your ticket" />;
  if (ticket.isError) return <ErrorState error={ticket.error} title="This ticket could not be loaded" onRetry={() => void ticket.refetch()} />;

  const t = ticket.data;
  const comments = conversation.data?.pages.flatMap((p) => p.items) ?? [];
  const canSolve = t.status !== 'solved' && t.status !== 'closed';
  const canReopen = t.status === 'solved';
  const justChanged = setStatus.isSuccess ? setStatus.data.status : null;

  return (
    <>
      <Link to="/portal" className="portal-back">
        ← My tickets
      </Link>
      <PageHeader
        title={t.subject}
        description={
          <span className="portal-ticket-meta">
            <span>#{t.id}</span>
            <StatusBadge status={t.status} />
            <span>
              opened <DateTime value={t.created_at} />
            </span>
            <span>
              updated <DateTime value={t.updated_at} />
            </span>
          </span>
        }
        actions={
          <>
            {canSolve && (
              <Button onClick={() => setStatus.mutate('solved')} busy={setStatus.isPending} busyLabel="Saving…">
                Mark as solved
              </Button>
            )}
            {canReopen && (
              <Button onClick={() => setStatus.mutate('open')} busy={setStatus.isPending} busyLabel="Saving…">
                Reopen
              </Button>
            )}
          </>
        }
      />
      {created && <Alert tone="success">Your ticket was sent. We will reply here; you can add details below at any time.</Alert>}
      <FormAlert error={setStatus.error} title="The status was not changed" />
      {justChanged === 'solved' && t.status === 'solved' && <Alert tone="success">Marked as solved. Thanks for letting us know.</Alert>}
      {justChanged === 'open' && t.status === 'open' && <Alert tone="success">Reopened. Tell us below what still needs doing.</Alert>}
      {t.status === 'pending' && <Alert tone="warning">We are waiting for your answer. Reply below to continue.</Alert>}
      {t.status === 'closed' && (
        <Alert tone="info" title="This ticket is closed">
          <p>
            Closed tickets cannot be reopened or replied to. If you still need help, <Link to="/portal/tickets/new">open a new ticket</Link> and
            mention #{t.id}.
          </p>
        </Alert>
      )}

      <h2>Conversation</h2>
      {conversation.isPending && <LoadingState label="Loading the conversation" />}
      {conversation.isError && !conversation.data && (
        <ErrorState error={conversation.error} title="The conversation could not be loaded" onRetry={() => void conversation.refetch()} />
      )}
      {conversation.data && comments.length === 0 && <EmptyState title="No messages yet">Write the first one below.</EmptyState>}
      {comments.length > 0 && <Conversation comments={comments} meId={me.data?.id} />}
      {conversation.isFetchNextPageError && <FormAlert error={conversation.error} title="Later messages could not be loaded" />}
      {conversation.hasNextPage && (
        <div className="portal-more">
          <Button onClick={() => void conversation.fetchNextPage()} busy={conversation.isFetchingNextPage} busyLabel="Loading…">
            Load later messages
          </Button>
        </div>
      )}

      {t.status !== 'closed' && (
        <ReplyForm
          ticketId={t.id}
          userId={me.data?.id}
          {...(t.status === 'solved' ? { hint: 'Replying reopens the ticket. Markdown works; your draft is saved on this device.' } : {})}
        />
      )}
    </>
  );
}
