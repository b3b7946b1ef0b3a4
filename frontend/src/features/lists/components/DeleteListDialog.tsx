// Confirms deleting a list, saying what stays (the creators and their history).
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { useLastNonNull } from '@/hooks/use-last-non-null';
import { useDeleteList } from '../api/delete-list';
import type { List } from '../api/get-lists';

export function DeleteListDialog({ list, onClose }: { list: List | null; onClose: () => void }) {
  const deleteMutation = useDeleteList();
  const shown = useLastNonNull(list);
  const close = () => {
    deleteMutation.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      show={list !== null}
      title="Delete this list?"
      confirmLabel="Delete list"
      pending={deleteMutation.isPending}
      error={deleteMutation.error}
      onCancel={close}
      onConfirm={() => list && deleteMutation.mutate(list.id, { onSuccess: close })}
    >
      <p className="mb-0">
        “{shown?.name}” will be deleted. Its {shown?.item_count === 1 ? 'creator stays' : 'creators stay'} tracked, with
        their history, in any other list.
      </p>
    </ConfirmDialog>
  );
}
