// Settings → Analytics assumptions: when a video counts as viral, when a creator is too big to be
// "rising", the CPM ranges behind fair prices (each empty tier showing the default it falls back to),
// and what a gifted post is assumed to bring, its rates typed in percent.
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Form from 'react-bootstrap/Form';
import Table from 'react-bootstrap/Table';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { SubmitButton } from '@/components/ui/SubmitButton';
import { TextField } from '@/components/ui/TextField';
import { WideTable } from '@/components/ui/WideTable';
import { TIERS, type Tier } from '@/lib/analytics-format';
import { ApiProblem } from '@/lib/api/problem';
import {
  PERCENT_FIELD_OF,
  useAnalyticsSettings,
  type AnalyticsSettings,
  type AnalyticsSettingsAnswer,
  type DefaultCpm,
} from '../api/get-analytics-settings';
import { useUpdateAnalyticsSettings } from '../api/update-analytics-settings';
import { fieldErrorsFrom } from '@/lib/api/field-errors';
import { useIsOwner } from '@/lib/auth/roles';
import { FORBIDDEN_MESSAGE, OwnerOnlyNotice } from './owner-only';

const RETURN_FIELDS = [
  {
    key: 'product_cost',
    label: 'Product cost',
    help: 'What the gifted product costs you.',
    required: true,
    percent: false,
  },
  { key: 'shipping_cost', label: 'Shipping cost', help: 'Sending it to the creator.', required: true, percent: false },
  {
    key: 'click_through_percent',
    label: 'Click-through rate (%)',
    help: 'Viewers who visit your shop, in percent: 1 means 1 in 100.',
    required: true,
    percent: true,
  },
  {
    key: 'conversion_percent',
    label: 'Conversion rate (%)',
    help: 'Shop visitors who order, in percent: 2 means 2 in 100.',
    required: true,
    percent: true,
  },
  {
    key: 'average_order_value',
    label: 'Average order value (optional)',
    help: 'Revenue of an average order; without it no revenue is estimated.',
    required: false,
    percent: false,
  },
] as const;

/** A default CPM as an empty field's placeholder: "6", or "8–10" where the top grows within the tier. */
function placeholderOf(defaults: DefaultCpm | undefined, bound: 'low' | 'high'): string | undefined {
  if (!defaults) return undefined;
  if (bound === 'low') return String(defaults.low);
  return defaults.high_from === defaults.high_to
    ? String(defaults.high_from)
    : `${defaults.high_from}–${defaults.high_to}`;
}

type ReturnKey = (typeof RETURN_FIELDS)[number]['key'];
type CpmDraft = Record<Tier, { low: string; high: string }>;
type Draft = {
  viral_multiple: string;
  rising_follower_ceiling: string;
  currency: string;
  returns: Record<ReturnKey, string>;
  cpm: CpmDraft;
};

const text = (value: number | null | undefined) => (value == null ? '' : String(value));

function toDraft(settings: AnalyticsSettings): Draft {
  const cpm = Object.fromEntries(TIERS.map((tier) => [tier.id, { low: '', high: '' }])) as CpmDraft;
  for (const override of settings.cpm_overrides)
    cpm[override.tier] = { low: text(override.low), high: text(override.high) };
  return {
    viral_multiple: text(settings.viral_multiple),
    rising_follower_ceiling: text(settings.rising_follower_ceiling),
    currency: settings.returns.currency,
    returns: {
      product_cost: text(settings.returns.product_cost),
      shipping_cost: text(settings.returns.shipping_cost),
      click_through_percent: text(settings.returns.click_through_percent),
      conversion_percent: text(settings.returns.conversion_percent),
      average_order_value: text(settings.returns.average_order_value),
    },
    cpm,
  };
}

const ENTER_A_NUMBER = 'Enter a number.';
const ENTER_A_PERCENTAGE = 'Enter a percentage from 0 to 100.';

