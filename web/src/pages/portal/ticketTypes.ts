import type { Ticket } from '@/api/types';

export type TicketType = Ticket['type'];

// ticketTypeOptions are the kinds of request a customer can pick, in the
// words a customer would use.
export const ticketTypeOptions: { value: TicketType; label: string }[] = [
  { value: 'question', label: 'Question' },
  { value: 'incident', label: 'Something is broken' },
  { value: 'problem', label: 'A problem that keeps happening' },
  { value: 'task', label: 'A request for us to do something' },
];

export function isTicketType(v: string): v is TicketType {
  return ticketTypeOptions.some((o) => o.value === v);
}
