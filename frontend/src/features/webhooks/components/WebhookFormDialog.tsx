// The form of a webhook endpoint, in a dialog: where to send (https, on a public address), what it
// is for, and which event types it receives (at least one). Creating and editing share it; the
// server's refusals (a private address, a URL that is not one) show at their field. It starts from
// `initial` when mounted: give it a new `key` each time it opens.
import { useId, useState } from 'react';
import Form from 'react-bootstrap/Form';
import { FormDialog } from '@/components/ui/FormDialog';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { TextField } from '@/components/ui/TextField';
import { ApiProblem } from '@/lib/api/problem';
import { EVENT_TYPES, inListOrder, type EventType } from '@/lib/event-types';

export type WebhookValues = { url: string; description: string; event_types: EventType[] };

const INLINE_FIELDS = ['url', 'description', 'event_types'] as const;

type WebhookFormDialogProps = {
  show: boolean;
  title: string;
  submitLabel: string;
  initial: WebhookValues;
  pending: boolean;
  error: unknown;
  onSubmit: (values: WebhookValues) => void;
  onCancel: () => void;
};

export function WebhookFormDialog({
  show,
  title,
  submitLabel,
  initial,
  pending,
  error,
  onSubmit,
  onCancel,
}: WebhookFormDialogProps) {
  const [values, setValues] = useState(initial);
  const typesErrorId = useId();
  const fieldErrors = error instanceof ApiProblem ? error.fieldErrors() : {};

  return (
    <FormDialog
      show={show}
      title={title}
      submitLabel={submitLabel}
      pending={pending}
      size="lg"
      onCancel={onCancel}
      onSubmit={() =>
        onSubmit({
          url: values.url.trim(),
          description: values.description.trim(),
          event_types: inListOrder(values.event_types),
        })
      }
    >
      <ProblemAlert error={error} fieldsShownInline={INLINE_FIELDS} />
      <TextField
        label="URL"
        type="url"
        inputMode="url"
        placeholder="https://hooks.example.com/zzyzx"
        help="Where zzyzx sends each event, as a POST. It must use https and be reachable on the internet."
        value={values.url}
        onChange={(url) => setValues({ ...values, url })}
        error={fieldErrors.url}
        autoComplete="off"
        spellCheck={false}
        required
      />
      <TextField
        label="Description (optional)"
        help="What the endpoint is for, e.g. Slack #creators channel."
        value={values.description}
        onChange={(description) => setValues({ ...values, description })}
        error={fieldErrors.description}
        maxLength={200}
      />
      <fieldset className="mb-2" aria-describedby={fieldErrors.event_types ? typesErrorId : undefined}>
        <legend className="fs-6 mb-1">Events to send</legend>
        <div className="row row-cols-1 row-cols-md-2 g-1">
          {EVENT_TYPES.map((type) => (
            <div key={type.id} className="col">
              <Form.Check
                type="checkbox"
                id={`webhook-event-${type.id}`}
                isInvalid={Boolean(fieldErrors.event_types)}
                checked={values.event_types.includes(type.id)}
                onChange={(event) =>
                  setValues({
                    ...values,
                    event_types: event.target.checked
                      ? [...values.event_types, type.id]
                      : values.event_types.filter((id) => id !== type.id),
                  })
                }
                label={
                  <>
                    {type.label} <code className="small">{type.id}</code>
                  </>
                }
              />
            </div>
          ))}
        </div>
        <Form.Text muted>At least one. Only types the alert rules record are ever sent (Settings → Alerts).</Form.Text>
        {fieldErrors.event_types && (
          <div id={typesErrorId} className="invalid-feedback d-block">
            {fieldErrors.event_types}
          </div>
        )}
      </fieldset>
    </FormDialog>
  );
}
