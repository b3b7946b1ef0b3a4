// The campaign's creators as a table: stage and who moved them, contact, discount code, tracking
// link, shipment, posts and overdue. Editors change contact, code, fee and clicks right in the row
// (Enter saves, Escape cancels) and record shipments in a dialog.
import { useId, useState } from 'react';
import Badge from 'react-bootstrap/Badge';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import Table from 'react-bootstrap/Table';
import { Link } from 'react-router';
import { CopyButton } from '@/components/ui/CopyButton';
import { ExternalLink } from '@/components/ui/ExternalLink';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { WideTable } from '@/components/ui/WideTable';
import { paths } from '@/config/paths';
import { formatMoney } from '@/lib/analytics-format';
import { formatDateTime, formatDay, formatWhole } from '@/lib/format';
import { ENTER_A_NUMBER } from '../api/campaign-draft';
import { alertError, formFieldErrors } from '../api/conflict-field';
import type { CampaignCreator } from '../api/get-campaign-creators';
import { stageLabel } from '../api/stages';
import { useUpdateCampaignCreator, type CampaignCreatorChanges } from '../api/update-campaign-creator';
import { RemoveCampaignCreatorDialog } from './RemoveCampaignCreatorDialog';
import { ShipmentDialog } from './ShipmentDialog';

const EDITED_FIELDS = ['contact', 'discount_code', 'fee', 'clicks'] as const;
type EditedField = (typeof EDITED_FIELDS)[number];
type RowDraft = Record<EditedField, string>;

const text = (value: string | number | null | undefined) => (value == null ? '' : String(value));

function draftOf(entry: CampaignCreator): RowDraft {
  return {
    contact: entry.contact,
    discount_code: text(entry.discount_code),
    fee: text(entry.fee),
    clicks: text(entry.clicks),
  };
}

function toChanges(draft: RowDraft): { changes: CampaignCreatorChanges } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const fee = draft.fee.trim() === '' ? null : Number(draft.fee);
  const clicks = draft.clicks.trim() === '' ? null : Number(draft.clicks);
  if (fee !== null && !Number.isFinite(fee)) errors.fee = ENTER_A_NUMBER;
  if (clicks !== null && (!Number.isInteger(clicks) || clicks < 0)) errors.clicks = 'Enter a whole number.';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    changes: { contact: draft.contact.trim(), discount_code: draft.discount_code.trim() || null, fee, clicks },
  };
}

/** "by Maya", "by post detection"; nothing when the server does not know. */
function movedBy(by: string | null | undefined): string {
  return by ? ` by ${by}` : '';
}

function InlineInput({
  label,
  value,
  error,
  onChange,
  onSave,
  onCancel,
  inputMode,
}: {
  label: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
  onSave: () => void;
  onCancel: () => void;
  inputMode?: 'decimal' | 'numeric';
}) {
  const id = useId();
  return (
    <>
      <Form.Label htmlFor={id} className="visually-hidden">
        {label}
      </Form.Label>
      <Form.Control
        id={id}
        size="sm"
        value={value}
        inputMode={inputMode}
        isInvalid={Boolean(error)}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            onSave();
          } else if (event.key === 'Escape') {
            onCancel();
          }
        }}
      />
      {error && (
        <Form.Control.Feedback id={`${id}-error`} type="invalid">
          {error}
        </Form.Control.Feedback>
      )}
    </>
  );
}

type CreatorRowProps = {
  campaignId: string;
  entry: CampaignCreator;
  currency: string;
  campaignFee: number | null;
  editable: boolean;
  onShipment: (entry: CampaignCreator) => void;
  onRemove: (entry: CampaignCreator) => void;
};

