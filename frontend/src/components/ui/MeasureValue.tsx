// One analytic number with what it means: hovering or focusing it says so in plain words, with the
// window and the sample size (the exact formula is in the panel's "How is this computed?"). A value
// the data cannot support reads "—" with the reason.
import { useId, type ReactNode } from 'react';
import OverlayTrigger from 'react-bootstrap/OverlayTrigger';
import Tooltip from 'react-bootstrap/Tooltip';
import { describeUnavailable } from '@/lib/analytics-format';
import type { components } from '@/lib/api/schema';
import { plainWords } from '@/lib/formula-words';
import './formula.css';

type Provenance = {
  formula: string;
  formula_text: string;
  sample_size: number;
  unavailable?: components['schemas']['Unavailable'] | null;
  window_days?: number | null;
  window_videos?: number | null;
};

/** "last 30 videos", "7 days", or null for values not tied to a window. */
export function describeWindow({ window_days: days, window_videos: videos }: Provenance): string | null {
  if (videos) return `last ${videos} videos`;
  if (days) return days === 1 ? '1 day' : `${days} days`;
  return null;
}

export function FormulaTooltipContent({ measure }: { measure: Provenance }) {
  const window = describeWindow(measure);
  return (
    <div className="text-start">
      <div>{plainWords(measure.formula, measure.formula_text)}</div>
      {window && <div>Window: {window}</div>}
      <div>Sample size: {measure.sample_size}</div>
    </div>
  );
}

/** Wraps any content in the formula tooltip of `measure`. */
export function WithFormula({ measure, children }: { measure: Provenance; children: ReactNode }) {
  const id = useId();
  return (
    <OverlayTrigger
      placement="top"
      trigger={['hover', 'focus']}
      overlay={
        <Tooltip id={id}>
          <FormulaTooltipContent measure={measure} />
        </Tooltip>
      }
    >
      {/* Focusable so keyboard users can read the formula too. */}
      <span tabIndex={0} className="measure-value">
        {children}
      </span>
    </OverlayTrigger>
  );
}

type MeasureValueProps<T> = {
  measure: Provenance & { value?: T | null };
  format: (value: T) => string;
  /** Leave the reason for a missing value to the surrounding text. */
  hideReason?: boolean;
};

export function MeasureValue<T>({ measure, format, hideReason = false }: MeasureValueProps<T>) {
  const { value } = measure;
  if (value === undefined || value === null) {
    return (
      <>
        <WithFormula measure={measure}>—</WithFormula>
        {!hideReason && (
          <span className="small text-body-secondary"> ({describeUnavailable(measure.unavailable)})</span>
        )}
      </>
    );
  }
  return <WithFormula measure={measure}>{format(value)}</WithFormula>;
}
