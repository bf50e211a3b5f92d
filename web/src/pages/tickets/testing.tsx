// Test fixtures for the workspace (not shipped: only tests import it).
import { useState, type ReactNode } from 'react';
import type { Comment, Ticket } from '@/api/types';
import { SidebarTarget } from '@/shell/ShellSidebar';

let nextTicket = 100;

export function makeTicket(over: Partial<Ticket> = {}): Ticket {
  const id = over.id ?? nextTicket++;
  return {
    id,
    subject: `Ticket ${id}`,
    status: 'open',
    priority: 'normal',
    type: 'question',
    requester_id: 50,
    requester: { id: 50, name: 'Rita Requester', email: 'rita@example.com' },
    assignee_id: null,
    assignee: null,
    team_id: null,
    tags: [],
    created_at: '2026-03-01T10:00:00Z',
    updated_at: '2026-03-02T10:00:00Z',
    solved_at: null,
    first_response_at: null,
    ...over,
  };
}

let nextComment = 1000;

export function makeComment(over: Partial<Comment> = {}): Comment {
  const id = over.id ?? nextComment++;
  return {
    id,
    ticket_id: 7,
    author_id: 50,
    author: { id: 50, name: 'Rita Requester', role: 'customer' },
    body: `Comment ${id}`,
    body_html: `<p>Comment ${id}</p>`,
    internal: false,
    created_at: '2026-03-01T10:00:00Z',
    edited_at: null,
    ...over,
  };
}

export function ticketPage(items: Ticket[], next: string | null = null) {
  return { items, next_cursor: next };
}

// WithSidebar gives ShellSidebar a place to render, as AppShell does.
export function WithSidebar({ children }: { children: ReactNode }) {
  const [el, setEl] = useState<HTMLElement | null>(null);
  return (
    <SidebarTarget.Provider value={el}>
      <aside aria-label="Views" ref={setEl} />
      {children}
    </SidebarTarget.Provider>
  );
}

// query reads a recorded call's query string as an object.
export function query(search: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(search));
}
