// Whether a credential handed to someone else (an API key, a share link) still works: active,
// revoked (and when) or expired.
import Badge from 'react-bootstrap/Badge';
import { formatDay } from '@/lib/format';

type CredentialStatusProps = {
  revokedAt?: string | null;
  /** Never, when absent. */
  expiresAt?: string | null;
  /** The moment to judge expiry by (milliseconds since the epoch). */
  now: number;
};

export function CredentialStatus({ revokedAt, expiresAt, now }: CredentialStatusProps) {
  if (revokedAt) {
    return (
      <>
        <Badge bg="secondary">Revoked</Badge>
        <div className="small text-body-secondary">{formatDay(revokedAt)}</div>
      </>
    );
  }
  if (expiresAt && Date.parse(expiresAt) <= now)
    return (
      <Badge bg="warning" text="dark">
        Expired
      </Badge>
    );
  return <Badge bg="success">Active</Badge>;
}
