import type { ReactNode } from 'react';
import { errorMessage } from '@/api/problem';
import { Button } from './Button';

export interface LoadingStateProps {
  // label says what is loading, e.g. "Loading your sessions".
  label?: string;
}

// LoadingState holds the place of content that is on its way.
export function LoadingState({ label = 'Loading' }: LoadingStateProps) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}…</span>
    </div>
  );
}

export interface EmptyStateProps {
  title: string;
  // children say what to do next, e.g. a button creating the first item.
  children?: ReactNode;
}

// EmptyState says a list has nothing in it yet and what to do about it.
export function EmptyState({ title, children }: EmptyStateProps) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children && <div className="state-body">{children}</div>}
    </div>
  );
}

export interface ErrorStateProps {
  error: unknown;
  title?: string;
  // onRetry shows a "Try again" button.
  onRetry?: () => void;
}

// ErrorState says that content failed to load, why, and offers a retry.
export function ErrorState({ error, title = 'This could not be loaded', onRetry }: ErrorStateProps) {
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title}</p>
      <p className="state-body">{errorMessage(error)}</p>
      {onRetry && (
        <Button variant="secondary" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}
