// The campaign's posts, newest first, dismissed ones last; editors attach a video the rules missed
// and dismiss posts that are not about the product.
import { useState } from 'react';
import Form from 'react-bootstrap/Form';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { SubmitButton } from '@/components/ui/SubmitButton';
import { TextField } from '@/components/ui/TextField';
import { useLastNonNull } from '@/hooks/use-last-non-null';
import { useAttachPost } from '../api/attach-post';
import { alertError, formFieldErrors } from '../api/conflict-field';
import { useDismissPost } from '../api/dismiss-post';
import { useCampaignPosts, type CampaignPost } from '../api/get-campaign-posts';
import { PostCard } from './PostCard';

function AttachPostForm({ campaignId }: { campaignId: string }) {
  const attachMutation = useAttachPost();
  const [videoUrl, setVideoUrl] = useState('');
  const fieldError = formFieldErrors(attachMutation.error).video_url;
  return (
    <Form
      noValidate
      aria-label="Attach a post by hand"
      className="mb-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (!videoUrl.trim()) return;
        attachMutation.mutate({ campaignId, videoUrl: videoUrl.trim() }, { onSuccess: () => setVideoUrl('') });
      }}
    >
      <ProblemAlert error={alertError(attachMutation.error)} fieldsShownInline={['video_url']} />
      <div className="d-flex flex-wrap align-items-start gap-2">
        <TextField
          className="flex-grow-1 mb-0"
          label="Attach a video by URL"
          type="url"
          placeholder="https://www.tiktok.com/@maya/video/7300000000000000000"
          value={videoUrl}
          onChange={setVideoUrl}
          error={fieldError}
          help="A post by one of the campaign’s creators that the rules did not find."
        />
        <SubmitButton pending={attachMutation.isPending} className="mt-md-4">
          Attach
        </SubmitButton>
      </div>
      <div aria-live="polite" className="small text-success">
        {attachMutation.isSuccess && 'Attached. It counts as a post from now on.'}
      </div>
    </Form>
  );
}

/** Newest first, dismissed ones after all the others. */
function byRelevance(a: CampaignPost, b: CampaignPost): number {
  const dismissed = Number(a.status === 'dismissed') - Number(b.status === 'dismissed');
  if (dismissed !== 0) return dismissed;
  return (b.video?.posted_at ?? b.detected_at).localeCompare(a.video?.posted_at ?? a.detected_at);
}

export function PostsPanel({ campaignId, editable }: { campaignId: string; editable: boolean }) {
  const postsQuery = useCampaignPosts(campaignId);
  const dismissMutation = useDismissPost();
  const [dismissing, setDismissing] = useState<CampaignPost | null>(null);
  const shownDismissing = useLastNonNull(dismissing);
  const closeDismiss = () => {
    dismissMutation.reset();
    setDismissing(null);
  };

  return (
    <section aria-label="Posts">
      {editable && <AttachPostForm campaignId={campaignId} />}
      {postsQuery.isPending && <LoadingState label="Loading posts…" />}
      {postsQuery.isError && (
        <ErrorState
          title="Could not load the posts."
          error={postsQuery.error}
          onRetry={() => void postsQuery.refetch()}
        />
      )}
      {postsQuery.isSuccess && postsQuery.data.length === 0 && (
        <EmptyState title="No posts found yet">
          zzyzx checks the creators’ new videos against the campaign’s rules each time it refreshes them; a video that
          matches shows up here with the reason.
        </EmptyState>
      )}
      {postsQuery.isSuccess && postsQuery.data.length > 0 && (
        <ul className="list-unstyled d-flex flex-column gap-3 mb-0" aria-label="Campaign posts, newest first">
          {[...postsQuery.data].sort(byRelevance).map((post) => (
            <li key={post.id}>
              <PostCard campaignId={campaignId} post={post} editable={editable} onDismiss={setDismissing} />
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        show={dismissing !== null}
        title={`Dismiss the post by @${shownDismissing?.handle ?? ''}?`}
        confirmLabel="Not about us"
        pending={dismissMutation.isPending}
        error={dismissMutation.error}
        onCancel={closeDismiss}
        onConfirm={() =>
          dismissing && dismissMutation.mutate({ campaignId, postId: dismissing.id }, { onSuccess: closeDismiss })
        }
      >
        <p className="mb-0">
          It stops counting in the report and will not be detected again. It stays listed, greyed out, at the bottom.
        </p>
      </ConfirmDialog>
    </section>
  );
}
