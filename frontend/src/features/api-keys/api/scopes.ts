// What each API key scope lets a tool do, in the words the create form uses. Writing does not
// include reading: a tool that changes lists and reads them back needs both.
import type { Scope } from './get-api-keys';

export const SCOPES: readonly { id: Scope; label: string; description: string }[] = [
  { id: 'lists:read', label: 'Read lists', description: 'See lists, the creators in them and their dashboards.' },
  {
    id: 'lists:write',
    label: 'Change lists',
    description: 'Create, rename, reorder and delete lists, and add or remove their creators.',
  },
  {
    id: 'creators:read',
    label: 'Read creators',
    description: 'See creators’ profiles, history, videos, analytics and audiences; search creators and hashtags.',
  },
  {
    id: 'creators:write',
    label: 'Change creators',
    description: 'Record and import metrics and audiences, and ask for fresh numbers.',
  },
];
