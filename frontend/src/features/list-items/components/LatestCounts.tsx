// A creator's latest followers and likes, compact, with where and when they were recorded.
import Badge from 'react-bootstrap/Badge';
import { describeProvenance, describeSource, formatCompact, formatWhole } from '@/lib/format';
import type { ListItem } from '../api/get-list-items';

export function LatestCounts({ latest }: { latest: ListItem['latest'] }) {
  if (!latest) {
    return (
      <div className="latest-counts small text-body-secondary" title="No numbers recorded for this creator yet">
        No data yet
      </div>
    );
  }
  const provenance = describeProvenance(latest);
  return (
    <div className="latest-counts">
      <dl
        className="d-flex gap-3 mb-0"
        title={`${formatWhole(latest.followers)} followers, ${formatWhole(latest.likes)} likes (${provenance})`}
      >
        <div>
          <dt className="small fw-normal text-body-secondary">Followers</dt>
          <dd className="mb-0 fw-semibold">{formatCompact(latest.followers)}</dd>
        </div>
        <div>
          <dt className="small fw-normal text-body-secondary">Likes</dt>
          <dd className="mb-0 fw-semibold">{formatCompact(latest.likes)}</dd>
        </div>
      </dl>
      <div className="small text-body-secondary">
        {latest.source === 'demo' ? (
          <Badge bg="warning" text="dark">
            Demo
          </Badge>
        ) : (
          describeSource(latest.source)
        )}
        <span className="visually-hidden">, recorded {provenance}</span>
      </div>
    </div>
  );
}
