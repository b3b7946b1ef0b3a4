// The creator's videos zzyzx has fetched, newest or most viewed first, a page at a time; each
// opens on TikTok.
import { useState } from 'react';
import Button from 'react-bootstrap/Button';
import Spinner from 'react-bootstrap/Spinner';
import Table from 'react-bootstrap/Table';
import ToggleButton from 'react-bootstrap/ToggleButton';
import ToggleButtonGroup from 'react-bootstrap/ToggleButtonGroup';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorState } from '@/components/ui/ErrorState';
import { ExternalLink } from '@/components/ui/ExternalLink';
import { LoadingState } from '@/components/ui/LoadingState';
import { VideoCover } from '@/components/ui/VideoCover';
import { WideTable } from '@/components/ui/WideTable';
import { formatCompact, formatDay, formatWhole } from '@/lib/format';
import { useCreatorVideos, type VideoSort } from '../api/get-creator-videos';

const SORTS = [
  { id: 'recent', label: 'Newest', caption: 'Videos, newest first' },
  { id: 'views', label: 'Most viewed', caption: 'Videos, most viewed first' },
] as const satisfies readonly { id: VideoSort; label: string; caption: string }[];

const COUNTS = [
  { key: 'views', label: 'Views' },
  { key: 'likes', label: 'Likes' },
  { key: 'comments', label: 'Comments' },
  { key: 'shares', label: 'Shares' },
] as const;

function VideoSortSelector({ value, onChange }: { value: VideoSort; onChange: (sort: VideoSort) => void }) {
  return (
    <div role="group" aria-labelledby="video-sort-label" className="d-flex flex-wrap align-items-center gap-2">
      <span id="video-sort-label" className="text-body-secondary">
        Sort
      </span>
      <ToggleButtonGroup type="radio" name="video-sort" value={value} onChange={onChange}>
        {SORTS.map((sort) => (
          <ToggleButton key={sort.id} id={`video-sort-${sort.id}`} value={sort.id} variant="outline-primary" size="sm">
            {sort.label}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    </div>
  );
}

function VideoList({ creatorId, sort }: { creatorId: string; sort: VideoSort }) {
  const videosQuery = useCreatorVideos(creatorId, sort);
  if (videosQuery.isPending) return <LoadingState label="Loading videos…" />;
  if (videosQuery.isError) {
    return (
      <ErrorState
        title="Could not load the videos."
        error={videosQuery.error}
        onRetry={() => void videosQuery.refetch()}
      />
    );
  }
  const videos = videosQuery.data.pages.flatMap((page) => page.items);
  if (videos.length === 0) {
    return (
      <EmptyState title="No videos yet">
        Videos appear once zzyzx has fetched this creator from a data source. Try “Refresh now”.
      </EmptyState>
    );
  }
  return (
    <>
      <WideTable>
        <Table size="sm" hover className="mb-0 align-middle creator-videos">
          <caption className="caption-top">{SORTS.find((option) => option.id === sort)?.caption}</caption>
          <thead>
            <tr>
              <th scope="col">Video</th>
              <th scope="col">Posted</th>
              {COUNTS.map((count) => (
                <th key={count.key} scope="col" className="text-end">
                  {count.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {videos.map((video) => (
              <tr key={video.id}>
                <td>
                  <div className="d-flex align-items-center gap-2">
                    <VideoCover url={video.cover_url} width={32} />
                    <ExternalLink href={video.share_url} className="video-description small text-break">
                      {video.description || 'Untitled video'}
                    </ExternalLink>
                  </div>
                </td>
                <td className="text-nowrap">{formatDay(video.posted_at)}</td>
                {COUNTS.map((count) => (
                  <td key={count.key} className="text-end" title={formatWhole(video[count.key])}>
                    {formatCompact(video[count.key])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </Table>
      </WideTable>
      {videosQuery.hasNextPage && (
        <Button
          variant="outline-secondary"
          size="sm"
          className="mt-3"
          disabled={videosQuery.isFetchingNextPage}
          onClick={() => void videosQuery.fetchNextPage()}
        >
          {videosQuery.isFetchingNextPage && (
            <Spinner as="span" animation="border" size="sm" className="me-2" aria-hidden="true" />
          )}
          Load more videos
        </Button>
      )}
      {videosQuery.isFetchNextPageError && (
        <div role="alert" className="small text-danger mt-2">
          Could not load more videos. Please try again.
        </div>
      )}
    </>
  );
}

export function CreatorVideos({ creatorId }: { creatorId: string }) {
  const [sort, setSort] = useState<VideoSort>('recent');
  return (
    <section aria-labelledby="videos-title" className="mt-4">
      <div className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-2">
        <h2 id="videos-title" className="h4 mb-0">
          Videos
        </h2>
        <VideoSortSelector value={sort} onChange={setSort} />
      </div>
      <VideoList creatorId={creatorId} sort={sort} />
    </section>
  );
}
