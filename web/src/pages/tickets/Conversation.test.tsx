import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Conversation } from './Conversation';
import { makeComment } from './testing';

describe('Conversation', () => {
  it('tells internal notes from public replies by label, icon and style', () => {
    render(
      <Conversation
        comments={[
          makeComment({ id: 1, body_html: '<p>My printer is <strong>on fire</strong></p>' }),
          makeComment({ id: 2, internal: true, author: { id: 5, name: 'Ann Agent', role: 'agent' }, body_html: '<p>Call the fire brigade</p>' }),
        ]}
      />,
    );
    const reply = screen.getByRole('article', { name: 'Public reply by Rita Requester' });
    const note = screen.getByRole('article', { name: 'Internal note by Ann Agent' });
    expect(within(reply).getByText('Public reply')).toBeInTheDocument();
    expect(within(reply).getByText('Customer')).toBeInTheDocument();
    expect(within(note).getByText('Internal note')).toBeInTheDocument();
    expect(within(note).getByText('Internal note').querySelector('svg')).not.toBeNull();
    expect(note.closest('li')).toHaveClass('ticket-comment-note');
    expect(reply.closest('li')).toHaveClass('ticket-comment-public');
    expect(reply.closest('li')).not.toHaveClass('ticket-comment-note');
    // The server's sanitized HTML is rendered.
    expect(within(reply).getByText('on fire').tagName).toBe('STRONG');
  });

  it('shows a comment being sent as plain text', () => {
    render(<Conversation comments={[{ ...makeComment({ id: -1, body: '<img src=x onerror=alert(1)> **hi**', body_html: '' }), pending: true }]} />);
    expect(screen.getByRole('status')).toHaveTextContent('Sending…');
    expect(screen.getByText('<img src=x onerror=alert(1)> **hi**')).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
  });

  it('marks edited comments', () => {
    render(<Conversation comments={[makeComment({ edited_at: '2026-03-03T10:00:00Z' })]} />);
    expect(screen.getByText(/edited/)).toBeInTheDocument();
  });
});
