import { describe, expect, it } from 'vitest';
import { collectPages } from './pagination';

describe('collectPages', () => {
  it('follows next_cursor to the last page and keeps the order', async () => {
    const pages: Record<string, { items: number[]; next_cursor: string | null; version: number }> = {
      start: { items: [1, 2], next_cursor: 'p2', version: 4 },
      p2: { items: [3], next_cursor: 'p3', version: 4 },
      p3: { items: [4], next_cursor: null, version: 4 },
    };
    const asked: (string | undefined)[] = [];

    const { first, items } = await collectPages((cursor) => {
      asked.push(cursor);
      return Promise.resolve(pages[cursor ?? 'start']!);
    });

    expect(items).toEqual([1, 2, 3, 4]);
    expect(first.version).toBe(4);
    expect(asked).toEqual([undefined, 'p2', 'p3']);
  });
});
