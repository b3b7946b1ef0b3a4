// A video the analytics name by id, shown as people know it: its cover and caption when the page has
// fetched the video, otherwise the day it was posted; either way a link to it on TikTok.
import { ExternalLink } from '@/components/ui/ExternalLink';
import { VideoCover } from '@/components/ui/VideoCover';
import type { components } from '@/lib/api/schema';
import { formatDay } from '@/lib/format';

export type KnownVideo = components['schemas']['VideoResponse'];

type VideoLinkProps = {
  videoId: string;
  postedAt: string;
  handle: string;
  /** The creator's videos the page has, by id. */
  videos: ReadonlyMap<string, KnownVideo>;
  withCover?: boolean;
};

export function VideoLink({ videoId, postedAt, handle, videos, withCover = false }: VideoLinkProps) {
  const video = videos.get(videoId);
  const href = video?.share_url ?? `https://www.tiktok.com/@${handle}/video/${videoId}`;
  const caption = video?.description.trim() || `Video of ${formatDay(postedAt)}`;
  if (!withCover) return <ExternalLink href={href}>{caption}</ExternalLink>;
  return (
    <div className="d-flex align-items-center gap-2 min-w-0">
      <VideoCover url={video?.cover_url} width={32} />
      <ExternalLink href={href} className="video-description small text-break">
        {caption}
      </ExternalLink>
    </div>
  );
}
