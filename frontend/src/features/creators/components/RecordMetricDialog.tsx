// Records one point of history by hand, for numbers read off the app or a media kit: a button beside
// the history that opens a small dialog. Starts from the latest counts, since a new reading usually
// differs from them only a little.
import { useState } from 'react';
import Button from 'react-bootstrap/Button';
import { FormDialog } from '@/components/ui/FormDialog';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { StatusToast } from '@/components/ui/StatusToast';
import { TextField } from '@/components/ui/TextField';
import { ApiProblem } from '@/lib/api/problem';
import { formatDateTime } from '@/lib/format';
import type { Creator } from '../api/get-creator';
import { useRecordMetric } from '../api/record-metric';

const COUNT_FIELDS = [
  { key: 'followers', label: 'Followers' },
  { key: 'following', label: 'Following' },
  { key: 'likes', label: 'Likes' },
  { key: 'videos', label: 'Videos' },
] as const;

type CountKey = (typeof COUNT_FIELDS)[number]['key'];
const INLINE_FIELDS = ['captured_at', ...COUNT_FIELDS.map((field) => field.key)];

/** `YYYY-MM-DDTHH:mm` in local time, the format of a datetime-local input. */
function localDateTimeInputValue(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function initialCounts(latest: Creator['latest']): Record<CountKey, string> {
  return {
    followers: String(latest?.followers ?? ''),
    following: String(latest?.following ?? ''),
    likes: String(latest?.likes ?? ''),
    videos: String(latest?.videos ?? ''),
  };
}

type RecordMetricFormProps = { creator: Creator; show: boolean; onClose: () => void; onSaved: (at: string) => void };

function RecordMetricForm({ creator, show, onClose, onSaved }: RecordMetricFormProps) {
  const recordMutation = useRecordMetric();
  const [capturedAt, setCapturedAt] = useState(() => localDateTimeInputValue(new Date()));
  const [counts, setCounts] = useState(() => initialCounts(creator.latest));
  const [missing, setMissing] = useState<Record<string, string>>({});
  const serverErrors = recordMutation.error instanceof ApiProblem ? recordMutation.error.fieldErrors() : {};
  const fieldErrors = { ...serverErrors, ...missing };

  const save = () => {
    const empty: Record<string, string> = {};
    if (!capturedAt) empty.captured_at = 'Enter when the numbers were true.';
    for (const field of COUNT_FIELDS) if (counts[field.key].trim() === '') empty[field.key] = 'Enter a number.';
    setMissing(empty);
    if (Object.keys(empty).length > 0) return;
    // The input holds local time; the API wants an absolute instant.
    const at = new Date(capturedAt).toISOString();
    recordMutation.mutate(
      {
        creatorId: creator.id,
        point: {
          captured_at: at,
          followers: Number(counts.followers),
          following: Number(counts.following),
          likes: Number(counts.likes),
          videos: Number(counts.videos),
        },
      },
      { onSuccess: () => onSaved(at) },
    );
  };

  return (
    <FormDialog
      show={show}
      title="Record numbers by hand"
      submitLabel="Save"
      pending={recordMutation.isPending}
      onSubmit={save}
      onCancel={onClose}
    >
      <p className="small text-body-secondary">
        For numbers read off the TikTok app or a media kit. They join @{creator.handle}’s history as entered by hand.
      </p>
      <ProblemAlert error={recordMutation.error} fieldsShownInline={INLINE_FIELDS} />
      <TextField
        label="When"
        type="datetime-local"
        name="captured_at"
        required
        max={localDateTimeInputValue(new Date())}
        value={capturedAt}
        onChange={setCapturedAt}
        error={fieldErrors.captured_at}
      />
      <div className="row g-2">
        {COUNT_FIELDS.map((field) => (
          <div key={field.key} className="col-6">
            <TextField
              label={field.label}
              type="number"
              inputMode="numeric"
              name={field.key}
              min={0}
              step={1}
              required
              value={counts[field.key]}
              onChange={(value) => setCounts({ ...counts, [field.key]: value })}
              error={fieldErrors[field.key]}
            />
          </div>
        ))}
      </div>
    </FormDialog>
  );
}

export function RecordMetricButton({ creator }: { creator: Creator }) {
  const [open, setOpen] = useState(false);
  // A fresh form, from the latest counts, each time the dialog opens.
  const [opened, setOpened] = useState(0);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  return (
    <>
      <Button
        variant="outline-secondary"
        size="sm"
        onClick={() => {
          setOpened(opened + 1);
          setOpen(true);
        }}
      >
        Record numbers
      </Button>
      <RecordMetricForm
        key={opened}
        creator={creator}
        show={open}
        onClose={() => setOpen(false)}
        onSaved={(at) => {
          setOpen(false);
          setSavedAt(at);
        }}
      />
      <StatusToast
        message={savedAt && `Saved the numbers of ${formatDateTime(savedAt)}.`}
        onClose={() => setSavedAt(null)}
      />
    </>
  );
}
