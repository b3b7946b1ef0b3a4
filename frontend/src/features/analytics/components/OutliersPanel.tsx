// The outlier strip as a table: each recent video (its cover and caption, linking to TikTok) with its
// views against the creator's median, as a multiple, with viral and "still collecting views" badges
// and views per follower. Biggest first.
import { useState } from 'react';
import Badge from 'react-bootstrap/Badge';
import Button from 'react-bootstrap/Button';
import Table from 'react-bootstrap/Table';
import { MeasureValue } from '@/components/ui/MeasureValue';
import { WideTable } from '@/components/ui/WideTable';
import { describeUnavailable, formatMultiple, formatPercent } from '@/lib/analytics-format';
import { formatCompact, formatDay, formatWhole } from '@/lib/format';
import type { CreatorAnalytics } from '../api/get-creator-analytics';
import { VideoLink, type KnownVideo } from './VideoLink';

const SHOWN_AT_FIRST = 10;

type OutliersPanelProps = {
  outliers: CreatorAnalytics['outliers'];
  handle: string;
  videos: ReadonlyMap<string, KnownVideo>;
};

export function OutliersPanel({ outliers, handle, videos }: OutliersPanelProps) {
  const [showAll, setShowAll] = useState(false);
  if (outliers.videos.length === 0) {
    return <p className="mb-0 text-body-secondary">No videos fetched yet, so there is nothing to compare.</p>;
  }
  const byMultiple = [...outliers.videos].sort(
    (a, b) => (b.multiple.value ?? -1) - (a.multiple.value ?? -1) || b.views - a.views,
  );
  const shown = showAll ? byMultiple : byMultiple.slice(0, SHOWN_AT_FIRST);
  return (
    <>
      <p className="mb-2">
        Median views:{' '}
        <MeasureValue measure={outliers.median_views} format={(value) => formatWhole(Math.round(value))} />
        {' · '}viral at {formatMultiple(outliers.viral_multiple)} the median · {outliers.viral_count_30d} viral{' '}
        {outliers.viral_count_30d === 1 ? 'video' : 'videos'} in the last 30 days
      </p>
      {outliers.unavailable && (
        <p className="small text-body-secondary">
          No outlier scores: {describeUnavailable(outliers.unavailable)}. A video is compared only with at least 3
          others.
        </p>
      )}
      <WideTable className="outlier-videos">
        <Table size="sm" hover className="mb-2 align-middle">
          <caption className="caption-top">Recent videos by outlier multiple, highest first</caption>
          <thead>
            <tr>
              <th scope="col">Video</th>
              <th scope="col">Posted</th>
              <th scope="col" className="text-end">
                Views
              </th>
              <th scope="col" className="text-end">
                Multiple
              </th>
              <th scope="col" className="text-end">
                Views per follower
              </th>
              <th scope="col" className="text-end">
                Engagement
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((video) => (
              <tr key={video.video_id}>
                <td>
                  <VideoLink
                    videoId={video.video_id}
                    postedAt={video.posted_at}
                    handle={handle}
                    videos={videos}
                    withCover
                  />
                  <div className="d-flex flex-wrap gap-1 mt-1">
                    {video.video_id === outliers.top_video_id && <Badge bg="primary">Top video</Badge>}
                    {video.viral && <Badge bg="danger">Viral</Badge>}
                    {video.provisional && (
                      <Badge
                        bg="secondary"
                        title="Under 48 hours old: still collecting views, so its multiple can only grow"
                      >
                        Still collecting views
                      </Badge>
                    )}
                  </div>
                </td>
                <td className="text-nowrap">{formatDay(video.posted_at)}</td>
                <td className="text-end" title={formatWhole(video.views)}>
                  {formatCompact(video.views)}
                </td>
                <td className="text-end">
                  <MeasureValue measure={video.multiple} format={formatMultiple} hideReason />
                </td>
                <td className="text-end">
                  <MeasureValue measure={video.views_per_follower} format={(value) => value.toFixed(2)} hideReason />
                </td>
                <td className="text-end">
                  <MeasureValue measure={video.engagement_rate} format={formatPercent} hideReason />
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </WideTable>
      {byMultiple.length > SHOWN_AT_FIRST && (
        <Button variant="outline-secondary" size="sm" onClick={() => setShowAll(!showAll)}>
          {showAll ? `Show the top ${SHOWN_AT_FIRST}` : `Show all ${byMultiple.length} videos`}
        </Button>
      )}
    </>
  );
}
