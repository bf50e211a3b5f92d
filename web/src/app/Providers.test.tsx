import { render, screen } from '@testing-library/react';
import { useQueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { SessionRefresher } from '@/api/client';
import { ApiError, networkError } from '@/api/problem';
import { queryKeys } from '@/api/keys';
import { makeUser, problem } from '@/test/api';
import { newQueryClient, Providers } from './Providers';

function retries(err: unknown, count = 0): boolean {
  const retry = newQueryClient().getDefaultOptions().queries?.retry;
  if (typeof retry !== 'function') throw new Error('retry is not a function');
  return retry(count, err as Error);
}

const apiErr = (status: number) => new ApiError({ type: 'about:blank', title: 't', status, detail: 'd', request_id: '' });

describe('newQueryClient', () => {
  it('retries network and server failures, never client errors', () => {
    expect(retries(networkError())).toBe(true);
    expect(retries(apiErr(503))).toBe(true);
    expect(retries(apiErr(503), 2)).toBe(false);
    expect(retries(apiErr(404))).toBe(false);
    expect(retries(apiErr(401))).toBe(false);
  });
});

function MeProbe() {
  const qc = useQueryClient();
  return <p>{qc.getQueryData(queryKeys.me) === null ? 'signed out' : 'signed in'}</p>;
}

describe('Providers', () => {
  it('provides the query client and signs out when the session expires', async () => {
    const client = newQueryClient();
    client.setQueryData(queryKeys.me, makeUser());
    const refresher = new SessionRefresher('http://triage.test', () => Promise.resolve(problem(401, 'expired')));
    render(
      <Providers client={client} refresher={refresher}>
        <MeProbe />
      </Providers>,
    );
    expect(screen.getByText('signed in')).toBeInTheDocument();
    await refresher.refresh();
    expect(client.getQueryData(queryKeys.me)).toBeNull();
  });
});
