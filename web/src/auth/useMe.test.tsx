import { QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { json, makeUser, mockApi, problem, signedInAs } from '@/test/api';
import { testQueryClient } from '@/test/render';
import { useMe } from './useMe';

function wrapper({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={testQueryClient()}>{children}</QueryClientProvider>;
}

describe('useMe', () => {
  it('is the signed-in user', async () => {
    const me = makeUser({ name: 'Ada' });
    signedInAs(mockApi(), me);
    const { result } = renderHook(() => useMe(), { wrapper });
    expect(result.current.data).toBeUndefined();
    await waitFor(() => expect(result.current.data).toEqual(me));
  });

  it('is null when there is no session, after trying to renew it', async () => {
    const api = mockApi();
    const { result } = renderHook(() => useMe(), { wrapper });
    await waitFor(() => expect(result.current.data).toBeNull());
    expect(api.callsTo('POST', '/api/v1/auth/refresh')).toHaveLength(1);
  });

  it('renews an expired session and answers with the user', async () => {
    const api = mockApi();
    const me = makeUser();
    api.once('GET', '/api/v1/me', problem(401, 'Authentication required.'));
    api.on('GET', '/api/v1/me', json(me));
    api.on('POST', '/api/v1/auth/refresh', json({ user: me, expires_at: '2030-01-01T00:00:00Z' }));
    const { result } = renderHook(() => useMe(), { wrapper });
    await waitFor(() => expect(result.current.data).toEqual(me));
  });

  it('fails on server errors rather than pretending to be signed out', async () => {
    mockApi().on('GET', '/api/v1/me', problem(503, 'The database is unavailable.'));
    const { result } = renderHook(() => useMe(), { wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.data).toBeUndefined();
    expect(result.current.error?.message).toBe('The database is unavailable.');
  });
});
