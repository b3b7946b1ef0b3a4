// What a CSV import does when some of its lines are invalid: nothing, or the good lines only.
import Form from 'react-bootstrap/Form';
import type { components } from '@/lib/api/schema';

export type ImportMode = components['schemas']['ImportMode'];

type Props = {
  /** Keeps the radio ids unique when two dialogs are on one page. */
  idPrefix: string;
  /** What the file is made of, as the user thinks of it: "rows" or "lines". */
  unit: string;
  mode: ImportMode;
  onChange: (mode: ImportMode) => void;
};

export function ImportModeChoice({ idPrefix, unit, mode, onChange }: Props) {
  return (
    <fieldset className="mb-3">
      <legend className="fs-6">If some {unit} are invalid</legend>
      <Form.Check
        type="radio"
        id={`${idPrefix}-all`}
        name={idPrefix}
        label={`Import nothing, and list the bad ${unit}`}
        checked={mode === 'all_or_nothing'}
        onChange={() => onChange('all_or_nothing')}
      />
      <Form.Check
        type="radio"
        id={`${idPrefix}-partial`}
        name={idPrefix}
        label={`Import the good ${unit}, and list the bad ones`}
        checked={mode === 'partial'}
        onChange={() => onChange('partial')}
      />
    </fieldset>
  );
}
