// The creators of a hashtag's videos, one row each: how big they are, how their videos usually do,
// their audience fit and how much of the hashtag is theirs. The server sends them by views under the
// hashtag; a click on a column header sorts them here, creators without that number last either way.
import { useState, type ReactNode } from 'react';
import Badge from 'react-bootstrap/Badge';
import Table from 'react-bootstrap/Table';
import { Link } from 'react-router';
import { Avatar } from '@/components/ui/Avatar';
import { ExternalLink } from '@/components/ui/ExternalLink';
import { FitValue } from '@/components/ui/FitValue';
import { SortHeader, type SortColumn, type Sorting } from '@/components/ui/SortHeader';
import { VerifiedBadge } from '@/components/ui/VerifiedBadge';
import { WideTable } from '@/components/ui/WideTable';
import { paths } from '@/config/paths';
import { formatPercent } from '@/lib/analytics-format';
import { describeSource, formatCompact, formatRelativeTime, formatWhole } from '@/lib/format';
import type { HashtagCreator, HashtagCreatorRow } from '../api/get-hashtag-videos';

type CreatorSort = 'followers' | 'median_views' | 'engagement' | 'fit' | 'views_here';

/** The server's order: most views under the hashtag first. */
const SERVER_SORTING: Sorting<CreatorSort> = { sort: 'views_here', order: 'desc' };

const COLUMNS: readonly SortColumn<CreatorSort>[] = [
  { label: 'Creator' },
  { label: 'Followers', sort: 'followers', numeric: true },
  {
    label: 'Median views',
    sort: 'median_views',
    numeric: true,
    hint: 'Median views of their recent videos: what their next video can expect',
  },
  {
    label: 'Engagement',
    sort: 'engagement',
    numeric: true,
    hint: 'How many viewers like, comment or share a typical recent video',
  },
  {
    label: 'Fit',
    sort: 'fit',
    numeric: true,
    hint: 'Audience fit with your target, 0–100; without audience data, the content signal, marked “content”',
  },
  {
    label: 'Videos here',
    sort: 'views_here',
    numeric: true,
    hint: 'Their videos under this hashtag, and those videos’ views together',
  },
  { label: 'Tracked' },
];

type SortKey = (row: HashtagCreatorRow) => number | null | undefined;

const SORT_KEYS: Record<CreatorSort, readonly SortKey[]> = {
  followers: [(row) => row.followers?.count],
  median_views: [(row) => row.summary.engagement_by_views.median_views],
  engagement: [(row) => row.summary.engagement_by_views.median_percent],
  // As the dashboard sorts fit: fits first, then the content signal of creators without one.
  fit: [(row) => row.summary.fit_score, (row) => (row.summary.fit_score == null ? row.summary.content_signal : null)],
  views_here: [(row) => row.views_here],
};

const SORT_NAMES: Record<CreatorSort, string> = {
  followers: 'followers',
  median_views: 'median views',
  engagement: 'engagement',
  fit: 'audience fit',
  views_here: 'views under the hashtag',
};

function compareNullsLast(a: number | null | undefined, b: number | null | undefined, direction: 1 | -1): number {
  if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
  return (a - b) * direction;
}

/** A stable sort, so ties keep the server's order. */
function sortCreators(rows: HashtagCreatorRow[], { sort, order }: Sorting<CreatorSort>): HashtagCreatorRow[] {
  const direction = order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    for (const key of SORT_KEYS[sort]) {
      const compared = compareNullsLast(key(a), key(b), direction);
      if (compared !== 0) return compared;
    }
    return 0;
  });
}

/** Clicking the sorted column flips it; another column starts with the biggest numbers. */
function nextSorting(current: Sorting<CreatorSort>, clicked: CreatorSort): Sorting<CreatorSort> {
  if (current.sort === clicked) return { sort: clicked, order: current.order === 'asc' ? 'desc' : 'asc' };
  return { sort: clicked, order: 'desc' };
}

function Missing({ why }: { why: string }) {
  return (
    <span className="text-body-secondary" title={why}>
      —
    </span>
  );
}

