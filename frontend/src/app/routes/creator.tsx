// /creators/:creatorId: a creator's profile and history.
import { useParams } from 'react-router';
import { CreatorProfile } from '@/features/creators/components/CreatorProfile';

export function CreatorRoute() {
  const { creatorId = '' } = useParams();
  return <CreatorProfile creatorId={creatorId} />;
}
