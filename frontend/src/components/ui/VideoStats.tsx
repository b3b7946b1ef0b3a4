// A video's views, likes, comments and shares, compact ("1.2M"), with the exact numbers on hover.
import { formatCompact, formatWhole } from '@/lib/format';

type Counts = { views: number; likes: number; comments: number; shares: number };

const STATS = [
  { key: 'views', label: 'Views' },
  { key: 'likes', label: 'Likes' },
  { key: 'comments', label: 'Comments' },
  { key: 'shares', label: 'Shares' },
] as const;

export function VideoStats({ video, className = '' }: { video: Counts; className?: string }) {
  return (
    <dl className={`d-flex flex-wrap gap-3 mb-0 ${className}`}>
      {STATS.map((stat) => (
        <div key={stat.key} title={`${formatWhole(video[stat.key])} ${stat.label.toLowerCase()}`}>
          <dt className="small fw-normal text-body-secondary">{stat.label}</dt>
          <dd className="mb-0 fw-semibold">{formatCompact(video[stat.key])}</dd>
        </div>
      ))}
    </dl>
  );
}
