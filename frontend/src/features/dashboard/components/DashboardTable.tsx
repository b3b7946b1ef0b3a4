// The list dashboard's table: one row per creator, sortable by clicking a column header (the server
// sorts; the order lives in the address). Built to stay quick at 500 rows: plain cells, an SVG
// sparkline, a tooltip only on the few "Rising" badges, and rows the browser lays out only once
// they scroll into view (see dashboard.css).
import { memo, type MouseEvent } from 'react';
import Table from 'react-bootstrap/Table';
import { useNavigate } from 'react-router';
import { Avatar } from '@/components/ui/Avatar';
import { ExternalLink } from '@/components/ui/ExternalLink';
import { FitValue } from '@/components/ui/FitValue';
import { RisingBadge } from '@/components/ui/RisingBadge';
import { SortHeader, type SortColumn } from '@/components/ui/SortHeader';
import { Sparkline } from '@/components/ui/Sparkline';
import { WideTable } from '@/components/ui/WideTable';
import { paths } from '@/config/paths';
import { formatMultiple, formatPercent, formatSignedPercent, tierLabel } from '@/lib/analytics-format';
import { formatChange, formatCompact, formatWhole } from '@/lib/format';
import type { DashboardSort, DashboardSorting, DashboardTableRow } from '../api/get-dashboard';
import './dashboard.css';

type Column = SortColumn<DashboardSort>;

const COLUMNS: readonly Column[] = [
  { label: '#', sort: 'position', hint: 'Place in the list' },
  { label: 'Creator', sort: 'handle' },
  { label: 'Followers', sort: 'followers', numeric: true },
  { label: '7 days', sort: 'growth_7d', numeric: true, hint: 'Follower growth over 7 days' },
  { label: '30 days', sort: 'growth_30d', numeric: true, hint: 'Follower growth over 30 days' },
  { label: 'Trend', hint: 'Followers over the last 30 days' },
  {
    label: 'Accel.',
    sort: 'acceleration',
    numeric: true,
    hint: 'Acceleration: the last 7 days’ daily gain against the last 30 days’; above 1× means growth is speeding up',
  },
  {
    label: 'Engagement',
    sort: 'engagement',
    numeric: true,
    hint: 'How many viewers like, comment or share a typical video of the last 30',
  },
  {
    label: 'Outliers',
    sort: 'outliers',
    numeric: true,
    hint: 'Videos of the last 30 days at or above the viral multiple of the creator’s median views',
  },
  { label: 'Rising', sort: 'rising' },
  {
    label: 'Fit',
    sort: 'fit',
    numeric: true,
    hint: 'Audience fit with your target, 0–100; without audience data, the content signal, marked “content”',
  },
  { label: 'Top video', hint: 'The video of the last 90 days with the highest outlier multiple' },
  { label: 'Tier' },
];

function Growth({ growth, days }: { growth: DashboardTableRow['summary']['growth_7d']; days: number }) {
  if (growth.absolute == null) {
    return (
      <span className="text-body-secondary" title={`Not enough history for ${days} days`}>
        —
      </span>
    );
  }
  const over = growth.actual_days && growth.actual_days !== days ? ` (over ${growth.actual_days} days)` : '';
  return (
    <span title={`${formatChange(growth.absolute)} followers in ${days} days${over}`}>
      {formatChange(growth.absolute)}
      <span className="d-block small text-body-secondary">
        {growth.percent == null ? '—' : formatSignedPercent(growth.percent)}
      </span>
    </span>
  );
}

