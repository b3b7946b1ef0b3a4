// One rising creator: who they are, their tier and fit (or content signal), the evidence in words, a 30-day follower
// trend and the video that stood out, with whatever the page lets one do with them (add to a campaign).
import type { ReactNode } from 'react';
import Badge from 'react-bootstrap/Badge';
import Card from 'react-bootstrap/Card';
import { Link } from 'react-router';
import { Avatar } from '@/components/ui/Avatar';
import { ExternalLink } from '@/components/ui/ExternalLink';
import { FitValue } from '@/components/ui/FitValue';
import { Sparkline } from '@/components/ui/Sparkline';
import { paths } from '@/config/paths';
import { formatSignedPercent, tierLabel } from '@/lib/analytics-format';
import { formatCompact, formatWhole } from '@/lib/format';
import type { RisingCreator } from '../api/get-rising';

export function RisingCreatorCard({ item, action }: { item: RisingCreator; action?: ReactNode }) {
  const { creator, summary, latest, top_video: topVideo } = item;
  const headingId = `rising-${creator.id}`;
  return (
    <Card as="article" className="h-100" aria-labelledby={headingId}>
      <Card.Body className="d-flex flex-column gap-3">
        <div className="d-flex align-items-center gap-2 min-w-0">
          <Avatar url={creator.avatar_url} name={creator.display_name || creator.handle} />
          <div className="min-w-0 flex-grow-1">
            <h2 id={headingId} className="h6 mb-0 text-break">
              <Link to={paths.creator(creator.id)}>@{creator.handle}</Link>
            </h2>
            {creator.display_name && (
              <div className="small text-body-secondary text-truncate">{creator.display_name}</div>
            )}
          </div>
          {latest?.source === 'demo' && (
            <Badge bg="warning" text="dark">
              Demo
            </Badge>
          )}
        </div>

        <dl className="d-flex flex-wrap gap-3 mb-0">
          <div>
            <dt className="small fw-normal text-body-secondary">Followers</dt>
            <dd className="mb-0 fw-semibold" title={latest ? formatWhole(latest.followers) : undefined}>
              {latest ? formatCompact(latest.followers) : '—'}
            </dd>
          </div>
          <div>
            <dt className="small fw-normal text-body-secondary">7 days</dt>
            <dd className="mb-0 fw-semibold">
              {summary.growth_7d.percent == null ? '—' : formatSignedPercent(summary.growth_7d.percent)}
            </dd>
          </div>
          <div>
            <dt className="small fw-normal text-body-secondary">Tier</dt>
            <dd className="mb-0 fw-semibold">{summary.tier ? tierLabel(summary.tier) : '—'}</dd>
          </div>
          <div>
            <dt className="small fw-normal text-body-secondary">Audience fit</dt>
            <dd className="mb-0 fw-semibold">
              <FitValue summary={summary} />
            </dd>
          </div>
        </dl>

        <div>
          <div className="small text-body-secondary">Why rising</div>
          <ul className="mb-0 ps-3" aria-label={`Why @${creator.handle} is rising`}>
            {summary.rising.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>

        <div className="mt-auto d-flex flex-wrap justify-content-between align-items-end gap-2">
          <Sparkline values={item.sparkline} label="Followers, last 30 days" width={140} height={36} />
          {topVideo && (
            <ExternalLink href={topVideo.share_url} className="small">
              Top video: {formatCompact(topVideo.views)} views
            </ExternalLink>
          )}
        </div>
        {action}
      </Card.Body>
    </Card>
  );
}
