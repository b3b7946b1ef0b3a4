// Settings → Alerts → Alert rules: which events the workspace records (each type explained), about
// the creators of which lists and campaigns (all, or only those ticked), and at which thresholds.
// Owners and editors change them; viewers read them.
import { useId, useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Form from 'react-bootstrap/Form';
import { ErrorState } from '@/components/ui/ErrorState';
import { LoadingState } from '@/components/ui/LoadingState';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { SubmitButton } from '@/components/ui/SubmitButton';
import { TextField } from '@/components/ui/TextField';
import { fieldErrorsFrom } from '@/lib/api/field-errors';
import { ApiProblem } from '@/lib/api/problem';
import { useCanEdit } from '@/lib/auth/roles';
import { EVENT_TYPES } from '@/lib/event-types';
import {
  draftFromRules,
  rulesFromDraft,
  type AlertRulesDraft,
  type DraftErrors,
  type Scope,
} from '../api/alert-rules-draft';
import { useAlertRules, type AlertRules } from '../api/get-alert-rules';
import { useUpdateAlertRules } from '../api/update-alert-rules';

/** A list or campaign the rules may name. */
export type ScopeOption = { id: string; name: string };

const FIELDS = [
  'events',
  'list_ids',
  'campaign_ids',
  'viral_multiple',
  'viral_min_views',
  'milestones',
  'dormant_days',
] as const;

const FORBIDDEN_MESSAGE =
  'Only the workspace’s owners and editors can change the alert rules, and your role does not allow it.';

type ScopeChoiceProps = {
  name: string;
  legend: string;
  /** "Every list", "Only these lists". */
  allLabel: string;
  someLabel: string;
  help: string;
  /** Undefined while they load. */
  options: ScopeOption[] | undefined;
  scope: Scope;
  onChange: (scope: Scope) => void;
  error: string | undefined;
};

function ScopeChoice({ name, legend, allLabel, someLabel, help, options, scope, onChange, error }: ScopeChoiceProps) {
  const helpId = useId();
  const errorId = useId();
  return (
    <fieldset className="mb-3" aria-describedby={[helpId, error ? errorId : ''].join(' ').trim()}>
      <legend className="fs-6 mb-1">{legend}</legend>
      <Form.Check
        type="radio"
        id={`${name}-all`}
        name={name}
        label={allLabel}
        checked={scope.all}
        onChange={() => onChange({ ...scope, all: true })}
      />
      <Form.Check
        type="radio"
        id={`${name}-some`}
        name={name}
        label={someLabel}
        checked={!scope.all}
        onChange={() => onChange({ ...scope, all: false })}
      />
      {!scope.all && (
        <div className="ms-4 mt-1">
          {options === undefined && <span className="small text-body-secondary">Loading…</span>}
          {options?.length === 0 && <span className="small text-body-secondary">There are none yet.</span>}
          {options?.map((option) => (
            <Form.Check
              key={option.id}
              type="checkbox"
              id={`${name}-${option.id}`}
              label={option.name}
              isInvalid={Boolean(error)}
              checked={scope.ids.includes(option.id)}
              onChange={(event) =>
                onChange({
                  ...scope,
                  ids: event.target.checked ? [...scope.ids, option.id] : scope.ids.filter((id) => id !== option.id),
                })
              }
            />
          ))}
        </div>
      )}
      <Form.Text id={helpId} muted>
        {help}
      </Form.Text>
      {error && (
        <div id={errorId} className="invalid-feedback d-block">
          {error}
        </div>
      )}
    </fieldset>
  );
}

type EditorProps = { initial: AlertRules; lists: ScopeOption[] | undefined; campaigns: ScopeOption[] | undefined };

function AlertRulesEditor({ initial, lists, campaigns }: EditorProps) {
  const updateMutation = useUpdateAlertRules();
  const canEdit = useCanEdit();
  const [draft, setDraft] = useState(() => draftFromRules(initial));
  const [localErrors, setLocalErrors] = useState<DraftErrors>({});
  const [submitted, setSubmitted] = useState<AlertRules | null>(null);
  const [saved, setSaved] = useState(false);
  const server = fieldErrorsFrom(updateMutation.error, submitted, (segments) => {
    const field = segments[0];
    return FIELDS.find((candidate) => candidate === field) ?? null;
  });
  const errors: DraftErrors = { ...server.byField, ...localErrors };
  const forbidden = updateMutation.error instanceof ApiProblem && updateMutation.error.status === 403;
  const change = (changes: Partial<AlertRulesDraft>) => {
    setSaved(false);
    setDraft({ ...draft, ...changes });
  };
  const eventsErrorId = useId();

  return (
    <Form
      noValidate
      aria-label="Alert rules"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        const parsed = rulesFromDraft(draft);
        if ('errors' in parsed) {
          setLocalErrors(parsed.errors);
          updateMutation.reset();
          return;
        }
        setLocalErrors({});
        setSubmitted(parsed.rules);
        updateMutation.mutate(parsed.rules, {
          onSuccess: (stored) => {
            setDraft(draftFromRules(stored));
            setSaved(true);
          },
        });
      }}
    >
      {!canEdit && (
        <Alert variant="info" className="small">
          Only the workspace’s owners and editors can change the alert rules. You can read them.
        </Alert>
      )}
      {forbidden ? (
        <Alert variant="danger">{FORBIDDEN_MESSAGE}</Alert>
      ) : (
        <ProblemAlert error={updateMutation.error} fieldsShownInline={server.shownInline} />
      )}
      <fieldset disabled={!canEdit}>
        <fieldset className="mb-3" aria-describedby={errors.events ? eventsErrorId : undefined}>
          <legend className="h6">What to record</legend>
          <div className="row row-cols-1 row-cols-md-2 g-2">
            {EVENT_TYPES.map((type) => (
              <div key={type.id} className="col">
                <Form.Check
                  type="checkbox"
                  id={`alert-event-${type.id}`}
                  isInvalid={Boolean(errors.events)}
                  checked={draft.events.includes(type.id)}
                  onChange={(event) =>
                    change({
                      events: event.target.checked
                        ? [...draft.events, type.id]
                        : draft.events.filter((id) => id !== type.id),
                    })
                  }
                  label={
                    <>
                      <span aria-hidden="true">{type.icon}</span> {type.label}
                      <span className="d-block small text-body-secondary">{type.description}</span>
                    </>
                  }
                />
              </div>
            ))}
          </div>
          <Form.Text muted>
            Webhooks and e-mail digests only carry the types recorded here. None ticked records nothing.
          </Form.Text>
          {errors.events && (
            <div id={eventsErrorId} className="invalid-feedback d-block">
              {errors.events}
            </div>
          )}
        </fieldset>

        <h3 className="h6">About which creators</h3>
        <div className="row g-3">
          <div className="col-md-6">
            <ScopeChoice
              name="alert-lists"
              legend="Lists"
              allLabel="Creators in every list"
              someLabel="Only creators in these lists"
              help="Creators in the campaigns chosen beside count too."
              options={lists}
              scope={draft.lists}
              onChange={(lists) => change({ lists })}
              error={errors.list_ids}
            />
          </div>
          <div className="col-md-6">
            <ScopeChoice
              name="alert-campaigns"
              legend="Campaigns"
              allLabel="Every campaign"
              someLabel="Only these campaigns"
              help="Campaign posts and overdue creators of these campaigns, and news of their creators."
              options={campaigns}
              scope={draft.campaigns}
              onChange={(campaigns) => change({ campaigns })}
              error={errors.campaign_ids}
            />
          </div>
        </div>

        <h3 className="h6">Thresholds</h3>
        <div className="row g-3">
          <div className="col-sm-6 col-lg-4">
            <TextField
              label="Viral multiple"
              type="number"
              inputMode="decimal"
              step="any"
              placeholder="From the analytics assumptions"
              help="A video is viral at this many times its creator’s median views. Empty: the viral multiple of the analytics assumptions."
              value={draft.viral_multiple}
              onChange={(viral_multiple) => change({ viral_multiple })}
              error={errors.viral_multiple}
            />
          </div>
          <div className="col-sm-6 col-lg-4">
            <TextField
              label="Minimum views for a viral video"
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              help="Below this a video is never called viral, whatever its multiple."
              value={draft.viral_min_views}
              onChange={(viral_min_views) => change({ viral_min_views })}
              error={errors.viral_min_views}
            />
          </div>
          <div className="col-sm-6 col-lg-4">
            <TextField
              label="Dormant after (days)"
              type="number"
              inputMode="numeric"
              min={7}
              max={365}
              step={1}
              help="Days without a new video before a creator counts as dormant: 7 to 365."
              value={draft.dormant_days}
              onChange={(dormant_days) => change({ dormant_days })}
              error={errors.dormant_days}
            />
          </div>
        </div>
        <TextField
          label="Follower milestones"
          help="Follower counts worth an alert, separated by commas: 10K, 50K, 1M or 10000, 50000."
          value={draft.milestones}
          onChange={(milestones) => change({ milestones })}
          error={errors.milestones}
          autoComplete="off"
          spellCheck={false}
        />
      </fieldset>
      <div className="d-flex flex-wrap align-items-center gap-2">
        <SubmitButton pending={updateMutation.isPending} disabled={!canEdit}>
          Save alert rules
        </SubmitButton>
        <span aria-live="polite" className="small text-success">
          {saved && 'Saved. New events follow these rules.'}
        </span>
      </div>
    </Form>
  );
}

type AlertRulesFormProps = {
  /** The workspace's lists and campaigns to choose from; undefined while they load. */
  lists: ScopeOption[] | undefined;
  campaigns: ScopeOption[] | undefined;
};

export function AlertRulesForm({ lists, campaigns }: AlertRulesFormProps) {
  const rulesQuery = useAlertRules();
  if (rulesQuery.isPending) return <LoadingState label="Loading the alert rules…" />;
  if (rulesQuery.isError) {
    return (
      <ErrorState
        title="Could not load the alert rules."
        error={rulesQuery.error}
        onRetry={() => void rulesQuery.refetch()}
      />
    );
  }
  return <AlertRulesEditor initial={rulesQuery.data} lists={lists} campaigns={campaigns} />;
}
