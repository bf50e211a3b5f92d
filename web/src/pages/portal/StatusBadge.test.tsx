import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StatusBadge, statusLabels } from './StatusBadge';

describe('StatusBadge', () => {
  it('says each status in words a customer understands', () => {
    expect(statusLabels).toEqual({
      new: 'New',
      open: 'Open',
      pending: 'Waiting on you',
      on_hold: 'On hold',
      solved: 'Solved',
      closed: 'Closed',
    });
    render(<StatusBadge status="pending" />);
    const badge = screen.getByText('Waiting on you');
    expect(badge).toHaveClass('badge', 'portal-status-pending');
  });
});
