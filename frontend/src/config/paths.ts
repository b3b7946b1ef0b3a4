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
  campaigns: '/campaigns',
  campaign: (campaignId: string) => `/campaigns/${encodeURIComponent(campaignId)}`,
  inbox: '/inbox',
  settings: '/settings',
  members: '/settings/members',
  apiKeys: '/settings/api-keys',
  alertSettings: '/settings/alerts',
  webhooks: '/settings/webhooks',
  /** Public pages, opened from links that carry their secret in the fragment (`#zzs_…`, `#zzi_…`, `#zzc_…`). */
  share: '/share',
  sharedCampaign: '/share/campaign',
  invite: '/invite',
  /** A brand's connect link (`#zzc_…`), and where TikTok's authorization ends. */
  connect: '/connect',
  connectDone: '/connect/done',
} as const;

/** The secret a share or invitation link carries after `#` (URL-safe as it is); empty when there is none. */
export function secretFromHash(hash: string): string {
  return hash.replace(/^#/, '').trim();
}
