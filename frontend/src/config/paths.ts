// Every address of the app, built in one place so links and routes cannot drift apart.
export const paths = {
  home: '/',
  login: '/login',
  register: '/register',
  lists: '/lists',
  list: (listId: string) => `/lists/${encodeURIComponent(listId)}`,
  creator: (creatorId: string) => `/creators/${encodeURIComponent(creatorId)}`,
} as const;
