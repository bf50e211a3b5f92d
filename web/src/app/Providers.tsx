import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { SessionRefresher } from '@/api/client';
import { ApiError } from '@/api/problem';
import { SessionWatcher } from '@/auth/SessionWatcher';

// newQueryClient holds the defaults for every query: answers stay fresh for
// 30 s, and only failures that may pass (network, 5xx) are retried.
export function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (count, err) => count < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
      },
      mutations: { retry: false },
    },
  });
}

// Providers gives the app its query cache and watches for an expired session.
export function Providers({ client, refresher, children }: { client: QueryClient; refresher: SessionRefresher; children: ReactNode }) {
  return (
    <QueryClientProvider client={client}>
      <SessionWatcher refresher={refresher} />
      {children}
    </QueryClientProvider>
  );
}
