import { QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { json, makeUser, mockApi } from '@/test/api';
import { testQueryClient } from '@/test/render';
import { filterKey, findUserByEmail, useStaff, useUsers } from './queries';

function wrapper({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={testQueryClient()}>{children}</QueryClientProvider>;
}

describe('filterKey', () => {
  it('leaves out empty values', () => {
    expect(filterKey({ q: '', role: 'agent', active: '' })).toBe('role=agent');
    expect(filterKey({ actor: 3, action: undefined })).toBe('actor=3');
  });
});

describe('useUsers', () => {
  it('sends only the filters that are set', async () => {
    const api = mockApi();
    api.on('GET', '/api/v1/users', json({ items: [], next_cursor: null }));
    const { result } = renderHook(() => useUsers({ q: ' ada ', role: '', active: 'true' }), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(Object.fromEntries(new URLSearchParams(api.calls.at(-1)?.search))).toEqual({ limit: '25', q: 'ada', active: 'true' });
  });
});

describe('useStaff', () => {
  it('collects every page of active agents and admins, sorted by name', async () => {
    const api = mockApi();
    api.once('GET', '/api/v1/users', json({ items: [makeUser({ name: 'Zed' })], next_cursor: null }));
    api.once('GET', '/api/v1/users', json({ items: [makeUser({ name: 'Mia' }), makeUser({ name: 'Abe' })], next_cursor: 'n' }));
    const { result } = renderHook(() => useStaff(), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.map((u) => u.name)).toEqual(['Abe', 'Mia', 'Zed']);
    const calls = api.callsTo('GET', '/api/v1/users');
    expect(Object.fromEntries(new URLSearchParams(calls[0]?.search))).toEqual({ role: 'agent,admin', active: 'true', limit: '100' });
    expect(new URLSearchParams(calls[1]?.search).get('cursor')).toBe('n');
  });
});

describe('findUserByEmail', () => {
  it('asks for the exact email and returns the user or null', async () => {
    const api = mockApi();
    const ada = makeUser({ email: 'ada@example.com' });
    api.once('GET', '/api/v1/users', json({ items: [], next_cursor: null }));
    api.once('GET', '/api/v1/users', json({ items: [ada], next_cursor: null }));
    expect(await findUserByEmail(' ada@example.com ')).toEqual(ada);
    expect(new URLSearchParams(api.calls[0]?.search).get('email')).toBe('ada@example.com');
    expect(await findUserByEmail('nobody@example.com')).toBeNull();
  });
});
