// How well the creator's audience matches the workspace's target, with the score's interval where
// the audience data is a sample and each dimension's margin of error; "unknown" rather than a guess without audience data. The content signal (from the creator's
// own videos) is shown apart and labelled, so nobody mistakes it for audience data.
import Table from 'react-bootstrap/Table';
import { Link } from 'react-router';
import { MeasureValue, WithFormula } from '@/components/ui/MeasureValue';
import { WideTable } from '@/components/ui/WideTable';
import { paths } from '@/config/paths';
import { audienceKindLabel, describeUnavailable, formatShare } from '@/lib/analytics-format';
import { describeSource, formatDay, formatWhole } from '@/lib/format';
import type { CreatorAnalytics } from '../api/get-creator-analytics';

const DIMENSION_LABELS = {
  countries: 'Countries',
  languages: 'Languages',
  ages: 'Age bands',
  genders: 'Genders',
} as const;

function FitScore({ fit }: { fit: CreatorAnalytics['fit'] }) {
  const measure = { ...fit, sample_size: fit.sample_size ?? 0 };
  if (fit.score == null) {
    return (
      <p className="mb-2">
        <span className="h4">
          <WithFormula measure={measure}>unknown</WithFormula>
        </span>
        <span className="text-body-secondary">: {describeUnavailable(fit.unavailable ?? 'no_audience_data')}</span>
        {fit.unavailable === 'no_target' && (
          <>
            {' '}
            · <Link to={`${paths.settings}#target-audience`}>set a target audience</Link>
          </>
        )}
      </p>
    );
  }
  const estimated = fit.kind === 'estimated';
  return (
    <p className="mb-2">
      <span className="h4">
        <WithFormula measure={measure}>{estimated ? `≈${fit.score}` : fit.score}</WithFormula>
      </span>
      <span className="text-body-secondary"> / 100{estimated && ', an estimate'}</span>
      {fit.interval && (
        <span
          className="d-block small"
          title="The fit the sample allows 19 times in 20; it narrows as the sample grows"
        >
          95% interval {fit.interval.low}–{fit.interval.high}
        </span>
      )}
      {fit.source && (
        <span className="d-block small text-body-secondary">
          From {fit.kind ? audienceKindLabel(fit.kind) : describeSource(fit.source)} audience data
          {fit.kind && fit.source !== 'manual' && fit.source !== 'import' && ` (${describeSource(fit.source)})`}
          {fit.captured_at && ` of ${formatDay(fit.captured_at)}`}
          {fit.sample_size != null &&
            (estimated
              ? `, from ${formatWhole(fit.sample_size)} commenters`
              : `, ${formatWhole(fit.sample_size)} sampled`)}
        </span>
      )}
    </p>
  );
}

function Dimensions({ dimensions }: { dimensions: CreatorAnalytics['fit']['dimensions'] }) {
  if (dimensions.length === 0) return null;
  return (
    <WideTable>
      <Table size="sm" className="mb-2 align-middle">
        <caption className="caption-top">Fit by dimension</caption>
        <thead>
          <tr>
            <th scope="col">Dimension</th>
            <th scope="col">Target</th>
            <th scope="col" className="text-end">
              Matching
            </th>
            <th scope="col" className="text-end">
              Weight
            </th>
          </tr>
        </thead>
        <tbody>
          {dimensions.map((dimension) => (
            <tr key={dimension.dimension}>
              <th scope="row" className="fw-normal">
                {DIMENSION_LABELS[dimension.dimension]}
                <span className="d-block small text-body-secondary">{dimension.explanation}</span>
              </th>
              <td>{dimension.target.join(', ')}</td>
              <td className="text-end text-nowrap">
                {dimension.matched_share == null ? (
                  <span className="text-body-secondary">unknown</span>
                ) : (
                  <>
                    {formatShare(dimension.matched_share)}
                    {dimension.margin_of_error != null && (
                      <span className="small text-body-secondary" title="95% margin of error from the sample size">
                        {' '}
                        ±{formatShare(dimension.margin_of_error)}
                      </span>
                    )}
                  </>
                )}
              </td>
              <td className="text-end">{formatShare(dimension.weight)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </WideTable>
  );
}

function ContentSignal({ signal }: { signal: CreatorAnalytics['content_signal'] }) {
  const measure = { ...signal, sample_size: signal.interest_match.sample_size };
  return (
    <section aria-labelledby="content-signal-title" className="border-top pt-2 mt-3">
      <h4 id="content-signal-title" className="h6 mb-1">
        Content signal
      </h4>
      <p className="small text-body-secondary mb-2">{signal.label}.</p>
      <p className="mb-1">
        <WithFormula measure={measure}>{signal.score == null ? 'unknown' : `${signal.score} / 100`}</WithFormula>
        {signal.score == null && (
          <span className="text-body-secondary">: {describeUnavailable(signal.unavailable)}</span>
        )}
      </p>
      <dl className="row small mb-1">
        <dt className="col-8 fw-normal text-body-secondary">Videos posted from a target country</dt>
        <dd className="col-4 mb-1 text-end">
          <MeasureValue measure={signal.region_match} format={formatShare} hideReason />
        </dd>
        <dt className="col-8 fw-normal text-body-secondary">Videos using a target hashtag</dt>
        <dd className="col-4 mb-1 text-end">
          <MeasureValue measure={signal.interest_match} format={formatShare} hideReason />
        </dd>
      </dl>
      {signal.matched_hashtags.length > 0 && (
        <p className="small mb-0">
          Hashtags: {signal.matched_hashtags.map((tag) => `#${tag.label} (${tag.videos})`).join(', ')}
        </p>
      )}
    </section>
  );
}

export function FitPanel({ analytics }: { analytics: CreatorAnalytics }) {
  return (
    <>
      <FitScore fit={analytics.fit} />
      <Dimensions dimensions={analytics.fit.dimensions} />
      <ContentSignal signal={analytics.content_signal} />
    </>
  );
}
