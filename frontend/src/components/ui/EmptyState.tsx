// What a collection shows when it has nothing in it yet: what that means and what to do next.
import type { ReactNode } from 'react';

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="text-center border rounded-3 py-5 px-3 bg-body-tertiary">
      <h2 className="h5">{title}</h2>
      {children && <div className="text-body-secondary">{children}</div>}
    </div>
  );
}
