// "Rename": changes a list's name and description.
import { useUpdateList } from '../api/update-list';
import type { List } from '../api/get-lists';
import { ListDetailsDialog } from './ListDetailsDialog';

export function RenameListDialog({ list, onClose }: { list: List | null; onClose: () => void }) {
  const updateMutation = useUpdateList();
  const close = () => {
    updateMutation.reset();
    onClose();
  };
  return (
    <ListDetailsDialog
      key={list?.id ?? 'none'}
      show={list !== null}
      title={list ? `Rename “${list.name}”` : 'Rename list'}
      submitLabel="Save"
      initial={{ name: list?.name ?? '', description: list?.description ?? '' }}
      pending={updateMutation.isPending}
      error={updateMutation.error}
      onCancel={close}
      onSubmit={(changes) => list && updateMutation.mutate({ listId: list.id, changes }, { onSuccess: close })}
    />
  );
}
