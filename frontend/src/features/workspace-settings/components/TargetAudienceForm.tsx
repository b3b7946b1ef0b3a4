// Settings → Target audience: who the brand wants to reach. Audience fit scores compare each
// creator's audience with it, and the content signal compares their videos' regions and hashtags.
import { useId, useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Form from 'react-bootstrap/Form';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { SubmitButton } from '@/components/ui/SubmitButton';
import { TextField } from '@/components/ui/TextField';
import { ApiProblem } from '@/lib/api/problem';
import { useTargetAudience, type TargetAudience } from '../api/get-target-audience';
import { useUpdateTargetAudience } from '../api/update-target-audience';
import { fieldErrorsFrom } from '@/lib/api/field-errors';
import { useIsOwner } from '@/lib/auth/roles';
import { FORBIDDEN_MESSAGE, OwnerOnlyNotice } from './owner-only';

const AGE_BANDS = ['13-17', '18-24', '25-34', '35-44', '45-54', '55+'] as const;
const GENDERS = [
  { id: 'female', label: 'Female' },
  { id: 'male', label: 'Male' },
  { id: 'other', label: 'Other' },
] as const;

type Draft = { countries: string; languages: string; interests: string; age_bands: string[]; genders: string[] };

function toDraft(target: TargetAudience): Draft {
  return {
    countries: target.countries.join(', '),
    languages: target.languages.join(', '),
    interests: target.interests.join(', '),
    age_bands: target.age_bands,
    genders: target.genders,
  };
}

/** "us, gb  de" → ["US", "GB", "DE"]: entries split on commas or spaces, cased as the API wants. */
function splitEntries(text: string, casing: (entry: string) => string): string[] {
  const entries = text
    .split(/[\s,;]+/)
    .map((entry) => casing(entry.trim()))
    .filter(Boolean);
  return [...new Set(entries)];
}

/** The codes as typed: the server checks them against its lists and says which one is unknown. */
function toTarget(draft: Draft): TargetAudience {
  return {
    countries: splitEntries(draft.countries, (entry) => entry.toUpperCase()) as TargetAudience['countries'],
    languages: splitEntries(draft.languages, (entry) => entry.toLowerCase()) as TargetAudience['languages'],
    interests: splitEntries(draft.interests, (entry) => entry.replace(/^#/, '').toLowerCase()),
    age_bands: AGE_BANDS.filter((band) => draft.age_bands.includes(band)),
    genders: GENDERS.map((gender) => gender.id).filter((gender) => draft.genders.includes(gender)),
  };
}

function CheckboxGroup({
  legend,
  name,
  options,
  selected,
  onChange,
  error,
  disabled,
}: {
  legend: string;
  name: string;
  options: readonly { id: string; label: string }[];
  selected: string[];
  onChange: (selected: string[]) => void;
  error: string | undefined;
  disabled: boolean;
}) {
  const errorId = useId();
  return (
    <fieldset className="mb-3" aria-describedby={error ? errorId : undefined} disabled={disabled}>
      <legend className="fs-6 mb-1">{legend}</legend>
      <div className="d-flex flex-wrap gap-3">
        {options.map((option) => (
          <Form.Check
            key={option.id}
            type="checkbox"
            id={`${name}-${option.id}`}
            label={option.label}
            checked={selected.includes(option.id)}
            isInvalid={Boolean(error)}
            onChange={(event) =>
              onChange(
                event.target.checked ? [...selected, option.id] : selected.filter((value) => value !== option.id),
              )
            }
          />
        ))}
      </div>
      <Form.Text muted>None ticked means any.</Form.Text>
      {error && (
        <div id={errorId} className="invalid-feedback d-block">
          {error}
        </div>
      )}
    </fieldset>
  );
}

function TargetAudienceEditor({ initial }: { initial: TargetAudience }) {
  const updateMutation = useUpdateTargetAudience();
  const isOwner = useIsOwner();
  const [draft, setDraft] = useState(() => toDraft(initial));
  const [submitted, setSubmitted] = useState<TargetAudience | null>(null);
  const [saved, setSaved] = useState(false);
  const { byField, shownInline } = fieldErrorsFrom(updateMutation.error, submitted, (segments) => segments[0] ?? null);
  const forbidden = updateMutation.error instanceof ApiProblem && updateMutation.error.status === 403;
  const change = (changes: Partial<Draft>) => {
    setSaved(false);
    setDraft({ ...draft, ...changes });
  };

  return (
    <Form
      noValidate
      aria-label="Target audience"
      onSubmit={(event) => {
        event.preventDefault();
        const target = toTarget(draft);
        setSubmitted(target);
        setSaved(false);
        updateMutation.mutate(target, {
          onSuccess: (stored) => {
            setDraft(toDraft(stored));
            setSaved(true);
          },
        });
      }}
    >
      {!isOwner && <OwnerOnlyNotice />}
      {forbidden ? (
        <Alert variant="danger">{FORBIDDEN_MESSAGE}</Alert>
      ) : (
        <ProblemAlert error={updateMutation.error} fieldsShownInline={shownInline} />
      )}
      <fieldset disabled={!isOwner}>
        <div className="row g-3">
          <div className="col-md-6">
            <TextField
              label="Countries"
              help="Two-letter codes separated by commas, e.g. US, GB. Empty means any country."
              value={draft.countries}
              onChange={(countries) => change({ countries })}
              error={byField.countries}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
          <div className="col-md-6">
            <TextField
              label="Languages"
              help="Two-letter codes, e.g. en, es. Empty means any language."
              value={draft.languages}
              onChange={(languages) => change({ languages })}
              error={byField.languages}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
        </div>
      </fieldset>
      <CheckboxGroup
        legend="Age bands"
        name="target-age"
        options={AGE_BANDS.map((band) => ({ id: band, label: band }))}
        selected={draft.age_bands}
        onChange={(age_bands) => change({ age_bands })}
        error={byField.age_bands}
        disabled={!isOwner}
      />
      <CheckboxGroup
        legend="Genders"
        name="target-gender"
        options={GENDERS}
        selected={draft.genders}
        onChange={(genders) => change({ genders })}
        error={byField.genders}
        disabled={!isOwner}
      />
      <fieldset disabled={!isOwner}>
        <TextField
          label="Interests (hashtags)"
          help="Hashtags your audience follows, e.g. skincare, gymtok. Compared with the hashtags of each creator’s videos (the content signal)."
          value={draft.interests}
          onChange={(interests) => change({ interests })}
          error={byField.interests}
          autoComplete="off"
          spellCheck={false}
        />
      </fieldset>
      <div className="d-flex align-items-center gap-2">
        <SubmitButton pending={updateMutation.isPending} disabled={!isOwner}>
          Save target audience
        </SubmitButton>
        <span aria-live="polite" className="small text-success">
          {saved && 'Saved. Audience fit scores now use this target.'}
        </span>
      </div>
    </Form>
  );
}

export function TargetAudienceForm() {
  const targetQuery = useTargetAudience();
  if (targetQuery.isPending) return <LoadingState label="Loading the target audience…" />;
  if (targetQuery.isError) {
    return (
      <ErrorState
        title="Could not load the target audience."
        error={targetQuery.error}
        onRetry={() => void targetQuery.refetch()}
      />
    );
  }
  return <TargetAudienceEditor initial={targetQuery.data} />;
}
