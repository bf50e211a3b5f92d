import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/problem';
import { BulkResultAlert } from './BulkResultAlert';

describe('BulkResultAlert', () => {
  it('says how many were updated', async () => {
    const onDismiss = vi.fn();
    render(<BulkResultAlert outcome={{ describe: 'Assigned to you', result: { updated: [1, 2], failed: [] } }} onDismiss={onDismiss} />);
    expect(screen.getByRole('status')).toHaveTextContent('Assigned to you: 2 tickets updated.');
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(onDismiss).toHaveBeenCalled();
  });

  it('lists each failure with its reason', () => {
    render(
      <BulkResultAlert
        outcome={{ describe: 'Status set to Solved', result: { updated: [1], failed: [{ id: 2, message: 'Ticket not found.' }] } }}
        onDismiss={vi.fn()}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('1 ticket updated, 1 ticket not.');
    expect(alert).toHaveTextContent('#2: Ticket not found.');
    expect(alert).toHaveTextContent('still selected');
  });

  it('explains a request that failed as a whole', () => {
    const error = new ApiError({ type: 'about:blank', title: 'Bad', status: 400, detail: 'ids: too many.', request_id: '' });
    render(<BulkResultAlert outcome={{ describe: 'Assigned to you', error }} onDismiss={vi.fn()} />);
    expect(screen.getByRole('alert')).toHaveTextContent('ids: too many. No ticket was changed');
  });
});