const DashboardTableRow = memo(function DashboardTableRow({
  row,
  linkCreators,
}: {
  row: DashboardTableRow;
  linkCreators: boolean;
}) {
  const { creator, summary, latest, top_video: topVideo } = row;
  const engagement = summary.engagement_by_views;
  return (
    <tr role="row">
      <td role="cell" className="text-body-secondary">
        {row.position + 1}
      </td>
      <td role="cell">
        <div className="d-flex align-items-center gap-2">
          <Avatar url={creator.avatar_url} name={creator.display_name || creator.handle} size={28} />
          <div className="min-w-0">
            {/* A plain link, followed by the table's one click handler: 500 router links would all
                re-render whenever the address changes, as it does on every sort. */}
            {linkCreators ? (
              <a href={paths.creator(creator.id)} data-app-link="" className="fw-semibold d-block text-truncate">
                @{creator.handle}
              </a>
            ) : (
              <span className="fw-semibold d-block text-truncate">@{creator.handle}</span>
            )}
            {creator.display_name && (
              <div className="small text-body-secondary text-truncate">{creator.display_name}</div>
            )}
          </div>
        </div>
      </td>
      <td role="cell" className="text-end">
        {latest ? (
          <span title={`${formatWhole(latest.followers)} followers`}>
            {formatCompact(latest.followers)}
            {latest.source === 'demo' && <span className="d-block small text-warning-emphasis">demo</span>}
          </span>
        ) : (
          <span className="text-body-secondary" title="No numbers recorded yet">
            —
          </span>
        )}
      </td>
      <td role="cell" className="text-end">
        <Growth growth={summary.growth_7d} days={7} />
      </td>
      <td role="cell" className="text-end">
        <Growth growth={summary.growth_30d} days={30} />
      </td>
      <td role="cell">
        <Sparkline values={row.sparkline} label="Followers, last 30 days" width={72} />
      </td>
      <td role="cell" className="text-end">
        {summary.acceleration == null ? (
          <span className="text-body-secondary" title="Needs 30 days of history and a positive 30-day gain">
            —
          </span>
        ) : (
          formatMultiple(summary.acceleration)
        )}
      </td>
      <td role="cell" className="text-end">
        {engagement.median_percent == null ? (
          <span className="text-body-secondary" title="Not enough videos (at least 3 are needed)">
            —
          </span>
        ) : (
          <span title={`Median over ${engagement.sample_size} videos`}>{formatPercent(engagement.median_percent)}</span>
        )}
      </td>
      <td role="cell" className="text-end">
        {summary.outlier_count}
      </td>
      <td role="cell">
        <RisingBadge rising={summary.rising} id={row.item_id} />
      </td>
      <td role="cell" className="text-end">
        <FitValue summary={summary} />
      </td>
      <td role="cell">
        {topVideo ? (
          <ExternalLink href={topVideo.share_url} className="text-nowrap">
            ▶ {formatCompact(topVideo.views)}
            <span className="visually-hidden"> views</span>
          </ExternalLink>
        ) : (
          <span className="text-body-secondary" title="No videos yet">
            —
          </span>
        )}
      </td>
      <td role="cell">{summary.tier ? tierLabel(summary.tier) : '—'}</td>
    </tr>
  );
});

/** "Creators, sorted by 7-day growth, highest first": the table's name, read when it changes. */
function describeSorting({ sort, order }: DashboardSorting): string {
  if (sort === 'position') return order === 'asc' ? 'in list order' : 'in reverse list order';
  if (sort === 'handle') return `by handle, ${order === 'asc' ? 'A to Z' : 'Z to A'}`;
  return `by ${SORT_NAMES[sort]}, ${order === 'asc' ? 'lowest first' : 'highest first'}`;
}

const SORT_NAMES: Record<Exclude<DashboardSort, 'position' | 'handle'>, string> = {
  followers: 'followers',
  growth_7d: '7-day growth',
  growth_30d: '30-day growth',
  acceleration: 'acceleration',
  engagement: 'engagement',
  outliers: 'outlier videos',
  rising: 'rising',
  fit: 'audience fit',
};

type DashboardTableProps = {
  rows: DashboardTableRow[];
  sorting: DashboardSorting;
  onSort: (sort: DashboardSort) => void;
  busy: boolean;
  /** Link each handle to the creator's page; off where the visitor is not in the app (a shared dashboard). */
  linkCreators?: boolean;
};

/** Follows a row's profile link inside the app, as a router link would, unless it should open elsewhere. */
function useAppLinkClicks() {
  const navigate = useNavigate();
  return (event: MouseEvent<HTMLElement>) => {
    const modified = event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
    if (event.defaultPrevented || event.button !== 0 || modified) return;
    const link = (event.target as Element).closest('a[data-app-link]');
    const href = link?.getAttribute('href');
    if (!href) return;
    event.preventDefault();
    void navigate(href);
  };
}

export function DashboardTable({ rows, sorting, onSort, busy, linkCreators = true }: DashboardTableProps) {
  const followAppLink = useAppLinkClicks();
  return (
    <WideTable className="dashboard-table" aria-busy={busy}>
      {/* The roles restate the table's semantics, which some browsers drop once CSS turns rows into grids. */}
      <Table size="sm" className="mb-0" role="table" aria-labelledby="dashboard-caption">
        <caption id="dashboard-caption" className="caption-top">
          Creators, {describeSorting(sorting)}
        </caption>
        <thead role="rowgroup">
          <tr role="row">
            {COLUMNS.map((column) => (
              <SortHeader key={column.label} column={column} sorting={sorting} onSort={onSort} />
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup" onClick={followAppLink}>
          {rows.map((row) => (
            <DashboardTableRow key={row.item_id} row={row} linkCreators={linkCreators} />
          ))}
        </tbody>
      </Table>
    </WideTable>
  );
}
