import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WideTable } from './WideTable';

/** Lays the box out as jsdom cannot: `scrollWidth` of table inside a box `clientWidth` wide. */
function layOut({ scrollWidth, clientWidth }: { scrollWidth: number; clientWidth: number }) {
  vi.spyOn(HTMLElement.prototype, 'scrollWidth', 'get').mockReturnValue(scrollWidth);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(clientWidth);
}

function renderTable() {
  render(
    <WideTable>
      <table aria-label="Numbers">
        <tbody>
          <tr>
            <td>1,234,567</td>
          </tr>
        </tbody>
      </table>
    </WideTable>,
  );
  const box = screen.getByRole('table').parentElement as HTMLElement;
  return { box, frame: box.parentElement as HTMLElement };
}

function scrollTo(box: HTMLElement, left: number) {
  Object.defineProperty(box, 'scrollLeft', { value: left, configurable: true });
  fireEvent.scroll(box);
}

describe('WideTable', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('shows no cue when the table fits', () => {
    layOut({ scrollWidth: 300, clientWidth: 300 });
    const { box, frame } = renderTable();

    expect(frame).not.toHaveClass('has-more-right');
    expect(frame).not.toHaveClass('has-more-left');
    expect(screen.queryByText('Scroll sideways for more →')).not.toBeInTheDocument();
    expect(box).not.toHaveAttribute('tabindex');
  });

  it('marks the edge with more beyond it, says so on a phone, and lets the keyboard scroll', () => {
    layOut({ scrollWidth: 800, clientWidth: 300 });
    const { box, frame } = renderTable();

    expect(frame).toHaveClass('has-more-right');
    expect(frame).not.toHaveClass('has-more-left');
    expect(screen.getByText('Scroll sideways for more →')).toHaveClass('wide-table-hint');
    expect(box).toHaveAttribute('tabindex', '0');

    scrollTo(box, 250);
    expect(frame).toHaveClass('has-more-left', 'has-more-right');

    scrollTo(box, 500);
    expect(frame).toHaveClass('has-more-left');
    expect(frame).not.toHaveClass('has-more-right');
    expect(screen.queryByText('Scroll sideways for more →')).not.toBeInTheDocument();
  });
});
