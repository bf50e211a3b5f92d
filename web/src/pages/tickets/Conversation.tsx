import { DateTime } from '@/ui/DateTime';
import { LockIcon, ReplyIcon } from './icons';
import type { ConversationItem } from './queries';
import { RelativeTime } from './RelativeTime';

const roleLabel = { admin: 'Admin', agent: 'Agent', customer: 'Customer' } as const;

// CommentItem is one message. Internal notes are told apart from public
// replies by a label with a lock icon and a tinted, bordered box: the
// words say it, the colour only helps.
export function CommentItem({ comment: c }: { comment: ConversationItem }) {
  const kind = c.internal ? 'Internal note' : 'Public reply';
  const classes = ['ticket-comment', c.internal ? 'ticket-comment-note' : 'ticket-comment-public', c.author.role === 'customer' ? 'ticket-comment-customer' : '', c.pending ? 'is-pending' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <li className={classes}>
      <article aria-label={`${kind} by ${c.author.name}`}>
        <header className="ticket-comment-head">
          <span className="ticket-comment-author">{c.author.name}</span>
          <span className="badge">{roleLabel[c.author.role] ?? c.author.role}</span>
          {c.internal ? (
            <span className="ticket-kind ticket-kind-note">
              <LockIcon />
              Internal note
            </span>
          ) : (
            <span className="ticket-kind ticket-kind-public">
              <ReplyIcon />
              Public reply
            </span>
          )}
          <span className="ticket-comment-time">
            {c.pending ? (
              <span role="status">Sending…</span>
            ) : (
              <>
                <RelativeTime value={c.created_at} />
                {c.edited_at && (
                  <span title="Edited">
                    {' '}
                    · edited <DateTime value={c.edited_at} />
                  </span>
                )}
              </>
            )}
          </span>
        </header>
        {c.pending ? (
          // Not rendered yet: the text as typed, shown as text.
          <div className="ticket-comment-body ticket-comment-plain">{c.body}</div>
        ) : (
          // body_html is rendered from Markdown and sanitized by the server
          // (goldmark + bluemonday, raw HTML escaped). It is the one place
          // the workspace inserts HTML; everything else is rendered as text.
          <div className="ticket-comment-body markdown-body" dangerouslySetInnerHTML={{ __html: c.body_html }} />
        )}
      </article>
    </li>
  );
}

// Conversation is a ticket's messages, oldest first.
export function Conversation({ comments }: { comments: ConversationItem[] }) {
  return (
    <ol className="ticket-conversation">
      {comments.map((c) => (
        <CommentItem key={c.id} comment={c} />
      ))}
    </ol>
  );
}