function CreatorRow({ campaignId, entry, currency, campaignFee, editable, onShipment, onRemove }: CreatorRowProps) {
  const updateMutation = useUpdateCampaignCreator();
  const [draft, setDraft] = useState<RowDraft | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const handle = `@${entry.creator.handle}`;
  const serverErrors = formFieldErrors(updateMutation.error);
  const errors: Record<string, string | undefined> = { ...serverErrors, ...localErrors };
  const { shipment } = entry;

  const startEditing = () => {
    updateMutation.reset();
    setLocalErrors({});
    setDraft(draftOf(entry));
  };
  const cancel = () => {
    updateMutation.reset();
    setDraft(null);
  };
  const save = () => {
    if (!draft) return;
    const result = toChanges(draft);
    if ('errors' in result) {
      setLocalErrors(result.errors);
      return;
    }
    setLocalErrors({});
    updateMutation.mutate(
      { campaignId, entryId: entry.id, changes: result.changes },
      { onSuccess: () => setDraft(null) },
    );
  };
  const input = (field: EditedField, label: string, inputMode?: 'decimal' | 'numeric') =>
    draft && (
      <InlineInput
        label={`${label} for ${handle}`}
        value={draft[field]}
        error={errors[field]}
        inputMode={inputMode}
        onChange={(value) => setDraft({ ...draft, [field]: value })}
        onSave={save}
        onCancel={cancel}
      />
    );

  return (
    <tr>
      <th scope="row" className="fw-normal">
        <Link to={paths.creator(entry.creator.id)} className="fw-semibold text-break">
          {handle}
        </Link>
        {entry.creator.display_name && (
          <div className="small text-body-secondary text-break">{entry.creator.display_name}</div>
        )}
      </th>
      <td>
        <div>{stageLabel(entry.stage)}</div>
        <div className="small text-body-secondary" title={formatDateTime(entry.stage_changed_at)}>
          {formatDay(entry.stage_changed_at)}
          {movedBy(entry.stage_changed_by)}
        </div>
        {entry.history.length > 0 && (
          <details className="small">
            <summary>Earlier stages</summary>
            <ol className="list-unstyled mb-0" aria-label={`Earlier stages of ${handle}`}>
              {entry.history.map((change) => (
                <li key={`${change.stage}-${change.at}`} className="text-nowrap">
                  {stageLabel(change.stage)}, {formatDay(change.at)}
                  {movedBy(change.by)}
                </li>
              ))}
            </ol>
          </details>
        )}
      </td>
      <td className="text-break">
        {draft ? (
          input('contact', 'Contact')
        ) : (
          <>
            {entry.contact || <span className="text-body-secondary">—</span>}
            {entry.contact_from_bio && entry.contact && (
              <Badge bg="info" text="dark" className="ms-1" title="Found in the creator’s bio; check it before writing">
                from bio
              </Badge>
            )}
          </>
        )}
      </td>
      <td>
        {draft
          ? input('discount_code', 'Discount code')
          : (entry.discount_code && <code>{entry.discount_code}</code>) || (
              <span className="text-body-secondary">—</span>
            )}
      </td>
      <td>
        {entry.utm_link ? (
          <div className="d-flex align-items-center gap-1">
            <span className="utm-link text-truncate small font-monospace" title={entry.utm_link}>
              {entry.utm_link}
            </span>
            <CopyButton text={entry.utm_link} label={`UTM link for ${handle}`} />
          </div>
        ) : (
          <span className="small text-body-secondary">Set a landing page</span>
        )}
      </td>
      <td className="small">
        {shipment ? (
          <>
            <div className="text-nowrap">
              Shipped {formatDay(shipment.shipped_on)} · {shipment.units} {shipment.units === 1 ? 'unit' : 'units'}
            </div>
            {shipment.carrier && <div>{shipment.carrier}</div>}
            {shipment.tracking_url && <ExternalLink href={shipment.tracking_url}>Track</ExternalLink>}
            <div className="text-nowrap">
              {shipment.delivered_on ? `Delivered ${formatDay(shipment.delivered_on)}` : 'Not delivered yet'}
            </div>
          </>
        ) : (
          <span className="text-body-secondary">Not shipped</span>
        )}
        {editable && (
          <div>
            <Button
              variant="link"
              size="sm"
              className="p-0"
              onClick={() => onShipment(entry)}
              aria-label={`${shipment ? 'Edit the shipment' : 'Record a shipment'} to ${handle}`}
            >
              {shipment ? 'Edit shipment' : 'Record shipment'}
            </Button>
          </div>
        )}
      </td>
      <td className="text-end">
        {formatWhole(entry.posts)}
        {entry.first_post_at && (
          <div className="small text-body-secondary text-nowrap">first {formatDay(entry.first_post_at)}</div>
        )}
      </td>
      <td>{entry.overdue ? <Badge bg="danger">Overdue</Badge> : <span className="text-body-secondary">No</span>}</td>
      <td className="text-end text-nowrap">
        {draft ? (
          input('fee', 'Fee', 'decimal')
        ) : entry.fee != null ? (
          formatMoney(entry.fee, currency)
        ) : campaignFee != null ? (
          <span className="text-body-secondary" title="The campaign’s fee per creator">
            {formatMoney(campaignFee, currency)}
          </span>
        ) : (
          <span className="text-body-secondary">—</span>
        )}
      </td>
      <td className="text-end">
        {draft ? (
          input('clicks', 'Clicks', 'numeric')
        ) : entry.clicks != null ? (
          formatWhole(entry.clicks)
        ) : (
          <span className="text-body-secondary">—</span>
        )}
      </td>
      {editable && (
        <td>
          {draft ? (
            <div className="d-flex flex-column gap-1">
              <div className="d-flex gap-1">
                <Button size="sm" onClick={save} disabled={updateMutation.isPending} aria-label={`Save ${handle}`}>
                  Save
                </Button>
                <Button size="sm" variant="outline-secondary" onClick={cancel} aria-label={`Cancel editing ${handle}`}>
                  Cancel
                </Button>
              </div>
              <ProblemAlert error={alertError(updateMutation.error)} fieldsShownInline={EDITED_FIELDS} />
            </div>
          ) : (
            <div className="d-flex gap-1">
              <Button
                size="sm"
                variant="outline-secondary"
                onClick={startEditing}
                aria-label={`Edit contact, code, fee and clicks of ${handle}`}
              >
                Edit
              </Button>
              <Button
                size="sm"
                variant="outline-danger"
                onClick={() => onRemove(entry)}
                aria-label={`Remove ${handle} from this campaign`}
              >
                Remove
              </Button>
            </div>
          )}
        </td>
      )}
    </tr>
  );
}

