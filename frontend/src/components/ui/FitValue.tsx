// A creator's audience fit as a dashboard row or a rising card shows it: the fit score where there is
// audience data ("≈72 est." when it is estimated from commenters), followed by its 95% interval when
// the profile behind it is a sample ("64–80"); without any, the content signal, always marked as one
// (it reads where the creator's videos are posted from and their hashtags, not who follows them);
// with neither, "unknown".
import type { components } from '@/lib/api/schema';
import { formatWhole } from '@/lib/format';

type FitSummary = Pick<
  components['schemas']['AnalyticsSummary'],
  'fit_score' | 'fit_kind' | 'fit_sample_size' | 'fit_interval' | 'content_signal'
>;
type FitInterval = NonNullable<FitSummary['fit_interval']>;

const describeInterval = ({ low, high }: FitInterval) => `95% interval ${low}–${high}`;

/** The interval as the eye reads it; screen readers get `describeInterval` instead. */
function IntervalRange({ interval }: { interval: FitInterval }) {
  return (
    <>
      {' '}
      <span className="d-inline-block small fw-normal text-body-secondary" aria-hidden="true">
        {interval.low}–{interval.high}
      </span>
    </>
  );
}

export function FitValue({ summary }: { summary: FitSummary }) {
  const interval = summary.fit_interval ?? null;
  if (summary.fit_score != null && summary.fit_kind === 'estimated') {
    const sample = summary.fit_sample_size;
    const from = sample != null ? `from ${formatWhole(sample)} commenters` : 'from commenters';
    const range = interval ? `, ${describeInterval(interval)}` : '';
    return (
      <span title={`Estimated ${from}: an estimate, not measured audience data${range}`}>
        ≈{summary.fit_score} <span className="small fw-normal text-body-secondary">est.</span>
        {interval && <IntervalRange interval={interval} />}
        <span className="visually-hidden">
          {' '}
          estimated {from}
          {range}
        </span>
      </span>
    );
  }
  if (summary.fit_score != null && interval) {
    return (
      <span title={describeInterval(interval)}>
        {summary.fit_score}
        <IntervalRange interval={interval} />
        <span className="visually-hidden">, {describeInterval(interval)}</span>
      </span>
    );
  }
  if (summary.fit_score != null) return <>{summary.fit_score}</>;
  if (summary.content_signal != null) {
    return (
      <span title="Content signal: from the creator’s videos (where they post from, their hashtags), not audience data">
        {summary.content_signal} <span className="small fw-normal text-body-secondary">content</span>
        <span className="visually-hidden"> signal, from videos, not audience data</span>
      </span>
    );
  }
  return (
    <span className="text-body-secondary" title="No audience data or no target audience">
      unknown
    </span>
  );
}
