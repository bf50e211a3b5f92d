import type { Ticket } from '@/api/types';

export type Status = Ticket['status'];
export type Priority = Ticket['priority'];
export type TicketType = Ticket['type'];

// The enums in the order people think of them, with the words the UI
// shows for each value.
export const statuses: readonly Status[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
export const priorities: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];
export const ticketTypes: readonly TicketType[] = ['question', 'incident', 'problem', 'task'];

export const statusLabel: Record<Status, string> = {
  new: 'New',
  open: 'Open',
  pending: 'Pending',
  on_hold: 'On hold',
  solved: 'Solved',
  closed: 'Closed',
};

export const priorityLabel: Record<Priority, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
};

export const typeLabel: Record<TicketType, string> = {
  question: 'Question',
  incident: 'Incident',
  problem: 'Problem',
  task: 'Task',
};

// unsolved is the status list of every "open" view: work still to do.
export const unsolved = 'new,open,pending,on_hold';

// labelFor turns a stored enum value into its label, falling back to the
// value itself for anything the UI does not know yet.
export function labelFor<K extends string>(labels: Record<K, string>, value: string): string {
  return (labels as Record<string, string>)[value] ?? value;
}
