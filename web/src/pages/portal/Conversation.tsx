import type { Comment } from '@/api/types';
import { DateTime } from '@/ui/DateTime';
import './portal.css';

export interface ConversationProps {
  comments: Comment[];
  // meId is the signed-in user, whose comments read "You".
  meId: number | undefined;
}

// Conversation is a ticket's public thread, oldest first. Names come from
// each comment's author summary; staff replies are marked as the support
// team's.
export function Conversation({ comments, meId }: ConversationProps) {
  return (
    <ol className="portal-conversation" aria-label="Conversation">
      {comments.map((c) => {
        const staff = c.author.role !== 'customer';
        const name = c.author.id === meId ? 'You' : c.author.name;
        return (
          <li key={c.id}>
            <article className={`portal-comment${staff ? ' portal-comment-staff' : ''}`} aria-labelledby={`comment-${c.id}-author`}>
              <header className="portal-comment-header">
                <h3 className="portal-comment-author" id={`comment-${c.id}-author`}>
                  {name}
                </h3>
                {staff && <span className="badge badge-accent">Support team</span>}
                <span className="portal-comment-time">
                  <DateTime value={c.created_at} />
                  {c.edited_at && ' · edited'}
                </span>
              </header>
              {/* body_html is rendered from Markdown and sanitized by the server
                  (internal/markdown), so it is safe to insert as HTML; nothing
                  else on this page is. */}
              <div className="portal-comment-body" dangerouslySetInnerHTML={{ __html: c.body_html }} />
            </article>
          </li>
        );
      })}
    </ol>
  );
}
