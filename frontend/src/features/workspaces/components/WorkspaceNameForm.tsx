// Settings → Workspace: the workspace's name, which owners may change.
import { useState } from 'react';
import Form from 'react-bootstrap/Form';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { SubmitButton } from '@/components/ui/SubmitButton';
import { TextField } from '@/components/ui/TextField';
import { ApiProblem } from '@/lib/api/problem';
import { roleLabel, useIsOwner } from '@/lib/auth/roles';
import { useSession } from '@/lib/auth/use-session';
import { useRenameWorkspace } from '../api/rename-workspace';

function RenameForm({ initialName }: { initialName: string }) {
  const renameMutation = useRenameWorkspace();
  const [name, setName] = useState(initialName);
  const [saved, setSaved] = useState(false);
  const fieldErrors = renameMutation.error instanceof ApiProblem ? renameMutation.error.fieldErrors() : {};

  return (
    <Form
      noValidate
      aria-label="Workspace name"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        renameMutation.mutate(name.trim(), { onSuccess: () => setSaved(true) });
      }}
    >
      <ProblemAlert error={renameMutation.error} fieldsShownInline={['name']} />
      <TextField
        label="Name"
        value={name}
        onChange={(value) => {
          setSaved(false);
          setName(value);
        }}
        error={fieldErrors.name}
        maxLength={100}
        required
      />
      <div className="d-flex align-items-center gap-2">
        <SubmitButton pending={renameMutation.isPending}>Rename workspace</SubmitButton>
        <span aria-live="polite" className="small text-success">
          {saved && 'Saved.'}
        </span>
      </div>
    </Form>
  );
}

export function WorkspaceNameForm() {
  const state = useSession();
  const isOwner = useIsOwner();
  const workspace = state.status === 'authenticated' ? state.workspace : null;
  if (!workspace) return null;
  if (isOwner) return <RenameForm key={workspace.id} initialName={workspace.name} />;
  return (
    <dl className="mb-0">
      <dt className="small fw-normal text-body-secondary">Name</dt>
      <dd>{workspace.name}</dd>
      <dt className="small fw-normal text-body-secondary">Your role</dt>
      <dd className="mb-0">{roleLabel(workspace.role)}. Only owners can rename the workspace.</dd>
    </dl>
  );
}
