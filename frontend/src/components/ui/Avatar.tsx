// A creator's picture, or their initials when there is none or it fails to load (TikTok signs
// avatar URLs for a limited time, so stale ones are common).
import { useState } from 'react';

type AvatarProps = {
  url: string | null | undefined;
  /** The name the initials come from; the handle when there is no display name. */
  name: string;
  size?: number;
};

/** "Maya Bakes" → "MB", "Marisol | Lift Notes" → "ML", "mayabakes" → "MA". */
export function initialsOf(name: string): string {
  // Words are runs of letters and digits: punctuation and emoji in display names make no initials.
  const words = name.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const initials = words.length > 1 ? `${words[0]?.[0] ?? ''}${words[1]?.[0] ?? ''}` : (words[0] ?? '').slice(0, 2);
  return initials.toUpperCase() || '?';
}

export function Avatar({ url, name, size = 40 }: AvatarProps) {
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const style = { width: size, height: size, fontSize: size * 0.4 };

  if (url && failedUrl !== url) {
    return (
      <img
        src={url}
        alt=""
        width={size}
        height={size}
        className="rounded-circle object-fit-cover flex-shrink-0"
        referrerPolicy="no-referrer"
        onError={() => setFailedUrl(url)}
      />
    );
  }
  return (
    <span
      aria-hidden="true"
      className="rounded-circle bg-secondary-subtle text-secondary-emphasis fw-semibold d-inline-flex align-items-center justify-content-center flex-shrink-0"
      style={style}
    >
      {initialsOf(name)}
    </span>
  );
}
