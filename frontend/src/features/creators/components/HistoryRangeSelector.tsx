// Chooses the span of history the charts, table and export cover.
import ToggleButton from 'react-bootstrap/ToggleButton';
import ToggleButtonGroup from 'react-bootstrap/ToggleButtonGroup';
import { HISTORY_RANGES, type HistoryRange } from '../api/history-range';

type HistoryRangeSelectorProps = { value: HistoryRange; onChange: (range: HistoryRange) => void };

export function HistoryRangeSelector({ value, onChange }: HistoryRangeSelectorProps) {
  return (
    <div role="group" aria-labelledby="history-range-label" className="d-flex flex-wrap align-items-center gap-2">
      <span id="history-range-label" className="text-body-secondary">
        Range
      </span>
      <ToggleButtonGroup type="radio" name="history-range" value={value} onChange={onChange}>
        {HISTORY_RANGES.map((range) => (
          <ToggleButton
            key={range.id}
            id={`history-range-${range.id}`}
            value={range.id}
            variant="outline-primary"
            size="sm"
          >
            {range.label}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    </div>
  );
}
