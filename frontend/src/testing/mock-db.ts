// An in-memory stand-in for the backend's data, so route tests exercise real round trips
// (create, then see it listed) instead of canned answers. Reset before every test.
import type { components } from '@/lib/api/schema';

type Schemas = components['schemas'];
export type MockUser = Schemas['UserResponse'] & { password: string };
export type MockList = Schemas['ListResponse'];
export type MockItem = Schemas['ListItemResponse'];
export type MockCreator = Schemas['CreatorResponse'];
export type MockHistoryPoint = Schemas['HistoryPoint'];
export type MockVideo = Schemas['VideoResponse'];
export type MockJob = Schemas['JobResponse'];
export type MockSourceStatus = Schemas['SourceStatusResponse'];
/** Someone the data source's user search finds but zzyzx has never seen. */
export type MockSourceUser = Pick<Schemas['SearchResult'], 'handle' | 'display_name' | 'followers'>;
export type MockWorkspace = { id: string; name: string };
export type MockMember = { workspace_id: string; user_id: string; role: Schemas['Role']; joined_at: string };
export type MockInvitation = Schemas['InvitationResponse'] & {
  workspace_id: string;
  token: string;
  accepted: boolean;
  revoked: boolean;
};
export type MockApiKey = Schemas['ApiKeyResponse'] & { workspace_id: string };
export type MockShareLink = Schemas['ShareLinkResponse'] & { token: string };

export type MockDb = {
  users: MockUser[];
  /** The user whose refresh cookie this browser holds, if any. */
  sessionUserId: string | null;
  lists: MockList[];
  items: Record<string, MockItem[]>;
  creators: MockCreator[];
  history: Record<string, MockHistoryPoint[]>;
  /** Videos by creator id; the hashtag endpoint finds its videos here too. */
  videos: Record<string, MockVideo[]>;
  jobs: MockJob[];
  source: MockSourceStatus;
  sourceUsers: MockSourceUser[];
  workspaces: MockWorkspace[];
  /** Who belongs to which workspace, oldest membership first (the server's order). */
  members: MockMember[];
  invitations: MockInvitation[];
  apiKeys: MockApiKey[];
  shareLinks: MockShareLink[];
  /** The workspace of a list, for tests that switch workspaces; a list without one shows in all. */
  listWorkspace: Record<string, string>;
};

let sequence = 0;
/** Deterministic, UUID-shaped ids that sort in creation order. */
export function nextId(): string {
  sequence += 1;
  return `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
}

const NOW = '2026-11-20T12:00:00Z';

export const db: MockDb = emptyDb();

function demoSource(): MockSourceStatus {
  return {
    source: 'demo',
    capabilities: {
      profile: true,
      videos: true,
      hashtag_videos: true,
      user_search: true,
      comments: true,
      audience: false,
    },
    last_success_at: '2026-11-20T11:55:00Z',
    last_error: null,
    last_error_at: null,
    paused_until: null,
    pause_reason: null,
    breaker: 'closed',
    cadence: [
      { reason: 'rising', creators: 2, every_hours: 6 },
      { reason: 'regular', creators: 5, every_hours: 24 },
    ],
    budget: null,
  };
}

function emptyDb(): MockDb {
  return {
    users: [],
    sessionUserId: null,
    lists: [],
    items: {},
    creators: [],
    history: {},
    videos: {},
    jobs: [],
    source: demoSource(),
    sourceUsers: [],
    workspaces: [],
    members: [],
    invitations: [],
    apiKeys: [],
    shareLinks: [],
    listWorkspace: {},
  };
}

export function resetDb(): void {
  sequence = 0;
  Object.assign(db, emptyDb());
}

/** The user's workspaces with their role in each, in the order they joined, as the server lists them. */
export function workspacesOf(userId: string): Schemas['WorkspaceResponse'][] {
  return db.members
    .filter((member) => member.user_id === userId)
    .flatMap((member) => {
      const workspace = db.workspaces.find((candidate) => candidate.id === member.workspace_id);
      return workspace ? [{ ...workspace, role: member.role }] : [];
    });
}

export function sessionFor(user: MockUser): Schemas['SessionResponse'] {
  const { password: _password, ...publicUser } = user;
  return {
    access_token: `token-for-${user.id}`,
    token_type: 'Bearer',
    expires_in: 900,
    expires_at: '2026-11-20T12:15:00Z',
    user: publicUser,
    workspaces: workspacesOf(user.id),
  };
}

export function addWorkspace(name: string): MockWorkspace {
  const workspace = { id: `ws-${nextId()}`, name };
  db.workspaces.push(workspace);
  return workspace;
}

export function addMember(workspace: MockWorkspace, user: MockUser, role: Schemas['Role']): MockMember {
  const member = { workspace_id: workspace.id, user_id: user.id, role, joined_at: NOW };
  db.members.push(member);
  return member;
}

/** What registering makes besides the account: a workspace of one's own, owned. */
export function addPersonalWorkspace(user: MockUser): MockWorkspace {
  const workspace = { id: `ws-${user.id}`, name: `${user.display_name}'s workspace` };
  db.workspaces.push(workspace);
  addMember(workspace, user, 'owner');
  return workspace;
}

