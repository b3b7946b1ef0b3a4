// The form behind "New campaign" and "Edit": the campaign's name and dates, the product sent and what
// it costs, the creator's fee, when a creator counts as overdue, the shop page for tracking links, and
// the rules that find the creators' posts. The server's objections show beside their fields.
import { useState } from 'react';
import Form from 'react-bootstrap/Form';
import { FormDialog } from '@/components/ui/FormDialog';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { TextField } from '@/components/ui/TextField';
import { fieldErrorsFrom } from '@/lib/api/field-errors';
import { draftToInput, fieldOfPointer, type CampaignDraft, type RuleKind } from '../api/campaign-draft';
import { alertError, conflictField } from '../api/conflict-field';
import type { CampaignInput } from '../api/create-campaign';

type CampaignFormDialogProps = {
  show: boolean;
  title: string;
  submitLabel: string;
  initial: CampaignDraft;
  pending: boolean;
  error: unknown;
  onSubmit: (input: CampaignInput) => void;
  onCancel: () => void;
};

const RULE_FIELDS: readonly { kind: RuleKind; label: string; help: string; placeholder: string }[] = [
  {
    kind: 'hashtags',
    label: 'Hashtags',
    help: 'A post uses one of these hashtags, in any case, with or without #. At least 3 characters each; separate them with commas.',
    placeholder: 'sunnyco, sunnycopartner',
  },
  {
    kind: 'keywords',
    label: 'Keywords and phrases',
    help: 'The caption contains one of these words or phrases as whole words, ignoring case and accents. At least 3 characters each; separate them with commas.',
    placeholder: 'sunny co, gifted by sunny',
  },
  {
    kind: 'link_domains',
    label: 'Link domains',
    help: 'The caption links to one of these domains or any of their subdomains. Separate them with commas.',
    placeholder: 'sunny.example, shop.sunny.example',
  },
  {
    kind: 'code_patterns',
    label: 'Discount-code patterns',
    help: 'The caption mentions a discount code like these: letters, digits, - and _, where * stands for any run of them, with at least 3 other characters. SUNNY* matches SUNNY10 and SUNNYMAYA.',
    placeholder: 'SUNNY*',
  },
];

