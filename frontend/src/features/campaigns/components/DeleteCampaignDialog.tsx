// Confirms deleting a campaign (owners), saying what goes and what stays; then goes to the index.
import { useNavigate } from 'react-router';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { paths } from '@/config/paths';
import { useDeleteCampaign } from '../api/delete-campaign';
import type { Campaign } from '../api/get-campaigns';

type DeleteCampaignDialogProps = { campaign: Campaign; show: boolean; onClose: () => void };

export function DeleteCampaignDialog({ campaign, show, onClose }: DeleteCampaignDialogProps) {
  const deleteMutation = useDeleteCampaign();
  const navigate = useNavigate();
  const close = () => {
    deleteMutation.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      show={show}
      title="Delete this campaign?"
      confirmLabel="Delete campaign"
      pending={deleteMutation.isPending}
      error={deleteMutation.error}
      onCancel={close}
      onConfirm={() => deleteMutation.mutate(campaign.id, { onSuccess: () => void navigate(paths.campaigns) })}
    >
      <p className="mb-0">
        “{campaign.name}” will be deleted with its pipeline, shipments, posts, orders and share links. The creators stay
        tracked in your lists. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
