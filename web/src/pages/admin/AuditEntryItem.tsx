import { useState } from 'react';
import { Link } from 'react-router';
import type { AuditEntry } from '@/api/types';
import { DateTime } from '@/ui/DateTime';
import { JsonDiff } from './JsonDiff';
import { useUser } from './queries';

// ActorName names the user who acted: "System" for no one, their name once
// it has loaded, "User #id" meanwhile or when they cannot be found.
export function ActorName({ id }: { id: number | null }) {
  const user = useUser(id);
  if (id === null) return <span>System</span>;
  if (!user.data) return <span>User #{id}</span>;
  return (
    <span>
      {user.data.name} <span className="admin-muted">(#{id})</span>
    </span>
  );
}

function Target({ type, id }: { type: string; id: string }) {
  if (type === 'ticket' && /^\d+$/.test(id)) return <Link to={`/tickets/${id}`}>ticket #{id}</Link>;
  if (!id) return <span>{type}</span>;
  return (
    <span>
      {type} {id}
    </span>
  );
}

// AuditEntryItem is one audit log entry: when, who, what and to what, from
// where, and the recorded before/after state behind a disclosure button.
export function AuditEntryItem({ entry }: { entry: AuditEntry }) {
  const [open, setOpen] = useState(false);
  const hasDetails = entry.before !== null || entry.after !== null;
  const detailsId = `audit-${entry.id}-details`;
  return (
    <li className="audit-entry">
      <div className="audit-entry-head">
        <span className="audit-action">{entry.action}</span>
        <DateTime value={entry.created_at} />
      </div>
      <dl className="audit-facts">
        <div>
          <dt>Actor</dt>
          <dd>
            <ActorName id={entry.actor_id} />
          </dd>
        </div>
        <div>
          <dt>Target</dt>
          <dd>
            <Target type={entry.target_type} id={entry.target_id} />
          </dd>
        </div>
        <div>
          <dt>IP</dt>
          <dd>{entry.ip || '—'}</dd>
        </div>
        <div>
          <dt>Request</dt>
          <dd>
            <code>{entry.request_id || '—'}</code>
          </dd>
        </div>
      </dl>
      {hasDetails && (
        <>
          <button type="button" className="btn btn-ghost audit-toggle" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen((v) => !v)}>
            {open ? 'Hide changes' : 'Show changes'}
          </button>
          <div id={detailsId} hidden={!open}>
            {open && <JsonDiff before={entry.before} after={entry.after} label={`Changes recorded by ${entry.action}`} />}
          </div>
        </>
      )}
    </li>
  );
}
