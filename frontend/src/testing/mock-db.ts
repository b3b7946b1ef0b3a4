// An in-memory stand-in for the backend's data, so route tests exercise real round trips
// (create, then see it listed) instead of canned answers. Reset before every test.
import type { components } from '@/lib/api/schema';

type Schemas = components['schemas'];
export type MockUser = Schemas['UserResponse'] & { password: string };
export type MockList = Schemas['ListResponse'];
export type MockItem = Schemas['ListItemResponse'];
export type MockCreator = Schemas['CreatorResponse'];
export type MockHistoryPoint = Schemas['HistoryPoint'];

export type MockDb = {
  users: MockUser[];
  /** The user whose refresh cookie this browser holds, if any. */
  sessionUserId: string | null;
  lists: MockList[];
  items: Record<string, MockItem[]>;
  creators: MockCreator[];
  history: Record<string, MockHistoryPoint[]>;
};

let sequence = 0;
/** Deterministic, UUID-shaped ids that sort in creation order. */
export function nextId(): string {
  sequence += 1;
  return `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
}

const NOW = '2026-11-20T12:00:00Z';

export const db: MockDb = emptyDb();

function emptyDb(): MockDb {
  return { users: [], sessionUserId: null, lists: [], items: {}, creators: [], history: {} };
}

export function resetDb(): void {
  sequence = 0;
  Object.assign(db, emptyDb());
}

export function workspaceOf(user: Schemas['UserResponse']): Schemas['WorkspaceResponse'][] {
  return [{ id: `ws-${user.id}`, name: `${user.display_name}'s workspace`, role: 'owner' }];
}

export function sessionFor(user: MockUser): Schemas['SessionResponse'] {
  const { password: _password, ...publicUser } = user;
  return {
    access_token: `token-for-${user.id}`,
    token_type: 'Bearer',
    expires_in: 900,
    expires_at: '2026-11-20T12:15:00Z',
    user: publicUser,
    workspaces: workspaceOf(publicUser),
  };
}

export function addUser(overrides: Partial<MockUser> = {}): MockUser {
  const user: MockUser = {
    id: nextId(),
    email: 'maya@example.com',
    display_name: 'Maya',
    created_at: NOW,
    password: 'a long and unusual passphrase',
    ...overrides,
  };
  db.users.push(user);
  return user;
}

/** A user who is logged in: the page will restore their session from the "cookie". */
export function signedInUser(overrides: Partial<MockUser> = {}): MockUser {
  const user = addUser(overrides);
  db.sessionUserId = user.id;
  return user;
}

export function addList(overrides: Partial<MockList> = {}): MockList {
  const list: MockList = {
    id: nextId(),
    name: 'Spring drop',
    description: '',
    version: 1,
    item_count: 0,
    created_at: NOW,
    updated_at: NOW,
    ...overrides,
  };
  db.lists.push(list);
  db.items[list.id] = [];
  return list;
}

export function addCreator(handle: string, overrides: Partial<MockCreator> = {}): MockCreator {
  const creator: MockCreator = {
    id: nextId(),
    handle,
    display_name: null,
    avatar_url: null,
    verified: false,
    status: 'active',
    profile_url: `https://www.tiktok.com/@${handle}`,
    bio: null,
    region: null,
    latest: null,
    tracking_since: null,
    snapshot_count: 0,
    tracking: { status: 'active', failures: 0, next_fetch_at: NOW, last_fetched_at: null, last_error: null },
    ...overrides,
  };
  db.creators.push(creator);
  return creator;
}

export function addItem(list: MockList, creator: MockCreator, overrides: Partial<MockItem> = {}): MockItem {
  const items = db.items[list.id] ?? [];
  const {
    bio: _bio,
    region: _region,
    latest,
    tracking_since: _since,
    snapshot_count: _count,
    tracking: _tracking,
    ...summary
  } = creator;
  const item: MockItem = {
    id: nextId(),
    position: items.length,
    note: '',
    tags: [],
    added_at: NOW,
    updated_at: NOW,
    creator: summary,
    latest: latest ?? null,
    ...overrides,
  };
  items.push(item);
  db.items[list.id] = items;
  list.item_count = items.length;
  list.version += 1;
  return item;
}

/** A daily history ending `days` after `start`, each day gaining the given amounts. */
export function addDailyHistory(
  creator: MockCreator,
  { start, days, followers, gain }: { start: string; days: number; followers: number; gain: number },
): MockHistoryPoint[] {
  const points: MockHistoryPoint[] = [];
  for (let day = 0; day < days; day += 1) {
    const capturedAt = new Date(Date.parse(start) + day * 86_400_000).toISOString().replace('.000Z', 'Z');
    const previous = points[points.length - 1];
    const point = {
      captured_at: capturedAt,
      followers: followers + day * gain,
      following: 100,
      likes: (followers + day * gain) * 10,
      videos: 20 + Math.floor(day / 7),
      source: 'import',
    };
    points.push({
      ...point,
      change: previous
        ? {
            followers: point.followers - previous.followers,
            following: point.following - previous.following,
            likes: point.likes - previous.likes,
            videos: point.videos - previous.videos,
          }
        : null,
    });
  }
  db.history[creator.id] = points;
  const last = points[points.length - 1];
  if (last) {
    const { change: _change, ...latest } = last;
    creator.latest = latest;
    creator.tracking_since = points[0]?.captured_at ?? null;
    creator.snapshot_count = points.length;
  }
  return points;
}
