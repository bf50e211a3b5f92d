import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PriorityText, StatusBadge } from './TicketBadges';

describe('StatusBadge', () => {
  it('says the status in words', () => {
    render(<StatusBadge status="on_hold" />);
    expect(screen.getByText('On hold')).toHaveClass('ticket-status-on_hold');
  });
});

describe('PriorityText', () => {
  it('marks high and urgent with more than colour', () => {
    const { container, rerender } = render(<PriorityText priority="urgent" />);
    expect(container).toHaveTextContent('!!Urgent');
    rerender(<PriorityText priority="low" />);
    expect(container).toHaveTextContent(/^Low$/);
    expect(screen.getByText('Low')).toHaveClass('ticket-priority-low');
  });
});
