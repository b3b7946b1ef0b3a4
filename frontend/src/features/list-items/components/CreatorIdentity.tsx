// Who a list item is: avatar, handle (linking to their profile in zzyzx) and display name.
import Badge from 'react-bootstrap/Badge';
import { Link } from 'react-router';
import { Avatar } from '@/components/ui/Avatar';
import { VerifiedBadge } from '@/components/ui/VerifiedBadge';
import { paths } from '@/config/paths';
import { describeCreatorStatus } from '@/lib/format';
import type { ListItem } from '../api/get-list-items';

export function CreatorIdentity({ creator }: { creator: ListItem['creator'] }) {
  const statusLabel = describeCreatorStatus(creator.status);
  return (
    <div className="d-flex align-items-center gap-2 min-w-0">
      <Avatar url={creator.avatar_url} name={creator.display_name || creator.handle} />
      <div className="min-w-0">
        <Link to={paths.creator(creator.id)} className="fw-semibold text-break">
          @{creator.handle}
        </Link>
        {creator.verified && <VerifiedBadge className="ms-1" />}
        {statusLabel && (
          <Badge bg="warning" text="dark" className="ms-1">
            {statusLabel}
          </Badge>
        )}
        {creator.display_name && <div className="small text-body-secondary text-truncate">{creator.display_name}</div>}
      </div>
    </div>
  );
}
