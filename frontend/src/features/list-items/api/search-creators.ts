// GET /creators/search: suggestions for the add box. Creators zzyzx already knows come first,
// then matches from the data source's user search (`from_source`), where it has one.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';

export type CreatorSuggestion = components['schemas']['SearchResult'];

/** Enough to choose from without scrolling on a phone. */
const SUGGESTION_LIMIT = 8;
/** The API's own bound on `q`. */
const MAX_QUERY_LENGTH = 100;

export const creatorSearchQueryKey = (query: string) => ['creator-search', query] as const;

/**
 * Whether typed text is worth searching for: something, and not a pasted profile link (the add
 * button takes those as they are).
 */
export function isSearchable(text: string): boolean {
  const query = text.trim();
  return query.length >= 1 && query.length <= MAX_QUERY_LENGTH && !query.includes('/');
}

export async function searchCreators(query: string, signal?: AbortSignal): Promise<CreatorSuggestion[]> {
  const response = await unwrap(
    apiClient.GET('/api/v1/creators/search', { params: { query: { q: query, limit: SUGGESTION_LIMIT } }, signal }),
  );
  return response.items;
}

export const creatorSearchQueryOptions = (query: string) =>
  queryOptions({
    queryKey: creatorSearchQueryKey(query),
    // The signal cancels a request that a newer search superseded before it answered.
    queryFn: ({ signal }) => searchCreators(query, signal),
  });

/** `query` should already be debounced: every distinct value is one request. */
export function useCreatorSearch(query: string) {
  const trimmed = query.trim();
  return useQuery({
    ...creatorSearchQueryOptions(trimmed),
    enabled: isSearchable(trimmed),
    // Keep the last suggestions on screen while the next ones load, instead of flickering.
    placeholderData: keepPreviousData,
  });
}
