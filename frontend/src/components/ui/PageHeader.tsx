// A page's title with its main actions beside it (below it on a phone).
import type { ReactNode } from 'react';

export function PageHeader({
  title,
  children,
  subtitle,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="d-flex flex-wrap align-items-start justify-content-between gap-3 mb-4">
      <div className="min-w-0">
        <h1 className="h3 mb-1 text-break">{title}</h1>
        {subtitle && <div className="text-body-secondary">{subtitle}</div>}
      </div>
      {children && <div className="d-flex flex-wrap gap-2">{children}</div>}
    </div>
  );
}
