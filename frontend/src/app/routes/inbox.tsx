// /inbox: what zzyzx noticed about the workspace's creators, campaigns and source, newest first,
// filtered by type and to unread events (in the address: `?type=video.viral&unread=true`).
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/ui/PageHeader';
import type { InboxFilters } from '@/features/alerts/api/get-events';
import { inboxFiltersToParams, parseInboxFilters } from '@/features/alerts/api/inbox-filters';
import { Inbox, InboxFiltersForm } from '@/features/alerts/components/Inbox';
import { MarkAllReadButton } from '@/features/alerts/components/MarkAllReadButton';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function InboxRoute() {
  useDocumentTitle('Inbox');
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = parseInboxFilters(searchParams);
  return (
    <>
      <PageHeader title="Inbox" subtitle="Viral videos, rising creators, milestones and campaign news, newest first.">
        <MarkAllReadButton />
      </PageHeader>
      <InboxFiltersForm
        filters={filters}
        onChange={(next: InboxFilters) => setSearchParams(inboxFiltersToParams(next), { replace: true })}
      />
      <Inbox filters={filters} />
    </>
  );
}
