// Edits the note and tags a brand keeps about a creator in this list.
import { useState } from 'react';
import { FormDialog } from '@/components/ui/FormDialog';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { TextField } from '@/components/ui/TextField';
import { ApiProblem } from '@/lib/api/problem';
import type { ListItem } from '../api/get-list-items';
import { useUpdateListItem } from '../api/update-list-item';

/** "summer, gym ,summer" → ["summer", "gym"]. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

/** The first message about the tags, whether it concerns the array (`/tags`) or one tag (`/tags/3`). */
function tagsError(error: ApiProblem): string | undefined {
  return error.errors.find((fieldError) => fieldError.pointer?.startsWith('/tags'))?.detail;
}

const INLINE_FIELDS = ['note', 'tags'];

type EditItemDialogProps = { listId: string; item: ListItem | null; onClose: () => void };

export function EditItemDialog({ listId, item, onClose }: EditItemDialogProps) {
  const updateMutation = useUpdateListItem();
  const [note, setNote] = useState(item?.note ?? '');
  const [tags, setTags] = useState(item?.tags.join(', ') ?? '');
  const problem = updateMutation.error instanceof ApiProblem ? updateMutation.error : null;
  const inlineFields = problem
    ? [
        ...INLINE_FIELDS,
        ...problem.errors.flatMap((e) => (e.pointer?.startsWith('/tags/') ? [e.pointer.slice(1)] : [])),
      ]
    : INLINE_FIELDS;

  const close = () => {
    updateMutation.reset();
    onClose();
  };

  return (
    <FormDialog
      show={item !== null}
      title={item ? `Note and tags for @${item.creator.handle}` : 'Note and tags'}
      submitLabel="Save"
      pending={updateMutation.isPending}
      onCancel={close}
      onSubmit={() =>
        item &&
        updateMutation.mutate(
          { listId, itemId: item.id, changes: { note: note.trim(), tags: parseTags(tags) } },
          { onSuccess: close },
        )
      }
    >
      <ProblemAlert error={updateMutation.error} fieldsShownInline={inlineFields} />
      <TextField
        label="Note"
        name="note"
        rows={4}
        maxLength={2000}
        value={note}
        onChange={setNote}
        error={problem?.fieldErrors().note}
      />
      <TextField
        label="Tags"
        name="tags"
        help="Separate tags with commas, for example: gym, spring drop, sent sample."
        value={tags}
        onChange={setTags}
        error={problem ? tagsError(problem) : undefined}
      />
    </FormDialog>
  );
}