/** The settings to send, or the fields that are not numbers yet (checked here: JSON has no NaN). */
function toSettings(draft: Draft): { settings: AnalyticsSettings } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const number = (field: string, value: string, required = true): number | null => {
    if (value.trim() === '') {
      if (required) errors[field] = ENTER_A_NUMBER;
      return null;
    }
    const parsed = Number(value);
    if (!Number.isFinite(parsed)) errors[field] = ENTER_A_NUMBER;
    return parsed;
  };
  const viralMultiple = number('viral_multiple', draft.viral_multiple);
  const ceiling = number('rising_follower_ceiling', draft.rising_follower_ceiling);
  const returns = Object.fromEntries(
    RETURN_FIELDS.map((field) => {
      const name = `returns/${field.key}`;
      const value = number(name, draft.returns[field.key], field.required);
      if (field.percent && value !== null && !errors[name] && (value < 0 || value > 100)) {
        errors[name] = ENTER_A_PERCENTAGE;
      }
      return [field.key, value];
    }),
  ) as Record<ReturnKey, number | null>;
  const cpmOverrides: AnalyticsSettings['cpm_overrides'] = [];
  for (const tier of TIERS) {
    const { low, high } = draft.cpm[tier.id];
    if (low.trim() === '' && high.trim() === '') continue;
    const lowValue = number(`cpm/${tier.id}/low`, low);
    const highValue = number(`cpm/${tier.id}/high`, high);
    if (lowValue !== null && highValue !== null) cpmOverrides.push({ tier: tier.id, low: lowValue, high: highValue });
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    settings: {
      viral_multiple: viralMultiple ?? 0,
      rising_follower_ceiling: ceiling ?? 0,
      cpm_overrides: cpmOverrides,
      returns: {
        product_cost: returns.product_cost ?? 0,
        shipping_cost: returns.shipping_cost ?? 0,
        click_through_percent: returns.click_through_percent ?? 0,
        conversion_percent: returns.conversion_percent ?? 0,
        average_order_value: returns.average_order_value,
        currency: draft.currency.trim().toUpperCase(),
      },
    },
  };
}

/** Which field a server pointer belongs to; CPM overrides are pointed at by their place in the array sent. */
function fieldOfPointer(submitted: AnalyticsSettings | null) {
  return (segments: string[]): string | null => {
    const [head, second, third] = segments;
    if (head === 'viral_multiple' || head === 'rising_follower_ceiling') return head;
    if (head === 'returns' && second) {
      return second === 'currency' ? 'currency' : `returns/${PERCENT_FIELD_OF[second] ?? second}`;
    }
    if (head === 'cpm_overrides' && second !== undefined) {
      const tier = submitted?.cpm_overrides[Number(second)]?.tier;
      if (!tier) return null;
      return third === 'low' || third === 'high' ? `cpm/${tier}/${third}` : `cpm/${tier}/high`;
    }
    return null;
  };
}

