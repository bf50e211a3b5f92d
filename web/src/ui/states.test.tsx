import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { networkError } from '@/api/problem';
import { EmptyState, ErrorState, LoadingState } from './states';

describe('LoadingState', () => {
  it('says what is loading', () => {
    render(<LoadingState label="Loading tickets" />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading tickets…');
  });
});

describe('EmptyState', () => {
  it('says the list is empty and what to do', () => {
    render(
      <EmptyState title="No tickets yet">
        <a href="/portal/tickets/new">Open a ticket</a>
      </EmptyState>,
    );
    expect(screen.getByText('No tickets yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open a ticket' })).toBeInTheDocument();
  });
});

describe('ErrorState', () => {
  it('says why loading failed and retries', async () => {
    const retry = vi.fn();
    render(<ErrorState error={networkError()} title="Tickets could not be loaded" onRetry={retry} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Tickets could not be loaded');
    expect(alert).toHaveTextContent('Check your connection');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('has no retry button without onRetry', () => {
    render(<ErrorState error={new Error('x')} />);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
