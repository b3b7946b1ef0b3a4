// A table that may be wider than the screen, in a box that scrolls sideways and shows that it does:
// a shadow on each edge with more beyond it and, on a phone, "Scroll sideways for more →" under it.
// Without the cue a phone cut columns off mid-number with nothing to say there was more. Every wide
// table of the app sits in one; the box is focusable while it scrolls, so the keyboard can scroll it.
import { useEffect, useRef, useState, type HTMLAttributes, type ReactNode } from 'react';

type Edges = { left: boolean; right: boolean };

type WideTableProps = {
  children: ReactNode;
  /** Classes of the scrolling box, e.g. one that caps its height. */
  className?: string;
} & Omit<HTMLAttributes<HTMLDivElement>, 'className' | 'children'>;

/** Which edges of `box` have more table beyond them; a pixel of slack for fractional widths. */
function edgesOf(box: HTMLElement): Edges {
  const hidden = box.scrollWidth - box.clientWidth;
  return { left: box.scrollLeft > 1, right: hidden - box.scrollLeft > 1 };
}

export function WideTable({ children, className, ...box }: WideTableProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState<Edges>({ left: false, right: false });

  useEffect(() => {
    const element = boxRef.current;
    if (!element) return;
    const update = () => {
      const next = edgesOf(element);
      setEdges((current) => (current.left === next.left && current.right === next.right ? current : next));
    };
    update();
    element.addEventListener('scroll', update, { passive: true });
    // The table grows as rows load and the box shrinks with the window.
    const observer = new ResizeObserver(update);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => {
      element.removeEventListener('scroll', update);
      observer.disconnect();
    };
  }, []);

  const scrolls = edges.left || edges.right;
  const cues = `${edges.left ? ' has-more-left' : ''}${edges.right ? ' has-more-right' : ''}`;
  return (
    <>
      <div className={`wide-table${cues}`}>
        <div
          ref={boxRef}
          className={`wide-table-scroll table-responsive${className ? ` ${className}` : ''}`}
          tabIndex={scrolls ? 0 : undefined}
          {...box}
        >
          {children}
        </div>
      </div>
      {edges.right && (
        <p className="wide-table-hint small text-body-secondary text-end mb-1" aria-hidden="true">
          Scroll sideways for more →
        </p>
      )}
    </>
  );
}
