import type { Ticket } from '@/api/types';
import './portal.css';

export type TicketStatus = Ticket['status'];

// statusLabels are the words a customer sees for each status: "pending"
// means the support team is waiting on the customer.
export const statusLabels: Record<TicketStatus, string> = {
  new: 'New',
  open: 'Open',
  pending: 'Waiting on you',
  on_hold: 'On hold',
  solved: 'Solved',
  closed: 'Closed',
};

// StatusBadge shows a ticket's status in words, coloured by status.
export function StatusBadge({ status }: { status: TicketStatus }) {
  return <span className={`badge portal-status portal-status-${status}`}>{statusLabels[status]}</span>;
}
