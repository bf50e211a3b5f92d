import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { components } from '@/api/schema.gen';

type PasswordChange = components['schemas']['PasswordChange'];
type APITokenCreate = components['schemas']['APITokenCreate'];

// useChangePassword changes the signed-in user's password; the server ends
// their other sessions, so the session list is refetched.
export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordChange) => unwrap(api.client.POST('/api/v1/me/password', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.sessions }),
  });
}

// useSessions lists the signed-in user's sessions.
export function useSessions() {
  return useQuery({
    queryKey: queryKeys.sessions,
    queryFn: () => unwrap(api.client.GET('/api/v1/me/sessions')),
    select: (page) => page.items,
  });
}

// useRevokeSession ends one session.
export function useRevokeSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.client.DELETE('/api/v1/me/sessions/{id}', { params: { path: { id } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.sessions }),
  });
}

// useTokens lists the signed-in user's API tokens.
export function useTokens() {
  return useQuery({
    queryKey: queryKeys.tokens,
    queryFn: () => unwrap(api.client.GET('/api/v1/me/tokens')),
    select: (page) => page.items,
  });
}

// useCreateToken creates an API token; its secret is in the answer only.
export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: APITokenCreate) => unwrap(api.client.POST('/api/v1/me/tokens', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}

// useRevokeToken revokes an API token.
export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.client.DELETE('/api/v1/me/tokens/{id}', { params: { path: { id } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}

type NotificationPreferences = components['schemas']['NotificationPreferences'];

// usePreferences is the signed-in user's email preferences.
export function usePreferences() {
  return useQuery({
    queryKey: queryKeys.preferences,
    queryFn: () => unwrap(api.client.GET('/api/v1/me/preferences')),
  });
}

// useSavePreferences replaces the email preferences (every field is sent).
export function useSavePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NotificationPreferences) => unwrap(api.client.PUT('/api/v1/me/preferences', { body })),
    onSuccess: (prefs) => qc.setQueryData(queryKeys.preferences, prefs),
  });
}
