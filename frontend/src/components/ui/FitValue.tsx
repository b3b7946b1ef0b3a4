// A creator's audience fit as a dashboard row or a rising card shows it: the fit score where there is
// audience data ("≈72 est." when it is estimated from commenters); without any, the content signal, always marked as one (it reads where the creator's
// videos are posted from and their hashtags, not who follows them); with neither, "unknown".
import type { components } from '@/lib/api/schema';
import { formatWhole } from '@/lib/format';

type FitSummary = Pick<
  components['schemas']['AnalyticsSummary'],
  'fit_score' | 'fit_kind' | 'fit_sample_size' | 'content_signal'
>;

export function FitValue({ summary }: { summary: FitSummary }) {
  if (summary.fit_score != null && summary.fit_kind === 'estimated') {
    const sample = summary.fit_sample_size;
    const from = sample != null ? `from ${formatWhole(sample)} commenters` : 'from commenters';
    return (
      <span title={`Estimated ${from}: an estimate, not measured audience data`}>
        ≈{summary.fit_score} <span className="small fw-normal text-body-secondary">est.</span>
        <span className="visually-hidden"> estimated {from}</span>
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
