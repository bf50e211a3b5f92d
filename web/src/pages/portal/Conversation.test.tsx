import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Conversation } from './Conversation';
import { makeComment } from './testData';

describe('Conversation', () => {
  it('names authors, says "You" for my comments and marks the support team', () => {
    render(
      <Conversation
        meId={5}
        comments={[
          makeComment({ id: 1, author: { id: 5, name: 'Casey', role: 'customer' }, body_html: '<p>My printer is on fire.</p>' }),
          makeComment({ id: 2, author: { id: 9, name: 'Alex Agent', role: 'agent' }, body_html: '<p>Have you tried <strong>water</strong>?</p>', edited_at: '2026-01-02T04:00:00Z' }),
        ]}
      />,
    );
    const items = within(screen.getByRole('list', { name: 'Conversation' })).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByRole('heading', { name: 'You' })).toBeInTheDocument();
    expect(within(items[0]!).queryByText('Support team')).not.toBeInTheDocument();
    expect(within(items[1]!).getByRole('heading', { name: 'Alex Agent' })).toBeInTheDocument();
    expect(within(items[1]!).getByText('Support team')).toBeInTheDocument();
    expect(within(items[1]!).getByText(/edited/)).toBeInTheDocument();
    // The sanitized HTML from the server is rendered as HTML.
    expect(within(items[1]!).getByText('water').tagName).toBe('STRONG');
  });

  it('renders author names as text', () => {
    const { container } = render(
      <Conversation meId={1} comments={[makeComment({ author: { id: 3, name: '<b>Mallory</b>', role: 'customer' }, body_html: '<p>hi</p>' })]} />,
    );
    expect(screen.getByRole('heading', { name: '<b>Mallory</b>' })).toBeInTheDocument();
    expect(container.querySelector('b')).toBeNull();
  });
});
