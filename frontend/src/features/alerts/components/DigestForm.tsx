// Settings → Alerts → Your e-mail digest: the signed-in member's own summary of this workspace's
// events by e-mail (off, daily or weekly). Says so when the server cannot send e-mail at all.
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Form from 'react-bootstrap/Form';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { SubmitButton } from '@/components/ui/SubmitButton';
import { useDigest, type DigestFrequency, type DigestSettings } from '../api/get-digest';
import { useUpdateDigest } from '../api/update-digest';

const FREQUENCIES: readonly { id: DigestFrequency; label: string; description: string }[] = [
  { id: 'off', label: 'Off', description: 'No e-mail; the inbox and the bell still show everything.' },
  { id: 'daily', label: 'Daily', description: 'One e-mail a day with what happened since the last one.' },
  { id: 'weekly', label: 'Weekly', description: 'One e-mail a week with what happened since the last one.' },
];

function DigestEditor({ initial }: { initial: DigestSettings }) {
  const updateMutation = useUpdateDigest();
  const [frequency, setFrequency] = useState(initial.frequency);
  const [saved, setSaved] = useState(false);

  return (
    <Form
      noValidate
      aria-label="Your e-mail digest"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        updateMutation.mutate(frequency, { onSuccess: () => setSaved(true) });
      }}
    >
      {!initial.email_configured && (
        <Alert variant="warning" className="small">
          This server cannot send e-mail: its operator has not set up SMTP (
          <code className="text-reset">ZZYZX_SMTP_URL</code>), so no digest will be sent whatever you choose here.
        </Alert>
      )}
      <ProblemAlert error={updateMutation.error} />
      <fieldset className="mb-3">
        <legend className="fs-6 mb-1">How often</legend>
        {FREQUENCIES.map((option) => (
          <Form.Check
            key={option.id}
            type="radio"
            id={`digest-${option.id}`}
            name="digest-frequency"
            className="mb-1"
            checked={frequency === option.id}
            onChange={() => {
              setSaved(false);
              setFrequency(option.id);
            }}
            label={
              <>
                {option.label}
                <span className="d-block small text-body-secondary">{option.description}</span>
              </>
            }
          />
        ))}
      </fieldset>
      <div className="d-flex flex-wrap align-items-center gap-2">
        <SubmitButton pending={updateMutation.isPending}>Save digest</SubmitButton>
        <span aria-live="polite" className="small text-success">
          {saved &&
            (frequency === 'off' ? 'Saved. No digest will be sent.' : `Saved. Your ${frequency} digest starts now.`)}
        </span>
      </div>
    </Form>
  );
}

export function DigestForm() {
  const digestQuery = useDigest();
  if (digestQuery.isPending) return <LoadingState label="Loading your digest…" />;
  if (digestQuery.isError) {
    return (
      <ErrorState
        title="Could not load your digest."
        error={digestQuery.error}
        onRetry={() => void digestQuery.refetch()}
      />
    );
  }
  return <DigestEditor initial={digestQuery.data} />;
}
