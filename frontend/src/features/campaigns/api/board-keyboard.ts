// Keyboard dragging on the board: the left and right arrow keys carry a picked-up card to the
// neighbouring stage in one press (dnd-kit's default moves it 25 pixels a press, which would take a
// dozen presses to cross a column).
import type { KeyboardCoordinateGetter } from '@dnd-kit/core';

type Box = { left: number; top: number; width: number };

/** Where to put a card of `card`'s box to sit in the column beside the one under its centre. */
export function nextColumnPosition(
  card: Box,
  columns: readonly Box[],
  direction: 'left' | 'right',
): { x: number; y: number } | null {
  const sorted = [...columns].sort((a, b) => a.left - b.left);
  const centre = card.left + card.width / 2;
  let current = sorted.findIndex((column) => centre >= column.left && centre < column.left + column.width);
  if (current < 0) {
    // Between columns (in a gap): the nearest one is where the card is.
    const distances = sorted.map((column) => Math.abs(column.left + column.width / 2 - centre));
    current = distances.indexOf(Math.min(...distances));
  }
  const target = sorted[current + (direction === 'right' ? 1 : -1)];
  if (!target) return null;
  return { x: target.left + (target.width - card.width) / 2, y: Math.max(card.top, target.top) };
}

export const stageColumnCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const direction = event.code === 'ArrowRight' ? 'right' : event.code === 'ArrowLeft' ? 'left' : null;
  if (!direction) return undefined;
  event.preventDefault();
  const card = context.collisionRect;
  if (!card) return undefined;
  const columns = context.droppableContainers.getEnabled().flatMap((container) => {
    const rect = context.droppableRects.get(container.id);
    return rect ? [rect] : [];
  });
  return nextColumnPosition(card, columns, direction) ?? undefined;
};
