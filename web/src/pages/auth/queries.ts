import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { components } from '@/api/schema.gen';

type PasswordResetRequest = components['schemas']['PasswordResetRequest'];
type PasswordResetConfirm = components['schemas']['PasswordResetConfirm'];

// useRequestPasswordReset asks for a reset link. The server answers 202
// whether or not the address has an account.
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (body: PasswordResetRequest) => unwrap(api.client.POST('/api/v1/auth/password-reset', { body })),
  });
}

// useConfirmPasswordReset sets a new password with a reset token. The
// server ends every session of that user, so the cached "who am I" answer
// is dropped: the next page asks again.
export function useConfirmPasswordReset() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordResetConfirm) => unwrap(api.client.POST('/api/v1/auth/password-reset/confirm', { body })),
    onSuccess: () => qc.removeQueries({ queryKey: queryKeys.me }),
  });
}
