// Records one point of history by hand, for numbers read off the app or a media kit. Starts from
// the latest counts, since a new reading usually differs from them only a little.
import { useState } from 'react';
import Form from 'react-bootstrap/Form';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { SubmitButton } from '@/components/ui/SubmitButton';
import { TextField } from '@/components/ui/TextField';
import { ApiProblem } from '@/lib/api/problem';
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

export function RecordMetricForm({ creator }: { creator: Creator }) {
  const recordMutation = useRecordMetric();
  const [capturedAt, setCapturedAt] = useState(() => localDateTimeInputValue(new Date()));
  const [counts, setCounts] = useState(() => initialCounts(creator.latest));
  const [saved, setSaved] = useState(false);
  const fieldErrors = recordMutation.error instanceof ApiProblem ? recordMutation.error.fieldErrors() : {};

  return (
    <Form
      noValidate
      aria-labelledby="record-metric-title"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        recordMutation.mutate(
          {
            creatorId: creator.id,
            point: {
              // The input holds local time; the API wants an absolute instant.
              captured_at: new Date(capturedAt).toISOString(),
              followers: Number(counts.followers),
              following: Number(counts.following),
              likes: Number(counts.likes),
              videos: Number(counts.videos),
            },
          },
          { onSuccess: () => setSaved(true) },
        );
      }}
    >
      <h2 id="record-metric-title" className="h5">
        Record numbers by hand
      </h2>
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
      <SubmitButton pending={recordMutation.isPending} disabled={Object.values(counts).some((value) => value === '')}>
        Save
      </SubmitButton>
      <span aria-live="polite" className="ms-2 small text-success">
        {saved && 'Saved.'}
      </span>
    </Form>
  );
}
