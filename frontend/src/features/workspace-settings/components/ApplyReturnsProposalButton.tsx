// "Use these values": puts the rates a campaign measured into the analytics assumptions (owners
// only), then says what changed; a refusal is explained in place.
import Button from 'react-bootstrap/Button';
import Spinner from 'react-bootstrap/Spinner';
import { describeError, hasCode } from '@/lib/api/problem';
import { useApplyReturnsProposal, type ReturnsProposal } from '../api/apply-returns-proposal';
import { FORBIDDEN_MESSAGE } from './owner-only';

type ApplyReturnsProposalButtonProps = {
  proposal: ReturnsProposal;
  /** Nothing to propose (every proposed value is missing). */
  disabled?: boolean;
};

export function ApplyReturnsProposalButton({ proposal, disabled = false }: ApplyReturnsProposalButtonProps) {
  const applyMutation = useApplyReturnsProposal();
  const skippedFor = applyMutation.data?.orderValueSkippedFor;
  return (
    <div>
      <Button
        variant="outline-primary"
        disabled={disabled || applyMutation.isPending}
        onClick={() => applyMutation.mutate(proposal)}
      >
        {applyMutation.isPending && (
          <Spinner as="span" animation="border" size="sm" className="me-2" aria-hidden="true" />
        )}
        Use these values
      </Button>
      <div aria-live="polite" className="small mt-1">
        {applyMutation.isSuccess && (
          <span className="text-success">
            Saved in Settings → Analytics assumptions. Every creator’s estimates now use them.
            {skippedFor &&
              ` The average order value was not saved: your settings are in ${skippedFor}, this campaign in ${proposal.currency}.`}
          </span>
        )}
        {applyMutation.isError && (
          <span className="text-danger">
            Could not save:{' '}
            {hasCode(applyMutation.error, 'forbidden') ? FORBIDDEN_MESSAGE : describeError(applyMutation.error)}
          </span>
        )}
      </div>
    </div>
  );
}
