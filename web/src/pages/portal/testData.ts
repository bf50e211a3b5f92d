// Test fixtures for the portal's tickets and comments (imported by tests only).
import type { Comment, Ticket } from '@/api/types';

let next = 100;

export function makeTicket(over: Partial<Ticket> = {}): Ticket {
  const id = over.id ?? next++;
  return {
    id,
    subject: `Ticket ${id}`,
    status: 'open',
    priority: 'normal',
    type: 'question',
    requester_id: 1,
    requester: { id: 1, name: 'Casey Customer' },
    assignee_id: null,
    assignee: null,
    created_at: '2026-01-02T03:04:05Z',
    updated_at: '2026-01-03T03:04:05Z',
    solved_at: null,
    first_response_at: null,
    ...over,
  };
}

export function makeComment(over: Partial<Comment> = {}): Comment {
  const id = over.id ?? next++;
  return {
    id,
    ticket_id: 1,
    author_id: 1,
    author: { id: 1, name: 'Casey Customer', role: 'customer' },
    body: `Comment ${id}`,
    body_html: `<p>Comment ${id}</p>`,
    internal: false,
    created_at: '2026-01-02T03:04:05Z',
    edited_at: null,
    ...over,
  };
}
