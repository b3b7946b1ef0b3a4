// "New campaign": creates a campaign, then opens it, since adding creators is what comes next.
import { useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import { emptyDraft } from '../api/campaign-draft';
import { useCreateCampaign } from '../api/create-campaign';
import { CampaignFormDialog } from './CampaignFormDialog';

export function CreateCampaignDialog({ show, onClose }: { show: boolean; onClose: () => void }) {
  const createMutation = useCreateCampaign();
  const navigate = useNavigate();
  const close = () => {
    createMutation.reset();
    onClose();
  };
  return (
    <CampaignFormDialog
      // A fresh form each time the dialog opens.
      key={String(show)}
      show={show}
      title="New campaign"
      submitLabel="Create campaign"
      initial={emptyDraft()}
      pending={createMutation.isPending}
      error={createMutation.error}
      onCancel={close}
      onSubmit={(input) =>
        createMutation.mutate(input, {
          onSuccess: (campaign) => {
            close();
            void navigate(paths.campaign(campaign.id));
          },
        })
      }
    />
  );
}
