// The bell in the navbar: a link to the inbox whose name carries the unread count ("Alerts, 3
// unread"), with the count as a badge. When the count changes while the page is open, a polite
// live region says so; the count a page loads with is not announced (the link's name carries it).
import { useState } from 'react';
import { NavLink } from 'react-router';
import { paths } from '@/config/paths';
import { useUnreadCount } from '../api/get-unread-count';
import './alerts.css';

/** A badge stays small: 99+ says "a lot" as well as 1,024 does. */
const MAX_SHOWN = 99;

function unreadWords(count: number): string {
  return count === 0 ? 'no unread alerts' : `${count} unread ${count === 1 ? 'alert' : 'alerts'}`;
}

export function AlertsBell() {
  const unread = useUnreadCount().data;
  const [previous, setPrevious] = useState<number | undefined>(undefined);
  const [announcement, setAnnouncement] = useState('');
  // Adjusted while rendering, as React advises for state that follows a value.
  if (unread !== undefined && unread !== previous) {
    if (previous !== undefined) setAnnouncement(`You have ${unreadWords(unread)}.`);
    setPrevious(unread);
  }

  // The name comes from the content, so that it holds the visible text: "Alerts, 3 unread".
  return (
    <>
      <NavLink to={paths.inbox} className="btn btn-outline-light btn-sm text-nowrap">
        <span aria-hidden="true">🔔</span>
        <span className="alerts-bell-word ms-1">Alerts</span>
        {unread ? (
          <>
            <span className="visually-hidden">, </span>
            <span className="badge rounded-pill bg-danger ms-1">{unread > MAX_SHOWN ? `${MAX_SHOWN}+` : unread}</span>
            <span className="visually-hidden"> unread</span>
          </>
        ) : null}
      </NavLink>
      <span className="visually-hidden" aria-live="polite">
        {announcement}
      </span>
    </>
  );
}
