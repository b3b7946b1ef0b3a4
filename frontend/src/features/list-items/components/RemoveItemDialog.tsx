// Confirms taking a creator off the list; their history stays.
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { useLastNonNull } from '@/hooks/use-last-non-null';
import type { ListItem } from '../api/get-list-items';
import { useRemoveListItem } from '../api/remove-list-item';

type RemoveItemDialogProps = { listId: string; item: ListItem | null; onClose: () => void };

export function RemoveItemDialog({ listId, item, onClose }: RemoveItemDialogProps) {
  const removeMutation = useRemoveListItem();
  const shown = useLastNonNull(item);
  const close = () => {
    removeMutation.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      show={item !== null}
      title={`Remove @${shown?.creator.handle ?? ''}?`}
      confirmLabel="Remove"
      pending={removeMutation.isPending}
      error={removeMutation.error}
      onCancel={close}
      onConfirm={() => item && removeMutation.mutate({ listId, itemId: item.id }, { onSuccess: close })}
    >
      <p className="mb-0">They leave this list. Their history stays, and so do their places in other lists.</p>
    </ConfirmDialog>
  );
}
