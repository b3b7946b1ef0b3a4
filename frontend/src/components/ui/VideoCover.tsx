// A video's cover image, or a plain placeholder when there is none or it fails to load (TikTok
// signs cover URLs for a few hours, so stale ones are common).
import { useState } from 'react';

type VideoCoverProps = { url: string | null | undefined; width?: number };

export function VideoCover({ url, width = 72 }: VideoCoverProps) {
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  // TikTok videos are portrait, 9:16.
  const height = Math.round((width * 16) / 9);
  if (url && failedUrl !== url) {
    return (
      <img
        src={url}
        alt=""
        width={width}
        height={height}
        loading="lazy"
        className="video-cover rounded object-fit-cover flex-shrink-0"
        referrerPolicy="no-referrer"
        onError={() => setFailedUrl(url)}
      />
    );
  }
  return (
    <span
      aria-hidden="true"
      className="video-cover rounded bg-secondary-subtle text-secondary-emphasis d-inline-flex align-items-center justify-content-center flex-shrink-0"
      style={{ width, height }}
    >
      ▶
    </span>
  );
}
