// POST /auth/register: creates an account with its own workspace and logs in.
import { useMutation } from '@tanstack/react-query';
import { unwrap } from '@/lib/api/problem';
import { publicClient } from '@/lib/api/public-client';
import type { components } from '@/lib/api/schema';
import { session } from '@/lib/auth/session';

export type RegisterInput = Pick<components['schemas']['RegisterRequest'], 'email' | 'password' | 'display_name'>;

export async function register(input: RegisterInput) {
  const response = await unwrap(publicClient.POST('/api/v1/auth/register', { body: input }));
  session.start(response);
  return response;
}

export function useRegister() {
  return useMutation({ mutationFn: register });
}
