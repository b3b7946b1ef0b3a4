// "Add to campaign" for creators found elsewhere (a rising creator, a hashtag's video, a whole list):
// a menu of the workspace's campaigns, one click to add. Adding someone already in the campaign is no
// failure; the menu says so.
import { useState } from 'react';
import Dropdown from 'react-bootstrap/Dropdown';
import Spinner from 'react-bootstrap/Spinner';
import { Link } from 'react-router';
import { FIXED_MENU_PROPS } from '@/components/ui/fixed-menu';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/api/problem';
import { useAddCampaignCreators, type AddCampaignCreators } from '../api/add-campaign-creators';
import { useCampaigns, type Campaign } from '../api/get-campaigns';

type AddToCampaignMenuProps = {
  /** Who to add: creator ids, a list or handles. */
  add: AddCampaignCreators;
  /** Whom the button is for, for screen readers: "@maya", "every creator of Spring drop". */
  subject: string;
  /** Small beside a card's other controls; full size among a page's actions. */
  small?: boolean;
};

export function AddToCampaignMenu({ add, subject, small = true }: AddToCampaignMenuProps) {
  const [open, setOpen] = useState(false);
  // Loaded when first opened: a page of 60 cards needs the campaigns once, not before anyone asks.
  const campaignsQuery = useCampaigns({ enabled: open });
  const addMutation = useAddCampaignCreators();
  const [chosen, setChosen] = useState<Campaign | null>(null);
  const campaigns = campaignsQuery.data?.filter((campaign) => campaign.status !== 'finished');

  const choose = (campaignId: string | null) => {
    const campaign = campaigns?.find((candidate) => candidate.id === campaignId);
    if (!campaign) return;
    setChosen(campaign);
    addMutation.mutate({ campaignId: campaign.id, add });
  };

  return (
    <div>
      <Dropdown onSelect={choose} onToggle={(next) => next && setOpen(true)}>
        <Dropdown.Toggle size={small ? 'sm' : undefined} variant="outline-primary" disabled={addMutation.isPending}>
          {addMutation.isPending && (
            <Spinner as="span" animation="border" size="sm" className="me-1" aria-hidden="true" />
          )}
          Add to campaign <span className="visually-hidden">for {subject}</span>
        </Dropdown.Toggle>
        <Dropdown.Menu {...FIXED_MENU_PROPS}>
          <Dropdown.Header>Add {subject} to…</Dropdown.Header>
          {campaignsQuery.isPending && <Dropdown.ItemText className="small">Loading campaigns…</Dropdown.ItemText>}
          {campaignsQuery.isError && (
            <Dropdown.ItemText className="small text-danger">
              Could not load campaigns: {describeError(campaignsQuery.error)}
            </Dropdown.ItemText>
          )}
          {campaigns?.length === 0 && (
            <Dropdown.ItemText className="small">
              No planned or running campaigns. <Link to={paths.campaigns}>Create one</Link> first.
            </Dropdown.ItemText>
          )}
          {campaigns?.map((campaign) => (
            <Dropdown.Item key={campaign.id} as="button" eventKey={campaign.id}>
              {campaign.name}
            </Dropdown.Item>
          ))}
        </Dropdown.Menu>
      </Dropdown>
      <div aria-live="polite" className="small mt-1">
        {chosen && addMutation.isSuccess && (
          <span className={addMutation.data.added > 0 ? 'text-success' : 'text-body-secondary'}>
            {addMutation.data.added === 0 ? (
              addMutation.data.already_in > 0 ? (
                <>Already in {chosen.name}.</>
              ) : (
                <>No creators to add.</>
              )
            ) : (
              <>
                Added {addMutation.data.added === 1 ? '1 creator' : `${addMutation.data.added} creators`} to{' '}
                <Link to={paths.campaign(chosen.id)}>{chosen.name}</Link>
                {addMutation.data.already_in > 0 && ` (${addMutation.data.already_in} already in it)`}.
              </>
            )}
          </span>
        )}
        {chosen && addMutation.isError && (
          <span className="text-danger">
            Could not add to {chosen.name}: {describeError(addMutation.error)}
          </span>
        )}
      </div>
    </div>
  );
}