/** A workspace of several people: Olga owns it, and `user` is in it with `role`. */
export function addTeam(user: MockUser, role: Schemas['Role'], name = 'Northwind'): MockWorkspace {
  const workspace = addWorkspace(name);
  const olga = addUser({ email: 'olga@example.com', display_name: 'Olga' });
  addMember(workspace, olga, 'owner');
  addMember(workspace, user, role);
  return workspace;
}

export function personalWorkspaceOf(user: MockUser): MockWorkspace {
  const workspace = db.workspaces.find((candidate) => candidate.id === `ws-${user.id}`);
  if (!workspace) throw new Error(`mock: ${user.display_name} has no workspace of their own`);
  return workspace;
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
  addPersonalWorkspace(user);
  return user;
}

/** A user who is logged in: the page will restore their session from the "cookie". */
export function signedInUser(overrides: Partial<MockUser> = {}): MockUser {
  const user = addUser(overrides);
  db.sessionUserId = user.id;
  return user;
}

export function addList(overrides: Partial<MockList> = {}, workspace?: MockWorkspace): MockList {
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
  if (workspace) db.listWorkspace[list.id] = workspace.id;
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
    tracking: {
      status: 'active',
      failures: 0,
      next_fetch_at: NOW,
      last_fetched_at: null,
      last_error: null,
      refresh_reason: 'regular',
    },
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

/** Whether the creator is in any list: what `tracked` means in search and hashtag results. */
export function isTracked(handle: string): boolean {
  return Object.values(db.items).some((items) => items.some((item) => item.creator.handle === handle));
}

/** The profile fields a list item or a hashtag result carries. */
export function summaryOf(creator: MockCreator): MockItem['creator'] {
  const { id, handle, display_name, avatar_url, verified, status, profile_url } = creator;
  return { id, handle, display_name, avatar_url, verified, status, profile_url };
}

export function addVideo(creator: MockCreator, overrides: Partial<MockVideo> = {}): MockVideo {
  // TikTok's ids are 19-digit strings.
  const id = `7400000${nextId().slice(-12)}`;
  const video: MockVideo = {
    id,
    creator_id: creator.id,
    posted_at: '2026-11-10T12:00:00Z',
    description: 'A video',
    hashtags: [],
    cover_url: null,
    duration_seconds: 30,
    share_url: `https://www.tiktok.com/@${creator.handle}/video/${id}`,
    views: 1000,
    likes: 100,
    comments: 10,
    shares: 1,
    saves: null,
    source: 'demo',
    fetched_at: '2026-11-20T11:55:00Z',
    ...overrides,
  };
  db.videos[creator.id] = [...(db.videos[creator.id] ?? []), video];
  return video;
}

/** Switches the data source; `none` can do nothing. */
export function setSource(source: string, overrides: Partial<MockSourceStatus> = {}): MockSourceStatus {
  const able = source !== 'none';
  db.source = {
    ...demoSource(),
    source,
    capabilities: {
      profile: able,
      videos: able,
      hashtag_videos: able,
      user_search: able,
      comments: able,
      audience: false,
    },
    last_success_at: able ? demoSource().last_success_at : null,
    breaker: able ? 'closed' : null,
    cadence: able ? demoSource().cadence : [],
    ...overrides,
  };
  return db.source;
}

export function addInvitation(workspace: MockWorkspace, overrides: Partial<MockInvitation> = {}): MockInvitation {
  const id = nextId();
  const invitation: MockInvitation = {
    id,
    workspace_id: workspace.id,
    email: 'sam@example.com',
    role: 'viewer',
    invited_by: 'Maya',
    created_at: NOW,
    expires_at: '2026-11-27T12:00:00Z',
    token: `zzi_${id.slice(-6)}`,
    accepted: false,
    revoked: false,
    ...overrides,
  };
  db.invitations.push(invitation);
  return invitation;
}

export function addApiKey(workspace: MockWorkspace, overrides: Partial<MockApiKey> = {}): MockApiKey {
  const key: MockApiKey = {
    id: nextId(),
    workspace_id: workspace.id,
    name: 'Sheets sync',
    prefix: 'zz_4fQ9xB2mK',
    scopes: ['lists:read'],
    created_by: 'Maya',
    created_at: NOW,
    expires_at: '2027-11-20T12:00:00Z',
    last_used_at: null,
    revoked_at: null,
    ...overrides,
  };
  db.apiKeys.unshift(key);
  return key;
}

export function addShareLink(list: MockList, overrides: Partial<MockShareLink> = {}): MockShareLink {
  const id = nextId();
  const link: MockShareLink = {
    id,
    list_id: list.id,
    prefix: `zzs_${id.slice(-6)}`,
    token: `zzs_${id.slice(-6)}secret`,
    created_by: 'Maya',
    created_at: NOW,
    expires_at: null,
    last_used_at: null,
    revoked_at: null,
    ...overrides,
  };
  db.shareLinks.unshift(link);
  return link;
}
