import { useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '@/api/problem';
import { useMe } from '@/auth/useMe';
import { Button } from '@/ui/Button';
import { DateTime } from '@/ui/DateTime';
import { PageHeader } from '@/ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '@/ui/states';
import { useDocumentTitle } from '@/ui/useDocumentTitle';
import { Conversation } from './Conversation';
import { labelFor, typeLabel } from './labels';
import { useComments, useStaff, useTeams, useTicket } from './queries';
import { ReplyBox, type ReplyBoxHandle } from './ReplyBox';
import { RequesterPanel } from './RequesterPanel';
import { PresenceBar } from './PresenceBar';
import { ShortcutHelp, ticketShortcuts } from './ShortcutHelp';
import { SidePanel } from './SidePanel';
import { StatusBadge } from './TicketBadges';
import { usePresence } from './usePresence';
import { useShortcuts } from './useShortcuts';
import './tickets.css';

// backTo is the list the agent came from (kept in the link's state), so
// "Back" returns to the same view and filters.
function backTo(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/tickets') ? from : '/tickets';
}

// TicketPage is one ticket for an agent: the conversation with public
// replies and internal notes, the reply box, and the side panel with the
// ticket's fields and its requester.
export default function TicketPage() {
  const { id: raw } = useParams();
  const id = Number(raw);
  const valid = Number.isSafeInteger(id) && id > 0;
  const me = useMe().data;
  const ticket = useTicket(valid ? id : 0);
  const comments = useComments(valid ? id : 0);
  const staff = useStaff();
  const teams = useTeams();
  const location = useLocation();
  const back = backTo(location.state);
  const reply = useRef<ReplyBoxHandle>(null);
  const [help, setHelp] = useState(false);
  const [replying, setReplying] = useState(false);
  // Presence is shared once the ticket is known to exist and be visible.
  const present = usePresence(ticket.data && me ? id : 0, me?.id ?? 0, replying);
  useDocumentTitle(ticket.data ? `#${ticket.data.id} ${ticket.data.subject}` : `Ticket #${raw ?? ''}`);

  useShortcuts({
    r: (e) => {
      e.preventDefault();
      reply.current?.focus('public');
    },
    n: (e) => {
      e.preventDefault();
      reply.current?.focus('note');
    },
    '?': () => setHelp(true),
  });

  const backLink = (
    <Link to={back} className="ticket-back">
      <span aria-hidden="true">←</span> Back to tickets
    </Link>
  );

  if (!valid || (ticket.error instanceof ApiError && ticket.error.status === 404)) {
    return (
      <div className="ticket-page">
        {backLink}
        <PageHeader title="Ticket not found" />
        <EmptyState title={`There is no ticket #${raw ?? ''} that you can see`}>
          <p>It may have been deleted, or the link may be wrong. Go back to the list and pick another ticket.</p>
        </EmptyState>
      </div>
    );
  }
  if (ticket.isPending) {
    return (
      <div className="ticket-page">
        {backLink}
        <LoadingState label={`Loading ticket #${id}`} />
      </div>
    );
  }
  if (ticket.isError) {
    return (
      <div className="ticket-page">
        {backLink}
        <ErrorState title={`Ticket #${id} could not be loaded`} error={ticket.error} onRetry={() => void ticket.refetch()} />
      </div>
    );
  }

  const t = ticket.data;
  return (
    <div className="ticket-page">
      {backLink}
      <PageHeader
        title={`#${t.id} ${t.subject}`}
        description={
          <span className="ticket-header-meta">
            <StatusBadge status={t.status} />
            <span>{labelFor(typeLabel, t.type)}</span>
            <span>
              from {t.requester.name}, <DateTime value={t.created_at} />
            </span>
          </span>
        }
        actions={
          <Button variant="ghost" className="ticket-help-button" onClick={() => setHelp(true)} aria-keyshortcuts="?">
            Keyboard shortcuts <kbd aria-hidden="true">?</kbd>
          </Button>
        }
      />
      <PresenceBar people={present} />
      <div className="ticket-layout">
        <div className="ticket-main">
          <h2 className="visually-hidden">Conversation</h2>
          {comments.isPending ? (
            <LoadingState label="Loading the conversation" />
          ) : comments.isError ? (
            <ErrorState title="The conversation could not be loaded" error={comments.error} onRetry={() => void comments.refetch()} />
          ) : comments.data.length === 0 ? (
            <EmptyState title="No messages yet">
              <p>Write the first reply below.</p>
            </EmptyState>
          ) : (
            <Conversation comments={comments.data} />
          )}
          {me && (
            <ReplyBox key={`${me.id}:${t.id}`} ref={reply} ticketId={t.id} me={me} requesterName={t.requester.name} onReplyingChange={setReplying} />
          )}
        </div>
        <aside className="ticket-side" aria-label="Ticket details and requester">
          {me && <SidePanel ticket={t} me={me} staff={staff.data ?? []} teams={teams.data ?? []} />}
          <RequesterPanel ticket={t} />
        </aside>
      </div>
      <ShortcutHelp open={help} onClose={() => setHelp(false)} shortcuts={ticketShortcuts} />
    </div>
  );
}
