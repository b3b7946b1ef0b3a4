// "Edit": changes a campaign's details and rules.
import { draftFromCampaign } from '../api/campaign-draft';
import type { Campaign } from '../api/get-campaigns';
import { useUpdateCampaign } from '../api/update-campaign';
import { CampaignFormDialog } from './CampaignFormDialog';

export function EditCampaignDialog({
  campaign,
  show,
  onClose,
}: {
  campaign: Campaign;
  show: boolean;
  onClose: () => void;
}) {
  const updateMutation = useUpdateCampaign();
  const close = () => {
    updateMutation.reset();
    onClose();
  };
  return (
    <CampaignFormDialog
      key={`${campaign.id}-${String(show)}`}
      show={show}
      title={`Edit “${campaign.name}”`}
      submitLabel="Save"
      initial={draftFromCampaign(campaign)}
      pending={updateMutation.isPending}
      error={updateMutation.error}
      onCancel={close}
      onSubmit={(changes) => updateMutation.mutate({ campaignId: campaign.id, changes }, { onSuccess: close })}
    />
  );
}
