// What each TikTok permission zzyzx asks for lets the brand see, in plain words.
const SCOPES: Record<string, string> = {
  'user.info.basic': 'your display name and profile picture',
  'user.info.profile': 'your username, bio and verified badge (so zzyzx can check the account is yours)',
  'user.info.stats': 'your follower, following, like and video counts',
  'video.list': 'your public videos with their views, likes, comments and shares',
};

export function describeScope(scope: string): string {
  return SCOPES[scope] ?? scope;
}

export function ScopeList({ scopes }: { scopes: string[] }) {
  return (
    <ul>
      {scopes.map((scope) => (
        <li key={scope}>
          {describeScope(scope)} <code className="small text-body-secondary">{scope}</code>
        </li>
      ))}
    </ul>
  );
}
