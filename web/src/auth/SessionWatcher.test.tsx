import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SessionRefresher } from '@/api/client';
import { queryKeys } from '@/api/keys';
import { makeUser, problem } from '@/test/api';
import { testQueryClient } from '@/test/render';
import { SessionWatcher } from './SessionWatcher';

describe('SessionWatcher', () => {
  it('marks the user signed out when the session cannot be renewed', async () => {
    const refresher = new SessionRefresher('http://triage.test', () => Promise.resolve(problem(401, 'expired')));
    const qc = testQueryClient();
    qc.setQueryData(queryKeys.me, makeUser());
    const { unmount } = render(
      <QueryClientProvider client={qc}>
        <SessionWatcher refresher={refresher} />
      </QueryClientProvider>,
    );
    await refresher.refresh();
    expect(qc.getQueryData(queryKeys.me)).toBeNull();

    unmount();
    qc.setQueryData(queryKeys.me, makeUser());
    await refresher.refresh();
    expect(qc.getQueryData(queryKeys.me)).not.toBeNull();
  });
});
