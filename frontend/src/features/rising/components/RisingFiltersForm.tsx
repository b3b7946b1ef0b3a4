// Narrows the rising creators by follower tier and by audience fit (known or estimated, or a minimum). Each change applies
// at once (and lands in the address).
import Form from 'react-bootstrap/Form';
import { TIERS } from '@/lib/analytics-format';
import type { RisingFilters } from '../api/get-rising';
import { MIN_FIT_CHOICES } from '../api/rising-filters';

const KNOWN = 'known';

type RisingFiltersFormProps = { filters: RisingFilters; onChange: (filters: RisingFilters) => void };

export function RisingFiltersForm({ filters, onChange }: RisingFiltersFormProps) {
  return (
    <Form className="row g-3 mb-4" aria-label="Filter rising creators" onSubmit={(event) => event.preventDefault()}>
      <Form.Group controlId="rising-tier" className="col-sm-6 col-md-4">
        <Form.Label>Follower tier</Form.Label>
        <Form.Select
          value={filters.tier ?? ''}
          onChange={(event) => {
            const tier = TIERS.find((candidate) => candidate.id === event.target.value)?.id ?? null;
            onChange({ ...filters, tier });
          }}
        >
          <option value="">Any tier</option>
          {TIERS.map((tier) => (
            <option key={tier.id} value={tier.id}>
              {tier.label} ({tier.band} followers)
            </option>
          ))}
        </Form.Select>
      </Form.Group>
      <Form.Group controlId="rising-min-fit" className="col-sm-6 col-md-4">
        <Form.Label>Audience fit</Form.Label>
        <Form.Select
          value={filters.minFit ?? (filters.fitKnown ? KNOWN : '')}
          aria-describedby="rising-min-fit-help"
          onChange={(event) => {
            const value = event.target.value;
            if (value === '' || value === KNOWN) onChange({ ...filters, minFit: null, fitKnown: value === KNOWN });
            else onChange({ ...filters, minFit: Number(value), fitKnown: false });
          }}
        >
          <option value="">Any fit, including unknown</option>
          <option value={KNOWN}>Known or estimated</option>
          {MIN_FIT_CHOICES.map((score) => (
            <option key={score} value={score}>
              {score} or more
            </option>
          ))}
        </Form.Select>
        <Form.Text id="rising-min-fit-help" muted>
          “Known or estimated” and a minimum leave out creators without audience data; a content signal is not a fit.
        </Form.Text>
      </Form.Group>
    </Form>
  );
}
