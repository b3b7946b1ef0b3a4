import { describe, expect, it } from 'vitest';
import type { ListItem, ListItems } from './get-list-items';
import { withItemMoved } from './move-list-item';

function listOf(...ids: string[]): ListItems {
  return { version: 7, items: ids.map((id, position) => ({ id, position }) as ListItem) };
}

describe('withItemMoved', () => {
  it.each([
    { move: 'c', to: 0, expected: ['c', 'a', 'b'] },
    { move: 'a', to: 2, expected: ['b', 'c', 'a'] },
    { move: 'b', to: 1, expected: ['a', 'b', 'c'] },
    { move: 'unknown', to: 0, expected: ['a', 'b', 'c'] },
  ])('moving $move to $to gives $expected', ({ move, to, expected }) => {
    const moved = withItemMoved(listOf('a', 'b', 'c'), move, to);

    expect(moved.items.map((item) => item.id)).toEqual(expected);
    expect(moved.items.map((item) => item.position)).toEqual([0, 1, 2]);
    expect(moved.version).toBe(7);
  });
});
