// /connect/done?outcome=…: where TikTok's authorization ends, whatever happened, for connecting the
// account and (with step=business) for sharing a business account's audience. Says what it came to
// and what to do next; nothing on this page needs the link's secret.
import Alert from 'react-bootstrap/Alert';
import Card from 'react-bootstrap/Card';
import { useSearchParams } from 'react-router';
import { useDocumentTitle } from '@/hooks/use-document-title';

type Message = { title: string; text: string; variant: 'success' | 'info' | 'warning' };

function message(outcome: string, handle: string, authorized: string): Message {
  const account = handle ? `@${handle}` : 'your account';
  switch (outcome) {
    case 'connected':
      return {
        title: `${account} is connected`,
        text: 'Thank you. You can close this page. To disconnect later, open the link you were sent again.',
        variant: 'success',
      };
    case 'denied':
      return {
        title: 'Nothing was connected',
        text: 'You did not authorize zzyzx on TikTok (or the authorization expired). If you change your mind, open your link again.',
        variant: 'info',
      };
    case 'wrong_account':
      return {
        title: 'That was another account',
        text: `You authorized ${authorized ? `@${authorized}` : 'another account'}, but the link is for ${account}. Log in to TikTok as ${account}, then open your link again.`,
        variant: 'warning',
      };
    case 'missing_scopes':
      return {
        title: 'A permission is missing',
        text: 'zzyzx needs at least your profile (username) to check that the account is yours. Open your link again and keep those permissions on.',
        variant: 'warning',
      };
    case 'failed':
      return {
        title: 'TikTok did not answer as expected',
        text: 'Nothing was connected. Try again in a few minutes from your link.',
        variant: 'warning',
      };
    case 'disabled':
      return {
        title: 'Connecting is off here',
        text: 'This zzyzx is not set up to connect TikTok accounts. Let the brand that sent you the link know.',
        variant: 'warning',
      };
    default:
      return {
        title: 'This authorization has expired',
        text: 'It was already used, or took longer than 15 minutes. Open your link again and press “Connect with TikTok”.',
        variant: 'info',
      };
  }
}

function businessMessage(outcome: string, handle: string, authorized: string): Message {
  const account = handle ? `@${handle}` : 'your account';
  switch (outcome) {
    case 'connected':
      return {
        title: `${account} shares its audience demographics`,
        text: 'Thank you. The brand now sees your audience’s top countries, genders and age groups, read weekly. To stop, open the link you were sent again.',
        variant: 'success',
      };
    case 'denied':
      return {
        title: 'No audience demographics were shared',
        text: 'You did not authorize zzyzx on TikTok for your business account (or the authorization expired). Your account stays connected; open your link again if you change your mind.',
        variant: 'info',
      };
    case 'wrong_account':
      return {
        title: 'That was another account',
        text: `You authorized ${authorized ? `@${authorized}` : 'another account'}, but the link is for ${account}. Log in to TikTok as ${account}, then open your link again.`,
        variant: 'warning',
      };
    case 'missing_scopes':
      return {
        title: 'A permission is missing',
        text: 'TikTok did not tell zzyzx which account you authorized, so nothing was shared. Open your link again and keep your basic profile permission on.',
        variant: 'warning',
      };
    case 'failed':
      return {
        title: 'TikTok did not answer as expected',
        text: 'No audience demographics were shared. Try again in a few minutes from your link.',
        variant: 'warning',
      };
    case 'not_connected':
      return {
        title: 'Your account is no longer connected',
        text: 'The connection ended before TikTok sent you back, so nothing was shared. Open your link, connect, then share again.',
        variant: 'warning',
      };
    case 'disabled':
      return {
        title: 'Sharing audience demographics is off here',
        text: 'This zzyzx is not set up to read business accounts’ audiences. Your account stays connected.',
        variant: 'warning',
      };
    default:
      return {
        title: 'This authorization has expired',
        text: 'It was already used, or took longer than 15 minutes. Open your link again and press “Share audience demographics”.',
        variant: 'info',
      };
  }
}

export function ConnectDoneRoute() {
  const [searchParams] = useSearchParams();
  const describe = searchParams.get('step') === 'business' ? businessMessage : message;
  const shown = describe(
    searchParams.get('outcome') ?? '',
    searchParams.get('handle') ?? '',
    searchParams.get('authorized') ?? '',
  );
  useDocumentTitle(shown.title);
  return (
    <div className="mx-auto" style={{ maxWidth: '40rem' }}>
      <Card body className="shadow-sm">
        <h1 className="h4">{shown.title}</h1>
        <Alert variant={shown.variant} className="mb-0">
          {shown.text}
        </Alert>
      </Card>
    </div>
  );
}