export function CampaignFormDialog({
  show,
  title,
  submitLabel,
  initial,
  pending,
  error,
  onSubmit,
  onCancel,
}: CampaignFormDialogProps) {
  const [draft, setDraft] = useState(initial);
  // What was last sent, to name the entry of a list a server message points at.
  const [submitted, setSubmitted] = useState<CampaignInput | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const { byField: serverErrors, shownInline } = fieldErrorsFrom(error, submitted, fieldOfPointer);
  // A taken name names no field, but it is the name that has to change.
  const conflict = conflictField(error);
  const errors = { ...serverErrors, ...(conflict ? { [conflict.field]: conflict.message } : {}), ...localErrors };

  const set = (changes: Partial<CampaignDraft>) => setDraft((current) => ({ ...current, ...changes }));
  const setProduct = (changes: Partial<CampaignDraft['product']>) =>
    setDraft((current) => ({ ...current, product: { ...current.product, ...changes } }));
  const setRule = (kind: RuleKind, text: string) =>
    setDraft((current) => ({ ...current, rules: { ...current.rules, [kind]: text } }));

  const submit = () => {
    const result = draftToInput(draft);
    if ('errors' in result) {
      setLocalErrors(result.errors);
      return;
    }
    setLocalErrors({});
    setSubmitted(result.input);
    onSubmit(result.input);
  };

  return (
    <FormDialog
      show={show}
      size="lg"
      title={title}
      submitLabel={submitLabel}
      pending={pending}
      onCancel={onCancel}
      onSubmit={submit}
    >
      <ProblemAlert error={alertError(error)} fieldsShownInline={shownInline} />
      <TextField
        label="Name"
        name="name"
        required
        maxLength={100}
        autoFocus
        value={draft.name}
        onChange={(name) => set({ name })}
        error={errors.name}
      />
      <div className="row g-3 mb-3">
        <TextField
          className="col-sm-6"
          label="Starts on"
          type="date"
          required
          value={draft.starts_on}
          onChange={(startsOn) => set({ starts_on: startsOn })}
          error={errors.starts_on}
        />
        <TextField
          className="col-sm-6"
          label="Ends on"
          type="date"
          required
          value={draft.ends_on}
          onChange={(endsOn) => set({ ends_on: endsOn })}
          error={errors.ends_on}
          help="Posts are looked for between these days; the status (planned, running, finished) follows them."
        />
      </div>

      <fieldset className="mb-3">
        <legend className="h6">Product sent to each creator</legend>
        <TextField
          label="Product name"
          required
          value={draft.product.name}
          onChange={(name) => setProduct({ name })}
          error={errors['product.name']}
        />
        <div className="row g-3">
          <TextField
            className="col-6 col-md-3"
            label="Unit cost"
            inputMode="decimal"
            required
            value={draft.product.unit_cost}
            onChange={(unitCost) => setProduct({ unit_cost: unitCost })}
            error={errors['product.unit_cost']}
            help="What one costs you."
          />
          <TextField
            className="col-6 col-md-3"
            label="Shipping cost"
            inputMode="decimal"
            required
            value={draft.product.shipping_cost}
            onChange={(shippingCost) => setProduct({ shipping_cost: shippingCost })}
            error={errors['product.shipping_cost']}
            help="Per shipment."
          />
          <TextField
            className="col-6 col-md-3"
            label="Retail value"
            inputMode="decimal"
            required
            value={draft.product.retail_value}
            onChange={(retailValue) => setProduct({ retail_value: retailValue })}
            error={errors['product.retail_value']}
            help="Its shop price."
          />
          <TextField
            className="col-6 col-md-3"
            label="Currency"
            required
            maxLength={3}
            autoCapitalize="characters"
            value={draft.product.currency}
            onChange={(currency) => setProduct({ currency: currency.toUpperCase() })}
            error={errors['product.currency']}
            help="Three letters, e.g. USD."
          />
        </div>
      </fieldset>

      <div className="row g-3 mb-3">
        <TextField
          className="col-sm-6"
          label="Fee per creator (optional)"
          inputMode="decimal"
          value={draft.fee}
          onChange={(fee) => set({ fee })}
          error={errors.fee}
          help="Paid to each creator on top of the product. A creator’s own fee can be set in the table."
        />
        <TextField
          className="col-sm-6"
          label="Overdue after (days)"
          type="number"
          min={1}
          max={180}
          required
          value={draft.overdue_days}
          onChange={(overdueDays) => set({ overdue_days: overdueDays })}
          error={errors.overdue_days}
          help="A creator who got the product this many days ago and has not posted is marked overdue."
        />
      </div>
      <TextField
        label="Landing page (optional)"
        type="url"
        placeholder="https://shop.example.com/products/…"
        value={draft.landing_url}
        onChange={(landingUrl) => set({ landing_url: landingUrl })}
        error={errors.landing_url}
        help="Your shop page for the product. Each creator gets a link to it with UTM parameters, so orders can be credited to them."
      />

      <fieldset>
        <legend className="h6 mb-1">Detection rules</legend>
        <Form.Text as="p" muted className="mt-0">
          zzyzx checks the caption of every new video of the campaign’s creators between the start and end dates. A
          video that matches any one rule counts as a campaign post, and the post says which rule matched.
        </Form.Text>
        <TextField
          label="Brand handle"
          placeholder="sunnyco"
          value={draft.brand_handle}
          onChange={(brandHandle) => set({ brand_handle: brandHandle })}
          error={errors['rules.brand_handle']}
          help="The caption @mentions your TikTok account."
        />
        {RULE_FIELDS.map((field) => (
          <TextField
            key={field.kind}
            label={field.label}
            placeholder={field.placeholder}
            value={draft.rules[field.kind]}
            onChange={(text) => setRule(field.kind, text)}
            error={errors[`rules.${field.kind}`]}
            help={field.help}
          />
        ))}
      </fieldset>
    </FormDialog>
  );
}
