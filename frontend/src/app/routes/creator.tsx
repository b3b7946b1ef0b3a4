// /creators/:creatorId: a creator's profile, history and analytics.
import { useParams } from 'react-router';
import { CreatorAnalyticsSection } from '@/features/analytics/components/CreatorAnalytics';
import { CreatorProfile } from '@/features/creators/components/CreatorProfile';

export function CreatorRoute() {
  const { creatorId = '' } = useParams();
  return (
    <CreatorProfile
      creatorId={creatorId}
      renderAnalytics={(creator) => <CreatorAnalyticsSection creatorId={creator.id} handle={creator.handle} />}
    />
  );
}
