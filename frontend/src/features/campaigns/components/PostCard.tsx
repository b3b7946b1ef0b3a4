// One campaign post: whose it is, why it counts (the rule, its pattern and the caption's matching text,
// marked), how it is doing, a link to TikTok, its curve on request, and "Not about us" for a post the
// rules found by mistake. A dismissed post stays listed, greyed and folded.
import { useState } from 'react';
import Badge from 'react-bootstrap/Badge';
import Button from 'react-bootstrap/Button';
import Card from 'react-bootstrap/Card';
import { ErrorState } from '@/components/ui/ErrorState';
import { ExternalLink } from '@/components/ui/ExternalLink';
import { LoadingState } from '@/components/ui/LoadingState';
import { VideoCover } from '@/components/ui/VideoCover';
import { VideoStats } from '@/components/ui/VideoStats';
import { describeSource, formatDateTime, formatDay, formatRelativeTime } from '@/lib/format';
import { describeEvidence, splitAtMatch } from '../api/evidence';
import type { CampaignPost } from '../api/get-campaign-posts';
import { usePostCurve } from '../api/get-post-curve';
import { PostCurveChart } from './PostCurveChart';

function Caption({ post }: { post: CampaignPost }) {
  const caption = post.video?.description;
  if (!caption) return <p className="mb-1 text-body-secondary">No caption fetched yet.</p>;
  const parts = post.evidence.rule === 'manual' ? null : splitAtMatch(caption, post.evidence.matched);
  return (
    <p className="mb-1 text-break">
      {parts ? (
        <>
          {parts[0]}
          <mark>{parts[1]}</mark>
          {parts[2]}
        </>
      ) : (
        caption
      )}
    </p>
  );
}

function EvidenceLine({ post }: { post: CampaignPost }) {
  const { evidence } = post;
  return (
    <p className="small mb-2">
      <span className="fw-semibold">{describeEvidence(evidence)}</span>
      {evidence.rule !== 'manual' && evidence.matched && (
        <>
          : “<mark>{evidence.matched}</mark>”
        </>
      )}
    </p>
  );
}

function Curve({ campaignId, post }: { campaignId: string; post: CampaignPost }) {
  const [open, setOpen] = useState(false);
  const curveQuery = usePostCurve(campaignId, post.id, { enabled: open });
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="small">Views and engagement over time</summary>
      <div className="mt-2">
        {curveQuery.isPending && open && <LoadingState label="Loading the curve…" />}
        {curveQuery.isError && (
          <ErrorState
            title="Could not load the curve."
            error={curveQuery.error}
            onRetry={() => void curveQuery.refetch()}
          />
        )}
        {curveQuery.isSuccess &&
          (curveQuery.data.length < 2 ? (
            <p className="small text-body-secondary mb-0">
              Not enough checks for a curve yet; the numbers are checked again over the next days.
            </p>
          ) : (
            <PostCurveChart points={curveQuery.data} />
          ))}
      </div>
    </details>
  );
}

type PostCardProps = {
  campaignId: string;
  post: CampaignPost;
  editable: boolean;
  onDismiss: (post: CampaignPost) => void;
};

function PostBody({ campaignId, post, editable, onDismiss }: PostCardProps) {
  const { video } = post;
  const handle = `@${post.handle}`;
  return (
    <div className="d-flex gap-3 min-w-0">
      <VideoCover url={video?.cover_url} />
      <div className="min-w-0 flex-grow-1">
        <div className="d-flex flex-wrap align-items-center gap-2 mb-1">
          <span className="fw-semibold">{handle}</span>
          {post.status === 'attached' && <Badge bg="secondary">Attached by hand</Badge>}
          {post.status === 'detected' && <Badge bg="primary">Detected</Badge>}
          {video?.source === 'demo' && (
            <Badge bg="warning" text="dark">
              Demo
            </Badge>
          )}
          <span className="small text-body-secondary" title={formatDateTime(post.detected_at)}>
            {video ? `Posted ${formatDay(video.posted_at)}` : `Found ${formatDay(post.detected_at)}`}
          </span>
        </div>
        <EvidenceLine post={post} />
        <Caption post={post} />
        {video ? (
          <>
            <VideoStats video={video} className="my-2" />
            <p className="small text-body-secondary mb-2">
              Numbers from {describeSource(video.source)}, {formatDateTime(video.fetched_at)}
              {post.next_check_at &&
                post.status !== 'dismissed' &&
                `; checked again ${formatRelativeTime(post.next_check_at)}`}
              .
            </p>
          </>
        ) : (
          <p className="small text-body-secondary mb-2">The video’s numbers have not been fetched yet.</p>
        )}
        <div className="d-flex flex-wrap align-items-center gap-3 mb-2">
          <ExternalLink href={post.share_url} className="small">
            Watch on TikTok<span className="visually-hidden">: post by {handle}</span>
          </ExternalLink>
          {editable && post.status !== 'dismissed' && (
            <Button
              variant="outline-secondary"
              size="sm"
              onClick={() => onDismiss(post)}
              aria-label={`Not about us: dismiss the post by ${handle}`}
            >
              Not about us
            </Button>
          )}
        </div>
        {post.status !== 'dismissed' && video && <Curve campaignId={campaignId} post={post} />}
      </div>
    </div>
  );
}

export function PostCard(props: PostCardProps) {
  const { post } = props;
  if (post.status === 'dismissed') {
    return (
      <Card className="campaign-post is-dismissed">
        <Card.Body className="py-2">
          <details>
            <summary>
              Dismissed: @{post.handle}
              {post.video && `, posted ${formatDay(post.video.posted_at)}`}
            </summary>
            <div className="mt-2">
              <PostBody {...props} />
            </div>
          </details>
        </Card.Body>
      </Card>
    );
  }
  return (
    <Card as="article" className="campaign-post" aria-label={`Post by @${post.handle}`}>
      <Card.Body>
        <PostBody {...props} />
      </Card.Body>
    </Card>
  );
}
