// Settings → API keys (owners): keys for third-party tools. Making one shows the key once; the list
// tells keys apart by their first characters, shows when each was last used, and revokes them.
import { useState } from 'react';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import Table from 'react-bootstrap/Table';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { CredentialStatus } from '@/components/ui/CredentialStatus';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { OneTimeSecret } from '@/components/ui/OneTimeSecret';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { SubmitButton } from '@/components/ui/SubmitButton';
import { TextField } from '@/components/ui/TextField';
import { WideTable } from '@/components/ui/WideTable';
import { ApiProblem } from '@/lib/api/problem';
import { formatDateTime, formatDay, formatRelativeTime } from '@/lib/format';
import { useCreateApiKey, type CreatedApiKey } from '../api/create-api-key';
import { useApiKeys, type ApiKey, type Scope } from '../api/get-api-keys';
import { useRevokeApiKey } from '../api/revoke-api-key';
import { SCOPES } from '../api/scopes';

const INLINE_FIELDS = ['name', 'scopes', 'expires_in_days'] as const;

function CreateApiKeyForm({ onCreated }: { onCreated: (created: CreatedApiKey) => void }) {
  const createMutation = useCreateApiKey();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['lists:read']);
  const [days, setDays] = useState('365');
  const fieldErrors = createMutation.error instanceof ApiProblem ? createMutation.error.fieldErrors() : {};

  return (
    <Form
      noValidate
      aria-label="New API key"
      onSubmit={(event) => {
        event.preventDefault();
        createMutation.mutate(
          // Sent in the order the form lists them, whatever order they were ticked in.
          {
            name: name.trim(),
            scopes: SCOPES.map((scope) => scope.id).filter((id) => scopes.includes(id)),
            expires_in_days: days.trim() ? Number(days) : null,
          },
          { onSuccess: onCreated },
        );
      }}
    >
      <ProblemAlert error={createMutation.error} fieldsShownInline={INLINE_FIELDS} />
      <div className="row g-3">
        <div className="col-md-8">
          <TextField
            label="Name"
            value={name}
            onChange={setName}
            error={fieldErrors.name}
            help="What the key is for, to recognise it later, e.g. Google Sheets sync."
            maxLength={100}
            required
          />
        </div>
        <div className="col-md-4">
          <TextField
            label="Expires after (days)"
            type="number"
            min={1}
            max={365}
            value={days}
            onChange={setDays}
            error={fieldErrors.expires_in_days}
            help="1 to 365."
          />
        </div>
      </div>
      <fieldset className="mb-3">
        <legend className="fs-6 mb-1">What the key may do</legend>
        {SCOPES.map((scope) => (
          <Form.Check
            key={scope.id}
            type="checkbox"
            id={`scope-${scope.id}`}
            className="mb-2"
            isInvalid={Boolean(fieldErrors.scopes)}
            checked={scopes.includes(scope.id)}
            onChange={(event) =>
              setScopes(event.target.checked ? [...scopes, scope.id] : scopes.filter((id) => id !== scope.id))
            }
            label={
              <>
                {scope.label} <code>{scope.id}</code>
                <span className="d-block small text-body-secondary">{scope.description}</span>
              </>
            }
          />
        ))}
        <div className="form-text">
          Changing does not include reading: tick both if the tool needs both. A key never does more than your own role
          allows, and cannot manage the workspace.
        </div>
        {fieldErrors.scopes && <div className="invalid-feedback d-block">{fieldErrors.scopes}</div>}
      </fieldset>
      <SubmitButton pending={createMutation.isPending}>Create API key</SubmitButton>
    </Form>
  );
}

function ApiKeyTable({ keys }: { keys: ApiKey[] }) {
  const revokeMutation = useRevokeApiKey();
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  // Read once: whether a key has expired need not tick over while the page is open.
  const [now] = useState(() => Date.now());
  const close = () => {
    revokeMutation.reset();
    setRevoking(null);
  };

  return (
    <>
      <WideTable>
        <Table size="sm" className="align-middle mb-0">
          <caption className="caption-top">API keys, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Scopes</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Expires</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id}>
                <td className="text-break">{key.name}</td>
                <td>
                  <code>{key.prefix}…</code>
                </td>
                <td>
                  {key.scopes.map((scope) => (
                    <code key={scope} className="d-block">
                      {scope}
                    </code>
                  ))}
                </td>
                <td className="text-nowrap" title={formatDateTime(key.created_at)}>
                  {formatDay(key.created_at)}
                  {key.created_by && <div className="small text-body-secondary">by {key.created_by}</div>}
                </td>
                <td className="text-nowrap">
                  {key.last_used_at ? (
                    <span title={formatDateTime(key.last_used_at)}>{formatRelativeTime(key.last_used_at)}</span>
                  ) : (
                    'Never'
                  )}
                </td>
                <td className="text-nowrap" title={formatDateTime(key.expires_at)}>
                  {formatDay(key.expires_at)}
                </td>
                <td>
                  <CredentialStatus revokedAt={key.revoked_at} expiresAt={key.expires_at} now={now} />
                </td>
                <td className="text-end">
                  {!key.revoked_at && (
                    <Button
                      variant="outline-danger"
                      size="sm"
                      onClick={() => setRevoking(key)}
                      aria-label={`Revoke ${key.name}`}
                    >
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </WideTable>
      <ConfirmDialog
        show={revoking !== null}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        confirmLabel="Revoke key"
        pending={revokeMutation.isPending}
        error={revokeMutation.error}
        onCancel={close}
        onConfirm={() => revoking && revokeMutation.mutate(revoking.id, { onSuccess: close })}
      >
        Tools using this key stop working at once. This cannot be undone.
      </ConfirmDialog>
    </>
  );
}

export function ApiKeysPanel() {
  const keysQuery = useApiKeys();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  return (
    <>
      {created ? (
        <OneTimeSecret label={`API key “${created.key.name}”`} value={created.secret} onDone={() => setCreated(null)}>
          <p className="mb-0">
            Give it to the tool that needs it, which sends it as <code>Authorization: Bearer &lt;key&gt;</code>. It
            works until {formatDay(created.key.expires_at)}.
          </p>
        </OneTimeSecret>
      ) : (
        <CreateApiKeyForm onCreated={setCreated} />
      )}
      <hr />
      {keysQuery.isPending && <LoadingState label="Loading API keys…" />}
      {keysQuery.isError && (
        <ErrorState
          title="Could not load the API keys."
          error={keysQuery.error}
          onRetry={() => void keysQuery.refetch()}
        />
      )}
      {keysQuery.isSuccess &&
        (keysQuery.data.length === 0 ? (
          <EmptyState title="No API keys yet">Make one above for each tool that reads or changes your data.</EmptyState>
        ) : (
          <ApiKeyTable keys={keysQuery.data} />
        ))}
    </>
  );
}
