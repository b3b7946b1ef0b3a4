// POST /auth/logout: ends the session on the server, then here.
import { useMutation } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { session } from '@/lib/auth/session';

export async function logout(): Promise<void> {
  try {
    await unwrap(apiClient.POST('/api/v1/auth/logout'));
  } finally {
    // Even if the server could not be told, this browser forgets the session: the user asked to leave.
    session.end('logged_out');
  }
}

export function useLogout() {
  return useMutation({ mutationFn: logout });
}
