// Records or corrects a creator's shipment: when it went out, how many units, what it cost, the
// carrier and tracking link, and when it arrived (which starts the overdue clock).
import { useState } from 'react';
import { FormDialog } from '@/components/ui/FormDialog';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { TextField } from '@/components/ui/TextField';
import { ApiProblem } from '@/lib/api/problem';
import { ENTER_A_NUMBER, isoDay } from '../api/campaign-draft';
import type { CampaignCreator, Shipment } from '../api/get-campaign-creators';
import { useSetShipment } from '../api/set-shipment';

const FIELDS = ['shipped_on', 'units', 'cost', 'carrier', 'tracking_url', 'delivered_on'] as const;

type ShipmentDraft = Record<(typeof FIELDS)[number], string>;

function draftOf(shipment: Shipment | null): ShipmentDraft {
  const text = (value: string | number | null | undefined) => (value == null ? '' : String(value));
  return {
    shipped_on: shipment?.shipped_on ?? isoDay(new Date()),
    units: text(shipment?.units ?? 1),
    cost: text(shipment?.cost),
    carrier: text(shipment?.carrier),
    tracking_url: text(shipment?.tracking_url),
    delivered_on: text(shipment?.delivered_on),
  };
}

function toShipment(draft: ShipmentDraft): { shipment: Shipment } | { errors: Record<string, string> } {
  const units = Number(draft.units);
  const cost = draft.cost.trim() === '' ? null : Number(draft.cost);
  const errors: Record<string, string> = {};
  if (!Number.isInteger(units) || units < 1) errors.units = 'Enter a whole number of at least 1.';
  if (cost !== null && !Number.isFinite(cost)) errors.cost = ENTER_A_NUMBER;
  if (Object.keys(errors).length > 0) return { errors };
  return {
    shipment: {
      shipped_on: draft.shipped_on,
      units,
      cost,
      carrier: draft.carrier.trim() || null,
      tracking_url: draft.tracking_url.trim() || null,
      delivered_on: draft.delivered_on || null,
    },
  };
}

type ShipmentDialogProps = { campaignId: string; entry: CampaignCreator | null; onClose: () => void };

export function ShipmentDialog({ campaignId, entry, onClose }: ShipmentDialogProps) {
  const shipmentMutation = useSetShipment();
  const [draft, setDraft] = useState(() => draftOf(entry?.shipment ?? null));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const serverErrors = shipmentMutation.error instanceof ApiProblem ? shipmentMutation.error.fieldErrors() : {};
  const errors = { ...serverErrors, ...localErrors };
  const set = (field: keyof ShipmentDraft) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));

  const close = () => {
    shipmentMutation.reset();
    onClose();
  };
  const submit = () => {
    if (!entry) return;
    const result = toShipment(draft);
    if ('errors' in result) {
      setLocalErrors(result.errors);
      return;
    }
    setLocalErrors({});
    shipmentMutation.mutate({ campaignId, entryId: entry.id, shipment: result.shipment }, { onSuccess: close });
  };

  return (
    <FormDialog
      show={entry !== null}
      title={entry ? `Shipment to @${entry.creator.handle}` : 'Shipment'}
      submitLabel="Save shipment"
      pending={shipmentMutation.isPending}
      onCancel={close}
      onSubmit={submit}
    >
      <ProblemAlert error={shipmentMutation.error} fieldsShownInline={FIELDS} />
      <div className="row g-3 mb-3">
        <TextField
          className="col-sm-6"
          label="Shipped on"
          type="date"
          required
          value={draft.shipped_on}
          onChange={set('shipped_on')}
          error={errors.shipped_on}
        />
        <TextField
          className="col-sm-6"
          label="Delivered on (optional)"
          type="date"
          value={draft.delivered_on}
          onChange={set('delivered_on')}
          error={errors.delivered_on}
          help="The overdue clock starts here (or at shipping, until it is known)."
        />
        <TextField
          className="col-sm-6"
          label="Units"
          type="number"
          min={1}
          required
          value={draft.units}
          onChange={set('units')}
          error={errors.units}
        />
        <TextField
          className="col-sm-6"
          label="Shipping cost (optional)"
          inputMode="decimal"
          value={draft.cost}
          onChange={set('cost')}
          error={errors.cost}
          help="Empty: the campaign’s shipping cost."
        />
        <TextField
          className="col-sm-6"
          label="Carrier (optional)"
          value={draft.carrier}
          onChange={set('carrier')}
          error={errors.carrier}
        />
        <TextField
          className="col-sm-6"
          label="Tracking link (optional)"
          type="url"
          value={draft.tracking_url}
          onChange={set('tracking_url')}
          error={errors.tracking_url}
        />
      </div>
    </FormDialog>
  );
}
