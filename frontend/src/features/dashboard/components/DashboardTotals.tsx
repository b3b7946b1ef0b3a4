// The list at a glance: how many creators, their combined reach, the median engagement and how many
// are rising. One description list: each card is a `div` group holding its term and its value, the
// only wrapper a `dl` allows between itself and them.
import { formatPercent } from '@/lib/analytics-format';
import { formatCompact, formatWhole } from '@/lib/format';
import type { Dashboard } from '../api/get-dashboard';
import './dashboard.css';

export function DashboardTotals({ totals }: { totals: Dashboard['totals'] }) {
  const cards = [
    { label: 'Creators', value: formatWhole(totals.creators), title: undefined },
    {
      label: 'Combined followers',
      value: formatCompact(totals.combined_followers),
      title: `${formatWhole(totals.combined_followers)}: the sum of every creator’s latest follower count`,
    },
    {
      label: 'Median engagement',
      value: totals.median_engagement_percent == null ? '—' : formatPercent(totals.median_engagement_percent),
      title:
        totals.median_engagement_percent == null
          ? 'No creator has enough videos for an engagement rate yet'
          : 'The median of the creators’ engagement by views (median of their last 30 videos)',
    },
    {
      label: 'Rising',
      value: formatWhole(totals.rising),
      title: 'Creators whose growth is accelerating and who posted an outlier video in the last 30 days',
    },
  ];
  return (
    <dl className="dashboard-totals mb-3" aria-label="List totals">
      {cards.map((card) => (
        <div key={card.label} className="card card-body" title={card.title}>
          <dt className="small fw-normal text-body-secondary">{card.label}</dt>
          <dd className="h4 mb-0">{card.value}</dd>
        </div>
      ))}
    </dl>
  );
}