function CpmTable({
  cpm,
  defaults,
  currency,
  errors,
  onChange,
}: {
  cpm: CpmDraft;
  defaults: DefaultCpm[];
  currency: string;
  errors: Record<string, string>;
  onChange: (tier: Tier, bound: 'low' | 'high', value: string) => void;
}) {
  const defaultOf = new Map(defaults.map((row) => [row.tier, row]));
  return (
    <WideTable>
      <Table size="sm" className="align-middle mb-1">
        <caption className="caption-top">CPM by tier, in {currency || 'your currency'} per 1,000 views</caption>
        <thead>
          <tr>
            <th scope="col">Tier</th>
            <th scope="col">Low</th>
            <th scope="col">High</th>
          </tr>
        </thead>
        <tbody>
          {TIERS.map((tier) => (
            <tr key={tier.id}>
              <th scope="row" className="fw-normal text-nowrap">
                {tier.label} <span className="small text-body-secondary">({tier.band})</span>
              </th>
              {(['low', 'high'] as const).map((bound) => {
                const error = errors[`cpm/${tier.id}/${bound}`];
                const id = `cpm-${tier.id}-${bound}`;
                return (
                  <td key={bound}>
                    <Form.Label htmlFor={id} visuallyHidden>
                      {tier.label}: {bound === 'low' ? 'lowest' : 'highest'} CPM
                    </Form.Label>
                    <Form.Control
                      id={id}
                      type="number"
                      inputMode="decimal"
                      min={0}
                      step="any"
                      size="sm"
                      placeholder={placeholderOf(defaultOf.get(tier.id), bound)}
                      value={cpm[tier.id][bound]}
                      isInvalid={Boolean(error)}
                      aria-invalid={Boolean(error)}
                      aria-describedby={error ? `${id}-error` : undefined}
                      onChange={(event) => onChange(tier.id, bound, event.target.value)}
                    />
                    {error && (
                      <Form.Control.Feedback id={`${id}-error`} type="invalid">
                        {error}
                      </Form.Control.Feedback>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </Table>
      <Form.Text muted>
        Leave a tier empty to use its default, shown in grey: published rates in US dollars. Where the default top is a
        range (such as 8–10), it grows with the creator’s followers within the tier.
      </Form.Text>
    </WideTable>
  );
}

function AnalyticsSettingsEditor({ initial }: { initial: AnalyticsSettingsAnswer }) {
  const updateMutation = useUpdateAnalyticsSettings();
  const isOwner = useIsOwner();
  const [draft, setDraft] = useState(() => toDraft(initial));
  const [submitted, setSubmitted] = useState<AnalyticsSettings | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const server = fieldErrorsFrom(updateMutation.error, submitted, fieldOfPointer(submitted));
  const errors = { ...server.byField, ...localErrors };
  const forbidden = updateMutation.error instanceof ApiProblem && updateMutation.error.status === 403;
  const change = (next: Draft) => {
    setSaved(false);
    setDraft(next);
  };

  return (
    <Form
      noValidate
      aria-label="Analytics assumptions"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        const parsed = toSettings(draft);
        if ('errors' in parsed) {
          setLocalErrors(parsed.errors);
          return;
        }
        setLocalErrors({});
        setSubmitted(parsed.settings);
        updateMutation.mutate(parsed.settings, {
          onSuccess: (stored) => {
            setDraft(toDraft(stored));
            setSaved(true);
          },
        });
      }}
    >
      {!isOwner && <OwnerOnlyNotice />}
      {forbidden ? (
        <Alert variant="danger">{FORBIDDEN_MESSAGE}</Alert>
      ) : (
        <ProblemAlert error={updateMutation.error} fieldsShownInline={server.shownInline} />
      )}
      <fieldset disabled={!isOwner}>
        <div className="row g-3">
          <div className="col-md-6">
            <TextField
              label="Viral multiple"
              type="number"
              inputMode="decimal"
              step="any"
              help="A video is viral at this many times the creator’s median views (default 5). Also the outlier test of the rising badge."
              value={draft.viral_multiple}
              onChange={(viral_multiple) => change({ ...draft, viral_multiple })}
              error={errors.viral_multiple}
            />
          </div>
          <div className="col-md-6">
            <TextField
              label="Rising follower ceiling"
              type="number"
              inputMode="numeric"
              step={1}
              help="Creators with this many followers or more are never “rising”: they have risen (default 1,000,000)."
              value={draft.rising_follower_ceiling}
              onChange={(rising_follower_ceiling) => change({ ...draft, rising_follower_ceiling })}
              error={errors.rising_follower_ceiling}
            />
          </div>
        </div>

        <h3 className="h6 mt-2">What a gifted post brings</h3>
        <p className="small text-body-secondary">
          Expected orders = expected views × click-through rate × conversion rate. Until you change them these are
          placeholders for a small consumer brand, and each creator’s page says so.
        </p>
        <div className="row g-3">
          <div className="col-sm-6 col-lg-4">
            <TextField
              label="Currency"
              help="Three-letter code, e.g. USD, EUR. Every amount, CPMs included."
              value={draft.currency}
              maxLength={3}
              autoComplete="off"
              onChange={(currency) => change({ ...draft, currency })}
              error={errors.currency}
            />
          </div>
          {RETURN_FIELDS.map((field) => (
            <div key={field.key} className="col-sm-6 col-lg-4">
              <TextField
                label={field.label}
                type="number"
                inputMode="decimal"
                step="any"
                min={0}
                max={field.percent ? 100 : undefined}
                help={field.help}
                value={draft.returns[field.key]}
                onChange={(value) => change({ ...draft, returns: { ...draft.returns, [field.key]: value } })}
                error={errors[`returns/${field.key}`]}
              />
            </div>
          ))}
        </div>

        <h3 className="h6 mt-2">Fair-price CPM</h3>
        <CpmTable
          cpm={draft.cpm}
          defaults={initial.default_cpm}
          currency={draft.currency}
          errors={errors}
          onChange={(tier, bound, value) =>
            change({ ...draft, cpm: { ...draft.cpm, [tier]: { ...draft.cpm[tier], [bound]: value } } })
          }
        />
      </fieldset>
      <div className="d-flex align-items-center gap-2 mt-3">
        <SubmitButton pending={updateMutation.isPending} disabled={!isOwner}>
          Save assumptions
        </SubmitButton>
        <span aria-live="polite" className="small text-success">
          {saved && 'Saved. Every creator’s analytics now use these assumptions.'}
        </span>
      </div>
    </Form>
  );
}

export function AnalyticsSettingsForm() {
  const settingsQuery = useAnalyticsSettings();
  if (settingsQuery.isPending) return <LoadingState label="Loading the analytics assumptions…" />;
  if (settingsQuery.isError) {
    return (
      <ErrorState
        title="Could not load the analytics assumptions."
        error={settingsQuery.error}
        onRetry={() => void settingsQuery.refetch()}
      />
    );
  }
  return <AnalyticsSettingsEditor initial={settingsQuery.data} />;
}
