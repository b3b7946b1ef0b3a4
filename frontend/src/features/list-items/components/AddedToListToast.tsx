// The confirmation of an "Add to list" from outside a list (a hashtag's videos, rising creators): a
// toast with a link to the list, which outlives the card the menu was on. One per page.
import { useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { StatusToast } from '@/components/ui/StatusToast';
import { paths } from '@/config/paths';
import type { ListOption } from './AddToListMenu';

/** `confirm(handle)` is an `AddToListMenu`'s `onAdded`; `toast` goes once into the page. */
export function useAddedToListToast(): { confirm: (handle: string) => (list: ListOption) => void; toast: ReactNode } {
  const [added, setAdded] = useState<{ handle: string; list: ListOption } | null>(null);
  // One element per add, so the toast's timer restarts for a new add only, not on every render.
  const message = useMemo(
    () =>
      added && (
        <>
          Added @{added.handle} to <Link to={paths.list(added.list.id)}>{added.list.name}</Link>.
        </>
      ),
    [added],
  );
  return {
    confirm: (handle) => (list) => setAdded({ handle, list }),
    toast: <StatusToast message={message} onClose={() => setAdded(null)} />,
  };
}
