import { describe, expect, it } from 'vitest';
import { nextColumnPosition } from './board-keyboard';

// Three 200 px columns with 16 px gaps; a 180 px card.
const columns = [
  { left: 0, top: 100, width: 200 },
  { left: 216, top: 100, width: 200 },
  { left: 432, top: 100, width: 200 },
];
const cardIn = (left: number) => ({ left, top: 150, width: 180 });

describe('moving a picked-up card with the arrow keys', () => {
  it('centres it in the next column to the right in one press', () => {
    expect(nextColumnPosition(cardIn(10), columns, 'right')).toEqual({ x: 226, y: 150 });
  });

  it('goes left as well, whatever order the columns were measured in', () => {
    expect(nextColumnPosition(cardIn(442), [...columns].reverse(), 'left')).toEqual({ x: 226, y: 150 });
  });

  it('stays put at either end of the board', () => {
    expect(nextColumnPosition(cardIn(442), columns, 'right')).toBeNull();
    expect(nextColumnPosition(cardIn(10), columns, 'left')).toBeNull();
  });

  it('counts a card dropped in a gap as being in the nearest column', () => {
    // Centre at 205, in the gap: 105 px from the first column's centre, 111 from the second's.
    expect(nextColumnPosition(cardIn(115), columns, 'right')).toEqual({ x: 226, y: 150 });
  });
});
