// Adds a creator to the list: one picked from the suggestions, or whatever the user pasted
// (`name`, `@name` or a profile URL; the server does the parsing).
import { useState } from 'react';
import Form from 'react-bootstrap/Form';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { ApiProblem } from '@/lib/api/problem';
import { useAddListItem } from '../api/add-list-item';
import type { ListItem } from '../api/get-list-items';
import { HandleCombobox } from './HandleCombobox';

function handleError(error: unknown): string | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  if (error.code === 'creator_already_in_list') return error.detail;
  return error.fieldErrors().handle;
}

type AddCreatorFormProps = { listId: string; onAdded?: (item: ListItem) => void };

export function AddCreatorForm({ listId, onAdded }: AddCreatorFormProps) {
  const [handle, setHandle] = useState('');
  const [lastAdded, setLastAdded] = useState<string | null>(null);
  const addMutation = useAddListItem();
  const inlineError = handleError(addMutation.error);

  const add = (text: string) => {
    setLastAdded(null);
    addMutation.mutate(
      { listId, item: { handle: text.trim() } },
      {
        onSuccess: (item) => {
          setHandle('');
          setLastAdded(item.creator.handle);
          onAdded?.(item);
        },
      },
    );
  };

  return (
    <Form
      noValidate
      className="mb-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (handle.trim()) add(handle);
      }}
    >
      <HandleCombobox
        value={handle}
        onChange={(value) => {
          setHandle(value);
          if (addMutation.isError) addMutation.reset();
        }}
        onChoose={(chosen) => {
          setHandle(chosen);
          add(chosen);
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
