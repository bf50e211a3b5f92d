import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { components } from '@/api/schema.gen';
import type { SessionResponse } from '@/api/types';

type LoginRequest = components['schemas']['LoginRequest'];
type RegisterRequest = components['schemas']['RegisterRequest'];

// useStartSession returns what to do with a new session: forget anything
// cached for a previous user and remember the new one.
function useStartSession() {
  const qc = useQueryClient();
  return (res: SessionResponse) => {
    qc.clear();
    qc.setQueryData(queryKeys.me, res.user);
  };
}

// useLogin signs in with email and password.
export function useLogin() {
  const start = useStartSession();
  return useMutation({
    mutationFn: (body: LoginRequest) => unwrap(api.client.POST('/api/v1/auth/login', { body })),
    onSuccess: start,
  });
}

// useRegister signs a customer up and in.
export function useRegister() {
  const start = useStartSession();
  return useMutation({
    mutationFn: (body: RegisterRequest) => unwrap(api.client.POST('/api/v1/auth/register', { body })),
    onSuccess: start,
  });
}

// useLogout ends the session on the server, forgets every cached answer
// and goes to the sign-in page. It signs out locally even when the server
// cannot be reached, so the button always does what it says.
export function useLogout() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => unwrap(api.client.POST('/api/v1/auth/logout')),
    onSettled: () => {
      qc.clear();
      qc.setQueryData(queryKeys.me, null);
      navigate('/login', { replace: true, state: { signedOut: true } });
    },
  });
}
