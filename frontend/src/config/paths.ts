// Every address of the app, built in one place so links and routes cannot drift apart.
export const paths = {
  home: '/',
  login: '/login',
  register: '/register',
  lists: '/lists',
  list: (listId: string) => `/lists/${encodeURIComponent(listId)}`,
  listDashboard: (listId: string) => `/lists/${encodeURIComponent(listId)}/dashboard`,
  creator: (creatorId: string) => `/creators/${encodeURIComponent(creatorId)}`,
  hashtags: '/hashtags',
  /** A hashtag as the explorer shows it: lowercase, without `#`. */
  hashtag: (tag: string) => `/hashtags/${encodeURIComponent(tag)}`,
  rising: '/rising',
  settings: '/settings',
} as const;
