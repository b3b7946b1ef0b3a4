// Every day of the range, newest first, with each count and its change from the day before.
import Table from 'react-bootstrap/Table';
import { WideTable } from '@/components/ui/WideTable';
import { describeSource, formatChange, formatDay, formatWhole } from '@/lib/format';
import type { HistoryPoint } from '../api/get-creator-history';

const COLUMNS = [
  { key: 'followers', label: 'Followers' },
  { key: 'likes', label: 'Likes' },
  { key: 'videos', label: 'Videos' },
  { key: 'following', label: 'Following' },
] as const;

function ChangeText({ value }: { value: number | undefined }) {
  if (value === undefined) return null;
  const tone = value > 0 ? 'text-success' : value < 0 ? 'text-danger' : 'text-body-secondary';
  return <div className={`small ${tone}`}>{formatChange(value)}</div>;
}

export function DailyGainsTable({ points }: { points: HistoryPoint[] }) {
  const newestFirst = [...points].reverse();
  return (
    <WideTable className="daily-gains" tabIndex={0} aria-labelledby="daily-gains-caption">
      <Table size="sm" hover className="mb-0 align-middle">
        <caption id="daily-gains-caption" className="caption-top">
          Daily gains, newest first
        </caption>
        <thead className="sticky-top">
          <tr>
            <th scope="col">Date (UTC)</th>
            {COLUMNS.map((column) => (
              <th key={column.key} scope="col" className="text-end">
                {column.label}
              </th>
            ))}
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((point) => (
            <tr key={point.captured_at}>
              <th scope="row" className="fw-normal text-nowrap">
                {formatDay(point.captured_at)}
              </th>
              {COLUMNS.map((column) => (
                <td key={column.key} className="text-end">
                  {formatWhole(point[column.key])}
                  <ChangeText value={point.change?.[column.key]} />
                </td>
              ))}
              <td className="small text-body-secondary">{describeSource(point.source)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </WideTable>
  );
}
