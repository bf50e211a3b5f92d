import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '@/api/keys';
import { json, mockApi } from '@/test/api';
import { testQueryClient } from '@/test/render';
import { useConversation, useCreateTicket, useSetStatus } from './queries';
import { makeComment, makeTicket } from './testData';

function setup() {
  const qc = testQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={qc}>{children}</QueryClientProvider>;
  return { qc, wrapper };
}

describe('portal queries', () => {
  it('useSetStatus stores the changed ticket and refreshes the list', async () => {
    const api = mockApi();
    api.on('PATCH', '/api/v1/tickets/7', json(makeTicket({ id: 7, status: 'solved' })));
    const { qc, wrapper } = setup();
    qc.setQueryData(queryKeys.portalTickets, { pages: [], pageParams: [] });
    const { result } = renderHook(() => useSetStatus(7), { wrapper });
    await act(() => result.current.mutateAsync('solved'));
    expect(qc.getQueryData<{ status: string }>(queryKeys.portalTicket(7))?.status).toBe('solved');
    expect(qc.getQueryState(queryKeys.portalTickets)?.isInvalidated).toBe(true);
  });

  it('useCreateTicket caches the new ticket', async () => {
    const api = mockApi();
    api.on('POST', '/api/v1/tickets', json(makeTicket({ id: 9, subject: 'Hi' }), 201));
    const { qc, wrapper } = setup();
    const { result } = renderHook(() => useCreateTicket(), { wrapper });
    await act(() => result.current.mutateAsync({ subject: 'Hi', body: 'There' }));
    expect(qc.getQueryData<{ subject: string }>(queryKeys.portalTicket(9))?.subject).toBe('Hi');
  });

  it('useConversation asks for big pages of comments', async () => {
    const api = mockApi();
    api.on('GET', '/api/v1/tickets/7/comments', json({ items: [makeComment()], next_cursor: null }));
    const { wrapper } = setup();
    const { result } = renderHook(() => useConversation(7), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(api.calls.at(-1)?.search).toBe('?limit=100');
    expect(result.current.hasNextPage).toBe(false);
  });
});