type CreatorsTableProps = {
  campaignId: string;
  entries: CampaignCreator[];
  currency: string;
  campaignFee: number | null;
  editable: boolean;
};

export function CreatorsTable({ campaignId, entries, currency, campaignFee, editable }: CreatorsTableProps) {
  const [shipping, setShipping] = useState<CampaignCreator | null>(null);
  const [removing, setRemoving] = useState<CampaignCreator | null>(null);
  const sorted = [...entries].sort((a, b) => a.creator.handle.localeCompare(b.creator.handle));
  return (
    <>
      <WideTable>
        <Table size="sm" className="align-middle campaign-creators-table mb-0">
          <caption className="caption-top">Creators in this campaign, by handle</caption>
          <thead>
            <tr>
              <th scope="col">Creator</th>
              <th scope="col">Stage</th>
              <th scope="col">Contact</th>
              <th scope="col">Discount code</th>
              <th scope="col">UTM link</th>
              <th scope="col">Shipment</th>
              <th scope="col" className="text-end">
                Posts
              </th>
              <th scope="col">Overdue</th>
              <th scope="col" className="text-end">
                Fee
              </th>
              <th scope="col" className="text-end">
                Clicks
              </th>
              {editable && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {sorted.map((entry) => (
              <CreatorRow
                key={entry.id}
                campaignId={campaignId}
                entry={entry}
                currency={currency}
                campaignFee={campaignFee}
                editable={editable}
                onShipment={setShipping}
                onRemove={setRemoving}
              />
            ))}
          </tbody>
        </Table>
      </WideTable>
      <ShipmentDialog
        key={shipping?.id ?? 'none'}
        campaignId={campaignId}
        entry={shipping}
        onClose={() => setShipping(null)}
      />
      <RemoveCampaignCreatorDialog campaignId={campaignId} entry={removing} onClose={() => setRemoving(null)} />
    </>
  );
}
