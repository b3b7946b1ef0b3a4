// Orders a page load's requests as a busy server may: the page's own request goes out while the
// session check (POST /auth/refresh) is still unanswered, and is answered only after the app has
// acted on the check's answer.
import { http } from 'msw';
import { session } from '@/lib/auth/session';
import { server } from './server';

function sessionSettled(): Promise<void> {
  return new Promise((resolve) => {
    const unsubscribe = session.subscribe(() => {
      if (session.getSnapshot().status === 'restoring') return;
      unsubscribe();
      resolve();
    });
  });
}

/** `path`: the request the page makes on loading, e.g. `/api/v1/invitations/preview`. */
export function answerSessionCheckWhileLoading(path: string): void {
  let pageRequestSent = () => {};
  const pageRequest = new Promise<void>((resolve) => {
    pageRequestSent = resolve;
  });
  server.use(
    http.post('/api/v1/auth/refresh', async () => {
      await pageRequest;
      // Unanswered here: the usual handler answers.
      return undefined;
    }),
    http.all(path, async () => {
      const settled = sessionSettled();
      pageRequestSent();
      await settled;
      return undefined;
    }),
  );
}
