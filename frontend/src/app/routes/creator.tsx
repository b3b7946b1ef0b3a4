// /creators/:creatorId: a creator's profile, history and analytics. The history charts state their
// change with the analytics' growth figures, so the page hands the profile the analytics' growth.
import { useParams } from 'react-router';
import { useCreatorAnalytics } from '@/features/analytics/api/get-creator-analytics';
import { CreatorAnalyticsSection } from '@/features/analytics/components/CreatorAnalytics';
import { ConnectionCard } from '@/features/connections/components/ConnectionCard';
import { CreatorProfile } from '@/features/creators/components/CreatorProfile';
import { useCanEdit } from '@/lib/auth/roles';

export function CreatorRoute() {
  const { creatorId = '' } = useParams();
  const growth = useCreatorAnalytics(creatorId).data?.analytics.growth;
  const canEdit = useCanEdit();
  return (
    <CreatorProfile
      creatorId={creatorId}
      growth={growth}
      renderAnalytics={(creator) => <CreatorAnalyticsSection creatorId={creator.id} handle={creator.handle} />}
      renderConnection={(creator) => (
        <ConnectionCard creatorId={creator.id} handle={creator.handle} canEdit={canEdit} />
      )}
    />
  );
}
