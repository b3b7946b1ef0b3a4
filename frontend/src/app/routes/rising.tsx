// /rising: creators whose growth is accelerating and who posted an outlier video lately, filtered by
// tier and audience fit (in the address: `?tier=micro&min_fit=60`); editors add them to a list or a
// campaign.
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/ui/PageHeader';
import { AddToCampaignMenu } from '@/features/campaigns/components/AddToCampaignMenu';
import { useAddedToListToast } from '@/features/list-items/components/AddedToListToast';
import { AddToListMenu } from '@/features/list-items/components/AddToListMenu';
import { useLists } from '@/features/lists/api/get-lists';
import type { RisingFilters } from '@/features/rising/api/get-rising';
import { parseRisingFilters, risingFiltersToParams } from '@/features/rising/api/rising-filters';
import { RisingCreators } from '@/features/rising/components/RisingCreators';
import { RisingFiltersForm } from '@/features/rising/components/RisingFiltersForm';
import { useAnalyticsSettings } from '@/features/workspace-settings/api/get-analytics-settings';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { useCanEdit } from '@/lib/auth/roles';

export function RisingRoute() {
  useDocumentTitle('Rising creators');
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = parseRisingFilters(searchParams);
  // The workspace's thresholds make the explanation of "rising" exact; without them it names the defaults.
  const settings = useAnalyticsSettings().data;
  const canEdit = useCanEdit();
  const lists = useLists().data;
  const added = useAddedToListToast();

  const criteria = settings
    ? { viralMultiple: settings.viral_multiple, followerCeiling: settings.rising_follower_ceiling }
    : null;

  return (
    <>
      <PageHeader
        title="Rising creators"
        subtitle="Creators you track or have met whose growth is speeding up and who posted a video that took off."
      />
      <RisingFiltersForm
        filters={filters}
        onChange={(next: RisingFilters) => setSearchParams(risingFiltersToParams(next), { replace: true })}
      />
      <RisingCreators
        filters={filters}
        criteria={criteria}
        renderAction={
          canEdit
            ? (creator) => (
                <div className="d-flex flex-wrap align-items-start gap-2">
                  <AddToListMenu handle={creator.handle} lists={lists} onAdded={added.confirm(creator.handle)} />
                  <AddToCampaignMenu add={{ creator_ids: [creator.id] }} subject={`@${creator.handle}`} />
                </div>
              )
            : undefined
        }
      />
      {added.toast}
    </>
  );
}
