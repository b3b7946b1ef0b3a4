// The assumptions behind an estimate, each with where it comes from, so the brand can disagree with
// it; defaults point to the settings where they can be changed.
import Badge from 'react-bootstrap/Badge';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import type { components } from '@/lib/api/schema';

type Assumption = components['schemas']['Assumption'];

const SOURCES: Record<Assumption['source'], { label: string; bg: string; text?: 'dark' }> = {
  data: { label: 'from the data', bg: 'success' },
  reference: { label: 'published reference', bg: 'info', text: 'dark' },
  workspace_setting: { label: 'your setting', bg: 'primary' },
  default_setting: { label: 'default', bg: 'warning', text: 'dark' },
  model: { label: 'how it is modelled', bg: 'secondary' },
};

export function AssumptionList({ assumptions, label }: { assumptions: Assumption[]; label: string }) {
  const hasDefaults = assumptions.some((assumption) => assumption.source === 'default_setting');
  return (
    <>
      <ul className="list-unstyled small mb-1" aria-label={label}>
        {assumptions.map((assumption) => {
          const source = SOURCES[assumption.source];
          return (
            <li key={assumption.name} className="mb-1">
              <span className="fw-semibold">{assumption.name}</span>: {assumption.value}{' '}
              <Badge bg={source.bg} text={source.text} className="fw-normal">
                {source.label}
              </Badge>
            </li>
          );
        })}
      </ul>
      {hasDefaults && (
        <p className="small text-body-secondary mb-0">
          Defaults are placeholders: set your own in{' '}
          <Link to={`${paths.settings}#analytics-assumptions`}>Settings → Analytics assumptions</Link>.
        </p>
      )}
    </>
  );
}
