// Records an audience profile by hand, e.g. from a creator's media kit: shares per country,
// language, age band and gender, with when it was true and how many people it describes.
import { useState } from 'react';
import { FormDialog } from '@/components/ui/FormDialog';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { TextField } from '@/components/ui/TextField';
import { ApiProblem } from '@/lib/api/problem';
import { useAddAudience, type AudienceInput } from '../api/add-audience';
import { parseShares } from './audience-shares';

const DIMENSIONS = [
  { key: 'countries', label: 'Countries', help: 'Two-letter codes with shares, e.g. US 60%, GB 20%.' },
  { key: 'languages', label: 'Languages', help: 'Two-letter codes, e.g. en 80%, es 15%.' },
  { key: 'ages', label: 'Age bands', help: '13-17, 18-24, 25-34, 35-44, 45-54 or 55+, e.g. 18-24 41%.' },
  { key: 'genders', label: 'Genders', help: 'female, male or other, e.g. female 70%, male 30%.' },
] as const;

type DimensionKey = (typeof DIMENSIONS)[number]['key'];
type Draft = { capturedOn: string; sampleSize: string } & Record<DimensionKey, string>;

const today = () => new Date().toISOString().slice(0, 10);
const emptyDraft = (): Draft => ({
  capturedOn: today(),
  sampleSize: '',
  countries: '',
  languages: '',
  ages: '',
  genders: '',
});

/** The server's messages by field: `/countries/gb` belongs to Countries and names "gb". */
function serverErrors(error: unknown): { byField: Record<string, string>; shownInline: string[] } {
  const byField: Record<string, string> = {};
  const shownInline: string[] = [];
  if (!(error instanceof ApiProblem)) return { byField, shownInline };
  for (const fieldError of error.errors) {
    const [field, entry] = (fieldError.pointer ?? '').replace(/^\//, '').split('/');
    const known = field === 'captured_at' || field === 'sample_size' || DIMENSIONS.some((d) => d.key === field);
    if (!field || !known) continue;
    const message = entry ? `${entry}: ${fieldError.detail}` : fieldError.detail;
    byField[field] = byField[field] ? `${byField[field]}; ${message}` : message;
    shownInline.push((fieldError.pointer ?? '').replace(/^\//, ''));
  }
  return { byField, shownInline };
}

type RecordAudienceDialogProps = { creatorId: string; show: boolean; onClose: () => void };

export function RecordAudienceDialog({ creatorId, show, onClose }: RecordAudienceDialogProps) {
  const addMutation = useAddAudience();
  const [draft, setDraft] = useState(emptyDraft);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const server = serverErrors(addMutation.error);
  const errors = { ...server.byField, ...localErrors };

  const close = () => {
    addMutation.reset();
    setDraft(emptyDraft());
    setLocalErrors({});
    onClose();
  };

  const submit = () => {
    const found: Record<string, string> = {};
    const profile: AudienceInput = { captured_at: `${draft.capturedOn}T00:00:00Z` };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.capturedOn)) found.captured_at = 'Pick the day the numbers are from.';
    if (draft.sampleSize.trim() !== '') {
      const sampleSize = Number(draft.sampleSize);
      if (!Number.isInteger(sampleSize) || sampleSize < 1)
        found.sample_size = 'Enter a whole number of people, or leave it empty.';
      else profile.sample_size = sampleSize;
    }
    for (const dimension of DIMENSIONS) {
      const parsed = parseShares(draft[dimension.key]);
      if ('error' in parsed) found[dimension.key] = parsed.error;
      else if (Object.keys(parsed.shares).length > 0) profile[dimension.key] = parsed.shares;
    }
    if (Object.keys(found).length === 0 && DIMENSIONS.every((dimension) => !profile[dimension.key])) {
      found.countries = 'Enter the shares of at least one dimension.';
    }
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    addMutation.mutate({ creatorId, profile }, { onSuccess: close });
  };

  return (
    <FormDialog
      show={show}
      title="Record an audience profile"
      submitLabel="Save profile"
      pending={addMutation.isPending}
      onSubmit={submit}
      onCancel={close}
    >
      <p className="small text-body-secondary">
        From the creator’s media kit or analytics screenshots. Shares may be fractions (0.6) or percentages (60%); what
        is left out counts as unknown.
      </p>
      <ProblemAlert error={addMutation.error} fieldsShownInline={server.shownInline} />
      <div className="row g-2">
        <div className="col-sm-6">
          <TextField
            label="Numbers from"
            type="date"
            max={today()}
            value={draft.capturedOn}
            onChange={(capturedOn) => setDraft({ ...draft, capturedOn })}
            error={errors.captured_at}
          />
        </div>
        <div className="col-sm-6">
          <TextField
            label="Sample size (optional)"
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            help="How many people the shares describe."
            value={draft.sampleSize}
            onChange={(sampleSize) => setDraft({ ...draft, sampleSize })}
            error={errors.sample_size}
          />
        </div>
      </div>
      {DIMENSIONS.map((dimension) => (
        <TextField
          key={dimension.key}
          label={dimension.label}
          help={dimension.help}
          value={draft[dimension.key]}
          onChange={(value) => setDraft({ ...draft, [dimension.key]: value })}
          error={errors[dimension.key]}
          autoComplete="off"
          spellCheck={false}
        />
      ))}
    </FormDialog>
  );
}
