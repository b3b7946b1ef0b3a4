// "Add to list" for a creator found outside a list (under a hashtag, say): a small menu of the
// workspace's lists, one click to add. A creator who is already in the chosen list is no failure
// worth a red alert; the menu just says so.
import { useState } from 'react';
import Dropdown from 'react-bootstrap/Dropdown';
import Spinner from 'react-bootstrap/Spinner';
import { Link } from 'react-router';
import { FIXED_MENU_PROPS } from '@/components/ui/fixed-menu';
import { paths } from '@/config/paths';
import { describeError, hasCode } from '@/lib/api/problem';
import { useAddListItem } from '../api/add-list-item';

export type ListOption = { id: string; name: string };

type AddToListMenuProps = {
  handle: string;
  /** The workspace's lists; `undefined` while they load. */
  lists: ListOption[] | undefined;
  /** Told once the creator is in the list, for a confirmation that outlives this menu. */
  onAdded?: (list: ListOption) => void;
};

function Outcome({ listName, error, added }: { listName: string; error: unknown; added: boolean }) {
  if (added) return <span className="text-success">Added to {listName}.</span>;
  if (hasCode(error, 'creator_already_in_list')) {
    return <span className="text-body-secondary">Already in {listName}.</span>;
  }
  if (error)
    return (
      <span className="text-danger">
        Could not add to {listName}: {describeError(error)}
      </span>
    );
  return null;
}

export function AddToListMenu({ handle, lists, onAdded }: AddToListMenuProps) {
  const addMutation = useAddListItem();
  const [chosen, setChosen] = useState<ListOption | null>(null);

  const add = (listId: string | null) => {
    const list = lists?.find((candidate) => candidate.id === listId);
    if (!list) return;
    setChosen(list);
    addMutation.mutate({ listId: list.id, item: { handle } }, { onSuccess: () => onAdded?.(list) });
  };

  return (
    <div>
      <Dropdown onSelect={add}>
        <Dropdown.Toggle size="sm" variant="outline-primary" disabled={addMutation.isPending || lists === undefined}>
          {addMutation.isPending && (
            <Spinner as="span" animation="border" size="sm" className="me-1" aria-hidden="true" />
          )}
          Add to list <span className="visually-hidden">for @{handle}</span>
        </Dropdown.Toggle>
        <Dropdown.Menu {...FIXED_MENU_PROPS}>
          <Dropdown.Header>Add @{handle} to…</Dropdown.Header>
          {lists?.length === 0 && (
            <Dropdown.ItemText className="small">
              No lists yet. <Link to={paths.lists}>Create a list</Link> first.
            </Dropdown.ItemText>
          )}
          {lists?.map((list) => (
            <Dropdown.Item key={list.id} as="button" eventKey={list.id}>
              {list.name}
            </Dropdown.Item>
          ))}
        </Dropdown.Menu>
      </Dropdown>
      <div aria-live="polite" className="small mt-1">
        {chosen && <Outcome listName={chosen.name} error={addMutation.error} added={addMutation.isSuccess} />}
      </div>
    </div>
  );
}
