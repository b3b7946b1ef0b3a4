// PUT /campaigns/{campaign_id}/creators/{entry_id}/stage: moves a creator to another stage of the
// pipeline. Moving to `shipped` without a shipment records one (today, one unit, the campaign's
// shipping cost).
//
// The card moves at once and goes back if the server refuses. Only the moved creator is put back,
// so a refused move never undoes another move made meanwhile; the pipeline is then read again. A
// move that succeeds needs no re-read (the answer is the entry), which keeps a refetch from landing
// in the middle of the next quick move.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { campaignCreatorsQueryKey, withEntry, type CampaignCreator } from './get-campaign-creators';
import { invalidateCampaignSummary } from './invalidate-campaign';
import type { Stage } from './stages';

export type MoveCampaignCreatorInput = { entryId: string; stage: Stage };

export function moveCampaignCreator(campaignId: string, { entryId, stage }: MoveCampaignCreatorInput) {
  return unwrap(
    apiClient.PUT('/api/v1/campaigns/{campaign_id}/creators/{entry_id}/stage', {
      params: { path: { campaign_id: campaignId, entry_id: entryId } },
      body: { stage },
    }),
  );
}

/** The entry as it looks moved, until the server says how it really looks. */
export function movedEntry(entry: CampaignCreator, stage: Stage, now = new Date()): CampaignCreator {
  return { ...entry, stage, stage_changed_at: now.toISOString(), stage_changed_by: null };
}

/**
 * `onFailed` hears about every refused move, with the creator's handle, including one that was not
 * the latest (the mutation's own error state only tracks the latest).
 */
export function useMoveCampaignCreator(
  campaignId: string,
  { onFailed }: { onFailed?: (error: unknown, entry: CampaignCreator) => void } = {},
) {
  const queryClient = useQueryClient();
  const queryKey = campaignCreatorsQueryKey(campaignId);

  return useMutation({
    mutationFn: (input: MoveCampaignCreatorInput) => moveCampaignCreator(campaignId, input),
    onMutate: async ({ entryId, stage }) => {
      // A refetch landing now would put the card back under the user's hand.
      await queryClient.cancelQueries({ queryKey });
      const previous = queryClient.getQueryData<CampaignCreator[]>(queryKey)?.find((entry) => entry.id === entryId);
      if (previous) {
        queryClient.setQueryData<CampaignCreator[]>(queryKey, (entries) =>
          withEntry(entries, movedEntry(previous, stage)),
        );
      }
      return { previous };
    },
    onSuccess: (entry) => {
      queryClient.setQueryData<CampaignCreator[]>(queryKey, (entries) => withEntry(entries, entry));
      return invalidateCampaignSummary(queryClient, campaignId);
    },
    onError: (error, { stage }, context) => {
      const previous = context?.previous;
      if (!previous) return queryClient.invalidateQueries({ queryKey });
      queryClient.setQueryData<CampaignCreator[]>(queryKey, (entries) => {
        // Put back only what this move changed: a later move of the same card stands.
        const current = entries?.find((entry) => entry.id === previous.id);
        return current?.stage === stage ? withEntry(entries, previous) : entries;
      });
      onFailed?.(error, previous);
      // Then show the pipeline as it is now, including whatever change beat ours.
      return queryClient.invalidateQueries({ queryKey });
    },
  });
}
