// The creator's most viewed video of the last 90 days: what sells them at a glance.
import Card from 'react-bootstrap/Card';
import { ErrorState } from '@/components/ui/ErrorState';
import { ExternalLink } from '@/components/ui/ExternalLink';
import { LoadingState } from '@/components/ui/LoadingState';
import { VideoCover } from '@/components/ui/VideoCover';
import { VideoStats } from '@/components/ui/VideoStats';
import { formatDay } from '@/lib/format';
import { TOP_VIDEO_DAYS, useTopVideo, type Video } from '../api/get-top-video';

function TopVideo({ video }: { video: Video }) {
  return (
    <div className="d-flex gap-3 min-w-0">
      <VideoCover url={video.cover_url} width={96} />
      <div className="min-w-0 d-flex flex-column gap-2">
        <p className="mb-0 text-break video-description">
          {video.description || <span className="text-body-secondary">No description</span>}
        </p>
        <VideoStats video={video} />
        <div className="small">
          <span className="text-body-secondary">Posted {formatDay(video.posted_at)}</span>
          {' · '}
          <ExternalLink href={video.share_url}>Watch on TikTok</ExternalLink>
        </div>
      </div>
    </div>
  );
}

export function TopVideoCard({ creatorId }: { creatorId: string }) {
  const topVideoQuery = useTopVideo(creatorId);
  return (
    <Card className="h-100">
      <Card.Body>
        <h2 className="h5">
          Top video <small className="text-body-secondary fs-6">last {TOP_VIDEO_DAYS} days, by views</small>
        </h2>
        {topVideoQuery.isPending && <LoadingState label="Loading the top video…" />}
        {topVideoQuery.isError && (
          <ErrorState
            title="Could not load the top video."
            error={topVideoQuery.error}
            onRetry={() => void topVideoQuery.refetch()}
          />
        )}
        {topVideoQuery.isSuccess &&
          (topVideoQuery.data ? (
            <TopVideo video={topVideoQuery.data} />
          ) : (
            <p className="text-body-secondary mb-0">
              No video from the last {TOP_VIDEO_DAYS} days yet. Videos appear once zzyzx has fetched this creator from a
              data source.
            </p>
          ))}
      </Card.Body>
    </Card>
  );
}
