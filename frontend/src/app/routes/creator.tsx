// /creators/:creatorId: a creator's profile, history and analytics. The history charts state their
// change with the analytics' growth figures, and the analytics show the videos they name by id with
// the captions and covers of the creator's recent videos, so the page hands each feature the other's data.
import { useMemo } from 'react';
import { useParams } from 'react-router';
import { useCreatorAnalytics } from '@/features/analytics/api/get-creator-analytics';
import { CreatorAnalyticsSection } from '@/features/analytics/components/CreatorAnalytics';
import { useCreatorVideos } from '@/features/creators/api/get-creator-videos';
import { CreatorProfile } from '@/features/creators/components/CreatorProfile';

export function CreatorRoute() {
  const { creatorId = '' } = useParams();
  const growth = useCreatorAnalytics(creatorId).data?.analytics.growth;
  // The same query as the video list's "Newest", so no second request.
  const videoPages = useCreatorVideos(creatorId, 'recent').data?.pages;
  const videos = useMemo(() => videoPages?.flatMap((page) => page.items), [videoPages]);
  return (
    <CreatorProfile
      creatorId={creatorId}
      growth={growth}
      renderAnalytics={(creator) => (
        <CreatorAnalyticsSection creatorId={creator.id} handle={creator.handle} videos={videos} />
      )}
    />
  );
}
