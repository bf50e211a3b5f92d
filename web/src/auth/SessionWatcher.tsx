import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { SessionRefresher } from '@/api/client';
import { queryKeys } from '@/api/keys';

// SessionWatcher marks the user signed out when the API client fails to
// renew the session; RequireAuth then sends them to /login?next=…, so they
// come back to the same page after signing in again.
export function SessionWatcher({ refresher }: { refresher: SessionRefresher }) {
  const qc = useQueryClient();
  useEffect(
    () =>
      refresher.onExpired(() => {
        qc.setQueryData(queryKeys.me, null);
      }),
    [qc, refresher],
  );
  return null;
}
