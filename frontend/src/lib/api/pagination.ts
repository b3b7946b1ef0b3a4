// Cursor pagination: the API pages everything (at most 100 per page); screens that show a whole
// collection read every page.

type Page = { items: unknown[]; next_cursor?: string | null };

/** The largest page the API serves; fewer round trips for long lists. */
export const MAX_PAGE_SIZE = 100;

/** Reads pages until the last; resolves to the first page's envelope and every item in order. */
export async function collectPages<P extends Page>(
  fetchPage: (cursor: string | undefined) => Promise<P>,
): Promise<{ first: P; items: P['items'] }> {
  const first = await fetchPage(undefined);
  const items = [...first.items];
  let cursor = first.next_cursor ?? undefined;
  while (cursor) {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  }
  return { first, items };
}
