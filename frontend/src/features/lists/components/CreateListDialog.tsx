// "New list": creates a list and closes on success.
import { useCreateList } from '../api/create-list';
import { ListDetailsDialog } from './ListDetailsDialog';

export function CreateListDialog({ show, onClose }: { show: boolean; onClose: () => void }) {
  const createMutation = useCreateList();
  const close = () => {
    createMutation.reset();
    onClose();
  };
  return (
    <ListDetailsDialog
      // A fresh form each time the dialog opens.
      key={String(show)}
      show={show}
      title="New list"
      submitLabel="Create list"
      initial={{ name: '', description: '' }}
      pending={createMutation.isPending}
      error={createMutation.error}
      onCancel={close}
      onSubmit={(details) => createMutation.mutate(details, { onSuccess: close })}
    />
  );
}
