// MSW handlers for teams and third-party access: the workspace, its members and invitations, API
// keys, share links and the public shared dashboard. Typed from the schema like the rest, and
// serving the in-memory `db` with the server's rules: roles, the last owner, one-time secrets.
import { HttpResponse } from 'msw';
import type { components } from '@/lib/api/schema';
import { dashboardOf, defaultOrder } from './mock-analytics';
import { caller, http, membershipOf, problem } from './mock-api';
import {
  addMember,
  db,
  nextId,
  type MockApiKey,
  type MockInvitation,
  type MockMember,
  type MockShareLink,
  type MockUser,
} from './mock-db';

type Schemas = components['schemas'];

const NOW = '2026-11-20T12:00:00Z';
const DAY_MS = 86_400_000;

function refuse(status: number, code: Schemas['ErrorCode'], detail: string, errors?: Schemas['FieldError'][]) {
  return HttpResponse.json(problem(status, code, detail, errors), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

const invalid = (pointer: string, detail: string) =>
  refuse(422, 'validation_failed', 'One or more fields are invalid.', [{ pointer, detail }]);
const notFound = () => refuse(404, 'not_found', 'No such resource.');
const lastOwner = () =>
  refuse(409, 'last_owner', 'A workspace keeps at least one owner; make someone else owner first.');

/** Who calls, and their membership where the request acts; or the refusal the server would send. */
function access(request: Request, need: 'member' | 'owner'): { user: MockUser; member: MockMember } | Response {
  const user = caller(request);
  if (!user) return refuse(401, 'invalid_token', 'The token is invalid, expired or revoked.');
  const member = membershipOf(request, user);
  if (!member) return notFound();
  if (need === 'owner' && member.role !== 'owner') {
    return refuse(403, 'forbidden', 'Your role in this workspace does not allow this.');
  }
  return { user, member };
}

function workspaceResponse(member: MockMember): Schemas['WorkspaceResponse'] {
  const workspace = db.workspaces.find((candidate) => candidate.id === member.workspace_id);
  return { id: member.workspace_id, name: workspace?.name ?? '', role: member.role };
}

function memberResponse(member: MockMember): Schemas['MemberResponse'] {
  const user = db.users.find((candidate) => candidate.id === member.user_id);
  return {
    user_id: member.user_id,
    email: user?.email ?? '',
    display_name: user?.display_name ?? '',
    role: member.role,
    joined_at: member.joined_at,
  };
}

function isLastOwner(member: MockMember): boolean {
  const owners = db.members.filter((other) => other.workspace_id === member.workspace_id && other.role === 'owner');
  return member.role === 'owner' && owners.length === 1;
}

const daysFromNow = (days: number) => new Date(Date.parse(NOW) + days * DAY_MS).toISOString().replace('.000Z', 'Z');
const invitationOf = ({ workspace_id: _w, token: _t, accepted: _a, revoked: _r, ...invitation }: MockInvitation) =>
  invitation;
const apiKeyOf = ({ workspace_id: _w, ...key }: MockApiKey) => key;
const shareLinkOf = ({ token: _t, ...link }: MockShareLink) => link;

export const teamHandlers = [
  http.get('/api/v1/workspace', ({ request, response }) => {
    const who = access(request, 'member');
    if (who instanceof Response) return response.untyped(who);
    return response(200).json(workspaceResponse(who.member));
  }),

  http.patch('/api/v1/workspace', async ({ request, response }) => {
    const who = access(request, 'owner');
    if (who instanceof Response) return response.untyped(who);
    const { name } = await request.json();
    if (!name.trim()) return response.untyped(invalid('/name', 'must be at least 1 characters'));
    const workspace = db.workspaces.find((candidate) => candidate.id === who.member.workspace_id);
    if (workspace) workspace.name = name.trim();
    return response(200).json(workspaceResponse(who.member));
  }),

  http.get('/api/v1/workspace/members', ({ request, response }) => {
    const who = access(request, 'member');
    if (who instanceof Response) return response.untyped(who);
    const members = db.members.filter((member) => member.workspace_id === who.member.workspace_id);
    return response(200).json({ items: members.map(memberResponse) });
  }),

  http.patch('/api/v1/workspace/members/{user_id}', async ({ request, params, response }) => {
    const who = access(request, 'owner');
    if (who instanceof Response) return response.untyped(who);
    const target = db.members.find(
      (member) => member.workspace_id === who.member.workspace_id && member.user_id === params.user_id,
    );
    if (!target) return response.untyped(notFound());
    const { role } = await request.json();
    if (role !== 'owner' && isLastOwner(target)) return response.untyped(lastOwner());
    target.role = role;
    return response(200).json(memberResponse(target));
  }),

  http.delete('/api/v1/workspace/members/{user_id}', ({ request, params, response }) => {
    const leaving = caller(request)?.id === params.user_id;
    const who = access(request, leaving ? 'member' : 'owner');
    if (who instanceof Response) return response.untyped(who);
    const target = db.members.find(
      (member) => member.workspace_id === who.member.workspace_id && member.user_id === params.user_id,
    );
    if (!target) return response.untyped(notFound());
    if (isLastOwner(target)) return response.untyped(lastOwner());
    db.members = db.members.filter((member) => member !== target);
    return response(204).empty();
  }),

  http.get('/api/v1/workspace/invitations', ({ request, response }) => {
    const who = access(request, 'owner');
    if (who instanceof Response) return response.untyped(who);
    const pending = db.invitations.filter(
      (invitation) =>
        invitation.workspace_id === who.member.workspace_id &&
        !invitation.accepted &&
        !invitation.revoked &&
        invitation.expires_at > NOW,
    );
    return response(200).json({ items: pending.map(invitationOf) });
  }),

  http.post('/api/v1/workspace/invitations', async ({ request, response }) => {
    const who = access(request, 'owner');
    if (who instanceof Response) return response.untyped(who);
    const body = await request.json();
    if (!/^[^@\s]+@[^@\s]+$/.test(body.email)) {
      return response.untyped(invalid('/email', 'must be an e-mail address'));
    }
    const days = body.expires_in_days ?? 7;
    if (days < 1 || days > 30) return response.untyped(invalid('/expires_in_days', 'must be between 1 and 30'));
    const id = nextId();
    const invitation: MockInvitation = {
      id,
      workspace_id: who.member.workspace_id,
      email: body.email.toLowerCase(),
      role: body.role,
      invited_by: who.user.display_name,
      created_at: NOW,
      expires_at: daysFromNow(days),
      token: `zzi_secret${id.slice(-4)}`,
      accepted: false,
      revoked: false,
    };
    db.invitations.push(invitation);
    return response(201).json({
      invitation: invitationOf(invitation),
      token: invitation.token,
      accept_path: `/invite#${invitation.token}`,
      emailed: false,
    });
  }),

  http.delete('/api/v1/workspace/invitations/{invitation_id}', ({ request, params, response }) => {
    const who = access(request, 'owner');
    if (who instanceof Response) return response.untyped(who);
    const invitation = db.invitations.find(
      (candidate) => candidate.id === params.invitation_id && candidate.workspace_id === who.member.workspace_id,
    );
    if (!invitation) return response.untyped(notFound());
    invitation.revoked = true;
    return response(204).empty();
  }),

  http.post('/api/v1/invitations/preview', async ({ request, response }) => {
    const { token } = await request.json();
    const invitation = db.invitations.find((candidate) => candidate.token === token && !candidate.revoked);
    if (!invitation) return response.untyped(notFound());
    const workspace = db.workspaces.find((candidate) => candidate.id === invitation.workspace_id);
    return response(200).json({
      workspace_name: workspace?.name ?? '',
      email: invitation.email,
      role: invitation.role,
      invited_by: invitation.invited_by,
      expires_at: invitation.expires_at,
      status: invitation.accepted ? 'accepted' : invitation.expires_at <= NOW ? 'expired' : 'pending',
    });
  }),

  http.post('/api/v1/invitations/accept', async ({ request, response }) => {
    const user = caller(request);
    if (!user) return response.untyped(refuse(401, 'invalid_token', 'The token is invalid, expired or revoked.'));
    const { token } = await request.json();
    const invitation = db.invitations.find((candidate) => candidate.token === token && !candidate.revoked);
    if (!invitation) return response.untyped(notFound());
    if (invitation.accepted) {
      return response.untyped(refuse(409, 'invitation_used', 'This invitation has been used; ask for a new one.'));
    }
    if (invitation.expires_at <= NOW) {
      return response.untyped(refuse(409, 'invitation_expired', 'This invitation has expired; ask for a new one.'));
    }
    if (invitation.email !== user.email.toLowerCase()) {
      return response.untyped(
        refuse(
          403,
          'invitation_for_another_email',
          'This invitation is for another e-mail address; log in with that one.',
        ),
      );
    }
    const workspace = db.workspaces.find((candidate) => candidate.id === invitation.workspace_id);
    if (!workspace) return response.untyped(notFound());
    if (db.members.some((member) => member.workspace_id === workspace.id && member.user_id === user.id)) {
      return response.untyped(refuse(409, 'already_member', 'You are already a member of this workspace.'));
    }
    invitation.accepted = true;
    const member = addMember(workspace, user, invitation.role);
    return response(200).json(workspaceResponse(member));
  }),

  http.get('/api/v1/api-keys', ({ request, response }) => {
    const who = access(request, 'owner');
    if (who instanceof Response) return response.untyped(who);
    const keys = db.apiKeys.filter((key) => key.workspace_id === who.member.workspace_id);
    return response(200).json({ items: keys.map(apiKeyOf) });
  }),

  http.post('/api/v1/api-keys', async ({ request, response }) => {
    const who = access(request, 'owner');
    if (who instanceof Response) return response.untyped(who);
    const body = await request.json();
    if (!body.name.trim()) return response.untyped(invalid('/name', 'must be at least 1 characters'));
    if (body.scopes.length === 0) return response.untyped(invalid('/scopes', 'must name at least one scope'));
    const days = body.expires_in_days ?? 365;
    if (days < 1 || days > 365) return response.untyped(invalid('/expires_in_days', 'must be between 1 and 365'));
    const id = nextId();
    const secret = `zz_key${id.slice(-6)}restofthesecret`;
    const key: MockApiKey = {
      id,
      workspace_id: who.member.workspace_id,
      name: body.name.trim(),
      prefix: secret.slice(0, 12),
      scopes: body.scopes,
      created_by: who.user.display_name,
      created_at: NOW,
      expires_at: daysFromNow(days),
      last_used_at: null,
      revoked_at: null,
    };
    db.apiKeys.unshift(key);
    return response(201).json({ key: apiKeyOf(key), secret });
  }),

  http.delete('/api/v1/api-keys/{key_id}', ({ request, params, response }) => {
    const who = access(request, 'owner');
    if (who instanceof Response) return response.untyped(who);
    const key = db.apiKeys.find(
      (candidate) => candidate.id === params.key_id && candidate.workspace_id === who.member.workspace_id,
    );
    if (!key) return response.untyped(notFound());
    key.revoked_at ??= NOW;
    return response(200).json(apiKeyOf(key));
  }),

  http.get('/api/v1/lists/{list_id}/share-links', ({ request, params, response }) => {
    const who = access(request, 'owner');
    if (who instanceof Response) return response.untyped(who);
    if (!db.lists.some((list) => list.id === params.list_id)) return response.untyped(notFound());
    const links = db.shareLinks.filter((link) => link.list_id === params.list_id);
    return response(200).json({ items: links.map(shareLinkOf) });
  }),

  http.post('/api/v1/lists/{list_id}/share-links', async ({ request, params, response }) => {
    const who = access(request, 'owner');
    if (who instanceof Response) return response.untyped(who);
    if (!db.lists.some((list) => list.id === params.list_id)) return response.untyped(notFound());
    const { expires_at: expiresAt } = await request.json();
    if (expiresAt && Date.parse(expiresAt) <= Date.parse(NOW)) {
      return response.untyped(invalid('/expires_at', 'must be in the future'));
    }
    const id = nextId();
    const token = `zzs_link${id.slice(-6)}restofthesecret`;
    const link: MockShareLink = {
      id,
      list_id: params.list_id,
      prefix: token.slice(0, 14),
      token,
      created_by: who.user.display_name,
      created_at: NOW,
      expires_at: expiresAt ?? null,
      last_used_at: null,
      revoked_at: null,
    };
    db.shareLinks.unshift(link);
    return response(201).json({ link: shareLinkOf(link), token, path: `/share#${token}` });
  }),

  http.delete('/api/v1/lists/{list_id}/share-links/{link_id}', ({ request, params, response }) => {
    const who = access(request, 'owner');
    if (who instanceof Response) return response.untyped(who);
    const link = db.shareLinks.find(
      (candidate) => candidate.id === params.link_id && candidate.list_id === params.list_id,
    );
    if (!link) return response.untyped(notFound());
    link.revoked_at ??= NOW;
    return response(200).json(shareLinkOf(link));
  }),

  // The link's secret is the only credential: a session token or a workspace header is not expected here.
  http.get('/api/v1/shared/dashboard', ({ request, query, response }) => {
    const token = request.headers.get('Authorization')?.replace(/^Bearer /, '');
    const link = db.shareLinks.find((candidate) => candidate.token === token);
    const usable =
      link && !link.revoked_at && (!link.expires_at || link.expires_at > NOW) && !request.headers.has('X-Workspace-Id');
    if (!usable) return response.untyped(refuse(401, 'invalid_token', 'The token is invalid, expired or revoked.'));
    link.last_used_at = NOW;
    const sort = query.get('sort') ?? 'position';
    const dashboard = link.list_id
      ? dashboardOf(link.list_id, sort, query.get('order') ?? defaultOrder(sort))
      : undefined;
    if (!dashboard) return response.untyped(notFound());
    // The server's shared row has no notes or tags at all.
    const rows = dashboard.rows.map(({ note: _note, tags: _tags, ...shared }) => shared);
    return response(200).json({ ...dashboard, rows });
  }),
];
