// /hashtags/:tag?: the hashtag explorer. Paste a hashtag, see its videos or a table of who made them
// (`?view=creators`), and add creators to one of the workspace's lists or campaigns in one click. An
// add to a list is confirmed in a toast too, since the card or row it was made from may leave the
// page (when only creators not in a list are shown).
import Alert from 'react-bootstrap/Alert';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { paths } from '@/config/paths';
import { AddToCampaignMenu } from '@/features/campaigns/components/AddToCampaignMenu';
import { parseHashtag } from '@/features/hashtags/api/parse-hashtag';
import { HashtagResults, parseHashtagView } from '@/features/hashtags/components/HashtagResults';
import { HashtagSearchForm } from '@/features/hashtags/components/HashtagSearchForm';
import { useAddedToListToast } from '@/features/list-items/components/AddedToListToast';
import { AddToListMenu } from '@/features/list-items/components/AddToListMenu';
import { useLists } from '@/features/lists/api/get-lists';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { describeError } from '@/lib/api/problem';
import { useCanEdit } from '@/lib/auth/roles';

export function HashtagsRoute() {
  const params = useParams();
  const tag = params.tag ? parseHashtag(params.tag) : null;
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const view = parseHashtagView(searchParams.get('view'));
  const listsQuery = useLists();
  const canEdit = useCanEdit();
  // Read here, not only inside the callback: TanStack Query re-renders for the fields a render read.
  const lists = listsQuery.data;
  const added = useAddedToListToast();

  useDocumentTitle(tag ? `#${tag}` : 'Hashtags');

  return (
    <>
      <PageHeader
        title="Hashtags"
        subtitle="See the videos under a hashtag and who made them, and add new creators to a list in one click."
      />
      <HashtagSearchForm
        key={tag ?? ''}
        initialTag={tag}
        onSearch={(next) => navigate({ pathname: paths.hashtag(next), search: searchParams.toString() })}
      />
      {listsQuery.isError && (
        <Alert variant="warning">
          Your lists could not be loaded, so creators cannot be added: {describeError(listsQuery.error)}
        </Alert>
      )}
      {tag ? (
        <HashtagResults
          tag={tag}
          view={view}
          onViewChange={(next) => setSearchParams(next === 'videos' ? {} : { view: next }, { replace: true })}
          renderActions={(creator) =>
            canEdit ? (
              <div className="d-flex flex-wrap align-items-start gap-2">
                <AddToListMenu handle={creator.handle} lists={lists} onAdded={added.confirm(creator.handle)} />
                <AddToCampaignMenu add={{ creator_ids: [creator.id] }} subject={`@${creator.handle}`} />
              </div>
            ) : null
          }
        />
      ) : (
        <EmptyState title={params.tag ? 'That is not a hashtag' : 'Which hashtag?'}>
          Type or paste one above, for example #gymtok, to see its most viewed videos.
        </EmptyState>
      )}
      {added.toast}
    </>
  );
}
