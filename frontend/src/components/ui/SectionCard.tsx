// One section of a page as a titled card, addressable by its id (`/settings#target-audience`) and
// named by its title for screen readers.
import type { ReactNode } from 'react';
import Card from 'react-bootstrap/Card';

type SectionCardProps = { id: string; title: string; summary?: ReactNode; children: ReactNode };

export function SectionCard({ id, title, summary, children }: SectionCardProps) {
  return (
    <Card as="section" id={id} aria-labelledby={`${id}-title`} className="mb-4">
      <Card.Header>
        <h2 id={`${id}-title`} className="h5 mb-0">
          {title}
        </h2>
      </Card.Header>
      <Card.Body>
        {summary && <p className="text-body-secondary">{summary}</p>}
        {children}
      </Card.Body>
    </Card>
  );
}
