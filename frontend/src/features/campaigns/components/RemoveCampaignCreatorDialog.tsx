// Confirms taking a creator out of a campaign, saying what goes with them.
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { useLastNonNull } from '@/hooks/use-last-non-null';
import type { CampaignCreator } from '../api/get-campaign-creators';
import { useRemoveCampaignCreator } from '../api/remove-campaign-creator';

type RemoveCampaignCreatorDialogProps = { campaignId: string; entry: CampaignCreator | null; onClose: () => void };

export function RemoveCampaignCreatorDialog({ campaignId, entry, onClose }: RemoveCampaignCreatorDialogProps) {
  const removeMutation = useRemoveCampaignCreator();
  const shown = useLastNonNull(entry);
  const close = () => {
    removeMutation.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      show={entry !== null}
      title={`Remove @${shown?.creator.handle ?? ''} from this campaign?`}
      confirmLabel="Remove"
      pending={removeMutation.isPending}
      error={removeMutation.error}
      onCancel={close}
      onConfirm={() => entry && removeMutation.mutate({ campaignId, entryId: entry.id }, { onSuccess: close })}
    >
      <p className="mb-0">
        Their stage, shipment, posts and orders in this campaign go too. They stay tracked in your lists.
      </p>
    </ConfirmDialog>
  );
}
