import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import { ApiError } from '@/api/problem';
import type { User } from '@/api/types';

// fetchMe returns the signed-in user, or null when there is no session
// (after the client has tried to renew it).
export async function fetchMe(): Promise<User | null> {
  try {
    return await unwrap(api.client.GET('/api/v1/me'));
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

// useMe is the signed-in user: data is a User, null when signed out, and
// undefined while the first answer is on its way.
export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: fetchMe,
    staleTime: 5 * 60 * 1000,
  });
}
