// The name-and-description form behind both "New list" and "Rename".
import { useState } from 'react';
import { FormDialog } from '@/components/ui/FormDialog';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { TextField } from '@/components/ui/TextField';
import { ApiProblem } from '@/lib/api/problem';

export type ListDetails = { name: string; description: string };

type ListDetailsDialogProps = {
  show: boolean;
  title: string;
  submitLabel: string;
  initial: ListDetails;
  pending: boolean;
  error: unknown;
  onSubmit: (details: ListDetails) => void;
  onCancel: () => void;
};

const INLINE_FIELDS = ['name', 'description'] as const;

function listFieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiProblem)) return {};
  // The conflict names no field, but it is the name that has to change.
  if (error.code === 'duplicate_list_name') return { name: error.detail };
  return error.fieldErrors();
}

export function ListDetailsDialog({
  show,
  title,
  submitLabel,
  initial,
  pending,
  error,
  onSubmit,
  onCancel,
}: ListDetailsDialogProps) {
  const [details, setDetails] = useState(initial);
  const fieldErrors = listFieldErrors(error);
  const shownError = error instanceof ApiProblem && error.code === 'duplicate_list_name' ? null : error;

  return (
    <FormDialog
      show={show}
      title={title}
      submitLabel={submitLabel}
      pending={pending}
      onCancel={onCancel}
      onSubmit={() => onSubmit({ name: details.name.trim(), description: details.description.trim() })}
    >
      <ProblemAlert error={shownError} fieldsShownInline={INLINE_FIELDS} />
      <TextField
        label="Name"
        name="name"
        required
        maxLength={100}
        autoFocus
        value={details.name}
        onChange={(name) => setDetails({ ...details, name })}
        error={fieldErrors.name}
      />
      <TextField
        label="Description (optional)"
        name="description"
        rows={3}
        maxLength={2000}
        value={details.description}
        onChange={(description) => setDetails({ ...details, description })}
        error={fieldErrors.description}
      />
    </FormDialog>
  );
}
