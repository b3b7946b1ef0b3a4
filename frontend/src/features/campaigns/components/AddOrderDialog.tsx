// Records one order by hand: which creator it is credited to, the shop's order number, the day, the
// amount and its currency.
import { useState } from 'react';
import Form from 'react-bootstrap/Form';
import { FormDialog } from '@/components/ui/FormDialog';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { TextField } from '@/components/ui/TextField';
import { useAddOrder } from '../api/add-order';
import { ENTER_A_NUMBER, isoDay } from '../api/campaign-draft';
import { alertError, formFieldErrors } from '../api/conflict-field';
import type { CampaignCreator } from '../api/get-campaign-creators';

const FIELDS = ['entry_id', 'order_id', 'ordered_at', 'amount', 'currency'] as const;

type AddOrderDialogProps = {
  campaignId: string;
  show: boolean;
  entries: CampaignCreator[];
  currency: string;
  onClose: () => void;
};

export function AddOrderDialog({ campaignId, show, entries, currency, onClose }: AddOrderDialogProps) {
  const addMutation = useAddOrder();
  const [draft, setDraft] = useState({
    entry_id: '',
    order_id: '',
    ordered_at: isoDay(new Date()),
    amount: '',
    currency,
  });
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const serverErrors = formFieldErrors(addMutation.error);
  const errors = { ...serverErrors, ...localErrors };
  const set = (field: keyof typeof draft) => (value: string) => setDraft((current) => ({ ...current, [field]: value }));
  const sorted = [...entries].sort((a, b) => a.creator.handle.localeCompare(b.creator.handle));

  const close = () => {
    addMutation.reset();
    onClose();
  };
  const submit = () => {
    const amount = Number(draft.amount);
    const problems: Record<string, string> = {};
    if (!draft.entry_id) problems.entry_id = 'Choose the creator the order is credited to.';
    if (draft.amount.trim() === '' || !Number.isFinite(amount)) problems.amount = ENTER_A_NUMBER;
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) return;
    addMutation.mutate(
      {
        campaignId,
        order: {
          entry_id: draft.entry_id,
          order_id: draft.order_id.trim(),
          ordered_at: draft.ordered_at,
          amount,
          currency: draft.currency.trim().toUpperCase(),
        },
      },
      { onSuccess: close },
    );
  };

  return (
    <FormDialog
      show={show}
      title="Add an order"
      submitLabel="Add order"
      pending={addMutation.isPending}
      onCancel={close}
      onSubmit={submit}
    >
      <ProblemAlert error={alertError(addMutation.error)} fieldsShownInline={FIELDS} />
      <Form.Group controlId="add-order-creator" className="mb-3">
        <Form.Label>Creator</Form.Label>
        <Form.Select
          value={draft.entry_id}
          onChange={(event) => set('entry_id')(event.target.value)}
          isInvalid={Boolean(errors.entry_id)}
          aria-describedby={errors.entry_id ? 'add-order-creator-error' : undefined}
        >
          <option value="">Choose a creator</option>
          {sorted.map((entry) => (
            <option key={entry.id} value={entry.id}>
              @{entry.creator.handle}
            </option>
          ))}
        </Form.Select>
        {errors.entry_id && (
          <Form.Control.Feedback id="add-order-creator-error" type="invalid">
            {errors.entry_id}
          </Form.Control.Feedback>
        )}
      </Form.Group>
      <div className="row g-3">
        <TextField
          className="col-sm-6"
          label="Order number"
          required
          value={draft.order_id}
          onChange={set('order_id')}
          error={errors.order_id}
          help="As your shop numbers it; the same number is never counted twice."
        />
        <TextField
          className="col-sm-6"
          label="Ordered on"
          type="date"
          required
          value={draft.ordered_at}
          onChange={set('ordered_at')}
          error={errors.ordered_at}
        />
        <TextField
          className="col-8"
          label="Amount"
          inputMode="decimal"
          required
          value={draft.amount}
          onChange={set('amount')}
          error={errors.amount}
        />
        <TextField
          className="col-4"
          label="Currency"
          required
          maxLength={3}
          value={draft.currency}
          onChange={(value) => set('currency')(value.toUpperCase())}
          error={errors.currency}
        />
      </div>
    </FormDialog>
  );
}
