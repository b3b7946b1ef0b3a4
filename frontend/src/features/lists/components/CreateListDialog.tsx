// "New list": creates a list, then opens it, since adding creators is what comes next.
import { useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import { useCreateList } from '../api/create-list';
import { ListDetailsDialog } from './ListDetailsDialog';

export function CreateListDialog({ show, onClose }: { show: boolean; onClose: () => void }) {
  const createMutation = useCreateList();
  const navigate = useNavigate();
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
      onSubmit={(details) =>
        createMutation.mutate(details, {
          onSuccess: (list) => {
            close();
            void navigate(paths.list(list.id));
          },
        })
      }
    />
  );
}
