// One video under a hashtag: who made it (marked when already in a list, highlighted when not),
// what it says, how it did, and a way to add its creator to a list.
import type { ReactNode } from 'react';
import Badge from 'react-bootstrap/Badge';
import Card from 'react-bootstrap/Card';
import { Link } from 'react-router';
import { Avatar } from '@/components/ui/Avatar';
import { ExternalLink } from '@/components/ui/ExternalLink';
import { VerifiedBadge } from '@/components/ui/VerifiedBadge';
import { VideoCover } from '@/components/ui/VideoCover';
import { VideoStats } from '@/components/ui/VideoStats';
import { paths } from '@/config/paths';
import { formatDay } from '@/lib/format';
import type { HashtagVideo } from '../api/get-hashtag-videos';

function CreatorLine({ creator, tracked }: Pick<HashtagVideo, 'creator' | 'tracked'>) {
  const handle = `@${creator.handle}`;
  return (
    <div className="d-flex align-items-center gap-2 min-w-0">
      <Avatar url={creator.avatar_url} name={creator.display_name || creator.handle} size={36} />
      <div className="min-w-0 flex-grow-1">
        <div className="d-flex flex-wrap align-items-center gap-1">
          {tracked ? (
            <Link to={paths.creator(creator.id)} className="fw-semibold text-break">
              {handle}
            </Link>
          ) : (
            <span className="fw-semibold text-break">{handle}</span>
          )}
          {creator.verified && <VerifiedBadge />}
          {tracked ? (
            <Badge bg="success" title="In one of your lists">
              Tracked
            </Badge>
          ) : (
            <Badge bg="primary" title="In none of your lists yet">
              Not in a list
            </Badge>
          )}
        </div>
        {creator.display_name && <div className="small text-body-secondary text-truncate">{creator.display_name}</div>}
      </div>
    </div>
  );
}

type HashtagVideoCardProps = { entry: HashtagVideo; action: ReactNode };

export function HashtagVideoCard({ entry, action }: HashtagVideoCardProps) {
  const { video, creator, tracked } = entry;
  return (
    <Card className={`h-100 hashtag-video${tracked ? '' : ' is-untracked'}`}>
      <Card.Body className="d-flex flex-column gap-3">
        <CreatorLine creator={creator} tracked={tracked} />
        <div className="d-flex gap-3 min-w-0">
          <VideoCover url={video.cover_url} />
          <div className="min-w-0">
            <p className="mb-1 text-break video-description">
              {video.description || <span className="text-body-secondary">No description</span>}
            </p>
            {video.hashtags.length > 0 && (
              <ul className="list-inline small mb-0" aria-label="Hashtags">
                {video.hashtags.map((tag) => (
                  <li key={tag} className="list-inline-item">
                    <Link to={paths.hashtag(tag)}>#{tag}</Link>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
        <VideoStats video={video} />
        <div className="mt-auto d-flex flex-wrap align-items-start justify-content-between gap-2">
          {action}
          <div className="small text-end">
            <div className="text-body-secondary">Posted {formatDay(video.posted_at)}</div>
            <ExternalLink href={video.share_url}>
              Watch on TikTok<span className="visually-hidden">: video by @{creator.handle}</span>
            </ExternalLink>
          </div>
        </div>
      </Card.Body>
    </Card>
  );
}