function CreatorCell({ creator, tracked }: Pick<HashtagCreatorRow, 'creator' | 'tracked'>) {
  const handle = `@${creator.handle}`;
  return (
    <div className="d-flex align-items-center gap-2">
      <Avatar url={creator.avatar_url} name={creator.display_name || creator.handle} size={32} />
      <div className="min-w-0">
        {/* A badge wraps below the handle rather than split it. */}
        <div className="d-flex flex-wrap align-items-center gap-1">
          {tracked ? (
            <Link to={paths.creator(creator.id)} className="fw-semibold text-nowrap">
              {handle}
            </Link>
          ) : (
            <ExternalLink href={creator.profile_url} className="fw-semibold text-nowrap">
              {handle}
            </ExternalLink>
          )}
          {creator.verified && <VerifiedBadge />}
        </div>
        {creator.display_name && <div className="small text-body-secondary">{creator.display_name}</div>}
      </div>
    </div>
  );
}

function Followers({ followers }: { followers: HashtagCreatorRow['followers'] }) {
  if (!followers) return <Missing why="Follower count not known" />;
  const when = `from ${describeSource(followers.source)}, ${formatRelativeTime(followers.captured_at)}`;
  return <span title={`${formatWhole(followers.count)} followers, ${when}`}>{formatCompact(followers.count)}</span>;
}

type HashtagCreatorsTableProps = {
  tag: string;
  creators: HashtagCreatorRow[];
  /** The controls for a creator: adding them to a list or a campaign; null where there are none. */
  renderActions: (creator: HashtagCreator) => ReactNode;
};

export function HashtagCreatorsTable({ tag, creators, renderActions }: HashtagCreatorsTableProps) {
  const [sorting, setSorting] = useState(SERVER_SORTING);
  const rows = sortCreators(creators, sorting).map((row) => ({ row, actions: renderActions(row.creator) }));
  // A viewer, who may not add anyone, gets no empty column.
  const hasActions = rows.some(({ actions }) => actions != null);

  return (
    <WideTable className="hashtag-creators">
      <Table size="sm" hover className="align-middle mb-0">
        <caption className="caption-top">
          Creators of #{tag}, by {SORT_NAMES[sorting.sort]}, {sorting.order === 'asc' ? 'lowest' : 'highest'} first
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <SortHeader
                key={column.label}
                column={column}
                sorting={sorting}
                onSort={(sort) => setSorting((current) => nextSorting(current, sort))}
              />
            ))}
            {hasActions && (
              <th scope="col">
                <span className="visually-hidden">Add to a list or campaign</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ row, actions }) => {
            const engagement = row.summary.engagement_by_views;
            return (
              <tr key={row.creator.id} className={row.tracked ? undefined : 'is-untracked'}>
                <td>
                  <CreatorCell creator={row.creator} tracked={row.tracked} />
                </td>
                <td className="text-end text-nowrap">
                  <Followers followers={row.followers} />
                </td>
                <td className="text-end text-nowrap">
                  {engagement.median_views == null ? (
                    <Missing why="Needs 3 videos" />
                  ) : (
                    <span title={`${formatWhole(Math.round(engagement.median_views))} views`}>
                      {formatCompact(engagement.median_views)}
                    </span>
                  )}
                </td>
                <td className="text-end text-nowrap">
                  {engagement.median_percent == null ? (
                    <Missing why="Needs 3 videos" />
                  ) : (
                    <span title={`Median over ${engagement.sample_size} videos`}>
                      {formatPercent(engagement.median_percent)}
                    </span>
                  )}
                </td>
                <td className="text-end">
                  <FitValue summary={row.summary} />
                </td>
                <td className="text-end text-nowrap">
                  {row.videos_here}
                  <span className="visually-hidden">{row.videos_here === 1 ? ' video, ' : ' videos, '}</span>
                  <span className="d-block small text-body-secondary">{formatCompact(row.views_here)} views</span>
                </td>
                <td>{row.tracked && <Badge bg="success">In a list</Badge>}</td>
                {hasActions && <td>{actions}</td>}
              </tr>
            );
          })}
        </tbody>
      </Table>
    </WideTable>
  );
}
