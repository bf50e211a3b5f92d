import type { Ticket } from '@/api/types';
import { priorityLabel, statusLabel } from './labels';

// StatusBadge shows a status as a word in a tinted pill: the colour helps,
// the word carries the meaning.
export function StatusBadge({ status }: { status: Ticket['status'] }) {
  return <span className={`ticket-status ticket-status-${status}`}>{statusLabel[status] ?? status}</span>;
}

// PriorityText shows a priority; high and urgent get a marker as well as
// a colour.
export function PriorityText({ priority }: { priority: Ticket['priority'] }) {
  const loud = priority === 'high' || priority === 'urgent';
  return (
    <span className={`ticket-priority ticket-priority-${priority}`}>
      {loud && (
        <span className="ticket-priority-mark" aria-hidden="true">
          {priority === 'urgent' ? '!!' : '!'}
        </span>
      )}
      {priorityLabel[priority] ?? priority}
    </span>
  );
}
