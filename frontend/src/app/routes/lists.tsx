// /lists: every list of the workspace, under the demo label when the data source is the demo one.
import { useState } from 'react';
import Button from 'react-bootstrap/Button';
import { PageHeader } from '@/components/ui/PageHeader';
import { CreateListDialog } from '@/features/lists/components/CreateListDialog';
import { ListsOverview } from '@/features/lists/components/ListsOverview';
import { DemoSourceNotice } from '@/features/sources/components/DemoSourceNotice';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { useCanEdit } from '@/lib/auth/roles';

export function ListsRoute() {
  useDocumentTitle('Lists');
  const [creating, setCreating] = useState(false);
  const canEdit = useCanEdit();
  return (
    <>
      <PageHeader
        title="Lists"
        subtitle="Groups of creators you follow, for a campaign, a product drop or a shortlist."
      >
        {canEdit && <Button onClick={() => setCreating(true)}>New list</Button>}
      </PageHeader>
      <DemoSourceNotice />
      <ListsOverview />
      <CreateListDialog show={creating} onClose={() => setCreating(false)} />
    </>
  );
}
