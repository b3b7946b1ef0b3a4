// "Add creators": a whole list at once, or handles pasted one per line or separated by commas. It
// reports how many were added and how many were in the campaign already.
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Form from 'react-bootstrap/Form';
import { FormDialog } from '@/components/ui/FormDialog';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { TextField } from '@/components/ui/TextField';
import { fieldErrorsFrom } from '@/lib/api/field-errors';
import {
  useAddCampaignCreators,
  type AddCampaignCreators,
  type AddedCampaignCreators,
} from '../api/add-campaign-creators';

export type ListOption = { id: string; name: string; item_count?: number };

type Source = 'list' | 'handles';

/** "@maya, lee\n https://www.tiktok.com/@tanvir" → ["maya", "lee", "https://www.tiktok.com/@tanvir"]. */
export function parseHandles(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]+/)
        .map((handle) => handle.trim().replace(/^@/, ''))
        .filter(Boolean),
    ),
  ];
}

export function describeAdded({ added, already_in: alreadyIn }: Pick<AddedCampaignCreators, 'added' | 'already_in'>) {
  const addedText = added === 1 ? 'Added 1 creator' : `Added ${added} creators`;
  if (alreadyIn === 0) return `${addedText}.`;
  return `${addedText}; ${alreadyIn === 1 ? '1 was' : `${alreadyIn} were`} in the campaign already.`;
}

type AddCreatorsDialogProps = {
  campaignId: string;
  show: boolean;
  /** The workspace's lists; undefined while they load. */
  lists: ListOption[] | undefined;
  onClose: () => void;
};

export function AddCreatorsDialog({ campaignId, show, lists, onClose }: AddCreatorsDialogProps) {
  const addMutation = useAddCampaignCreators();
  const [source, setSource] = useState<Source>('list');
  const [listId, setListId] = useState('');
  const [handles, setHandles] = useState('');
  const [sent, setSent] = useState<AddCampaignCreators | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const { byField, shownInline } = fieldErrorsFrom(addMutation.error, sent, (segments) =>
    segments[0] === 'handles' ? 'handles' : segments[0] === 'list_id' ? 'list_id' : null,
  );

  const close = () => {
    addMutation.reset();
    setHandles('');
    setListId('');
    setLocalError(null);
    onClose();
  };
  const submit = () => {
    const add: AddCampaignCreators = source === 'list' ? { list_id: listId } : { handles: parseHandles(handles) };
    if (source === 'list' && !listId) return setLocalError('Choose a list.');
    if (source === 'handles' && add.handles?.length === 0) return setLocalError('Enter at least one handle.');
    setLocalError(null);
    setSent(add);
    addMutation.mutate({ campaignId, add });
  };

  return (
    <FormDialog
      show={show}
      title="Add creators"
      submitLabel="Add creators"
      cancelLabel={addMutation.isSuccess ? 'Done' : 'Cancel'}
      pending={addMutation.isPending}
      onCancel={close}
      onSubmit={submit}
    >
      <fieldset className="mb-3">
        <legend className="fs-6">Add</legend>
        <Form.Check
          type="radio"
          id="add-creators-from-list"
          name="add-creators-source"
          label="Every creator of a list"
          checked={source === 'list'}
          onChange={() => setSource('list')}
        />
        <Form.Check
          type="radio"
          id="add-creators-by-handle"
          name="add-creators-source"
          label="Creators by handle"
          checked={source === 'handles'}
          onChange={() => setSource('handles')}
        />
      </fieldset>
      {source === 'list' ? (
        <Form.Group controlId="add-creators-list" className="mb-3">
          <Form.Label>List</Form.Label>
          <Form.Select
            value={listId}
            onChange={(event) => setListId(event.target.value)}
            disabled={lists === undefined}
            isInvalid={Boolean(localError || byField.list_id)}
          >
            <option value="">{lists === undefined ? 'Loading lists…' : 'Choose a list'}</option>
            {lists?.map((list) => (
              <option key={list.id} value={list.id}>
                {list.name}
                {list.item_count !== undefined && ` (${list.item_count})`}
              </option>
            ))}
          </Form.Select>
          <Form.Control.Feedback type="invalid">{localError ?? byField.list_id}</Form.Control.Feedback>
        </Form.Group>
      ) : (
        <TextField
          label="Handles"
          rows={4}
          value={handles}
          onChange={setHandles}
          error={localError ?? byField.handles}
          help="One per line or separated by commas: maya, @lee or a profile link. New creators start being tracked."
        />
      )}
      <ProblemAlert error={addMutation.error} fieldsShownInline={shownInline} />
      {addMutation.isSuccess && (
        <Alert variant="success" role="status" className="mb-0">
          {describeAdded(addMutation.data)} They start as shortlisted.
        </Alert>
      )}
    </FormDialog>
  );
}
