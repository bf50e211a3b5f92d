// Test fixtures for notifications (only tests import this).
import type { Notification } from './queries';

let next = 500;

export function makeNotification(over: Partial<Notification> = {}): Notification {
  return {
    id: over.id ?? next++,
    kind: 'assigned',
    ticket_id: 42,
    ticket_subject: 'Printer on fire',
    comment_id: null,
    actor: { id: 2, name: 'Alex' },
    created_at: '2026-03-01T10:00:00Z',
    read_at: null,
    ...over,
  };
}
