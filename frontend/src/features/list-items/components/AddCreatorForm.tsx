// Adds a creator to the list from whatever the user pasted: `name`, `@name` or a profile URL; the
// server does the parsing. The handle field is its own component so it can grow autocomplete.
import { useState } from 'react';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import InputGroup from 'react-bootstrap/InputGroup';
import Spinner from 'react-bootstrap/Spinner';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { ApiProblem } from '@/lib/api/problem';
import { useAddListItem } from '../api/add-list-item';

function handleError(error: unknown): string | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  if (error.code === 'creator_already_in_list') return error.detail;
  return error.fieldErrors().handle;
}

type HandleFieldProps = {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  pending: boolean;
};

function HandleField({ value, onChange, error, pending }: HandleFieldProps) {
  return (
    <Form.Group controlId="add-creator-handle" className="flex-grow-1">
      <Form.Label>Add a creator</Form.Label>
      <InputGroup hasValidation>
        <Form.Control
          name="handle"
          placeholder="@mayabakes or https://www.tiktok.com/@mayabakes"
          autoComplete="off"
          spellCheck={false}
          required
          value={value}
          onChange={(event) => onChange(event.target.value)}
          isInvalid={Boolean(error)}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? 'add-creator-handle-error' : 'add-creator-handle-help'}
        />
        <Button type="submit" disabled={pending || value.trim() === ''}>
          {pending && <Spinner as="span" animation="border" size="sm" className="me-2" aria-hidden="true" />}
          Add
        </Button>
        {error && (
          <Form.Control.Feedback type="invalid" id="add-creator-handle-error">
            {error}
          </Form.Control.Feedback>
        )}
      </InputGroup>
      {!error && (
        <Form.Text id="add-creator-handle-help" muted>
          Paste a TikTok handle, @handle or profile link. zzyzx starts tracking them right away.
        </Form.Text>
      )}
    </Form.Group>
  );
}

export function AddCreatorForm({ listId }: { listId: string }) {
  const [handle, setHandle] = useState('');
  const [lastAdded, setLastAdded] = useState<string | null>(null);
  const addMutation = useAddListItem();
  const inlineError = handleError(addMutation.error);

  return (
    <Form
      noValidate
      className="mb-4"
      onSubmit={(event) => {
        event.preventDefault();
        setLastAdded(null);
        addMutation.mutate(
          { listId, item: { handle: handle.trim() } },
          {
            onSuccess: (item) => {
              setHandle('');
              setLastAdded(item.creator.handle);
            },
          },
        );
      }}
    >
      <HandleField
        value={handle}
        onChange={(value) => {
          setHandle(value);
          if (addMutation.isError) addMutation.reset();
        }}
        error={inlineError}
        pending={addMutation.isPending}
      />
      {!inlineError && <ProblemAlert error={addMutation.error} />}
      <div aria-live="polite" className="small text-success mt-1">
        {lastAdded && `Added @${lastAdded}.`}
      </div>
    </Form>
  );
}
