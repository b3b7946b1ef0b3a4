// TikTok's verified mark. Dark text on the light blue: white on it measured 1.95:1, below the 4.5:1
// that small text needs.
import Badge from 'react-bootstrap/Badge';

export function VerifiedBadge({ className }: { className?: string }) {
  return (
    <Badge bg="info" text="dark" className={className}>
      Verified
    </Badge>
  );
}
