// An endpoint's signing secret, shown once (on creating the endpoint or rotating its secret), with
// how a receiver checks each delivery with it: the Standard Webhooks signature.
import { ExternalLink } from '@/components/ui/ExternalLink';
import { OneTimeSecret } from '@/components/ui/OneTimeSecret';

type WebhookSecretProps = { label: string; secret: string; onDone: () => void };

export function WebhookSecret({ label, secret, onDone }: WebhookSecretProps) {
  return (
    <OneTimeSecret label={label} value={secret} onDone={onDone}>
      <p className="mb-1">
        Each event arrives as a JSON <code>POST</code> signed the{' '}
        <ExternalLink href="https://www.standardwebhooks.com/">Standard Webhooks</ExternalLink> way, with the headers{' '}
        <code>webhook-id</code>, <code>webhook-timestamp</code> and <code>webhook-signature</code>.
      </p>
      <p className="mb-0">
        To check one, compute the HMAC-SHA256 of <code>webhook-id.webhook-timestamp.body</code> with the base64-decoded
        part of this secret after <code>whsec_</code>; <code>webhook-signature</code> holds it as <code>v1,</code> and
        its base64. The Standard Webhooks libraries do this for you. Refuse deliveries with an old timestamp.
      </p>
    </OneTimeSecret>
  );
}
