// POST /auth/login: starts a session from e-mail and password.
import { useMutation } from '@tanstack/react-query';
import { unwrap } from '@/lib/api/problem';
import { publicClient } from '@/lib/api/public-client';
import type { components } from '@/lib/api/schema';
import { session } from '@/lib/auth/session';

export type LoginInput = Pick<components['schemas']['LoginRequest'], 'email' | 'password'>;

export async function login(input: LoginInput) {
  const response = await unwrap(publicClient.POST('/api/v1/auth/login', { body: input }));
  session.start(response);
  return response;
}

export function useLogin() {
  return useMutation({ mutationFn: login });
}
